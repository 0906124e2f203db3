//! Posting what HR decides about pay: a worker on the **HR** topic
//! (`finance.payroll_costing`) that posts one journal per approved timesheet, pay run
//! approval, payment and reversal, exactly once, on the mechanism of `parking.rs` (an
//! account not open or a project finance has not heard of parks it for a retry). The
//! journal's id derives from the event's id.
//!
//! | event | debit | credit |
//! |---|---|---|
//! | `TimesheetApproved` | 5000 Cost of sales: labour (project, cost code), each line at cost | 6190 Labour charged to projects |
//! | `PayRunApproved` | 5000 (project, cost code) for allocated salaries; 6100 Salaries and wages for the rest; 6110 Employer's UIF and SDL | 2200 PAYE, 2210 UIF (employee + employer), 2220 SDL, 2230 Net pay payable |
//! | `PayRunPaid` | 2230 Net pay payable | 1000 Bank |
//! | `PayRunReversed` | the approval's journal with every side swapped | |
//!
//! Site labour's hours reach its projects through their timesheets, at the cost rate
//! (pay plus the employer's burden), against 6190; its wages are then 6100 in the pay
//! run. So a project carries each hour once, and the company's labour cost is 5000 +
//! 6100 − 6190 plus 6110. A salary allocated to a project's cost code is charged there
//! by the pay run itself.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::finance::{FinanceCommands, PostJournalInput};
use constructos_domain::finance::{JournalLine, JournalSource, Rand, Side};
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::ApplyError;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::parking::{system_context, Attempt, Parkable, Parking};
use super::stock_costing::journal_id_for_movement;

/// The CloudEvent type of an approved week of site labour.
pub const TIMESHEET_APPROVED: &str = "constructos.hr.TimesheetApproved.v1";
/// The CloudEvent type of an approved pay run.
pub const PAY_RUN_APPROVED: &str = "constructos.hr.PayRunApproved.v1";
/// The CloudEvent type of a pay run's net pay paid.
pub const PAY_RUN_PAID: &str = "constructos.hr.PayRunPaid.v1";
/// The CloudEvent type of a reversed pay run.
pub const PAY_RUN_REVERSED: &str = "constructos.hr.PayRunReversed.v1";

/// Labour costed to projects.
pub const LABOUR_COST: &str = "5000";
/// Net pay owed to employees.
pub const NET_PAY_PAYABLE: &str = "2230";
/// Employees' tax withheld for SARS.
pub const PAYE_PAYABLE: &str = "2200";
/// UIF owed to the fund (employee and employer).
pub const UIF_PAYABLE: &str = "2210";
/// Skills development levy owed to SARS.
pub const SDL_PAYABLE: &str = "2220";
/// Salaries and wages not charged to a project.
pub const SALARIES: &str = "6100";
/// The employer's UIF and SDL.
pub const EMPLOYER_CONTRIBUTIONS: &str = "6110";
/// The contra of labour charged to projects by timesheets.
pub const LABOUR_CHARGED: &str = "6190";
/// The bank account net pay leaves from.
pub const BANK: &str = "1000";

#[derive(Debug, Deserialize)]
struct CostedLine {
    project_id: String,
    cost_code: String,
    cost: Decimal,
}

#[derive(Debug, Deserialize)]
struct TimesheetApproved {
    week_starting: NaiveDate,
    lines: Vec<CostedLine>,
}

#[derive(Debug, Deserialize)]
struct Totals {
    gross: Decimal,
    paye: Decimal,
    uif_employee: Decimal,
    uif_employer: Decimal,
    sdl: Decimal,
    net: Decimal,
}

#[derive(Debug, Deserialize)]
struct Allocation {
    project_id: Option<String>,
    cost_code: Option<String>,
    gross: Decimal,
}

#[derive(Debug, Deserialize)]
struct Approved {
    pay_date: NaiveDate,
    totals: Totals,
    allocations: Vec<Allocation>,
}

#[derive(Debug, Deserialize)]
struct Paid {
    on: NaiveDate,
    net: Decimal,
}

fn line(
    account: &str,
    side: Side,
    amount: Decimal,
) -> Result<Option<JournalLine>, serde_json::Error> {
    let amount =
        Rand::from_decimal(amount).map_err(|e| serde::de::Error::custom(format!("amount: {e}")))?;
    if !amount.is_positive() {
        return Ok(None);
    }
    Ok(Some(JournalLine {
        account_code: account.to_string(),
        side,
        amount,
        project_id: None,
        cost_code: None,
        site_id: None,
    }))
}

fn on_project(
    line: Option<JournalLine>,
    project: Option<String>,
    cost_code: Option<String>,
) -> Option<JournalLine> {
    line.map(|mut l| {
        l.project_id = project;
        l.cost_code = cost_code;
        l
    })
}

