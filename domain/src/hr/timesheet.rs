//! Weekly timesheets for site labour: hours per day, project and cost code, classified
//! by the BCEA into ordinary time, overtime at one and a half times (s 10(2)) and
//! double time on Sundays (s 16) and public holidays (s 18), then costed at the
//! employee's cost rate when the site manager approves. One stream per employee and
//! week (the id derives from both), so a week is never kept twice.
//!
//! Ordinary hours: at most 45 a week and 9 a day for a week of five days or fewer, 8 a
//! day for a longer week (s 9(1)); the hours past either limit are overtime, at most
//! 10 a week (s 10(1)(b)) and at most 12 hours worked a day (s 10(1)(a)). Sunday and
//! public-holiday hours are all paid double and count towards neither limit.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::holidays::is_public_holiday;
use super::HrError;
use crate::finance::Rand;

/// The aggregate type of timesheets in the event store.
pub const TIMESHEET_AGGREGATE: &str = "hr.timesheet";

/// The id of an employee's timesheet for the week starting `monday`.
pub fn timesheet_id(employee_id: &str, monday: NaiveDate) -> String {
    const NAMESPACE: Uuid = Uuid::from_u128(0x7e3a_2c91_45b8_4f0d_9a61_d2c8_0b5e_7f14);
    Uuid::new_v5(&NAMESPACE, format!("{employee_id}/{monday}").as_bytes()).to_string()
}

/// Hours worked on one day for one project's cost code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntry {
    pub day: NaiveDate,
    pub project_id: String,
    pub cost_code: String,
    pub hours: Decimal,
}

/// An entry's hours split by how they are paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassifiedEntry {
    pub day: NaiveDate,
    pub project_id: String,
    pub cost_code: String,
    pub ordinary: Decimal,
    /// At 1.5×.
    pub overtime: Decimal,
    /// At 2× (Sundays and public holidays).
    pub double: Decimal,
}

impl ClassifiedEntry {
    /// The hours at `rate`: ordinary × 1 + overtime × 1.5 + double × 2, to the cent.
    pub fn at(&self, rate: Rand) -> Decimal {
        let weighted =
            self.ordinary + self.overtime * Decimal::new(15, 1) + self.double * Decimal::from(2);
        (weighted * rate.as_decimal())
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    }
}

/// What one project's cost code is charged for an approved week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostedLine {
    pub project_id: String,
    pub cost_code: String,
    pub ordinary_hours: Decimal,
    pub overtime_hours: Decimal,
    pub double_hours: Decimal,
    pub cost: Decimal,
}

fn refuse(message: String) -> HrError {
    HrError::Timesheet(message)
}

/// The most ordinary hours of a week.
const WEEKLY_ORDINARY: i64 = 45;
/// The most overtime hours of a week.
const WEEKLY_OVERTIME: i64 = 10;
/// The most hours worked on a day, overtime included.
const DAILY_MAXIMUM: i64 = 12;

/// Classifies a week's entries (in day order, then as given) by the rules above, or
/// refuses the week naming the entry or day at fault.
pub fn classify(
    monday: NaiveDate,
    entries: &[TimeEntry],
    days_per_week: u8,
) -> Result<Vec<ClassifiedEntry>, HrError> {
    if monday.weekday() != Weekday::Mon {
        return Err(refuse(format!("weekStarting: {monday} is not a Monday")));
    }
    if entries.is_empty() {
        return Err(refuse("entries: a timesheet has at least one entry".into()));
    }
    let sunday = monday + Duration::days(6);
    let daily_ordinary = Decimal::from(if days_per_week > 5 { 8 } else { 9 });
    let mut per_day: BTreeMap<NaiveDate, Decimal> = BTreeMap::new();
    for (n, entry) in entries.iter().enumerate() {
        if entry.day < monday || entry.day > sunday {
            return Err(refuse(format!(
                "entries[{n}].day: {} is outside the week {monday} to {sunday}",
                entry.day
            )));
        }
        if entry.hours <= Decimal::ZERO || entry.hours.normalize().scale() > 2 {
            return Err(refuse(format!(
                "entries[{n}].hours: {} is not a number of hours above nought with at most two places",
                entry.hours
            )));
        }
        let total = per_day.entry(entry.day).or_default();
        *total += entry.hours;
        if *total > Decimal::from(DAILY_MAXIMUM) {
            return Err(refuse(format!(
                "entries[{n}].hours: {} hours on {} pass the 12 a day the BCEA allows (s 10(1)(a))",
                total, entry.day
            )));
        }
    }
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|n| entries[*n].day);
    let mut week_ordinary = Decimal::ZERO;
    let mut week_overtime = Decimal::ZERO;
    let mut day_ordinary: BTreeMap<NaiveDate, Decimal> = BTreeMap::new();
    let mut out: Vec<Option<ClassifiedEntry>> = vec![None; entries.len()];
    for n in order {
        let e = &entries[n];
        let mut classified = ClassifiedEntry {
            day: e.day,
            project_id: e.project_id.clone(),
            cost_code: e.cost_code.clone(),
            ordinary: Decimal::ZERO,
            overtime: Decimal::ZERO,
            double: Decimal::ZERO,
        };
        if e.day.weekday() == Weekday::Sun || is_public_holiday(e.day) {
            classified.double = e.hours;
        } else {
            let today = day_ordinary.entry(e.day).or_default();
            let room = (daily_ordinary - *today)
                .min(Decimal::from(WEEKLY_ORDINARY) - week_ordinary)
                .max(Decimal::ZERO);
            classified.ordinary = e.hours.min(room);
            classified.overtime = e.hours - classified.ordinary;
            *today += classified.ordinary;
            week_ordinary += classified.ordinary;
            week_overtime += classified.overtime;
        }
        out[n] = Some(classified);
    }
    if week_overtime > Decimal::from(WEEKLY_OVERTIME) {
        return Err(refuse(format!(
            "entries: {week_overtime} hours of overtime pass the 10 a week the BCEA allows (s 10(1)(b))"
        )));
    }
    Ok(out.into_iter().flatten().collect())
}

