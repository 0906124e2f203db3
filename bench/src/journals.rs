//! Balanced journals for the append section, posted through `FinanceCommands` as a
//! Finance_User would.

use chrono::NaiveDate;
use constructos::seed;
use constructos_commands::finance::{FinanceCommands, PostJournalInput};
use constructos_commands::CommandContext;
use constructos_domain::access::Role;
use constructos_domain::finance::{FinancialCalendar, JournalLine, JournalSource, Rand, Side};
use constructos_domain::orders::PROJECT_AGGREGATE;
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use constructos_projections::apply_message;
use constructos_projections::finance::ProjectFactsProjection;
use sqlx::PgPool;

use crate::caller;

fn line(code: &str, side: Side, cents: i64) -> JournalLine {
    JournalLine {
        account_code: code.to_string(),
        side,
        amount: Rand::cents(cents),
        project_id: Some("PRJ-BENCH".to_string()),
        cost_code: Some("CC-100".to_string()),
        site_id: None,
    }
}

/// Tells finance's copy of orders' projects about the bench project, as orders' topic
/// would (a `ProjectCreated` applied by finance's own projection): journals may only
/// name projects finance knows.
async fn know_bench_project(pool: &PgPool) -> anyhow::Result<()> {
    let event = CloudEvent::from_stored(
        "orders",
        StoredEvent {
            event_id: uuid::Uuid::new_v4(),
            aggregate_type: PROJECT_AGGREGATE.to_string(),
            aggregate_id: "PRJ-BENCH".to_string(),
            sequence: 1,
            event_type: "ProjectCreated".to_string(),
            event_version: "1".to_string(),
            payload: serde_json::json!({ "ProjectCreated": {
                "code": "PRJ-BENCH", "name": "Bench project", "customer_account_id": null,
                "site_id": "SITE-BENCH", "site_name": "Bench site", "starts_on": null
            }}),
            metadata: serde_json::json!({ "subject": "bench" }),
            recorded_at: chrono::Utc::now(),
        },
    );
    apply_message(pool, &ProjectFactsProjection, &serde_json::to_vec(&event)?).await?;
    Ok(())
}

/// The finance command side over `pool`, with the chart seeded and the bench project
/// known, and a Finance_User to post as.
pub async fn prepare(pool: &PgPool) -> anyhow::Result<(FinanceCommands, CommandContext)> {
    let calendar = FinancialCalendar::default();
    seed::seed_chart(pool, calendar).await?;
    know_bench_project(pool).await?;
    let supplier = seed::DEMO_COMPANY.supplier();
    let commands = FinanceCommands::new(pool.clone(), calendar, supplier);
    let ctx = caller::context(Role::FinanceUser, "bench");
    Ok((commands, ctx))
}

/// The three-line journal every client posts: cement on credit, with VAT.
pub fn journal() -> PostJournalInput {
    PostJournalInput {
        date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default(),
        narrative: "Cement on credit".to_string(),
        source: JournalSource::System,
        lines: vec![
            line("5100", Side::Debit, 1_000_000),
            line("1200", Side::Debit, 150_000),
            line("2000", Side::Credit, 1_150_000),
        ],
    }
}