/// The payroll journal of an approved run (debits, then credits).
fn payroll_lines(a: &Approved) -> Result<Vec<JournalLine>, serde_json::Error> {
    let t = &a.totals;
    let mut lines = Vec::new();
    for alloc in &a.allocations {
        let account = if alloc.project_id.is_some() {
            LABOUR_COST
        } else {
            SALARIES
        };
        lines.push(on_project(
            line(account, Side::Debit, alloc.gross)?,
            alloc.project_id.clone(),
            alloc.cost_code.clone(),
        ));
    }
    lines.push(line(
        EMPLOYER_CONTRIBUTIONS,
        Side::Debit,
        t.uif_employer + t.sdl,
    )?);
    lines.push(line(PAYE_PAYABLE, Side::Credit, t.paye)?);
    lines.push(line(
        UIF_PAYABLE,
        Side::Credit,
        t.uif_employee + t.uif_employer,
    )?);
    lines.push(line(SDL_PAYABLE, Side::Credit, t.sdl)?);
    lines.push(line(NET_PAY_PAYABLE, Side::Credit, t.net)?);
    let allocated: Decimal = a.allocations.iter().map(|x| x.gross).sum();
    if allocated != t.gross {
        return Err(serde::de::Error::custom(format!(
            "allocations add up to {allocated}, not the gross {}",
            t.gross
        )));
    }
    Ok(lines.into_iter().flatten().collect())
}

fn swapped(mut lines: Vec<JournalLine>) -> Vec<JournalLine> {
    for l in &mut lines {
        l.side = match l.side {
            Side::Debit => Side::Credit,
            Side::Credit => Side::Debit,
        };
    }
    lines
}

/// The journal an HR event posts, or `None` when it posts none (a contract breach is
/// an error).
pub fn payroll_journal_of(
    event: &CloudEvent,
) -> Result<Option<PostJournalInput>, serde_json::Error> {
    let data = || event.data.clone();
    let (date, narrative, lines) = match event.event_type.as_str() {
        TIMESHEET_APPROVED => {
            let t: TimesheetApproved = serde_json::from_value(data())?;
            let mut lines = Vec::new();
            for l in &t.lines {
                lines.push(on_project(
                    line(LABOUR_COST, Side::Debit, l.cost)?,
                    Some(l.project_id.clone()),
                    Some(l.cost_code.clone()),
                ));
                lines.push(line(LABOUR_CHARGED, Side::Credit, l.cost)?);
            }
            // Dated the week's Sunday: the work is done by then.
            let sunday = t.week_starting + chrono::Duration::days(6);
            (
                sunday,
                format!("Site labour, week of {}", t.week_starting),
                lines.into_iter().flatten().collect(),
            )
        }
        PAY_RUN_APPROVED => {
            let a: Approved = serde_json::from_value(data())?;
            (
                a.pay_date,
                format!("Payroll, paid {}", a.pay_date),
                payroll_lines(&a)?,
            )
        }
        PAY_RUN_REVERSED => {
            let a: Approved = serde_json::from_value(data())?;
            (
                a.pay_date,
                format!("Payroll reversed, paid {}", a.pay_date),
                swapped(payroll_lines(&a)?),
            )
        }
        PAY_RUN_PAID => {
            let p: Paid = serde_json::from_value(data())?;
            let lines = vec![
                line(NET_PAY_PAYABLE, Side::Debit, p.net)?,
                line(BANK, Side::Credit, p.net)?,
            ];
            (
                p.on,
                "Net pay paid".to_string(),
                lines.into_iter().flatten().collect(),
            )
        }
        _ => return Ok(None),
    };
    let lines: Vec<JournalLine> = lines;
    if lines.is_empty() {
        return Ok(None);
    }
    Ok(Some(PostJournalInput {
        date,
        narrative: format!("{narrative} — {}", event.subject),
        source: JournalSource::System,
        lines,
    }))
}

/// Posts HR's pay decisions to the ledger (see the module docs).
#[derive(Clone)]
pub struct PayrollCosts {
    commands: FinanceCommands,
}

/// The payroll costing worker: [`PayrollCosts`] parked and retried.
pub type PayrollCosting = Parking<PayrollCosts>;

impl Parking<PayrollCosts> {
    /// The worker posting HR's pay decisions through `commands`.
    pub fn payroll_costs(commands: FinanceCommands) -> Self {
        let pool = commands.pool().clone();
        Parking::new(PayrollCosts { commands }, pool)
    }
}

impl PayrollCosts {
    fn asked(event: &CloudEvent) -> Option<PostJournalInput> {
        payroll_journal_of(event)
            .map_err(|e| {
                tracing::error!(event_id = %event.id, event_type = %event.event_type, error = %e, "skipping a pay event that breaks its contract");
            })
            .ok()
            .flatten()
    }
}