/// The week's cost per project and cost code at `cost_rate`.
pub fn costed(entries: &[ClassifiedEntry], cost_rate: Rand) -> Vec<CostedLine> {
    let mut lines: BTreeMap<(String, String), CostedLine> = BTreeMap::new();
    for e in entries {
        let line = lines
            .entry((e.project_id.clone(), e.cost_code.clone()))
            .or_insert_with(|| CostedLine {
                project_id: e.project_id.clone(),
                cost_code: e.cost_code.clone(),
                ordinary_hours: Decimal::ZERO,
                overtime_hours: Decimal::ZERO,
                double_hours: Decimal::ZERO,
                cost: Decimal::ZERO,
            });
        line.ordinary_hours += e.ordinary;
        line.overtime_hours += e.overtime;
        line.double_hours += e.double;
        line.cost += e.at(cost_rate);
    }
    lines.into_values().collect()
}

/// Where a timesheet stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimesheetStatus {
    #[default]
    New,
    Submitted,
    Approved,
    Rejected,
}

/// Commands to a timesheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TimesheetCommand {
    /// Submit (or, while not approved, resubmit) the week's hours.
    Submit {
        employee_id: String,
        week_starting: NaiveDate,
        entries: Vec<TimeEntry>,
        days_per_week: u8,
        cost_rate: Rand,
        /// The hourly rate of site labour (what a weekly pay run pays for the hours).
        pay_rate: Option<Rand>,
    },
    /// The site manager approves: the week is costed to its projects.
    Approve { by: String },
    /// The site manager sends it back, saying why.
    Reject { by: String, reason: String },
}

/// Events of a timesheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TimesheetEvent {
    TimesheetSubmitted {
        employee_id: String,
        week_starting: NaiveDate,
        entries: Vec<ClassifiedEntry>,
        cost_rate: Rand,
        pay_rate: Option<Rand>,
    },
    /// The week approved and costed: what finance posts to the projects.
    TimesheetApproved {
        employee_id: String,
        week_starting: NaiveDate,
        by: String,
        lines: Vec<CostedLine>,
        total_cost: Decimal,
        /// What the hours earn at the hourly pay rate, for site labour.
        gross_pay: Option<Decimal>,
    },
    TimesheetRejected {
        by: String,
        reason: String,
    },
}

