//! A pay run: one period's pay for the employees of one pay frequency, through
//! draft → calculated → approved → paid. A draft may be calculated again as often as
//! facts change; an approved run never changes — a mistake is put right by reversing
//! it (`PayRunReversed`, which finance posts as the mirror of the approval) and running
//! the period again. Approval is by someone other than whoever calculated the run.
//!
//! Each payslip's figures come from [`calculate`] (the PAYE calculator's function):
//! gross is the sum of the earnings, net is gross less PAYE and the employee's UIF.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::paye::{calculate_under, MonthlyDeductions, PayeInput};
use super::tables::{table_for, tax_year_of, TaxTable};
use crate::hr::profile::PayFrequency;
use crate::hr::HrError;

/// The aggregate type of pay runs in the event store.
pub const PAY_RUN_AGGREGATE: &str = "hr.pay_run";

/// One amount a payslip pays, and where its cost belongs (a salary allocated to a
/// project's cost code; site labour's hours are costed by their timesheets instead).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Earning {
    pub description: String,
    pub amount: Decimal,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
}

/// What a run needs to know of one employee, read from HR's records as stored when
/// the run is calculated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payee {
    pub employee_id: String,
    pub employee_number: String,
    pub name: String,
    pub tax_number: Option<String>,
    /// Age on the last day of the tax year.
    pub age: u32,
    pub medical_members: u32,
    pub earnings: Vec<Earning>,
}

/// One employee's pay for the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payslip {
    pub employee_id: String,
    pub employee_number: String,
    pub name: String,
    pub tax_number: Option<String>,
    pub age: u32,
    pub medical_members: u32,
    pub earnings: Vec<Earning>,
    pub gross: Decimal,
    pub tax_year: i32,
    pub annual_equivalent: Decimal,
    pub medical_credits: Decimal,
    pub paye: Decimal,
    pub uif_employee: Decimal,
    pub uif_employer: Decimal,
    pub sdl: Decimal,
    pub net: Decimal,
}

/// The run's sums.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayRunTotals {
    pub employees: u32,
    pub gross: Decimal,
    pub paye: Decimal,
    pub uif_employee: Decimal,
    pub uif_employer: Decimal,
    pub sdl: Decimal,
    pub net: Decimal,
}

impl PayRunTotals {
    /// The sums of `payslips`.
    pub fn of(payslips: &[Payslip]) -> Self {
        let sum = |f: fn(&Payslip) -> Decimal| payslips.iter().map(f).sum();
        Self {
            employees: u32::try_from(payslips.len()).unwrap_or(u32::MAX),
            gross: sum(|p| p.gross),
            paye: sum(|p| p.paye),
            uif_employee: sum(|p| p.uif_employee),
            uif_employer: sum(|p| p.uif_employer),
            sdl: sum(|p| p.sdl),
            net: sum(|p| p.net),
        }
    }
}

/// Gross pay by where it is charged: what the payroll journal debits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostAllocation {
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
    pub gross: Decimal,
}

/// Gross pay of `payslips` grouped by project and cost code (unallocated last).
pub fn allocations(payslips: &[Payslip]) -> Vec<CostAllocation> {
    let mut by: std::collections::BTreeMap<(Option<String>, Option<String>), Decimal> =
        std::collections::BTreeMap::new();
    for earning in payslips.iter().flat_map(|p| &p.earnings) {
        *by.entry((earning.project_id.clone(), earning.cost_code.clone()))
            .or_default() += earning.amount;
    }
    let mut out: Vec<CostAllocation> = by
        .into_iter()
        .filter(|(_, gross)| !gross.is_zero())
        .map(|((project_id, cost_code), gross)| CostAllocation {
            project_id,
            cost_code,
            gross,
        })
        .collect();
    out.sort_by_key(|a| a.project_id.is_none());
    out
}

