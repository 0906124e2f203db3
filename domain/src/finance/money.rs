//! Money in rand: an exact decimal with two places, never a float.
//!
//! Amounts travel as strings (`"1234.50"`). Input with more than two decimal places is
//! refused, not rounded: rounding is a business decision (VAT is rounded half up per
//! line, when invoices come) and belongs where that decision is made.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Neg, Sub};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::values::{strict_decimal, Problem};

/// Why a text or decimal is not an amount in rand.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("'{0}' is not an amount (digits, optionally a point and one or two more digits, e.g. 1500.00)")]
    NotANumber(String),
    #[error("'{0}' has more than two decimal places")]
    TooPrecise(String),
    #[error("'{0}' is more than the largest amount accepted ({largest})", largest = Rand::LARGEST)]
    TooLarge(String),
}

/// An amount in South African rand, always held with exactly two decimal places.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rand(Decimal);

impl Rand {
    /// Nought rand.
    pub const ZERO: Rand = Rand(Decimal::from_parts(0, 0, 0, false, 2));

    /// The largest amount accepted, R999 999 999 999 999.99 (just under 10^15): well
    /// inside `numeric(18,2)` of the read models, so sums of a few stay inside too.
    /// (The limit was meant to be 10^15 before but was written as about 9.97 × 10^11.)
    pub const LARGEST: Rand = Rand(Decimal::from_parts(1_569_325_055, 23_283_064, 0, false, 2));

    /// An amount from a decimal with at most two places; more places are refused.
    pub fn from_decimal(value: Decimal) -> Result<Rand, MoneyError> {
        if value.normalize().scale() > 2 {
            return Err(MoneyError::TooPrecise(value.to_string()));
        }
        if value.abs() > Rand::LARGEST.0 {
            return Err(MoneyError::TooLarge(value.to_string()));
        }
        let mut value = value;
        value.rescale(2);
        Ok(Rand(value))
    }

    /// Whole rand and cents, e.g. `Rand::cents(123_450)` is R1 234.50.
    pub fn cents(cents: i64) -> Rand {
        Rand(Decimal::new(cents, 2))
    }

    /// The exact decimal value (scale 2).
    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// Whether the amount is more than nought.
    pub fn is_positive(self) -> bool {
        self.0 > Decimal::ZERO
    }

    /// Whether the amount is nought.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// Whether the amount is within what is accepted (at most [`Rand::LARGEST`] either
    /// way).
    pub fn abs_le_largest(self) -> bool {
        self.0.abs() <= Rand::LARGEST.0
    }

    /// Addition that cannot overflow silently.
    pub fn checked_add(self, other: Rand) -> Option<Rand> {
        self.0.checked_add(other.0).map(Rand)
    }
}

impl FromStr for Rand {
    type Err = MoneyError;

    /// Strict decimal syntax ([`strict_decimal`]): no spaces, no bare point at either
    /// end, no plus, exponent or thousands separator; at most two decimal places.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let value = strict_decimal("amount", text, 2).map_err(|e| match e.problem {
            Problem::TooPrecise { .. } => MoneyError::TooPrecise(text.to_string()),
            Problem::TooLarge(_) => MoneyError::TooLarge(text.to_string()),
            _ => MoneyError::NotANumber(text.to_string()),
        })?;
        Rand::from_decimal(value)
    }
}

impl fmt::Display for Rand {
    /// Always two places, and never "-0.00".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut value = self.0;
        value.rescale(2);
        if value.is_zero() {
            value.set_sign_positive(true);
        }
        write!(f, "{value}")
    }
}

impl Serialize for Rand {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Rand {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Add for Rand {
    type Output = Rand;
    fn add(self, other: Rand) -> Rand {
        Rand(self.0 + other.0)
    }
}

impl Sub for Rand {
    type Output = Rand;
    fn sub(self, other: Rand) -> Rand {
        Rand(self.0 - other.0)
    }
}

impl Neg for Rand {
    type Output = Rand;
    fn neg(self) -> Rand {
        Rand(-self.0)
    }
}

impl Sum for Rand {
    fn sum<I: Iterator<Item = Rand>>(iter: I) -> Rand {
        iter.fold(Rand::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn always_two_places() {
        assert_eq!(
            "1234.5".parse::<Rand>().map(|r| r.to_string()),
            Ok("1234.50".into())
        );
        assert_eq!(
            "7".parse::<Rand>().map(|r| r.to_string()),
            Ok("7.00".into())
        );
        assert_eq!(Rand::cents(-5).to_string(), "-0.05");
        assert_eq!(Rand::from_decimal(dec!(1.500)), Ok(Rand::cents(150)));
        assert_eq!(Rand::ZERO.to_string(), "0.00");
        assert_eq!(Rand::default().to_string(), "0.00");
        assert_eq!((-Rand::ZERO).to_string(), "0.00");
        assert_eq!((Rand::cents(5) - Rand::cents(5)).to_string(), "0.00");
    }

    #[test]
    fn refuses_more_than_two_places_rather_than_rounding() {
        assert_eq!(
            "10.005".parse::<Rand>(),
            Err(MoneyError::TooPrecise("10.005".into()))
        );
    }

    #[test]
    fn refuses_what_is_not_plain_decimal() {
        for text in [
            "", "1e3", "1,000.00", "R10", "NaN", " 1.00", "1.00 ", "1.", ".5", "+1", "- 1", "1_000",
        ] {
            assert_eq!(
                text.parse::<Rand>(),
                Err(MoneyError::NotANumber(text.to_string())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn too_large_says_what_the_limit_is() {
        assert_eq!(Rand::LARGEST.to_string(), "999999999999999.99");
        assert_eq!("999999999999999.99".parse::<Rand>(), Ok(Rand::LARGEST));
        let huge = format!("{}.00", "9".repeat(40));
        for text in ["1000000000000000", huge.as_str()] {
            let refused = text.parse::<Rand>().expect_err("too large");
            assert_eq!(refused, MoneyError::TooLarge(text.to_string()));
            assert_eq!(
                refused.to_string(),
                format!("'{text}' is more than the largest amount accepted (999999999999999.99)")
            );
        }
    }

    proptest::proptest! {
        /// Any text in: an amount with two places that prints back to a text parsing to
        /// the same amount, or a refusal — never a panic.
        #[test]
        fn any_text_is_an_amount_or_a_refusal(text in proptest::prelude::any::<String>()) {
            if let Ok(amount) = text.parse::<Rand>() {
                proptest::prop_assert_eq!(amount.to_string().parse::<Rand>(), Ok(amount));
                proptest::prop_assert!(amount.abs_le_largest());
            }
        }

        #[test]
        fn plain_amounts_parse(cents in -99_999_999_999_999_999i64..=99_999_999_999_999_999i64) {
            let amount = Rand::cents(cents);
            proptest::prop_assert_eq!(amount.to_string().parse::<Rand>(), Ok(amount));
        }
    }

    #[test]
    fn travels_as_a_string() {
        let json = serde_json::to_string(&Rand::cents(123_450)).expect("json");
        assert_eq!(json, "\"1234.50\"");
        let back: Rand = serde_json::from_str(&json).expect("back");
        assert_eq!(back, Rand::cents(123_450));
        assert!(
            serde_json::from_str::<Rand>("1234.5").is_err(),
            "numbers are refused"
        );
    }

    #[test]
    fn adds_exactly() {
        let total: Rand = ["0.10", "0.20"].iter().filter_map(|t| t.parse().ok()).sum();
        assert_eq!(total, Rand::cents(30));
    }
}
