//! The orders command service: permission check, then the project aggregate decides.

use std::sync::Arc;

use constructos_domain::access::Permission;
use constructos_domain::orders::{check_customer, Project, ProjectCommand, ProjectStatus};
use cqrs_es::AggregateError;
use postgres_es::{postgres_cqrs, PostgresCqrs};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use super::references::KnownAccounts;
use crate::execute::execute;
use crate::{CommandContext, CommandError};

/// A new project.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateProjectInput {
    pub code: String,
    pub name: String,
    pub customer_account_id: Option<String>,
    pub site_id: String,
    pub site_name: String,
    pub starts_on: Option<chrono::NaiveDate>,
}

/// Executes orders commands against the orders event store.
#[derive(Clone)]
pub struct OrdersCommands {
    projects: Arc<PostgresCqrs<Project>>,
    /// Orders' copy of identity's accounts: what a project's customer may be.
    accounts: KnownAccounts,
}

impl OrdersCommands {
    /// Command handling over the orders database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            projects: Arc::new(postgres_cqrs(pool.clone(), vec![], ())),
            accounts: KnownAccounts::new(pool),
        }
    }

    /// Opens a project; returns its new id. A customer, when named, must be a customer
    /// account orders knows from identity's events, not archived.
    pub async fn create_project(
        &self,
        ctx: &CommandContext,
        input: CreateProjectInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::ProjectsWrite)?;
        let customer = input.customer_account_id.as_deref().map(str::trim);
        if let Some(customer) = customer.filter(|c| !c.is_empty()) {
            let known = self.accounts.account(customer).await?;
            check_customer(customer, known.as_ref())
                .map_err(|e| CommandError::from(AggregateError::UserError(e)))?;
        }
        let id = Uuid::now_v7().to_string();
        let command = ProjectCommand::CreateProject {
            code: input.code,
            name: input.name,
            customer_account_id: input.customer_account_id,
            site_id: input.site_id,
            site_name: input.site_name,
            starts_on: input.starts_on,
        };
        execute(&self.projects, ctx, &id, command).await?;
        Ok(id)
    }

    /// Moves a project through its life cycle.
    pub async fn change_project_status(
        &self,
        ctx: &CommandContext,
        project_id: &str,
        status: ProjectStatus,
        reason: Option<String>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::ProjectsWrite)?;
        let command = ProjectCommand::ChangeProjectStatus { status, reason };
        execute(&self.projects, ctx, project_id, command).await
    }
}