/// A payee's payslip under `table` for a run paid on `pay_date`.
pub fn payslip(
    table: &TaxTable,
    payee: &Payee,
    pay_date: NaiveDate,
    frequency: PayFrequency,
    sdl_liable: bool,
) -> Result<Payslip, HrError> {
    let gross: Decimal = payee.earnings.iter().map(|e| e.amount).sum();
    let MonthlyDeductions {
        tax_year,
        annual_equivalent,
        medical_credits,
        paye,
        uif_employee,
        uif_employer,
        sdl,
        ..
    } = calculate_under(
        table,
        &PayeInput {
            pay_date,
            monthly_remuneration: gross,
            periods_per_year: frequency.periods_per_year(),
            age: payee.age,
            medical_members: payee.medical_members,
            sdl_liable,
        },
    )
    .map_err(|e| HrError::PayRun(format!("{}: {e}", payee.employee_number)))?;
    Ok(Payslip {
        employee_id: payee.employee_id.clone(),
        employee_number: payee.employee_number.clone(),
        name: payee.name.clone(),
        tax_number: payee.tax_number.clone(),
        age: payee.age,
        medical_members: payee.medical_members,
        earnings: payee.earnings.clone(),
        gross,
        tax_year,
        annual_equivalent,
        medical_credits,
        paye,
        uif_employee,
        uif_employer,
        sdl,
        net: gross - paye - uif_employee,
    })
}

/// Where a run stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PayRunStatus {
    #[default]
    New,
    Draft,
    Calculated,
    Approved,
    Paid,
    Reversed,
}

/// Commands to a pay run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PayRunCommand {
    /// Open a draft run for a period (monthly: a calendar month; weekly: Monday to
    /// Sunday), paid on `pay_date`.
    Open {
        frequency: PayFrequency,
        period_start: NaiveDate,
        period_end: NaiveDate,
        pay_date: NaiveDate,
    },
    /// Work out every payee's payslip (again, while not approved).
    Calculate {
        payees: Vec<Payee>,
        sdl_liable: bool,
        by: String,
    },
    /// Approve the calculated run: its payroll journal goes to finance.
    Approve { by: String },
    /// Record that the net pay has been paid.
    MarkPaid { on: NaiveDate },
    /// Reverse an approved or paid run (finance posts the mirror journal).
    Reverse { by: String, reason: String },
}

/// Events of a pay run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PayRunEvent {
    PayRunOpened {
        frequency: PayFrequency,
        period_start: NaiveDate,
        period_end: NaiveDate,
        pay_date: NaiveDate,
    },
    PayRunCalculated {
        by: String,
        payslips: Vec<Payslip>,
        totals: PayRunTotals,
    },
    /// The payroll journal's figures: finance posts them on the pay date.
    PayRunApproved {
        by: String,
        pay_date: NaiveDate,
        totals: PayRunTotals,
        allocations: Vec<CostAllocation>,
    },
    PayRunPaid {
        on: NaiveDate,
        net: Decimal,
    },
    /// The approved figures undone: finance posts the mirror of the approval.
    PayRunReversed {
        by: String,
        reason: String,
        pay_date: NaiveDate,
        totals: PayRunTotals,
        allocations: Vec<CostAllocation>,
    },
}

