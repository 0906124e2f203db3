//! Business dates: explicit calendar dates (no time, no zone) inside the business
//! calendar, by default 1900-01-01 to 2199-12-31.
//!
//! The calendar's range is one process-wide setting: [`DateRange::install`] is called
//! once at start-up from configuration (`CONSTRUCTOS_BUSINESS_DATES`), before any command
//! runs; until then (and in unit tests) the default applies. It is a setting, not state:
//! it never changes while the process runs, so decisions stay pure functions of their
//! inputs. Years 0, negative years and years past 9999 — which chrono accepts and
//! which turn into periods like `"-001-01"` — are outside every range.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use super::{Problem, ValueError};

/// The first and last dates the business calendar accepts (both included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
}

static RANGE: OnceLock<DateRange> = OnceLock::new();

impl Default for DateRange {
    fn default() -> Self {
        Self {
            earliest: NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN),
            latest: NaiveDate::from_ymd_opt(2199, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }
}

/// The business calendar in force: the installed range, else the default.
pub fn business_date_range() -> DateRange {
    RANGE.get().copied().unwrap_or_default()
}

impl DateRange {
    /// Makes `self` the business calendar of this process. Only the first call counts;
    /// answers whether it was this one.
    pub fn install(self) -> bool {
        RANGE.set(self).is_ok()
    }

    /// Whether `date` lies inside the range.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.earliest <= date && date <= self.latest
    }

    /// Checks `date` for `field`.
    pub fn check(&self, field: &str, date: NaiveDate) -> Result<BusinessDate, ValueError> {
        if self.contains(date) {
            Ok(BusinessDate(date))
        } else {
            Err(ValueError::new(
                field,
                Problem::DateOutOfRange {
                    date: date.to_string(),
                    earliest: self.earliest.to_string(),
                    latest: self.latest.to_string(),
                },
            ))
        }
    }
}

impl FromStr for DateRange {
    type Err = String;

    /// `YYYY-MM-DD..YYYY-MM-DD`, the first not after the second, both inside years
    /// 1..=9999.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let malformed = || format!("'{text}' is not a date range like 1900-01-01..2199-12-31");
        let (from, to) = text.split_once("..").ok_or_else(malformed)?;
        let parse = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .ok()
                .filter(|d| (1..=9999).contains(&chrono::Datelike::year(d)))
        };
        let (Some(earliest), Some(latest)) = (parse(from), parse(to)) else {
            return Err(malformed());
        };
        if earliest > latest {
            return Err(format!("'{text}': the first date is after the last"));
        }
        Ok(Self { earliest, latest })
    }
}

/// A date inside the business calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct BusinessDate(NaiveDate);

impl BusinessDate {
    /// Checks `date` for `field` against the business calendar in force.
    pub fn parse(field: &str, date: NaiveDate) -> Result<Self, ValueError> {
        business_date_range().check(field, date)
    }

    /// Checks an optional date.
    pub fn parse_optional(
        field: &str,
        date: Option<NaiveDate>,
    ) -> Result<Option<Self>, ValueError> {
        date.map(|d| Self::parse(field, d)).transpose()
    }

    /// The calendar date.
    pub fn date(self) -> NaiveDate {
        self.0
    }
}

impl From<BusinessDate> for NaiveDate {
    fn from(value: BusinessDate) -> NaiveDate {
        value.0
    }
}

impl fmt::Display for BusinessDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'de> Deserialize<'de> for BusinessDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let date = NaiveDate::deserialize(deserializer)?;
        Self::parse("date", date).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use proptest::prelude::*;

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn the_default_calendar_is_1900_to_2199() {
        let range = DateRange::default();
        assert!(range.check("date", day(1900, 1, 1)).is_ok());
        assert!(range.check("date", day(2199, 12, 31)).is_ok());
        for date in [
            day(0, 1, 1),
            day(-1, 1, 1),
            day(10000, 1, 1),
            day(1899, 12, 31),
            day(2200, 1, 1),
            day(9999, 12, 31),
        ] {
            let refused = range.check("hiredOn", date).expect_err("outside");
            assert_eq!(refused.field, "hiredOn");
            assert!(
                refused
                    .to_string()
                    .contains("outside the business calendar"),
                "{refused}"
            );
        }
    }

    #[test]
    fn ranges_parse_from_configuration() {
        assert_eq!(
            "2000-01-01..2099-12-31".parse::<DateRange>(),
            Ok(DateRange {
                earliest: day(2000, 1, 1),
                latest: day(2099, 12, 31)
            })
        );
        for bad in [
            "",
            "2000-01-01",
            "2099-01-01..2000-01-01",
            "0000-01-01..2000-01-01",
            "x..y",
        ] {
            assert!(bad.parse::<DateRange>().is_err(), "{bad}");
        }
    }

    #[test]
    fn deserialising_checks_the_calendar() {
        assert!(serde_json::from_str::<BusinessDate>("\"2026-12-01\"").is_ok());
        assert!(serde_json::from_str::<BusinessDate>("\"0000-01-01\"").is_err());
    }

    proptest! {
        /// Any day chrono can represent is either inside the calendar or refused.
        #[test]
        fn any_date_is_in_range_or_refused(days in (NaiveDate::MIN.num_days_from_ce())..=(NaiveDate::MAX.num_days_from_ce())) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).expect("in chrono's range");
            let range = DateRange::default();
            match range.check("date", date) {
                Ok(ok) => prop_assert!(range.contains(ok.date())),
                Err(e) => prop_assert!(!range.contains(date) && e.field == "date"),
            }
        }
    }
}
