//! `Rand`: an amount of South African rand in the schema, always a string such as
//! `"1500000.00"`. Accepted only as a string: a JSON number would pass through a binary
//! float on the way in, and money is never floating point.

use std::str::FromStr;

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use rust_decimal::Decimal;

/// An exact amount in rand (ZAR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rand(pub Decimal);

/// An amount in South African rand, as a decimal string with up to two decimal places
/// (answers always carry two), e.g. "1500000.00".
#[Scalar(name = "Rand")]
impl ScalarType for Rand {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => Decimal::from_str(s.trim())
                .map(Rand)
                .map_err(|_| InputValueError::custom(format!("'{s}' is not an amount in rand"))),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_strings_are_amounts() {
        assert_eq!(
            Rand::parse(Value::String("1500000.50".into())).ok(),
            Some(Rand(Decimal::new(150_000_050, 2)))
        );
        assert!(Rand::parse(Value::Number(15.into())).is_err());
        assert!(Rand::parse(Value::String("R15".into())).is_err());
        assert_eq!(
            Rand(Decimal::new(250_000_000, 2)).to_value(),
            Value::String("2500000.00".into())
        );
    }
}
