//! The HR service in-process: permission checks and self-service filtering, then the
//! command side or the read models of the HR database.

use async_trait::async_trait;
use constructos_commands::hr::HrCommands;
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::{self, Permission};
use constructos_domain::hr::HrError;
use constructos_projections::hr::HrQueries;
use sqlx::PgPool;

use super::{HrApi, HrRequest, HrResponse};
use crate::Call;

/// HR answered from its own database.
#[derive(Clone)]
pub struct LocalHr {
    commands: HrCommands,
    queries: HrQueries,
}

impl LocalHr {
    /// The service over the HR database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            commands: HrCommands::new(pool.clone()),
            queries: HrQueries::new(pool),
        }
    }

    /// Refuses a write that names employee `id` unless the caller may write employees
    /// and can see this record, through the read `employee(id)` answers with. Today every
    /// holder of `hr.employees.write` sees every record (a test in `access.rs` holds it
    /// so), and then nothing is read: the aggregate decides. A record outside the scope
    /// answers the aggregate's own "does not exist".
    async fn require_employee_in_scope(
        &self,
        ctx: &CommandContext,
        id: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::EmployeesWrite)?;
        let Some(user) = employee_scope(ctx)? else {
            return Ok(());
        };
        match self.queries.employee(id, Some(user)).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(CommandError::NotFound(
                HrError::EmployeeNotFound.to_string(),
            )),
            Err(error) => Err(read_failed(error)),
        }
    }
}

/// Row-level scope of employee reads and writes (`access::employee_scope`): `None` sees
/// everyone, `Some(user)` only the record that user is linked to; refused without either
/// permission.
fn employee_scope(ctx: &CommandContext) -> Result<Option<&str>, CommandError> {
    access::employee_scope(&ctx.caller.roles, ctx.caller.user_id()).map_err(|missing| {
        ctx.require(missing)
            .err()
            .unwrap_or(CommandError::Forbidden(missing))
    })
}

fn read_failed(error: anyhow::Error) -> CommandError {
    CommandError::Internal(format!("{error:#}"))
}

#[async_trait]
impl HrApi for LocalHr {
    async fn handle(&self, call: &Call, request: HrRequest) -> Result<HrResponse, CommandError> {
        let ctx = &call.context;
        match request {
            HrRequest::HireEmployee { input } => self
                .commands
                .hire_employee(ctx, input)
                .await
                .map(HrResponse::Created),
            HrRequest::TerminateEmployment {
                id,
                last_day,
                reason,
            } => {
                self.require_employee_in_scope(ctx, &id).await?;
                self.commands
                    .terminate_employment(ctx, &id, last_day, reason)
                    .await
                    .map(|_| HrResponse::Done)
            }
            HrRequest::Employees => {
                let scope = employee_scope(ctx)?;
                self.queries
                    .employees(scope)
                    .await
                    .map(HrResponse::Employees)
                    .map_err(read_failed)
            }
            HrRequest::Employee { id } => {
                let scope = employee_scope(ctx)?;
                self.queries
                    .employee(&id, scope)
                    .await
                    .map(HrResponse::Employee)
                    .map_err(read_failed)
            }
        }
    }
}
