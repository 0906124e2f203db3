//! Pay runs in the schema: draft → calculated → approved → paid (or reversed), their
//! payslips, the EMP201 month and the what-if that recalculates an approved run under
//! another year's table or corrected facts without touching the books.

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::hr as commands;
use constructos_domain::hr::payroll::pay_run::{
    Earning as DomainEarning, PayRunStatus as DomainStatus, Payslip as DomainPayslip,
};
use constructos_domain::hr::profile::PayFrequency as DomainFrequency;
use constructos_projections::hr::{Emp201Row, PayRunRow, PayslipRow};
use constructos_services::hr::{
    ApprovePayRun, CalculatePayRun, Emp201, MarkPayRunPaid, PayRunWhatIf, PayRuns, Payslips,
    ReversePayRun,
};

use super::enums::{parsed, PayFrequency, PayRunStatus};
use crate::graphql::errors::{ask, error, request_id, ErrorCode};
use crate::graphql::rand::Rand;

/// A pay run with its totals.
#[derive(SimpleObject)]
pub struct PayRun {
    id: ID,
    frequency: Option<PayFrequency>,
    period_start: NaiveDate,
    period_end: NaiveDate,
    pay_date: NaiveDate,
    status: Option<PayRunStatus>,
    employees: i32,
    gross: Rand,
    paye: Rand,
    uif_employee: Rand,
    uif_employer: Rand,
    sdl: Rand,
    net: Rand,
    calculated_by: Option<String>,
    approved_by: Option<String>,
    paid_on: Option<NaiveDate>,
    reverse_reason: Option<String>,
    updated_at: DateTime<Utc>,
}

impl From<PayRunRow> for PayRun {
    fn from(r: PayRunRow) -> Self {
        Self {
            id: ID(r.id),
            frequency: parsed::<DomainFrequency, _>(&r.frequency),
            period_start: r.period_start,
            period_end: r.period_end,
            pay_date: r.pay_date,
            status: parsed::<DomainStatus, _>(&r.status),
            employees: r.employees,
            gross: Rand(r.gross),
            paye: Rand(r.paye),
            uif_employee: Rand(r.uif_employee),
            uif_employer: Rand(r.uif_employer),
            sdl: Rand(r.sdl),
            net: Rand(r.net),
            calculated_by: r.calculated_by,
            approved_by: r.approved_by,
            paid_on: r.paid_on,
            reverse_reason: r.reverse_reason,
            updated_at: r.updated_at,
        }
    }
}

/// One amount a payslip pays.
#[derive(SimpleObject)]
pub struct Earning {
    description: String,
    amount: Rand,
    /// Where the cost is charged (a salary allocated to a project).
    project_id: Option<ID>,
    cost_code: Option<String>,
}

impl From<DomainEarning> for Earning {
    fn from(e: DomainEarning) -> Self {
        Self {
            description: e.description,
            amount: Rand(e.amount),
            project_id: e.project_id.map(ID),
            cost_code: e.cost_code,
        }
    }
}

/// An employee's payslip.
#[derive(SimpleObject)]
pub struct Payslip {
    pay_run_id: ID,
    employee_id: ID,
    employee_number: String,
    name: String,
    tax_number: Option<String>,
    pay_date: Option<NaiveDate>,
    period_start: Option<NaiveDate>,
    period_end: Option<NaiveDate>,
    run_status: Option<PayRunStatus>,
    tax_year: i32,
    age: i32,
    medical_members: i32,
    earnings: Vec<Earning>,
    gross: Rand,
    /// Gross × the periods of a year.
    annual_equivalent: Rand,
    medical_credits: Rand,
    paye: Rand,
    uif_employee: Rand,
    uif_employer: Rand,
    sdl: Rand,
    net: Rand,
}

