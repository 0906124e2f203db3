//! Pay runs: opened for a period, calculated from the employees' records as stored
//! (salaries pro rata to the days employed; site labour from its approved timesheets),
//! approved by someone else, paid, or reversed. And the what-if: an approved run
//! recalculated under another tax year's table or corrected facts, written nowhere.

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::hr::payroll::pay_run::{payslip, Earning, Payee, Payslip};
use constructos_domain::hr::payroll::{PayRun, PayRunCommand, TAX_TABLES};
use constructos_domain::hr::timesheet::{timesheet_id, Timesheet};
use constructos_domain::hr::{Employee, HrError, PayFrequency};
use constructos_domain::values::{Identifier, Reason};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::service::HrCommands;
use crate::execute::{execute, execute_new};
use crate::{CommandContext, CommandError};

/// A pay run to open.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpenPayRunInput {
    pub frequency: PayFrequency,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub pay_date: NaiveDate,
}

/// What a calculation did: the payslips it made and who it left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calculation {
    pub payslips: u32,
    pub skipped: Vec<String>,
}

/// A corrected fact of one employee for a what-if.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WhatIfCorrection {
    pub employee_id: String,
    pub age: Option<u32>,
    pub medical_members: Option<u32>,
    /// Replaces the gross pay (as one earning).
    pub gross: Option<Decimal>,
}

/// One employee's payslip as approved beside the same under the what-if.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhatIfLine {
    pub employee_id: String,
    pub name: String,
    pub approved: Payslip,
    pub recalculated: Payslip,
    /// Recalculated less approved.
    pub paye_difference: Decimal,
    pub net_difference: Decimal,
}

fn refused(e: HrError) -> CommandError {
    CommandError::from(cqrs_es::AggregateError::UserError(e))
}

fn who(ctx: &CommandContext) -> String {
    ctx.caller.subject.clone()
}

