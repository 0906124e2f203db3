//! Leave by the Basic Conditions of Employment Act 75 of 1997 (sections 20–27), as
//! pure rules: what an employee is entitled to on a date, from their start date, the
//! days they work a week and the days they have worked.
//!
//! - **Annual leave** (s 20): 21 consecutive days per annual leave cycle — 15 working
//!   days for a five-day week, 18 for a six-day week — or, by agreement, one day for
//!   every 17 days worked.
//! - **Sick leave** (s 22): in each 36-month cycle, as many days as the employee would
//!   normally work in six weeks (30 for a five-day week, 36 for a six-day week); during
//!   the first six months of employment only one day for every 26 days worked.
//! - **Family responsibility leave** (s 27): 3 days per annual cycle, for an employee
//!   employed for longer than four months who works at least four days a week.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How an employee earns annual leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AnnualLeaveBasis {
    /// 21 consecutive days a cycle: three weeks of the employee's working days.
    PerCycle,
    /// One day for every 17 days worked (s 20(2)(b)).
    PerDaysWorked,
}

/// The days of sick leave a cycle gives: six weeks of working days.
pub fn sick_days_per_cycle(days_per_week: u8) -> Decimal {
    Decimal::from(6 * u32::from(days_per_week.min(7)))
}

/// The annual leave a full cycle gives on `PerCycle`: three weeks of working days.
pub fn annual_days_per_cycle(days_per_week: u8) -> Decimal {
    Decimal::from(3 * u32::from(days_per_week.min(7)))
}

/// Annual leave earned in a cycle: on `PerCycle` the full three weeks, pro rata to the
/// months of the cycle served (`months_served` of 12); on `PerDaysWorked` one day per 17
/// worked, to two places.
pub fn annual_leave_earned(
    basis: AnnualLeaveBasis,
    days_per_week: u8,
    months_served: u32,
    days_worked: u32,
) -> Decimal {
    match basis {
        AnnualLeaveBasis::PerCycle => (annual_days_per_cycle(days_per_week)
            * Decimal::from(months_served.min(12))
            / Decimal::from(12))
        .round_dp(2),
        AnnualLeaveBasis::PerDaysWorked => {
            (Decimal::from(days_worked) / Decimal::from(17)).round_dp(2)
        }
    }
}

/// Whether `on` is still within the first six months of employment from `started`.
pub fn in_first_six_months(started: NaiveDate, on: NaiveDate) -> bool {
    started
        .checked_add_months(Months::new(6))
        .is_some_and(|six| on < six)
}

/// The sick leave available on `on` in the current 36-month cycle: during the first six
/// months one day per 26 worked (whole days); afterwards the cycle's six weeks.
pub fn sick_leave_entitlement(
    started: NaiveDate,
    on: NaiveDate,
    days_per_week: u8,
    days_worked: u32,
) -> Decimal {
    if in_first_six_months(started, on) {
        Decimal::from(days_worked / 26)
    } else {
        sick_days_per_cycle(days_per_week)
    }
}

/// The start of the 36-month sick-leave cycle `on` falls in.
pub fn sick_cycle_start(started: NaiveDate, on: NaiveDate) -> NaiveDate {
    let mut start = started;
    while let Some(next) = start.checked_add_months(Months::new(36)) {
        if next > on {
            break;
        }
        start = next;
    }
    start
}

/// Family responsibility leave a cycle gives on `on`: 3 days for an employee employed
/// longer than four months who works at least four days a week, else none.
pub fn family_responsibility_days(started: NaiveDate, on: NaiveDate, days_per_week: u8) -> Decimal {
    let past_four_months = started
        .checked_add_months(Months::new(4))
        .is_some_and(|four| on > four);
    if past_four_months && days_per_week >= 4 {
        Decimal::from(3)
    } else {
        Decimal::ZERO
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn annual_leave_is_three_working_weeks_or_one_day_in_seventeen() {
        assert_eq!(annual_days_per_cycle(5), Decimal::from(15));
        assert_eq!(annual_days_per_cycle(6), Decimal::from(18));
        assert_eq!(
            annual_leave_earned(AnnualLeaveBasis::PerCycle, 5, 6, 0),
            Decimal::new(750, 2)
        );
        assert_eq!(
            annual_leave_earned(AnnualLeaveBasis::PerDaysWorked, 5, 0, 170),
            Decimal::from(10)
        );
    }

    #[test]
    fn sick_leave_is_one_day_in_twenty_six_at_first_then_six_weeks() {
        let started = day(2026, 1, 5);
        assert_eq!(
            sick_leave_entitlement(started, day(2026, 4, 1), 5, 60),
            Decimal::from(2)
        );
        assert_eq!(
            sick_leave_entitlement(started, day(2026, 7, 5), 5, 120),
            Decimal::from(30)
        );
        assert_eq!(sick_days_per_cycle(6), Decimal::from(36));
        assert_eq!(sick_cycle_start(started, day(2029, 1, 4)), started);
        assert_eq!(sick_cycle_start(started, day(2029, 1, 5)), day(2029, 1, 5));
    }

    #[test]
    fn family_responsibility_needs_four_months_and_four_days_a_week() {
        let started = day(2026, 1, 15);
        assert_eq!(
            family_responsibility_days(started, day(2026, 5, 15), 5),
            Decimal::ZERO
        );
        assert_eq!(
            family_responsibility_days(started, day(2026, 5, 16), 5),
            Decimal::from(3)
        );
        assert_eq!(
            family_responsibility_days(started, day(2026, 9, 1), 3),
            Decimal::ZERO
        );
    }

    proptest! {
        /// Leave earned never falls as more is worked or served.
        #[test]
        fn leave_earned_never_falls(months in 0u32..12, worked in 0u32..400, dpw in 1u8..=7) {
            for basis in [AnnualLeaveBasis::PerCycle, AnnualLeaveBasis::PerDaysWorked] {
                let now = annual_leave_earned(basis, dpw, months, worked);
                let later = annual_leave_earned(basis, dpw, months + 1, worked + 1);
                prop_assert!(later >= now);
                prop_assert!(now <= annual_days_per_cycle(dpw).max(Decimal::from(worked)));
            }
        }
    }
}
