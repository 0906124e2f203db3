//! The orders command service: permission check, values parsed, then the project
//! aggregate decides.

use std::sync::Arc;

use constructos_domain::access::Permission;
use constructos_domain::orders::{Project, ProjectStatus};
use postgres_es::{postgres_cqrs, PostgresCqrs};
use sqlx::PgPool;

use super::inputs::{change_status, project_id, CreateProjectInput};
use crate::execute::execute;
use crate::{CommandContext, CommandError};

/// Executes orders commands against the orders event store.
#[derive(Clone)]
pub struct OrdersCommands {
    projects: Arc<PostgresCqrs<Project>>,
}

impl OrdersCommands {
    /// Command handling over the orders database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            projects: Arc::new(postgres_cqrs(pool, vec![], ())),
        }
    }

    /// Opens a project; returns its id, derived from its code — so a code already
    /// taken is refused by the project holding it.
    pub async fn create_project(
        &self,
        ctx: &CommandContext,
        input: CreateProjectInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::ProjectsWrite)?;
        let (id, command) = input.command()?;
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
