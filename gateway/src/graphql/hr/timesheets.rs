//! Timesheets in the schema: a site labourer's week per project and cost code,
//! classified into ordinary time, overtime (1.5×) and Sunday/public-holiday time (2×),
//! approved by a site or project manager of its projects, which costs it to them.

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::hr as commands;
use constructos_domain::hr::timesheet::{ClassifiedEntry, TimesheetStatus as DomainStatus};
use constructos_projections::hr::TimesheetRow;
use constructos_services::hr::{DecideTimesheet, Timesheets};

use super::enums::{parsed, TimesheetStatus};
use crate::graphql::errors::{ask, request_id};
use crate::graphql::finance::Decimal;
use crate::graphql::rand::Rand;

/// Hours on one day for one project's cost code.
#[derive(InputObject)]
pub struct TimeEntryInput {
    day: NaiveDate,
    /// A project id or code.
    project_id: String,
    cost_code: String,
    /// Above nought, at most two places; at most 12 a day.
    hours: Decimal,
}

/// An entry as classified.
#[derive(SimpleObject)]
pub struct TimeEntry {
    day: NaiveDate,
    project_id: ID,
    cost_code: String,
    ordinary: Decimal,
    /// Paid at 1.5×.
    overtime: Decimal,
    /// Paid at 2× (Sundays and public holidays).
    double: Decimal,
}

impl From<ClassifiedEntry> for TimeEntry {
    fn from(e: ClassifiedEntry) -> Self {
        Self {
            day: e.day,
            project_id: ID(e.project_id),
            cost_code: e.cost_code,
            ordinary: Decimal(e.ordinary),
            overtime: Decimal(e.overtime),
            double: Decimal(e.double),
        }
    }
}

/// An employee's week.
#[derive(SimpleObject)]
pub struct Timesheet {
    id: ID,
    employee_id: ID,
    employee_name: String,
    week_starting: NaiveDate,
    status: Option<TimesheetStatus>,
    entries: Vec<TimeEntry>,
    projects: Vec<ID>,
    ordinary_hours: Decimal,
    overtime_hours: Decimal,
    double_hours: Decimal,
    /// Rand an hour charged to the projects.
    cost_rate: Rand,
    /// Charged to the projects on approval.
    total_cost: Option<Rand>,
    /// What site labour earns for the week.
    gross_pay: Option<Rand>,
    decided_by: Option<String>,
    reject_reason: Option<String>,
    updated_at: DateTime<Utc>,
}

impl From<TimesheetRow> for Timesheet {
    fn from(t: TimesheetRow) -> Self {
        let entries: Vec<ClassifiedEntry> = serde_json::from_value(t.entries).unwrap_or_default();
        Self {
            id: ID(t.id),
            employee_id: ID(t.employee_id),
            employee_name: t.employee_name,
            week_starting: t.week_starting,
            status: parsed::<DomainStatus, _>(&t.status),
            entries: entries.into_iter().map(TimeEntry::from).collect(),
            projects: t.projects.into_iter().map(ID).collect(),
            ordinary_hours: Decimal(t.ordinary_hours),
            overtime_hours: Decimal(t.overtime_hours),
            double_hours: Decimal(t.double_hours),
            cost_rate: Rand(t.cost_rate),
            total_cost: t.total_cost.map(Rand),
            gross_pay: t.gross_pay.map(Rand),
            decided_by: t.decided_by,
            reject_reason: t.reject_reason,
            updated_at: t.updated_at,
        }
    }
}

/// A timesheet command was accepted.
#[derive(SimpleObject)]
pub struct TimesheetChanged {
    id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct TimesheetsQuery;

#[Object]
impl TimesheetsQuery {
    /// Timesheets, latest week first: site and project managers see the weeks on their
    /// projects; HR and payroll every week.
    async fn timesheets(
        &self,
        ctx: &Context<'_>,
        employee_id: Option<ID>,
    ) -> async_graphql::Result<Vec<Timesheet>> {
        let op = Timesheets {
            employee_id: employee_id.map(|e| e.0),
            id: None,
        };
        Ok(ask(ctx, op)
            .await?
            .into_iter()
            .map(Timesheet::from)
            .collect())
    }

    /// One timesheet, under the same rule.
    async fn timesheet(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<Timesheet>> {
        let op = Timesheets {
            employee_id: None,
            id: Some(id.0),
        };
        Ok(ask(ctx, op).await?.into_iter().next().map(Timesheet::from))
    }
}

#[derive(Default)]
pub struct TimesheetsMutation;

#[Object]
impl TimesheetsMutation {
    /// Submits (or resubmits, until approved) an employee's week starting on a Monday.
    /// Refused past the BCEA's limits: 12 hours a day, 10 hours' overtime a week.
    async fn submit_timesheet(
        &self,
        ctx: &Context<'_>,
        employee_id: ID,
        week_starting: NaiveDate,
        entries: Vec<TimeEntryInput>,
    ) -> async_graphql::Result<TimesheetChanged> {
        let op = commands::SubmitTimesheetInput {
            employee_id: employee_id.0,
            week_starting,
            entries: entries
                .into_iter()
                .map(|e| commands::TimeEntryInput {
                    day: e.day,
                    project_id: e.project_id,
                    cost_code: e.cost_code,
                    hours: e.hours.0,
                })
                .collect(),
        };
        let id = ask(ctx, op).await?;
        Ok(TimesheetChanged {
            id: ID(id),
            correlation_id: request_id(ctx),
        })
    }

    /// Approves a submitted week (costing it to its projects) or rejects it with a
    /// reason: a manager of every project on it, never the employee themself.
    async fn decide_timesheet(
        &self,
        ctx: &Context<'_>,
        id: ID,
        approve: bool,
        reason: Option<String>,
    ) -> async_graphql::Result<TimesheetChanged> {
        let op = DecideTimesheet {
            id: id.0.clone(),
            approve,
            reason,
        };
        ask(ctx, op).await?;
        Ok(TimesheetChanged {
            id,
            correlation_id: request_id(ctx),
        })
    }
}
