//! Accounting periods: calendar months (`YYYY-MM`) grouped into financial years that
//! end in a configurable month (end of February by default, as most South African
//! companies do). A period can be closed, so nothing more is posted into it, and
//! reopened by those allowed to.

use chrono::{Datelike, NaiveDate};
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::{FinanceError, PeriodCommand, PeriodEvent, PERIOD_AGGREGATE};
use crate::values::Reason;

/// The id of the period a date falls in: `YYYY-MM`.
pub fn period_of(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// Parses a period id, returning its first day. A month outside the business calendar
/// (e.g. `0000-01`) is refused as its dates are.
pub fn parse_period(id: &str) -> Result<NaiveDate, FinanceError> {
    let first_day = parse_month(id)?;
    crate::values::business_date_range()
        .check("period", first_day)
        .map(|_| first_day)
        .map_err(|_| {
            let range = crate::values::business_date_range();
            FinanceError::PeriodOutsideCalendar {
                period: id.trim().to_string(),
                earliest: period_of(range.earliest),
                latest: period_of(range.latest),
            }
        })
}

fn parse_month(id: &str) -> Result<NaiveDate, FinanceError> {
    let invalid = || FinanceError::InvalidPeriod(id.to_string());
    let (year, month) = id.trim().split_once('-').ok_or_else(invalid)?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) {
        return Err(invalid());
    }
    let year: i32 = year.parse().map_err(|_| invalid())?;
    let month: u32 = month.parse().map_err(|_| invalid())?;
    NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(invalid)
}

/// How months group into financial years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FinancialCalendar {
    year_end_month: u32,
}

impl Default for FinancialCalendar {
    /// Year end at the end of February.
    fn default() -> Self {
        Self { year_end_month: 2 }
    }
}

impl FinancialCalendar {
    /// A calendar whose year ends with `year_end_month` (1–12); `None` otherwise.
    pub fn ending_in(year_end_month: u32) -> Option<Self> {
        (1..=12)
            .contains(&year_end_month)
            .then_some(Self { year_end_month })
    }

    /// The month the financial year ends with.
    pub fn year_end_month(self) -> u32 {
        self.year_end_month
    }

    /// The financial year of `date`, named by the calendar year it ends in
    /// (1 March 2026 – 28 February 2027 is FY2027).
    pub fn financial_year(self, date: NaiveDate) -> i32 {
        if date.month() > self.year_end_month {
            date.year() + 1
        } else {
            date.year()
        }
    }

    /// The month's number within its financial year, 1 to 12 (March is 1 by default).
    pub fn period_number(self, date: NaiveDate) -> u32 {
        (date.month() + 11 - self.year_end_month) % 12 + 1
    }
}

/// The state a period's decisions need: only whether it is closed.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    closed: bool,
}

impl Period {
    /// Whether nothing may be posted into the period.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    fn decide(&self, command: PeriodCommand) -> Result<PeriodEvent, FinanceError> {
        match command {
            PeriodCommand::ClosePeriod {
                financial_year,
                period_number,
            } => {
                if self.closed {
                    return Err(FinanceError::PeriodAlreadyClosed);
                }
                Ok(PeriodEvent::PeriodClosed {
                    financial_year,
                    period_number,
                })
            }
            PeriodCommand::ReopenPeriod { reason } => {
                if !self.closed {
                    return Err(FinanceError::PeriodNotClosed);
                }
                let reason = Reason::parse("reason", &reason)?.into_string();
                Ok(PeriodEvent::PeriodReopened { reason })
            }
        }
    }
}

#[cfg(test)]
impl Period {
    /// Decides `command` for a closed period.
    fn decide_after_close(mut self, command: PeriodCommand) -> Result<PeriodEvent, FinanceError> {
        self.closed = true;
        self.decide(command)
    }
}

impl Aggregate for Period {
    const TYPE: &'static str = PERIOD_AGGREGATE;
    type Command = PeriodCommand;
    type Event = PeriodEvent;
    type Error = FinanceError;
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
            PeriodEvent::PeriodClosed { .. } => self.closed = true,
            PeriodEvent::PeriodReopened { .. } => self.closed = false,
        }
    }
}

impl crate::stored::Stored for Period {}