impl DomainEvent for PayRunEvent {
    fn event_type(&self) -> String {
        match self {
            PayRunEvent::PayRunOpened { .. } => "PayRunOpened",
            PayRunEvent::PayRunCalculated { .. } => "PayRunCalculated",
            PayRunEvent::PayRunApproved { .. } => "PayRunApproved",
            PayRunEvent::PayRunPaid { .. } => "PayRunPaid",
            PayRunEvent::PayRunReversed { .. } => "PayRunReversed",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// A pay run's state.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct PayRun {
    status: PayRunStatus,
    frequency: Option<PayFrequency>,
    period: Option<(NaiveDate, NaiveDate)>,
    pay_date: Option<NaiveDate>,
    calculated_by: Option<String>,
    payslips: Vec<Payslip>,
}

fn refuse(message: impl Into<String>) -> HrError {
    HrError::PayRun(message.into())
}

impl PayRun {
    /// The run's status.
    pub fn status(&self) -> PayRunStatus {
        self.status
    }

    /// The period (first and last day), once opened.
    pub fn period(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.period
    }

    /// The pay date, once opened.
    pub fn pay_date(&self) -> Option<NaiveDate> {
        self.pay_date
    }

    /// How often the run's payees are paid.
    pub fn frequency(&self) -> Option<PayFrequency> {
        self.frequency
    }

    /// The payslips as last calculated.
    pub fn payslips(&self) -> &[Payslip] {
        &self.payslips
    }

    fn status_is(&self, allowed: &[PayRunStatus], doing: &str) -> Result<(), HrError> {
        if self.status == PayRunStatus::New {
            return Err(HrError::PayRunNotFound);
        }
        if allowed.contains(&self.status) {
            return Ok(());
        }
        Err(refuse(format!(
            "the pay run is {}; it cannot be {doing}",
            format!("{:?}", self.status).to_lowercase()
        )))
    }

    fn decide(&self, command: PayRunCommand) -> Result<PayRunEvent, HrError> {
        use PayRunStatus::*;
        match command {
            PayRunCommand::Open {
                frequency,
                period_start,
                period_end,
                pay_date,
            } => {
                if self.status != New {
                    return Err(refuse("the pay run exists already"));
                }
                check_period(frequency, period_start, period_end)?;
                if pay_date < period_start || pay_date > period_end + Duration::days(7) {
                    return Err(refuse(format!(
                        "payDate: {pay_date} is not within the period or the week after it"
                    )));
                }
                if table_for(pay_date).is_none() {
                    return Err(HrError::NoTaxTable {
                        tax_year: tax_year_of(pay_date),
                    });
                }
                Ok(PayRunEvent::PayRunOpened {
                    frequency,
                    period_start,
                    period_end,
                    pay_date,
                })
            }
            PayRunCommand::Calculate {
                payees,
                sdl_liable,
                by,
            } => {
                self.status_is(&[Draft, Calculated], "recalculated")?;
                let (Some(pay_date), Some(frequency)) = (self.pay_date, self.frequency) else {
                    return Err(HrError::PayRunNotFound);
                };
                let table = table_for(pay_date).ok_or(HrError::NoTaxTable {
                    tax_year: tax_year_of(pay_date),
                })?;
                let mut seen = std::collections::BTreeSet::new();
                let mut payslips = Vec::new();
                for payee in &payees {
                    if !seen.insert(payee.employee_id.as_str()) {
                        return Err(refuse(format!(
                            "{} is in the run twice",
                            payee.employee_number
                        )));
                    }
                    if payee.earnings.iter().any(|e| e.amount.is_sign_negative()) {
                        return Err(refuse(format!(
                            "{}: an earning below nought",
                            payee.employee_number
                        )));
                    }
                    let slip = payslip(table, payee, pay_date, frequency, sdl_liable)?;
                    if !slip.gross.is_zero() {
                        payslips.push(slip);
                    }
                }
                if payslips.is_empty() {
                    return Err(refuse(
                        "nobody has pay in the period: there is nothing to calculate",
                    ));
                }
                let totals = PayRunTotals::of(&payslips);
                Ok(PayRunEvent::PayRunCalculated {
                    by,
                    payslips,
                    totals,
                })
            }
            PayRunCommand::Approve { by } => {
                self.status_is(&[Calculated], "approved")?;
                if self.calculated_by.as_deref() == Some(by.as_str()) {
                    return Err(refuse(
                        "the pay run is approved by someone other than whoever calculated it",
                    ));
                }
                Ok(PayRunEvent::PayRunApproved {
                    by,
                    pay_date: self.pay_date.ok_or(HrError::PayRunNotFound)?,
                    totals: PayRunTotals::of(&self.payslips),
                    allocations: allocations(&self.payslips),
                })
            }
            PayRunCommand::MarkPaid { on } => {
                self.status_is(&[Approved], "marked paid")?;
                Ok(PayRunEvent::PayRunPaid {
                    on,
                    net: PayRunTotals::of(&self.payslips).net,
                })
            }
            PayRunCommand::Reverse { by, reason } => {
                self.status_is(&[Approved, Paid], "reversed")?;
                Ok(PayRunEvent::PayRunReversed {
                    by,
                    reason,
                    pay_date: self.pay_date.ok_or(HrError::PayRunNotFound)?,
                    totals: PayRunTotals::of(&self.payslips),
                    allocations: allocations(&self.payslips),
                })
            }
        }
    }
}

/// A monthly period is one calendar month; a weekly one Monday to Sunday.
fn check_period(frequency: PayFrequency, start: NaiveDate, end: NaiveDate) -> Result<(), HrError> {
    let ok = match frequency {
        PayFrequency::Monthly => {
            start.day() == 1
                && end.month() == start.month()
                && end.year() == start.year()
                && end.succ_opt().is_some_and(|next| next.day() == 1)
        }
        PayFrequency::Weekly => start.weekday() == Weekday::Mon && end == start + Duration::days(6),
    };
    if ok {
        Ok(())
    } else {
        Err(refuse(format!(
            "periodEnd: {start} to {end} is not a {} pay period ({})",
            format!("{frequency:?}").to_lowercase(),
            match frequency {
                PayFrequency::Monthly => "a calendar month",
                PayFrequency::Weekly => "Monday to Sunday",
            }
        )))
    }
}

impl Aggregate for PayRun {
    const TYPE: &'static str = PAY_RUN_AGGREGATE;
    type Command = PayRunCommand;
    type Event = PayRunEvent;
    type Error = HrError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command)?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            PayRunEvent::PayRunOpened {
                frequency,
                period_start,
                period_end,
                pay_date,
            } => {
                self.status = PayRunStatus::Draft;
                self.frequency = Some(frequency);
                self.period = Some((period_start, period_end));
                self.pay_date = Some(pay_date);
            }
            PayRunEvent::PayRunCalculated { by, payslips, .. } => {
                self.status = PayRunStatus::Calculated;
                self.calculated_by = Some(by);
                self.payslips = payslips;
            }
            PayRunEvent::PayRunApproved { .. } => self.status = PayRunStatus::Approved,
            PayRunEvent::PayRunPaid { .. } => self.status = PayRunStatus::Paid,
            PayRunEvent::PayRunReversed { .. } => self.status = PayRunStatus::Reversed,
        }
    }
}

