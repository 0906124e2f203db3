//! Awarding won work: a process manager on the **sales** topic
//! (`orders.won_opportunities`) that opens one project, in AWARDED status, for every
//! won opportunity — exactly once.
//!
//! It keeps orders' own copy of the opportunities (`read_model.known_opportunities`:
//! name and customer account) from `OpportunityOpened`; an opportunity's events arrive
//! in order on one partition, so its opening is known when its win comes. The project's
//! code derives from the opportunity's id (`WON-` and its first twelve hex digits), and
//! with it the project's id: a redelivered or replayed win lands on the project it
//! opened, whose aggregate refuses the code as taken, which is answered as done. The
//! site is not known at the win: it is named after the project until a project manager
//! sets it.
//!
//! A customer account orders has not heard of yet (identity's topic runs behind) is a
//! transient failure: the worker retries the message.

use async_trait::async_trait;
use constructos_commands::orders::{CreateProjectInput, OrdersCommands};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_domain::orders::{OrdersError, ProjectCode, ProjectStatus};
use constructos_domain::sales::{OpportunityEvent, OPPORTUNITY_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::{database, domain_event, ApplyError, Projection};
use sqlx::{Postgres, Transaction};

/// The subject the manager's commands are recorded under.
pub const SUBJECT: &str = "system:orders.won_opportunities";

/// The code of the project a won opportunity opens.
pub fn project_code_for(opportunity_id: &str) -> String {
    let hex: String = opportunity_id
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(12)
        .collect();
    format!("WON-{}", hex.to_uppercase())
}

/// The worker's handler (see the module docs).
#[derive(Clone)]
pub struct WonOpportunities {
    commands: OrdersCommands,
}

impl WonOpportunities {
    /// Opens projects through `commands`.
    pub fn new(commands: OrdersCommands) -> Self {
        Self { commands }
    }

    fn context(event: &CloudEvent) -> CommandContext {
        crate::acting_on(
            event,
            SUBJECT.to_string(),
            "Won opportunities",
            Role::ProjectManager,
        )
    }
}

#[async_trait]
impl Projection for WonOpportunities {
    fn name(&self) -> &'static str {
        "orders.won_opportunities"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.aggregatetype != OPPORTUNITY_AGGREGATE {
            return Ok(());
        }
        match domain_event::<OpportunityEvent>(event)? {
            OpportunityEvent::OpportunityOpened {
                name, account_id, ..
            } => {
                sqlx::query(
                    "INSERT INTO read_model.known_opportunities
                         (id, name, account_id, last_sequence, updated_at)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(&event.subject)
                .bind(name)
                .bind(account_id)
                .bind(event.sequence)
                .bind(event.time)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to copy an opportunity"))?;
                Ok(())
            }
            OpportunityEvent::OpportunityWon { .. } => self.award(tx, event).await,
            _ => Ok(()),
        }
    }
}

impl WonOpportunities {
    async fn award(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        let known: Option<(String, String)> = sqlx::query_as(
            "SELECT name, account_id FROM read_model.known_opportunities WHERE id = $1",
        )
        .bind(&event.subject)
        .fetch_optional(&mut **tx)
        .await
        .map_err(database("Failed to read a known opportunity"))?;
        let Some((name, account)) = known else {
            tracing::error!(opportunity_id = %event.subject, "a won opportunity orders never saw opened: no project");
            return Ok(());
        };
        let code = project_code_for(&event.subject);
        let input = CreateProjectInput {
            code: code.clone(),
            name,
            customer_account_id: Some(account),
            site_id: code.clone(),
            site_name: "To be confirmed".to_string(),
            starts_on: None,
            status: Some(ProjectStatus::Awarded),
            contract: None,
        };
        let project = match self
            .commands
            .create_project(&Self::context(event), input)
            .await
        {
            Ok(id) => {
                tracing::info!(opportunity_id = %event.subject, project_id = %id, code, "won opportunity awarded as a project");
                id
            }
            Err(CommandError::Rejected(reason))
                if reason == OrdersError::ProjectCodeTaken(code.clone()).to_string() =>
            {
                ProjectCode::parse("code", &code)
                    .map(|c| c.project_id())
                    .unwrap_or_default()
            }
            Err(e) => {
                return Err(ApplyError::Command {
                    what: format!("Failed to award opportunity {}", event.subject),
                    source: Box::new(e),
                })
            }
        };
        sqlx::query("UPDATE read_model.known_opportunities SET project_id = $2 WHERE id = $1")
            .bind(&event.subject)
            .bind(project)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to note an awarded opportunity"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_derives_from_the_opportunity() {
        let code = project_code_for("0190c7a2-5d1e-7b3a-9f00-1234567890ab");
        assert_eq!(code, "WON-0190C7A25D1E");
        assert!(constructos_domain::orders::ProjectCode::parse("code", &code).is_ok());
    }
}
