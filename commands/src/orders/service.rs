//! The orders command service: permission check, values parsed, then the project
//! aggregate decides.

use std::sync::Arc;

use constructos_domain::access::Permission;
use constructos_domain::orders::{check_customer, Project, ProjectStatus};
use constructos_infra::event_store::Store;
use cqrs_es::AggregateError;
use sqlx::PgPool;

use super::inputs::{change_status, project_id, CreateProjectInput};
use super::references::KnownAccounts;
use crate::execute::{execute, Aggregates};
use crate::{CommandContext, CommandError};

/// Executes orders commands against the orders event store.
#[derive(Clone)]
pub struct OrdersCommands {
    projects: Arc<Aggregates<Project>>,
    /// Orders' copy of identity's accounts: what a project's customer may be.
    accounts: KnownAccounts,
}

impl OrdersCommands {
    /// Command handling over the orders database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            projects: Arc::new(Aggregates::new(&Store::new(pool.clone()), ())),
            accounts: KnownAccounts::new(pool),
        }
    }

    /// Opens a project; returns its id, derived from its code — so a code already
    /// taken is refused by the project holding it. A customer, when named, must be a
    /// customer account orders knows from identity's events, not archived.
    pub async fn create_project(
        &self,
        ctx: &CommandContext,
        input: CreateProjectInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::ProjectsWrite)?;
        let customer = input.customer_account_id.clone();
        let (id, command) = input.command()?;
        let customer = customer.as_deref().map(str::trim);
        if let Some(customer) = customer.filter(|c| !c.is_empty()) {
            let known = self.accounts.account(customer).await?;
            check_customer(customer, known.as_ref())
                .map_err(|e| CommandError::from(AggregateError::UserError(e)))?;
        }
        execute(&self.projects, ctx, &id, command).await?;
        Ok(id)
    }

    /// Moves a project through its life cycle.
    pub async fn change_project_status(
        &self,
        ctx: &CommandContext,
        project_id_given: &str,
        status: ProjectStatus,
        reason: Option<String>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::ProjectsWrite)?;
        let id = project_id(project_id_given)?;
        let command = change_status(status, reason.as_deref())?;
        execute(&self.projects, ctx, id.as_str(), command).await
    }
}
