//! Timesheets' operations: submit a week, approve or reject it, and list the weeks one
//! may see (site and project managers: weeks on their projects only).

use async_trait::async_trait;
use constructos_commands::hr::SubmitTimesheetInput;
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_projections::hr::TimesheetRow;
use serde::{Deserialize, Serialize};

use super::HrService;
use crate::{Call, Handle, Operation};

impl Operation for SubmitTimesheetInput {
    type Service = HrService;
    type Answer = String;
    const NAME: &'static str = "submit_timesheet";
    const ACCESS: Access = Access::Requires(Permission::TimesheetsWrite);
}

#[async_trait]
impl Handle<SubmitTimesheetInput> for HrService {
    async fn handle(&self, call: &Call, op: SubmitTimesheetInput) -> Result<String, CommandError> {
        let ctx = &call.context;
        ctx.require(Permission::TimesheetsWrite)?;
        let scope = self.timesheet_scope(ctx).await?;
        let given: Vec<String> = op
            .entries
            .iter()
            .map(|e| e.project_id.trim().to_string())
            .collect();
        let known = self.queries.known_projects(&given).await?;
        let resolve = move |g: &str| known.iter().find(|(k, _)| k == g).map(|(_, id)| id.clone());
        self.commands
            .submit_timesheet(ctx, scope.as_deref(), &resolve, op)
            .await
    }
}

/// Approve (`approve: true`) or reject a submitted week, with a reason to reject.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DecideTimesheet {
    pub id: String,
    pub approve: bool,
    pub reason: Option<String>,
}

impl Operation for DecideTimesheet {
    type Service = HrService;
    type Answer = ();
    const NAME: &'static str = "decide_timesheet";
    const ACCESS: Access = Access::Requires(Permission::TimesheetsApprove);
}

#[async_trait]
impl Handle<DecideTimesheet> for HrService {
    async fn handle(&self, call: &Call, op: DecideTimesheet) -> Result<(), CommandError> {
        let ctx = &call.context;
        ctx.require(Permission::TimesheetsApprove)?;
        let scope = self.timesheet_scope(ctx).await?;
        let acting_as = self.acting_as(ctx).await?;
        let reject = if op.approve {
            None
        } else {
            Some(op.reason.as_deref().unwrap_or(""))
        };
        self.commands
            .decide_timesheet(ctx, scope.as_deref(), acting_as.as_deref(), &op.id, reject)
            .await
    }
}

/// The timesheets the caller may see, latest week first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Timesheets {
    pub employee_id: Option<String>,
    pub id: Option<String>,
}

impl Operation for Timesheets {
    type Service = HrService;
    type Answer = Vec<TimesheetRow>;
    const NAME: &'static str = "timesheets";
    const ACCESS: Access = Access::AnyOf(&[
        Permission::TimesheetsWrite,
        Permission::TimesheetsApprove,
        Permission::PayrollRead,
    ]);
}

#[async_trait]
impl Handle<Timesheets> for HrService {
    async fn handle(&self, call: &Call, op: Timesheets) -> Result<Vec<TimesheetRow>, CommandError> {
        let ctx = &call.context;
        ctx.permit(<Timesheets as Operation>::ACCESS)?;
        let scope = self.timesheet_scope(ctx).await?;
        Ok(self
            .queries
            .timesheets(
                scope.as_deref(),
                op.employee_id.as_deref(),
                op.id.as_deref(),
            )
            .await?)
    }
}