/// The day before 1 March of the tax year `pay_date` falls in: the age rebates' date.
fn end_of_tax_year(pay_date: NaiveDate) -> NaiveDate {
    let year = constructos_domain::hr::payroll::tax_year_of(pay_date);
    NaiveDate::from_ymd_opt(year, 3, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(pay_date)
}

/// A salary for the days of `period` the employee was employed, to the cent.
fn salary_for(
    employee: &Employee,
    salary: Decimal,
    (start, end): (NaiveDate, NaiveDate),
) -> Decimal {
    let days = (end - start).num_days() + 1;
    let employed = start
        .iter_days()
        .take_while(|d| *d <= end)
        .filter(|d| employee.employed_on(*d))
        .count();
    if employed as i64 == days {
        return salary;
    }
    (salary * Decimal::from(employed) / Decimal::from(days))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

impl HrCommands {
    /// Opens a draft pay run; answers its id.
    pub async fn open_pay_run(
        &self,
        ctx: &CommandContext,
        input: OpenPayRunInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::PayrollRun)?;
        let id = Uuid::now_v7().to_string();
        let command = PayRunCommand::Open {
            frequency: input.frequency,
            period_start: input.period_start,
            period_end: input.period_end,
            pay_date: input.pay_date,
        };
        execute_new(&self.pay_runs, ctx, &id, command).await?;
        Ok(id)
    }

    /// The pay run `id` as stored (a never-opened default when there is none).
    pub async fn pay_run(&self, id: &str) -> Result<PayRun, CommandError> {
        let id = Identifier::parse("id", id)?;
        Ok(self.pay_runs.load_stored(id.as_str()).await?.aggregate)
    }

    /// Calculates (or recalculates) a draft run over `employee_ids` — the service's
    /// list of the frequency's employees — each read as stored.
    pub async fn calculate_pay_run(
        &self,
        ctx: &CommandContext,
        id: &str,
        employee_ids: Vec<String>,
    ) -> Result<Calculation, CommandError> {
        ctx.require(Permission::PayrollRun)?;
        let id = Identifier::parse("id", id)?;
        let run: PayRun = self.pay_runs.load_stored(id.as_str()).await?.aggregate;
        let (Some(period), Some(pay_date), Some(frequency)) =
            (run.period(), run.pay_date(), run.frequency())
        else {
            return Err(refused(HrError::PayRunNotFound));
        };
        let mut payees = Vec::new();
        let mut skipped = Vec::new();
        for employee_id in employee_ids {
            let employee = self.employee(&employee_id).await?;
            let Some(profile) = employee.profile() else {
                skipped.push(format!("{}: no profile", employee.name()));
                continue;
            };
            if profile.pay_frequency() != frequency {
                continue;
            }
            let earnings = match frequency {
                PayFrequency::Monthly => {
                    let amount = salary_for(&employee, profile.pay_rate.as_decimal(), period);
                    let allocation = profile.allocation.as_ref();
                    vec![Earning {
                        description: "Salary".into(),
                        amount,
                        project_id: allocation.map(|a| a.project_id.clone()),
                        cost_code: allocation.map(|a| a.cost_code.clone()),
                    }]
                }
                PayFrequency::Weekly => {
                    let sheet: Timesheet = self
                        .timesheets
                        .load_stored(&timesheet_id(&employee_id, period.0))
                        .await?
                        .aggregate;
                    match sheet.approved_pay() {
                        Some(amount) => vec![Earning {
                            description: format!("Wages, week of {}", period.0),
                            amount,
                            project_id: None,
                            cost_code: None,
                        }],
                        None => {
                            skipped.push(format!("{}: no approved timesheet", employee.name()));
                            continue;
                        }
                    }
                }
            };
            payees.push(Payee {
                employee_id: employee_id.clone(),
                employee_number: employee.number().to_string(),
                name: employee.name().to_string(),
                tax_number: profile.tax_number.clone(),
                age: profile.age_on(end_of_tax_year(pay_date)),
                medical_members: profile.medical_members,
                earnings,
            });
        }
        let command = PayRunCommand::Calculate {
            payees,
            sdl_liable: self.sdl_liable,
            by: who(ctx),
        };
        execute(&self.pay_runs, ctx, id.as_str(), command).await?;
        let run: PayRun = self.pay_runs.load(id.as_str()).await?.aggregate;
        Ok(Calculation {
            payslips: u32::try_from(run.payslips().len()).unwrap_or(u32::MAX),
            skipped,
        })
    }

    /// Approves a calculated run (not by whoever calculated it).
    pub async fn approve_pay_run(
        &self,
        ctx: &CommandContext,
        id: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::PayrollApprove)?;
        let id = Identifier::parse("id", id)?;
        execute(
            &self.pay_runs,
            ctx,
            id.as_str(),
            PayRunCommand::Approve { by: who(ctx) },
        )
        .await
    }

    /// Records the run's net pay paid on `on`.
    pub async fn mark_pay_run_paid(
        &self,
        ctx: &CommandContext,
        id: &str,
        on: NaiveDate,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::PayrollRun)?;
        let id = Identifier::parse("id", id)?;
        execute(
            &self.pay_runs,
            ctx,
            id.as_str(),
            PayRunCommand::MarkPaid { on },
        )
        .await
    }

    /// Reverses an approved or paid run.
    pub async fn reverse_pay_run(
        &self,
        ctx: &CommandContext,
        id: &str,
        reason: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::PayrollApprove)?;
        let id = Identifier::parse("id", id)?;
        let reason = Reason::parse("reason", reason)?;
        let command = PayRunCommand::Reverse {
            by: who(ctx),
            reason: reason.into(),
        };
        execute(&self.pay_runs, ctx, id.as_str(), command).await
    }

    /// The run's payslips recalculated under `tax_year`'s table with `corrections`,
    /// beside the payslips as calculated. Nothing is written.
    pub async fn pay_run_what_if(
        &self,
        ctx: &CommandContext,
        id: &str,
        tax_year: i32,
        corrections: Vec<WhatIfCorrection>,
    ) -> Result<Vec<WhatIfLine>, CommandError> {
        ctx.require(Permission::PayrollRead)?;
        let id = Identifier::parse("id", id)?;
        let run: PayRun = self.pay_runs.load_stored(id.as_str()).await?.aggregate;
        let (Some(pay_date), Some(frequency)) = (run.pay_date(), run.frequency()) else {
            return Err(refused(HrError::PayRunNotFound));
        };
        let table = TAX_TABLES
            .iter()
            .find(|t| t.tax_year == tax_year)
            .ok_or_else(|| refused(HrError::NoTaxTable { tax_year }))?;
        if run.payslips().is_empty() {
            return Err(CommandError::Rejected(
                "the pay run has not been calculated".into(),
            ));
        }
        if let Some(stray) = corrections.iter().find(|c| {
            !run.payslips()
                .iter()
                .any(|p| p.employee_id == c.employee_id)
        }) {
            return Err(CommandError::Rejected(format!(
                "corrections: {} has no payslip in the run",
                stray.employee_id
            )));
        }
        let mut lines = Vec::new();
        for approved in run.payslips() {
            let mut payee = Payee {
                employee_id: approved.employee_id.clone(),
                employee_number: approved.employee_number.clone(),
                name: approved.name.clone(),
                tax_number: approved.tax_number.clone(),
                age: approved.age,
                medical_members: approved.medical_members,
                earnings: approved.earnings.clone(),
            };
            for c in corrections
                .iter()
                .filter(|c| c.employee_id == approved.employee_id)
            {
                payee.age = c.age.unwrap_or(payee.age);
                payee.medical_members = c.medical_members.unwrap_or(payee.medical_members);
                if let Some(gross) = c.gross {
                    if gross.is_sign_negative() || gross.scale() > 2 {
                        return Err(CommandError::Rejected(format!(
                            "corrections: gross {gross} is not an amount in rand"
                        )));
                    }
                    payee.earnings = vec![Earning {
                        description: "Corrected gross".into(),
                        amount: gross,
                        project_id: None,
                        cost_code: None,
                    }];
                }
            }
            let sdl_liable = !approved.sdl.is_zero() || self.sdl_liable;
            let recalculated =
                payslip(table, &payee, pay_date, frequency, sdl_liable).map_err(refused)?;
            lines.push(WhatIfLine {
                employee_id: approved.employee_id.clone(),
                name: approved.name.clone(),
                paye_difference: recalculated.paye - approved.paye,
                net_difference: recalculated.net - approved.net,
                approved: approved.clone(),
                recalculated,
            });
        }
        Ok(lines)
    }
}