impl DomainEvent for TimesheetEvent {
    fn event_type(&self) -> String {
        match self {
            TimesheetEvent::TimesheetSubmitted { .. } => "TimesheetSubmitted",
            TimesheetEvent::TimesheetApproved { .. } => "TimesheetApproved",
            TimesheetEvent::TimesheetRejected { .. } => "TimesheetRejected",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// A week's hours for one employee.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timesheet {
    status: TimesheetStatus,
    employee_id: String,
    week_starting: Option<NaiveDate>,
    entries: Vec<ClassifiedEntry>,
    cost_rate: Rand,
    pay_rate: Option<Rand>,
}

impl Timesheet {
    /// The projects the week's entries name (what an approver must be assigned to).
    pub fn projects(&self) -> Vec<String> {
        let mut projects: Vec<String> = self.entries.iter().map(|e| e.project_id.clone()).collect();
        projects.sort();
        projects.dedup();
        projects
    }

    /// What an approved week's hours earn at the hourly pay rate (site labour);
    /// `None` until approved or for salaried staff.
    pub fn approved_pay(&self) -> Option<Decimal> {
        if self.status != TimesheetStatus::Approved {
            return None;
        }
        self.pay_rate
            .map(|rate| self.entries.iter().map(|e| e.at(rate)).sum())
    }

    /// The employee whose week this is.
    pub fn employee_id(&self) -> &str {
        &self.employee_id
    }

    fn decide(&self, command: TimesheetCommand) -> Result<TimesheetEvent, HrError> {
        match command {
            TimesheetCommand::Submit {
                employee_id,
                week_starting,
                entries,
                days_per_week,
                cost_rate,
                pay_rate,
            } => {
                if self.status == TimesheetStatus::Approved {
                    return Err(refuse("the week is approved; it cannot be changed".into()));
                }
                let entries = classify(week_starting, &entries, days_per_week)?;
                Ok(TimesheetEvent::TimesheetSubmitted {
                    employee_id,
                    week_starting,
                    entries,
                    cost_rate,
                    pay_rate,
                })
            }
            TimesheetCommand::Approve { by } => {
                let week_starting = self.submitted()?;
                let lines = costed(&self.entries, self.cost_rate);
                let total_cost = lines.iter().map(|l| l.cost).sum();
                let gross_pay = self
                    .pay_rate
                    .map(|rate| self.entries.iter().map(|e| e.at(rate)).sum());
                Ok(TimesheetEvent::TimesheetApproved {
                    employee_id: self.employee_id.clone(),
                    week_starting,
                    by,
                    lines,
                    total_cost,
                    gross_pay,
                })
            }
            TimesheetCommand::Reject { by, reason } => {
                self.submitted()?;
                Ok(TimesheetEvent::TimesheetRejected { by, reason })
            }
        }
    }

    fn submitted(&self) -> Result<NaiveDate, HrError> {
        match (self.status, self.week_starting) {
            (TimesheetStatus::Submitted, Some(week)) => Ok(week),
            (TimesheetStatus::New, _) => Err(HrError::TimesheetNotFound),
            (status, _) => Err(refuse(format!(
                "the timesheet is {}, not submitted",
                format!("{status:?}").to_lowercase()
            ))),
        }
    }
}

impl Aggregate for Timesheet {
    const TYPE: &'static str = TIMESHEET_AGGREGATE;
    type Command = TimesheetCommand;
    type Event = TimesheetEvent;
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
            TimesheetEvent::TimesheetSubmitted {
                employee_id,
                week_starting,
                entries,
                cost_rate,
                pay_rate,
            } => {
                self.status = TimesheetStatus::Submitted;
                self.employee_id = employee_id;
                self.week_starting = Some(week_starting);
                self.entries = entries;
                self.cost_rate = cost_rate;
                self.pay_rate = pay_rate;
            }
            TimesheetEvent::TimesheetApproved { .. } => self.status = TimesheetStatus::Approved,
            TimesheetEvent::TimesheetRejected { .. } => self.status = TimesheetStatus::Rejected,
        }
    }
}

impl crate::stored::Stored for Timesheet {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn entry(d: NaiveDate, hours: i64) -> TimeEntry {
        TimeEntry {
            day: d,
            project_id: "p1".into(),
            cost_code: "LAB".into(),
            hours: Decimal::from(hours),
        }
    }

    // The week of Monday 8 September 2025 (no public holiday in it).
    fn monday() -> NaiveDate {
        day(2025, 9, 8)
    }

    #[test]
    fn hours_past_nine_a_day_are_overtime_and_sundays_double() {
        let week = [entry(day(2025, 9, 8), 11), entry(day(2025, 9, 14), 4)];
        let c = classify(monday(), &week, 5).expect("a week");
        assert_eq!(
            (c[0].ordinary, c[0].overtime, c[0].double),
            (9.into(), 2.into(), 0.into())
        );
        assert_eq!(
            (c[1].ordinary, c[1].overtime, c[1].double),
            (0.into(), 0.into(), 4.into())
        );
        // At R100 an hour: 9 + 2 × 1.5 + 4 × 2 = 20 hours' worth.
        let lines = costed(&c, Rand::cents(10_000));
        assert_eq!(lines[0].cost, Decimal::new(200_000, 2));
    }