#[async_trait]
impl Parkable for PayrollCosts {
    const NAME: &'static str = "finance.payroll_costing";
    const TYPES: &'static [&'static str] = &[
        TIMESHEET_APPROVED,
        PAY_RUN_APPROVED,
        PAY_RUN_PAID,
        PAY_RUN_REVERSED,
    ];

    fn source_id(event: &CloudEvent) -> Option<String> {
        Self::asked(event).map(|_| event.id.to_string())
    }

    async fn attempt(&self, event: &CloudEvent) -> Result<Attempt, ApplyError> {
        let Some(input) = Self::asked(event) else {
            return Ok(Attempt::Done);
        };
        let ctx = system_context(Self::NAME, event);
        let id = journal_id_for_movement(&event.id);
        let result = self.commands.post_journal_once(&ctx, &id, input).await;
        if let Ok(true) = result {
            tracing::info!(event_id = %event.id, journal_id = %id, "pay event posted");
        }
        Attempt::of(result, format!("Failed to post pay event {}", event.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(event_type: &str, data: serde_json::Value) -> CloudEvent {
        let mut event: CloudEvent = serde_json::from_value(json!({
            "specversion": "1.0", "id": "0190f0c8-0000-7000-8000-000000000002",
            "source": "urn:constructos:hr", "type": event_type,
            "subject": "run-1", "time": "2026-02-25T10:00:00Z",
            "datacontenttype": "application/json",
            "dataschema": "urn:constructos:schemas:events/hr/x.json",
            "aggregatetype": "hr.pay_run", "sequence": 3, "data": data
        }))
        .expect("a cloud event");
        event.event_type = event_type.to_string();
        event
    }

    fn balance(input: &PostJournalInput) -> Decimal {
        input
            .lines
            .iter()
            .map(|l| match l.side {
                Side::Debit => l.amount.as_decimal(),
                Side::Credit => -l.amount.as_decimal(),
            })
            .sum()
    }

    fn approved() -> serde_json::Value {
        json!({
            "by": "hr", "pay_date": "2026-02-25",
            "totals": { "employees": 2, "gross": "42000.00", "paye": "5500.00", "uif_employee": "297.12",
                        "uif_employer": "297.12", "sdl": "420.00", "net": "36202.88" },
            "allocations": [
                { "project_id": "p-1", "cost_code": "SUPERVISION", "gross": "30000.00" },
                { "project_id": null, "cost_code": null, "gross": "12000.00" }
            ]
        })
    }

    #[test]
    fn the_payroll_journal_balances_and_charges_allocated_salaries_to_their_project() {
        let j = payroll_journal_of(&event(PAY_RUN_APPROVED, approved()))
            .expect("valid")
            .expect("a journal");
        assert_eq!(balance(&j), Decimal::ZERO);
        assert_eq!(j.lines[0].account_code, LABOUR_COST);
        assert_eq!(j.lines[0].project_id.as_deref(), Some("p-1"));
        assert_eq!(j.lines[1].account_code, SALARIES);
        let codes: Vec<&str> = j.lines.iter().map(|l| l.account_code.as_str()).collect();
        assert_eq!(
            codes,
            ["5000", "6100", "6110", "2200", "2210", "2220", "2230"]
        );
        let reversed = payroll_journal_of(&event(
            PAY_RUN_REVERSED,
            json!({
                "by": "hr", "reason": "wrong", "pay_date": "2026-02-25",
                "totals": approved()["totals"], "allocations": approved()["allocations"]
            }),
        ))
        .expect("valid")
        .expect("a journal");
        assert_eq!(reversed.lines[0].side, Side::Credit);
        assert_eq!(balance(&reversed), Decimal::ZERO);
    }

    #[test]
    fn an_approved_timesheet_costs_each_project_line_against_labour_charged() {
        let j = payroll_journal_of(&event(TIMESHEET_APPROVED, json!({
            "employee_id": "e-1", "week_starting": "2026-02-02", "by": "site",
            "lines": [{ "project_id": "p-1", "cost_code": "LAB", "ordinary_hours": "40", "overtime_hours": "2",
                        "double_hours": "0", "cost": "8600.00" }],
            "total_cost": "8600.00", "gross_pay": "3440.00"
        }))).expect("valid").expect("a journal");
        assert_eq!(j.date.to_string(), "2026-02-08");
        assert_eq!(balance(&j), Decimal::ZERO);
        assert_eq!(j.lines[0].cost_code.as_deref(), Some("LAB"));
        assert_eq!(j.lines[1].account_code, LABOUR_CHARGED);
    }

    #[test]
    fn allocations_that_do_not_add_up_break_the_contract() {
        let mut bad = approved();
        bad["allocations"][1]["gross"] = json!("1.00");
        assert!(payroll_journal_of(&event(PAY_RUN_APPROVED, bad)).is_err());
    }
}