#[cfg(test)]
mod tests {
    use super::*;
    use cqrs_es::test::TestFramework;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn the_default_year_ends_in_february() {
        let calendar = FinancialCalendar::default();
        assert_eq!(calendar.financial_year(day(2026, 3, 1)), 2027);
        assert_eq!(calendar.period_number(day(2026, 3, 1)), 1);
        assert_eq!(calendar.financial_year(day(2027, 2, 28)), 2027);
        assert_eq!(calendar.period_number(day(2027, 2, 28)), 12);
        assert_eq!(calendar.period_number(day(2026, 12, 31)), 10);
    }

    #[test]
    fn a_june_year_end_is_configurable() {
        let calendar = FinancialCalendar::ending_in(6).expect("month");
        assert_eq!(calendar.financial_year(day(2026, 7, 1)), 2027);
        assert_eq!(calendar.period_number(day(2026, 7, 1)), 1);
        assert_eq!(calendar.period_number(day(2026, 6, 30)), 12);
        assert!(FinancialCalendar::ending_in(13).is_none());
    }

    #[test]
    fn period_ids_are_year_and_month() {
        assert_eq!(period_of(day(2026, 3, 31)), "2026-03");
        assert_eq!(parse_period("2026-03"), Ok(day(2026, 3, 1)));
        assert!(parse_period("2026-13").is_err());
        assert!(parse_period("26-03").is_err());
        assert!(parse_period("-001-01").is_err());
    }

    #[test]
    fn periods_outside_the_business_calendar_are_refused() {
        for id in ["0000-01", "1899-12", "2200-01", "9999-12"] {
            let refused = parse_period(id).expect_err("outside");
            assert_eq!(
                refused.to_string(),
                format!("period: {id} is outside the business calendar (1900-01 to 2199-12)")
            );
        }
        assert_eq!(parse_period("1900-01"), Ok(day(1900, 1, 1)));
        assert_eq!(parse_period("2199-12"), Ok(day(2199, 12, 1)));
    }

    proptest::proptest! {
        /// Any text in: a period inside the calendar or a refusal, never a panic.
        #[test]
        fn any_text_is_a_period_or_a_refusal(text in proptest::prelude::any::<String>()) {
            if let Ok(first_day) = parse_period(&text) {
                proptest::prop_assert!(crate::values::business_date_range().contains(first_day));
                proptest::prop_assert_eq!(period_of(first_day), text.trim());
            }
        }
    }

    fn closed() -> PeriodEvent {
        PeriodEvent::PeriodClosed {
            financial_year: 2027,
            period_number: 1,
        }
    }

    #[test]
    fn closes_an_open_period() {
        TestFramework::<Period>::with(())
            .given_no_previous_events()
            .when(PeriodCommand::ClosePeriod {
                financial_year: 2027,
                period_number: 1,
            })
            .then_expect_events(vec![closed()]);
    }

    #[test]
    fn refuses_to_close_twice() {
        TestFramework::<Period>::with(())
            .given(vec![closed()])
            .when(PeriodCommand::ClosePeriod {
                financial_year: 2027,
                period_number: 1,
            })
            .then_expect_error(FinanceError::PeriodAlreadyClosed);
    }

    #[test]
    fn reopens_with_a_reason() {
        TestFramework::<Period>::with(())
            .given(vec![closed()])
            .when(PeriodCommand::ReopenPeriod {
                reason: " audit adjustment ".into(),
            })
            .then_expect_events(vec![PeriodEvent::PeriodReopened {
                reason: "audit adjustment".into(),
            }]);
    }

    #[test]
    fn refuses_to_reopen_an_open_period() {
        TestFramework::<Period>::with(())
            .given_no_previous_events()
            .when(PeriodCommand::ReopenPeriod { reason: "x".into() })
            .then_expect_error(FinanceError::PeriodNotClosed);
    }

    #[test]
    fn refuses_a_reason_that_is_too_long_or_has_control_characters() {
        for reason in [
            "x".repeat(9 * 1024),
            "audit\u{1b}[2J".to_string(),
            "a\u{202E}b".to_string(),
        ] {
            let error = Period::default()
                .decide_after_close(PeriodCommand::ReopenPeriod { reason })
                .expect_err("refused");
            assert!(
                matches!(&error, FinanceError::Invalid(v) if v.field == "reason"),
                "{error}"
            );
        }
    }
}
