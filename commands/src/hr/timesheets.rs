//! Weekly timesheets: captured for an employee's week and submitted, then approved or
//! rejected by a site or project manager of every project the week names (the
//! service resolves the caller's projects: `None` acts on every project). Approval
//! costs the week to its projects at the employee's cost rate (finance posts it).

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::hr::timesheet::{timesheet_id, TimeEntry, Timesheet, TimesheetCommand};
use constructos_domain::hr::EmploymentType;
use constructos_domain::values::{Code, Identifier, Reason};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::service::HrCommands;
use crate::execute::execute;
use crate::{CommandContext, CommandError};

/// Hours on one day for one project's cost code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimeEntryInput {
    pub day: NaiveDate,
    pub project_id: String,
    pub cost_code: String,
    pub hours: Decimal,
}

/// An employee's week.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubmitTimesheetInput {
    pub employee_id: String,
    /// The Monday the week starts on.
    pub week_starting: NaiveDate,
    pub entries: Vec<TimeEntryInput>,
}

/// The most entries one week holds.
pub const MAX_ENTRIES: usize = 100;

fn outside_scope(project: &str) -> CommandError {
    CommandError::Rejected(format!(
        "the project {project} is not one of yours: only its site or project manager acts on its timesheets"
    ))
}

fn in_scope(scope: Option<&[String]>, project: &str) -> bool {
    scope.is_none_or(|projects| projects.iter().any(|p| p == project))
}

impl HrCommands {
    /// Submits (or resubmits, until approved) an employee's week; answers the
    /// timesheet's id (one per employee and week). `known` resolves a project id or
    /// code to the project's id (HR's copy of orders' projects).
    pub async fn submit_timesheet(
        &self,
        ctx: &CommandContext,
        scope: Option<&[String]>,
        known: &(dyn Fn(&str) -> Option<String> + Sync),
        input: SubmitTimesheetInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::TimesheetsWrite)?;
        let employee_id = Identifier::parse("input.employeeId", &input.employee_id)?;
        if input.entries.len() > MAX_ENTRIES {
            return Err(CommandError::Rejected(format!(
                "input.entries: at most {MAX_ENTRIES} entries a week"
            )));
        }
        let mut entries = Vec::with_capacity(input.entries.len());
        for (n, e) in input.entries.iter().enumerate() {
            let given = Code::parse(&format!("input.entries[{n}].projectId"), &e.project_id)?;
            let project_id = known(given.as_str()).ok_or_else(|| {
                CommandError::Rejected(format!(
                    "input.entries[{n}].projectId: no project {} is known",
                    given.as_str()
                ))
            })?;
            if !in_scope(scope, &project_id) {
                return Err(outside_scope(given.as_str()));
            }
            entries.push(TimeEntry {
                day: e.day,
                project_id,
                cost_code: Code::parse(&format!("input.entries[{n}].costCode"), &e.cost_code)?
                    .into(),
                hours: e.hours,
            });
        }
        let employee = self.hired(employee_id.as_str()).await?;
        let Some(profile) = employee.profile() else {
            return Err(CommandError::Rejected(
                "the employee has no profile yet (cost rate and working week): HR records it first"
                    .into(),
            ));
        };
        if !employee.employed_on(input.week_starting)
            && !employee.employed_on(input.week_starting + chrono::Duration::days(6))
        {
            return Err(CommandError::Rejected(format!(
                "input.weekStarting: the employee is not employed in the week of {}",
                input.week_starting
            )));
        }
        let id = timesheet_id(employee_id.as_str(), input.week_starting);
        let command = TimesheetCommand::Submit {
            employee_id: employee_id.into(),
            week_starting: input.week_starting,
            entries,
            days_per_week: profile.days_per_week,
            cost_rate: profile.cost_rate,
            pay_rate: (profile.employment_type == EmploymentType::WeeklySiteLabour)
                .then_some(profile.pay_rate),
        };
        execute(&self.timesheets, ctx, &id, command).await?;
        Ok(id)
    }

    /// Approves (`reason` `None`) or rejects a submitted week: a manager of every
    /// project on it, never the employee themself.
    pub async fn decide_timesheet(
        &self,
        ctx: &CommandContext,
        scope: Option<&[String]>,
        acting_as: Option<&str>,
        id: &str,
        reject_because: Option<&str>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::TimesheetsApprove)?;
        let id = Identifier::parse("id", id)?;
        let sheet: Timesheet = self.timesheets.load_stored(id.as_str()).await?.aggregate;
        if acting_as.is_some() && acting_as == Some(sheet.employee_id()) {
            return Err(CommandError::Rejected(
                "nobody approves their own timesheet".into(),
            ));
        }
        if let Some(project) = sheet.projects().iter().find(|p| !in_scope(scope, p)) {
            return Err(outside_scope(project));
        }
        let by = ctx
            .caller
            .name
            .clone()
            .unwrap_or_else(|| ctx.caller.subject.clone());
        let command = match reject_because {
            None => TimesheetCommand::Approve { by },
            Some(reason) => TimesheetCommand::Reject {
                by,
                reason: Reason::parse("reason", reason)?.into(),
            },
        };
        execute(&self.timesheets, ctx, id.as_str(), command).await
    }
}
