//! Sales' work arriving in orders: a process manager on the **sales** topic
//! (`orders.sales_intake`) that opens one project, in AWARDED status, for every won
//! opportunity, and places one sales order for every accepted quote — each exactly once.
//!
//! It keeps orders' own copies of the opportunities (`read_model.known_opportunities`:
//! name, customer account, won, the project its win opened) and of the quotes
//! (`read_model.known_quotes`: the latest version's lines and location, the version
//! accepted, the order placed). An opportunity's events arrive in order on one
//! partition, so its opening is known when its win comes; the same holds for a quote.
//!
//! **Won work becomes a project.** The project's code derives from the opportunity's id
//! (`WON-` and its first twelve hex digits), and with it the project's id: a
//! redelivered or replayed win lands on the project it opened, whose aggregate refuses
//! the code as taken, which is answered as done. The site is not known at the win: it
//! is named after the project until a project manager sets it.
//!
//! **An accepted quote becomes a sales order** on its opportunity's project, for the
//! opportunity's customer, with the accepted version's lines (a discounted line at its
//! net unit price, to the cent), supplied from the quote's location. Quote and
//! opportunity are different streams, so their events may arrive in either order: the
//! acceptance is ordered when the opportunity is known to be won, and a win orders the
//! quotes already accepted. The order's id derives from the quote
//! ([`quote_sales_order_id`](constructos_domain::orders::numbering::quote_sales_order_id)),
//! so however often either event comes there is one order.
//!
//! A customer account orders has not heard of yet (identity's topic runs behind) is a
//! transient failure: the worker retries the message.

mod quotes;

use async_trait::async_trait;
use constructos_commands::orders::{CreateProjectInput, OrdersCommands, SalesOrderCommands};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_domain::orders::{OrdersError, ProjectCode, ProjectStatus};
use constructos_domain::sales::quote::{QuoteEvent, QUOTE_AGGREGATE};
use constructos_domain::sales::{OpportunityEvent, OPPORTUNITY_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::{database, domain_event, ApplyError, Projection};
use sqlx::{Postgres, Transaction};

/// The subject the manager's commands are recorded under.
pub const SUBJECT: &str = "system:orders.sales_intake";

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
pub struct SalesIntake {
    projects: OrdersCommands,
    sales_orders: SalesOrderCommands,
}

impl SalesIntake {
    /// Opens projects and places sales orders through the orders commands.
    pub fn new(projects: OrdersCommands, sales_orders: SalesOrderCommands) -> Self {
        Self {
            projects,
            sales_orders,
        }
    }

    fn context(event: &CloudEvent, role: Role) -> CommandContext {
        crate::acting_on(event, SUBJECT.to_string(), "Sales intake", role)
    }
}

#[async_trait]
impl Projection for SalesIntake {
    fn name(&self) -> &'static str {
        "orders.sales_intake"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.aggregatetype == QUOTE_AGGREGATE {
            let change = domain_event::<QuoteEvent>(event)?;
            return quotes::apply(self, tx, event, change).await;
        }
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
            OpportunityEvent::OpportunityWon { .. } => {
                self.award(tx, event).await?;
                quotes::order_accepted_of(self, tx, event, &event.subject).await
            }
            _ => Ok(()),
        }
    }
}

impl SalesIntake {
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
            .projects
            .create_project(&Self::context(event, Role::ProjectManager), input)
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
        sqlx::query(
            "UPDATE read_model.known_opportunities SET project_id = $2, won = true WHERE id = $1",
        )
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
