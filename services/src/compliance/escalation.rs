//! The escalation task: every [`CHECK_EVERY`], each inspection with an unverified
//! corrective action past its due date is asked to escalate as at now; the inspection
//! decides which actions reach a new level (once per level), so running it again, or in
//! two processes at once, escalates nothing twice.

use std::time::Duration;

use chrono::Utc;
use constructos_commands::compliance::ComplianceCommands;
use constructos_commands::CommandContext;
use constructos_domain::access::Role;
use constructos_infra::auth::Caller;
use constructos_projections::compliance::ComplianceQueries;
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;

/// How often overdue actions are looked for.
pub const CHECK_EVERY: Duration = Duration::from_secs(60);

fn system() -> CommandContext {
    CommandContext::new(
        Caller {
            subject: "system:compliance.escalation".to_string(),
            object_id: None,
            tenant_id: None,
            name: Some("Corrective action escalation".to_string()),
            username: None,
            roles: vec![Role::Admin],
        },
        uuid::Uuid::new_v4().to_string(),
    )
}

/// One pass: escalates what is overdue now; answers how many inspections were asked.
pub async fn escalate_overdue(
    commands: &ComplianceCommands,
    queries: &ComplianceQueries,
) -> anyhow::Result<usize> {
    let now = Utc::now();
    let due = queries.with_overdue_actions(now.date_naive()).await?;
    for id in &due {
        if let Err(e) = commands.escalate(&system(), id, now).await {
            tracing::warn!(inspection = %id, error = %e, "escalation failed; retrying next pass");
        }
    }
    Ok(due.len())
}

/// Runs [`escalate_overdue`] until shutdown.
pub async fn run(pool: PgPool, shutdown: CancellationToken) -> anyhow::Result<()> {
    let commands = ComplianceCommands::new(pool.clone());
    let queries = ComplianceQueries::new(pool);
    loop {
        if let Err(e) = escalate_overdue(&commands, &queries).await {
            tracing::error!(error = ?e, "corrective action escalation failed; retrying later");
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(CHECK_EVERY) => {}
        }
    }
    Ok(())
}