impl Payslip {
    fn of(run: &str, p: DomainPayslip) -> Self {
        Self {
            pay_run_id: ID(run.to_string()),
            employee_id: ID(p.employee_id),
            employee_number: p.employee_number,
            name: p.name,
            tax_number: p.tax_number,
            pay_date: None,
            period_start: None,
            period_end: None,
            run_status: None,
            tax_year: p.tax_year,
            age: i32::try_from(p.age).unwrap_or(i32::MAX),
            medical_members: i32::try_from(p.medical_members).unwrap_or(i32::MAX),
            earnings: p.earnings.into_iter().map(Earning::from).collect(),
            gross: Rand(p.gross),
            annual_equivalent: Rand(p.annual_equivalent),
            medical_credits: Rand(p.medical_credits),
            paye: Rand(p.paye),
            uif_employee: Rand(p.uif_employee),
            uif_employer: Rand(p.uif_employer),
            sdl: Rand(p.sdl),
            net: Rand(p.net),
        }
    }

    fn from_row(row: PayslipRow) -> Option<Self> {
        let document: DomainPayslip = serde_json::from_value(row.payslip).ok()?;
        let mut slip = Self::of(&row.pay_run_id, document);
        slip.pay_date = Some(row.pay_date);
        slip.period_start = Some(row.period_start);
        slip.period_end = Some(row.period_end);
        slip.run_status = parsed::<DomainStatus, _>(&row.run_status);
        Some(slip)
    }
}

/// A month's EMP201: what is declared and paid to SARS by the 7th of the next month.
#[derive(SimpleObject)]
pub struct Emp201Month {
    /// The first day of the month.
    month: NaiveDate,
    runs: i32,
    employees: i32,
    gross: Rand,
    paye: Rand,
    sdl: Rand,
    /// Employee and employer UIF together.
    uif: Rand,
    total: Rand,
}

impl From<Emp201Row> for Emp201Month {
    fn from(r: Emp201Row) -> Self {
        Self {
            month: r.month,
            runs: i32::try_from(r.runs).unwrap_or(i32::MAX),
            employees: i32::try_from(r.employees).unwrap_or(i32::MAX),
            gross: Rand(r.gross),
            paye: Rand(r.paye),
            sdl: Rand(r.sdl),
            uif: Rand(r.uif),
            total: Rand(r.total),
        }
    }
}

/// A corrected fact for a what-if.
#[derive(InputObject)]
pub struct WhatIfCorrection {
    employee_id: ID,
    age: Option<i32>,
    medical_members: Option<i32>,
    /// Replaces the gross pay.
    gross: Option<Rand>,
}

/// One employee's payslip as calculated and as the what-if would have it.
#[derive(SimpleObject)]
pub struct WhatIfLine {
    employee_id: ID,
    name: String,
    approved: Payslip,
    recalculated: Payslip,
    /// Recalculated less approved.
    paye_difference: Rand,
    net_difference: Rand,
}

/// What a calculation did.
#[derive(SimpleObject)]
pub struct PayRunCalculated {
    id: ID,
    payslips: i32,
    /// Employees left out, and why (no profile, no approved timesheet).
    skipped: Vec<String>,
    correlation_id: String,
}