    #[test]
    fn a_public_holiday_is_double_time() {
        // Heritage Day, Wednesday 24 September 2025.
        let c = classify(day(2025, 9, 22), &[entry(day(2025, 9, 24), 8)], 5).expect("a week");
        assert_eq!(c[0].double, Decimal::from(8));
    }

    #[test]
    fn a_six_day_week_has_eight_ordinary_hours_a_day_and_45_a_week() {
        let week: Vec<TimeEntry> = (0..6)
            .map(|d| entry(monday() + Duration::days(d), 9))
            .collect();
        let c = classify(monday(), &week, 6).expect("a week");
        let ordinary: Decimal = c.iter().map(|e| e.ordinary).sum();
        let overtime: Decimal = c.iter().map(|e| e.overtime).sum();
        assert_eq!(ordinary, Decimal::from(45), "8 a day, capped at 45");
        assert_eq!(overtime, Decimal::from(9));
    }

    #[test]
    fn the_bcea_limits_refuse_a_week() {
        let long_day = classify(monday(), &[entry(monday(), 13)], 5).expect_err("13 hours");
        assert!(long_day.to_string().contains("12 a day"), "{long_day}");
        let week: Vec<TimeEntry> = (0..5)
            .map(|d| entry(monday() + Duration::days(d), 12))
            .collect();
        let overtime = classify(monday(), &week, 5).expect_err("15 hours overtime");
        assert!(overtime.to_string().contains("10 a week"), "{overtime}");
        let outside = classify(monday(), &[entry(day(2025, 9, 15), 1)], 5).expect_err("next week");
        assert!(outside.to_string().contains("entries[0].day"), "{outside}");
        assert!(classify(day(2025, 9, 9), &[entry(day(2025, 9, 9), 1)], 5).is_err());
    }

    #[test]
    fn approval_costs_the_week_once_and_an_approved_week_is_closed() {
        let submit = TimesheetCommand::Submit {
            employee_id: "e1".into(),
            week_starting: monday(),
            entries: vec![entry(monday(), 10)],
            days_per_week: 5,
            cost_rate: Rand::cents(20_000),
            pay_rate: Some(Rand::cents(8_000)),
        };
        let mut sheet = Timesheet::default();
        sheet.apply(sheet.decide(submit.clone()).expect("submitted"));
        let approved = sheet
            .decide(TimesheetCommand::Approve { by: "site".into() })
            .expect("approved");
        let TimesheetEvent::TimesheetApproved {
            total_cost,
            gross_pay,
            ..
        } = &approved
        else {
            panic!("approved: {approved:?}");
        };
        // 9 + 1 × 1.5 = 10.5 hours' worth: R2 100 at cost, R840 of pay.
        assert_eq!(*total_cost, Decimal::new(210_000, 2));
        assert_eq!(*gross_pay, Some(Decimal::new(84_000, 2)));
        sheet.apply(approved);
        assert!(sheet.decide(submit).is_err());
        assert!(sheet
            .decide(TimesheetCommand::Approve { by: "site".into() })
            .is_err());
    }

    proptest! {
        /// Every hour is classified once; ordinary never passes 45 a week nor the daily
        /// limit; the cost is the hours weighted by 1, 1.5 and 2 at the rate.
        #[test]
        fn every_hour_is_paid_once_within_the_limits(
            hours in proptest::collection::vec((0i64..7, 1i64..5), 1..12),
            six_day in any::<bool>(),
        ) {
            let week: Vec<TimeEntry> = hours.iter().map(|(d, h)| entry(monday() + Duration::days(*d), *h)).collect();
            let days = if six_day { 6 } else { 5 };
            if let Ok(c) = classify(monday(), &week, days) {
                let given: Decimal = week.iter().map(|e| e.hours).sum();
                let split: Decimal = c.iter().map(|e| e.ordinary + e.overtime + e.double).sum();
                prop_assert_eq!(given, split);
                prop_assert!(c.iter().map(|e| e.ordinary).sum::<Decimal>() <= Decimal::from(45));
                let limit = Decimal::from(if six_day { 8 } else { 9 });
                for d in 0..7 {
                    let on = monday() + Duration::days(d);
                    prop_assert!(c.iter().filter(|e| e.day == on).map(|e| e.ordinary).sum::<Decimal>() <= limit);
                }
                let lines = costed(&c, Rand::cents(100));
                let weighted: Decimal = c.iter().map(|e| e.ordinary + e.overtime * Decimal::new(15, 1) + e.double * Decimal::from(2)).sum();
                prop_assert_eq!(lines.iter().map(|l| l.cost).sum::<Decimal>(), weighted);
            }
        }
    }
}
