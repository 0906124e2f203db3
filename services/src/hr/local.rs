//! The HR service in-process: permission checks and self-service filtering, then the
//! command side or the read models of the HR database.

use async_trait::async_trait;
use constructos_commands::hr::HrCommands;
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Permission;
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
}

/// Row-level scope of employee reads: `None` sees everyone, `Some(user)` only the record
/// that user is linked to; refused without either permission.
fn employee_scope(ctx: &CommandContext) -> Result<Option<&str>, CommandError> {
    if ctx.caller.may(Permission::EmployeesRead) {
        return Ok(None);
    }
    ctx.require(Permission::EmployeesReadOwn)?;
    Ok(Some(ctx.caller.user_id()))
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
            } => self
                .commands
                .terminate_employment(ctx, &id, last_day, reason)
                .await
                .map(|_| HrResponse::Done),
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