/// A pay run command was accepted.
#[derive(SimpleObject)]
pub struct PayRunChanged {
    id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct PayRunsQuery;

#[Object]
impl PayRunsQuery {
    /// Pay runs, latest pay date first.
    async fn pay_runs(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<PayRun>> {
        Ok(ask(ctx, PayRuns { id: None })
            .await?
            .into_iter()
            .map(PayRun::from)
            .collect())
    }

    /// One pay run.
    async fn pay_run(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<PayRun>> {
        Ok(ask(ctx, PayRuns { id: Some(id.0) })
            .await?
            .into_iter()
            .next()
            .map(PayRun::from))
    }

    /// Payslips of a run or an employee: payroll sees everyone's, every employee their
    /// own.
    async fn payslips(
        &self,
        ctx: &Context<'_>,
        pay_run_id: Option<ID>,
        employee_id: Option<ID>,
    ) -> async_graphql::Result<Vec<Payslip>> {
        let op = Payslips {
            pay_run_id: pay_run_id.map(|p| p.0),
            employee_id: employee_id.map(|e| e.0),
        };
        Ok(ask(ctx, op)
            .await?
            .into_iter()
            .filter_map(Payslip::from_row)
            .collect())
    }

    /// The EMP201 months of a calendar year: PAYE, SDL and UIF of the approved and
    /// paid runs by their pay date's month.
    async fn emp201(
        &self,
        ctx: &Context<'_>,
        year: i32,
    ) -> async_graphql::Result<Vec<Emp201Month>> {
        Ok(ask(ctx, Emp201 { year })
            .await?
            .into_iter()
            .map(Emp201Month::from)
            .collect())
    }

    /// A calculated or approved run recalculated under `taxYear`'s table with
    /// `corrections`, per employee beside the run's own figures. Writes nothing.
    async fn pay_run_what_if(
        &self,
        ctx: &Context<'_>,
        id: ID,
        tax_year: i32,
        #[graphql(default)] corrections: Vec<WhatIfCorrection>,
    ) -> async_graphql::Result<Vec<WhatIfLine>> {
        let count = |field: &str, v: Option<i32>| {
            v.map(|v| {
                u32::try_from(v).map_err(|_| {
                    error(
                        ErrorCode::BadUserInput,
                        format!("corrections.{field}: {v} is not nought or more"),
                    )
                })
            })
            .transpose()
        };
        let mut asked = Vec::with_capacity(corrections.len());
        for c in corrections {
            asked.push(commands::WhatIfCorrection {
                employee_id: c.employee_id.0,
                age: count("age", c.age)?,
                medical_members: count("medicalMembers", c.medical_members)?,
                gross: c.gross.map(|g| g.0),
            });
        }
        let run = id.0.clone();
        let lines = ask(
            ctx,
            PayRunWhatIf {
                id: id.0,
                tax_year,
                corrections: asked,
            },
        )
        .await?;
        Ok(lines
            .into_iter()
            .map(|l| WhatIfLine {
                employee_id: ID(l.employee_id),
                name: l.name,
                approved: Payslip::of(&run, l.approved),
                recalculated: Payslip::of(&run, l.recalculated),
                paye_difference: Rand(l.paye_difference),
                net_difference: Rand(l.net_difference),
            })
            .collect())
    }
}

#[derive(Default)]
pub struct PayRunsMutation;

fn changed(ctx: &Context<'_>, id: String) -> PayRunChanged {
    PayRunChanged {
        id: ID(id),
        correlation_id: request_id(ctx),
    }
}

#[Object]
impl PayRunsMutation {
    /// Opens a draft run: monthly for a calendar month, weekly Monday to Sunday; the
    /// pay date's tax year must have its SARS table.
    async fn open_pay_run(
        &self,
        ctx: &Context<'_>,
        frequency: PayFrequency,
        period_start: NaiveDate,
        period_end: NaiveDate,
        pay_date: NaiveDate,
    ) -> async_graphql::Result<PayRunChanged> {
        let op = commands::OpenPayRunInput {
            frequency: frequency.into(),
            period_start,
            period_end,
            pay_date,
        };
        let id = ask(ctx, op).await?;
        Ok(changed(ctx, id))
    }

    /// Calculates (again, until approved) every employee of the run's frequency
    /// employed in its period.
    async fn calculate_pay_run(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<PayRunCalculated> {
        let done = ask(ctx, CalculatePayRun { id: id.0.clone() }).await?;
        Ok(PayRunCalculated {
            id,
            payslips: i32::try_from(done.payslips).unwrap_or(i32::MAX),
            skipped: done.skipped,
            correlation_id: request_id(ctx),
        })
    }

    /// Approves a calculated run (someone other than whoever calculated it); finance
    /// posts the payroll journal.
    async fn approve_pay_run(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<PayRunChanged> {
        ask(ctx, ApprovePayRun { id: id.0.clone() }).await?;
        Ok(changed(ctx, id.0))
    }

    /// Records an approved run's net pay paid on `on`.
    async fn mark_pay_run_paid(
        &self,
        ctx: &Context<'_>,
        id: ID,
        on: NaiveDate,
    ) -> async_graphql::Result<PayRunChanged> {
        ask(
            ctx,
            MarkPayRunPaid {
                id: id.0.clone(),
                on,
            },
        )
        .await?;
        Ok(changed(ctx, id.0))
    }

    /// Reverses an approved or paid run: finance posts the mirror of its journal.
    async fn reverse_pay_run(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<PayRunChanged> {
        ask(
            ctx,
            ReversePayRun {
                id: id.0.clone(),
                reason,
            },
        )
        .await?;
        Ok(changed(ctx, id.0))
    }
}
