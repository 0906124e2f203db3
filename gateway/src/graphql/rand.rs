//! `Rand`: an amount of South African rand in the schema, always a string such as
//! `"1500000.00"`. Accepted only as a string: a JSON number would pass through a binary
//! float on the way in, and money is never floating point.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use rust_decimal::Decimal;

/// An exact amount in rand (ZAR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rand(pub Decimal);

/// An amount in South African rand, as a decimal string with up to two decimal places
/// (answers always carry two), e.g. "1500000.00": digits, optionally a point and one or
/// two more digits, an optional leading minus; no spaces, exponent, plus sign or
/// thousands separator; at most 999999999999999.99 either way.
#[Scalar(name = "Rand")]
impl ScalarType for Rand {
    /// Checked while the request is validated, so a refusal names the argument's path
    /// (`input.lines.0.amount`).
    fn is_valid(value: &Value) -> bool {
        Self::parse(value.clone()).is_ok()
    }

    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            // The same strict reading as finance's amounts: one rule for rand.
            Value::String(s) => s
                .parse::<constructos_domain::finance::Rand>()
                .map(|r| Rand(r.as_decimal()))
                .map_err(|e| InputValueError::custom(e.to_string())),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    /// Always two places: a nought read from PostgreSQL comes back without its scale
    /// (and would print as "0").
    fn to_value(&self) -> Value {
        let mut amount = self.0.round_dp(2);
        amount.rescale(2);
        Value::String(amount.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_carry_two_places() {
        for (amount, shown) in [
            (Decimal::ZERO, "0.00"),
            (Decimal::new(5, 1), "0.50"),
            (Decimal::new(38_500, 0), "38500.00"),
            (Decimal::new(-12_345, 2), "-123.45"),
        ] {
            assert_eq!(Rand(amount).to_value(), Value::String(shown.into()));
        }
    }

    #[test]
    fn only_strings_are_amounts() {
        assert_eq!(
            Rand::parse(Value::String("1500000.50".into())).ok(),
            Some(Rand(Decimal::new(150_000_050, 2)))
        );
        assert!(Rand::parse(Value::Number(15.into())).is_err());
        assert!(Rand::parse(Value::String("R15".into())).is_err());
        for lenient in [" 1.00", "1.", ".5", "1e3", "1.005", "+1"] {
            assert!(
                Rand::parse(Value::String(lenient.into())).is_err(),
                "{lenient:?}"
            );
        }
        let huge = format!("{}.00", "9".repeat(40));
        let refused = Rand::parse(Value::String(huge.clone()))
            .err()
            .map(|e| e.into_server_error(Default::default()).message);
        assert_eq!(
            refused.as_deref(),
            Some(format!("Failed to parse \"Rand\": '{huge}' is more than the largest amount accepted (999999999999999.99)").as_str())
        );
        assert_eq!(
            Rand(Decimal::new(250_000_000, 2)).to_value(),
            Value::String("2500000.00".into())
        );
    }
}
