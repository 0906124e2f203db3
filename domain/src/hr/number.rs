//! Employee numbers and the employee ids derived from them.
//!
//! An employee record's aggregate id is derived from its normalised employee number
//! (UUID v5 in the HR namespace), so hiring a second person under a number already
//! taken lands on the first one's stream and the aggregate refuses it — concurrent
//! hirings collide on the stream's sequence. No read model is consulted.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::values::{Code, Problem, ValueError};

/// The namespace of ids the HR domain derives (UUID v5).
const HR_NAMESPACE: Uuid = Uuid::from_u128(0x9a27_5e0c_1f64_4d8b_b3c9_72e0_18f5_a64d);

/// An employee number, `EMP-` and 4 to 6 digits; trimmed and upper-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct EmployeeNumber(String);

impl EmployeeNumber {
    /// Parses `value` for `field`.
    pub fn parse(field: &str, value: &str) -> Result<Self, ValueError> {
        let number = Code::parse(field, value)?.into_string().to_uppercase();
        let valid = number.strip_prefix("EMP-").is_some_and(|digits| {
            (4..=6).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
        });
        if valid {
            Ok(Self(number))
        } else {
            Err(ValueError::new(
                field,
                Problem::Malformed {
                    value: number,
                    expected: "an employee number (EMP- and 4 to 6 digits)",
                },
            ))
        }
    }

    /// The number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id of the employee record with this number: the same number, the same id.
    pub fn employee_id(&self) -> String {
        Uuid::new_v5(&HR_NAMESPACE, format!("employee:{}", self.0).as_bytes()).to_string()
    }
}

impl fmt::Display for EmployeeNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<EmployeeNumber> for String {
    fn from(value: EmployeeNumber) -> String {
        value.0
    }
}

impl<'de> Deserialize<'de> for EmployeeNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse("employeeNumber", &text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn numbers_normalise_and_derive_one_id() {
        let a = EmployeeNumber::parse("n", "EMP-0042").expect("valid");
        let b = EmployeeNumber::parse("n", " emp-0042 ").expect("valid");
        assert_eq!(a, b);
        assert_eq!(a.employee_id(), b.employee_id());
        assert_eq!(
            EmployeeNumber::parse("input.employeeNumber", "42").map_err(|e| e.to_string()),
            Err(
                "input.employeeNumber: '42' is not an employee number (EMP- and 4 to 6 digits)"
                    .to_string()
            )
        );
    }

    proptest! {
        #[test]
        fn any_text_is_a_number_or_a_refusal(text in any::<String>()) {
            match EmployeeNumber::parse("input.employeeNumber", &text) {
                Ok(n) => prop_assert!(n.as_str().starts_with("EMP-")),
                Err(e) => prop_assert_eq!(e.field, "input.employeeNumber"),
            }
        }
    }
}