impl crate::stored::Stored for PayRun {}

#[cfg(test)]
mod tests {
    use super::*;
    use cqrs_es::test::TestFramework;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn payee(id: &str, salary: i64, project: Option<&str>) -> Payee {
        Payee {
            employee_id: id.into(),
            employee_number: format!("EMP-{id}"),
            name: "Thandi Mokoena".into(),
            tax_number: Some("0123456789".into()),
            age: 40,
            medical_members: 0,
            earnings: vec![Earning {
                description: "Salary".into(),
                amount: Decimal::from(salary),
                project_id: project.map(String::from),
                cost_code: project.map(|_| "SUPERVISION".to_string()),
            }],
        }
    }

    fn opened() -> PayRunEvent {
        PayRunEvent::PayRunOpened {
            frequency: PayFrequency::Monthly,
            period_start: day(2025, 11, 1),
            period_end: day(2025, 11, 30),
            pay_date: day(2025, 11, 25),
        }
    }

    fn calculated(by: &str) -> PayRunEvent {
        let mut run = PayRun::default();
        run.apply(opened());
        run.decide(PayRunCommand::Calculate {
            payees: vec![
                payee("0001", 30_000, Some("p1")),
                payee("0002", 12_000, None),
            ],
            sdl_liable: true,
            by: by.into(),
        })
        .expect("calculated")
    }

    #[test]
    fn a_run_calculates_payslips_with_the_calculators_figures() {
        let PayRunEvent::PayRunCalculated {
            payslips, totals, ..
        } = calculated("payroll")
        else {
            panic!("calculated");
        };
        // R30 000 at 40: PAYE R4 783.08, UIF R177.12 (the calculator's figures).
        assert_eq!(payslips[0].paye, Decimal::new(478_308, 2));
        assert_eq!(
            payslips[0].net,
            Decimal::from(30_000) - Decimal::new(478_308, 2) - Decimal::new(17_712, 2)
        );
        assert_eq!(totals.employees, 2);
        assert_eq!(totals.gross, Decimal::from(42_000));
        assert_eq!(totals.gross, totals.paye + totals.uif_employee + totals.net);
    }

