//! The orders service in-process: permission checks and row-level filtering, then the
//! command side or the read models of the orders database.

use async_trait::async_trait;
use constructos_commands::orders::OrdersCommands;
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Permission;
use constructos_domain::orders::OrdersError;
use constructos_projections::orders::OrdersQueries;
use sqlx::PgPool;

use super::{OrdersApi, OrdersRequest, OrdersResponse};
use crate::Call;

/// Orders answered from its own database.
#[derive(Clone)]
pub struct LocalOrders {
    commands: OrdersCommands,
    queries: OrdersQueries,
}

impl LocalOrders {
    /// The service over the orders database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            commands: OrdersCommands::new(pool.clone()),
            queries: OrdersQueries::new(pool),
        }
    }

    /// Refuses a write that names project `id` unless the caller may write projects and
    /// can see this one, through the very read `project(id)` answers with. A caller who
    /// sees every project is not read for: the aggregate decides whether it exists, so
    /// a project just opened can be changed before the read model has it.
    async fn require_project_in_scope(
        &self,
        ctx: &CommandContext,
        id: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::ProjectsWrite)?;
        let Some(user) = project_scope(ctx)? else {
            return Ok(());
        };
        match self.queries.project(id, Some(user)).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(project_not_found()),
            Err(error) => Err(read_failed(error)),
        }
    }
}

/// Row-level scope of project reads: the shared rule ([`CommandContext::project_scope`],
/// from `constructos_domain::access::project_scope`).
fn project_scope(ctx: &CommandContext) -> Result<Option<&str>, CommandError> {
    ctx.project_scope()
}

/// What a caller is told about a project that does not exist for them: the aggregate's
/// own refusal, word for word, so that an unknown id and a project outside the caller's
/// scope cannot be told apart.
fn project_not_found() -> CommandError {
    CommandError::NotFound(OrdersError::ProjectNotFound.to_string())
}

fn read_failed(error: anyhow::Error) -> CommandError {
    CommandError::Internal(format!("{error:#}"))
}

#[async_trait]
impl OrdersApi for LocalOrders {
    async fn handle(
        &self,
        call: &Call,
        request: OrdersRequest,
    ) -> Result<OrdersResponse, CommandError> {
        let ctx = &call.context;
        match request {
            OrdersRequest::CreateProject { input } => self
                .commands
                .create_project(ctx, input)
                .await
                .map(OrdersResponse::Created),
            OrdersRequest::ChangeProjectStatus { id, status, reason } => {
                self.require_project_in_scope(ctx, &id).await?;
                self.commands
                    .change_project_status(ctx, &id, status, reason)
                    .await
                    .map(|_| OrdersResponse::Done)
            }
            OrdersRequest::Projects => {
                let scope = project_scope(ctx)?;
                self.queries
                    .projects(scope)
                    .await
                    .map(OrdersResponse::Projects)
                    .map_err(read_failed)
            }
            OrdersRequest::Project { id } => {
                let scope = project_scope(ctx)?;
                self.queries
                    .project(&id, scope)
                    .await
                    .map(OrdersResponse::Project)
                    .map_err(read_failed)
            }
        }
    }
}
