//! Leave: requests to an employee's leave book, decided by their line manager or HR.
//! Who acts is resolved by the service from HR's copy of user links (`acting_as`: the
//! employee record the caller's user is linked to); HR (`hr.employees.write`) may act
//! for anyone.

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::hr::leave_book::{EmploymentFacts, LeaveCommand, LeaveKind};
use constructos_domain::hr::Employee;
use constructos_domain::values::{Identifier, Reason};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::service::HrCommands;
use crate::execute::execute;
use crate::{CommandContext, CommandError};

/// A request for leave.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RequestLeaveInput {
    pub employee_id: String,
    pub kind: LeaveKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

/// A decision on a pending request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DecideLeaveInput {
    pub employee_id: String,
    pub request_id: String,
    pub approve: bool,
    /// Required to decline.
    pub reason: Option<String>,
}

/// A request the employee withdraws.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CancelLeaveInput {
    pub employee_id: String,
    pub request_id: String,
}

/// The leave rules' facts of an employee as stored.
pub fn facts_of(employee: &Employee) -> Result<EmploymentFacts, CommandError> {
    let (Some(hired_on), Some(profile)) = (employee.hired_on(), employee.profile()) else {
        return Err(CommandError::Rejected(
            "the employee has no profile yet (working week and leave basis): HR records it first"
                .into(),
        ));
    };
    Ok(EmploymentFacts {
        hired_on,
        last_day: employee.last_day(),
        days_per_week: profile.days_per_week,
        basis: profile.leave_basis,
    })
}

/// Another employee's leave, to a caller who is neither HR nor their manager: as if
/// the employee did not exist (the rule of every row-level scope).
fn out_of_scope() -> CommandError {
    CommandError::NotFound(constructos_domain::hr::HrError::EmployeeNotFound.to_string())
}

impl HrCommands {
    /// Asks for leave for `input.employee_id`: one's own, or anyone's for HR. Answers
    /// the request's id.
    pub async fn request_leave(
        &self,
        ctx: &CommandContext,
        acting_as: Option<&str>,
        input: RequestLeaveInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::LeaveSelfService)?;
        let employee_id = Identifier::parse("input.employeeId", &input.employee_id)?;
        if !ctx.caller.may(Permission::EmployeesWrite) && acting_as != Some(employee_id.as_str()) {
            return Err(out_of_scope());
        }
        let reason = Reason::parse("input.reason", &input.reason)?;
        let employee = self.hired(employee_id.as_str()).await?;
        let request_id = Uuid::now_v7().to_string();
        let command = LeaveCommand::Request {
            request_id: request_id.clone(),
            kind: input.kind,
            from: input.from,
            to: input.to,
            reason: reason.into(),
            facts: facts_of(&employee)?,
        };
        execute(&self.leave_books, ctx, employee_id.as_str(), command).await?;
        Ok(request_id)
    }

    /// Approves or declines a pending request: the employee's line manager, or HR;
    /// never one's own.
    pub async fn decide_leave(
        &self,
        ctx: &CommandContext,
        acting_as: Option<&str>,
        input: DecideLeaveInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::LeaveSelfService)?;
        let employee_id = Identifier::parse("input.employeeId", &input.employee_id)?;
        let request_id = Identifier::parse("input.requestId", &input.request_id)?;
        let employee = self.hired(employee_id.as_str()).await?;
        if acting_as == Some(employee_id.as_str()) {
            return Err(CommandError::Rejected(
                "nobody decides their own leave request".into(),
            ));
        }
        let manages = acting_as.is_some()
            && employee
                .profile()
                .and_then(|p| p.line_manager_id.as_deref())
                == acting_as;
        if !manages && !ctx.caller.may(Permission::EmployeesWrite) {
            return Err(out_of_scope());
        }
        let by = ctx
            .caller
            .name
            .clone()
            .unwrap_or_else(|| ctx.caller.subject.clone());
        let command = if input.approve {
            LeaveCommand::Approve {
                request_id: request_id.into(),
                by,
            }
        } else {
            let reason = Reason::parse("input.reason", input.reason.as_deref().unwrap_or(""))?;
            LeaveCommand::Decline {
                request_id: request_id.into(),
                by,
                reason: reason.into(),
            }
        };
        execute(&self.leave_books, ctx, employee_id.as_str(), command).await
    }

    /// Withdraws a request: one's own, or anyone's for HR.
    pub async fn cancel_leave(
        &self,
        ctx: &CommandContext,
        acting_as: Option<&str>,
        input: CancelLeaveInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::LeaveSelfService)?;
        let employee_id = Identifier::parse("input.employeeId", &input.employee_id)?;
        let request_id = Identifier::parse("input.requestId", &input.request_id)?;
        if !ctx.caller.may(Permission::EmployeesWrite) && acting_as != Some(employee_id.as_str()) {
            return Err(out_of_scope());
        }
        let command = LeaveCommand::Cancel {
            request_id: request_id.into(),
            today: chrono::Utc::now().date_naive(),
        };
        execute(&self.leave_books, ctx, employee_id.as_str(), command).await
    }
}