    #[test]
    fn approval_is_by_someone_else_and_an_approved_run_only_reverses() {
        TestFramework::<PayRun>::with(())
            .given(vec![opened(), calculated("payroll")])
            .when(PayRunCommand::Approve {
                by: "payroll".into(),
            })
            .then_expect_error(HrError::PayRun(
                "the pay run is approved by someone other than whoever calculated it".into(),
            ));
        let approved = {
            let mut run = PayRun::default();
            run.apply(opened());
            run.apply(calculated("payroll"));
            run.decide(PayRunCommand::Approve { by: "hr".into() })
                .expect("approved")
        };
        let PayRunEvent::PayRunApproved { allocations, .. } = &approved else {
            panic!("approved");
        };
        assert_eq!(allocations.len(), 2);
        assert_eq!(allocations[0].project_id.as_deref(), Some("p1"));
        TestFramework::<PayRun>::with(())
            .given(vec![opened(), calculated("payroll"), approved.clone()])
            .when(PayRunCommand::Calculate {
                payees: vec![payee("0001", 1, None)],
                sdl_liable: true,
                by: "x".into(),
            })
            .then_expect_error(HrError::PayRun(
                "the pay run is approved; it cannot be recalculated".into(),
            ));
        let mut run = PayRun::default();
        for e in [opened(), calculated("payroll"), approved] {
            run.apply(e);
        }
        let reversed = run
            .decide(PayRunCommand::Reverse {
                by: "hr".into(),
                reason: "wrong rate".into(),
            })
            .expect("reversed");
        assert!(matches!(reversed, PayRunEvent::PayRunReversed { .. }));
    }

    #[test]
    fn periods_and_pay_dates_are_checked() {
        let open = |frequency, start, end, pay| {
            PayRun::default().decide(PayRunCommand::Open {
                frequency,
                period_start: start,
                period_end: end,
                pay_date: pay,
            })
        };
        assert!(open(
            PayFrequency::Monthly,
            day(2025, 11, 1),
            day(2025, 11, 30),
            day(2025, 11, 25)
        )
        .is_ok());
        assert!(open(
            PayFrequency::Monthly,
            day(2025, 11, 2),
            day(2025, 11, 30),
            day(2025, 11, 25)
        )
        .is_err());
        assert!(open(
            PayFrequency::Weekly,
            day(2025, 11, 3),
            day(2025, 11, 9),
            day(2025, 11, 7)
        )
        .is_ok());
        assert!(open(
            PayFrequency::Weekly,
            day(2025, 11, 4),
            day(2025, 11, 10),
            day(2025, 11, 7)
        )
        .is_err());
        assert_eq!(
            open(
                PayFrequency::Monthly,
                day(2019, 11, 1),
                day(2019, 11, 30),
                day(2019, 11, 25)
            ),
            Err(HrError::NoTaxTable { tax_year: 2020 })
        );
    }

    proptest! {
        /// For any salaries: gross = PAYE + employee UIF + net, per payslip and in total,
        /// and the allocations add up to the gross.
        #[test]
        fn the_run_balances(salaries in proptest::collection::vec((0i64..200_000, any::<bool>()), 1..8)) {
            let payees: Vec<Payee> = salaries.iter().enumerate()
                .map(|(n, (s, allocated))| payee(&format!("{n:04}"), *s, allocated.then_some("p1")))
                .collect();
            let mut run = PayRun::default();
            run.apply(opened());
            if let Ok(PayRunEvent::PayRunCalculated { payslips, totals, .. }) =
                run.decide(PayRunCommand::Calculate { payees, sdl_liable: true, by: "p".into() })
            {
                for p in &payslips {
                    prop_assert_eq!(p.gross, p.paye + p.uif_employee + p.net);
                    prop_assert!(p.net >= Decimal::ZERO);
                }
                prop_assert_eq!(totals.gross, totals.paye + totals.uif_employee + totals.net);
                prop_assert_eq!(allocations(&payslips).iter().map(|a| a.gross).sum::<Decimal>(), totals.gross);
            }
        }
    }
}
