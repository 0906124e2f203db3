//! South African identity numbers: 13 digits `YYMMDD SSSS C A Z` — date of birth,
//! sequence (0000–4999 female, 5000–9999 male), citizenship (0 citizen, 1 permanent
//! resident), a digit no longer used, and a Luhn check digit over the first twelve.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};

use crate::values::{Problem, ValueError};

/// Whether the holder is a citizen or a permanent resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Citizenship {
    Citizen,
    PermanentResident,
}

/// A valid South African identity number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct IdNumber(String);

/// The Luhn check digit the first twelve digits call for.
fn luhn_check_digit(digits: &[u32]) -> u32 {
    // From the right of the full number, the check digit is position 1; so the payload's
    // rightmost digit is doubled, then every second one leftwards.
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                *d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

fn malformed(field: &str, value: &str, expected: &'static str) -> ValueError {
    ValueError::new(
        field,
        Problem::Malformed {
            value: crate::refusal::echo(value),
            expected,
        },
    )
}

impl IdNumber {
    /// Parses `value` for `field`: thirteen digits (spaces ignored), a real date of
    /// birth, citizenship 0 or 1, and the right check digit.
    pub fn parse(field: &str, value: &str) -> Result<Self, ValueError> {
        let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        let digits: Vec<u32> = compact.chars().filter_map(|c| c.to_digit(10)).collect();
        if compact.len() != 13 || digits.len() != 13 {
            return Err(malformed(field, value, "an identity number of 13 digits"));
        }
        if digits[10] > 1 {
            return Err(malformed(
                field,
                value,
                "an identity number whose 11th digit is 0 (citizen) or 1 (permanent resident)",
            ));
        }
        let number = Self(compact);
        if number.date_in(2000).is_none() && number.date_in(1900).is_none() {
            return Err(malformed(
                field,
                value,
                "an identity number that starts with a date of birth (YYMMDD)",
            ));
        }
        if luhn_check_digit(&digits[..12]) != digits[12] {
            return Err(malformed(
                field,
                value,
                "an identity number whose check digit is right (a digit is mistyped)",
            ));
        }
        Ok(number)
    }

    fn field(&self, from: usize, to: usize) -> u32 {
        self.0[from..to].parse().unwrap_or(0)
    }

    fn date_in(&self, century: i32) -> Option<NaiveDate> {
        let year = century + i32::try_from(self.field(0, 2)).ok()?;
        NaiveDate::from_ymd_opt(year, self.field(2, 4), self.field(4, 6))
    }

    /// The date of birth: in the latest century that does not put it after `today`.
    pub fn date_of_birth(&self, today: NaiveDate) -> Option<NaiveDate> {
        let century = today.year() - today.year() % 100;
        self.date_in(century)
            .filter(|d| *d <= today)
            .or_else(|| self.date_in(century - 100))
    }

    /// Whether the sequence says female (0000–4999) or male (5000–9999).
    pub fn is_female(&self) -> bool {
        self.field(6, 10) < 5000
    }

    /// Citizen or permanent resident.
    pub fn citizenship(&self) -> Citizenship {
        if self.field(10, 11) == 0 {
            Citizenship::Citizen
        } else {
            Citizenship::PermanentResident
        }
    }

    /// The thirteen digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IdNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        IdNumber::parse("idNumber", &raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    /// Twelve digits and the check digit they call for.
    fn with_check(first: &str) -> String {
        let digits: Vec<u32> = first.chars().filter_map(|c| c.to_digit(10)).collect();
        format!("{first}{}", luhn_check_digit(&digits))
    }

    #[test]
    fn a_valid_number_tells_its_birth_date_sex_and_citizenship() {
        let id = IdNumber::parse("idNumber", &with_check("880815512318")).expect("valid");
        assert_eq!(id.date_of_birth(day(2026, 12, 1)), Some(day(1988, 8, 15)));
        assert!(!id.is_female());
        assert_eq!(id.citizenship(), Citizenship::PermanentResident);
        let young = IdNumber::parse("idNumber", &with_check("050203012308")).expect("valid");
        assert_eq!(young.date_of_birth(day(2026, 12, 1)), Some(day(2005, 2, 3)));
        assert!(young.is_female());
        assert_eq!(young.citizenship(), Citizenship::Citizen);
    }

    #[test]
    fn a_mistyped_digit_a_bad_date_or_length_is_refused() {
        let good = with_check("880815512308");
        let mut bad = good.clone().into_bytes();
        bad[3] = if bad[3] == b'9' { b'8' } else { bad[3] + 1 };
        let bad = String::from_utf8(bad).expect("ascii");
        for wrong in [
            bad.as_str(),
            "88081551230",
            "8808155123081X",
            &with_check("881315512308"),
            &with_check("880815512328"),
        ] {
            assert_eq!(
                IdNumber::parse("idNumber", wrong).map_err(|e| e.field),
                Err("idNumber".to_string()),
                "{wrong}"
            );
        }
        assert!(IdNumber::parse("idNumber", &format!(" {} ", good)).is_ok());
    }

    proptest! {
        /// Any twelve digits with a real date and citizenship 0/1 and their check digit
        /// parse; changing the check digit never does.
        #[test]
        fn the_check_digit_is_the_luhn_digit(
            yy in 0u32..100, mm in 1u32..=12, dd in 1u32..=28, seq in 0u32..10_000,
            citizen in 0u32..=1, a in 0u32..10, other in 1u32..10,
        ) {
            let first = format!("{yy:02}{mm:02}{dd:02}{seq:04}{citizen}{a}");
            let good = with_check(&first);
            prop_assert!(IdNumber::parse("id", &good).is_ok());
            let check = good[12..].parse::<u32>().expect("digit");
            let wrong = format!("{first}{}", (check + other) % 10);
            prop_assert!(IdNumber::parse("id", &wrong).is_err());
        }
    }
}
