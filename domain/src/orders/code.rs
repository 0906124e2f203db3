//! Project codes and the project ids derived from them.
//!
//! A project's aggregate id is derived from its normalised code (UUID v5 in the orders
//! namespace), so a second project with a code already taken lands on the first one's
//! stream and the aggregate itself refuses it — two people creating the same code at
//! once collide on the stream's sequence, and the loser re-decides and is refused. No
//! read model is consulted.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::values::{Code, Problem, ValueError};

/// The namespace of ids the orders domain derives (UUID v5).
const ORDERS_NAMESPACE: Uuid = Uuid::from_u128(0x3b8e_41c7_92d5_4a06_8f1e_5c27_d9a4_0b63);

/// A company project code, e.g. `PRJ-2026-014`: 3 to 20 capital letters, digits and
/// dashes. Trimmed and upper-cased, so ` prj-2026-014 ` is the same code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ProjectCode(String);

impl ProjectCode {
    /// Parses `value` for `field`.
    pub fn parse(field: &str, value: &str) -> Result<Self, ValueError> {
        let code = Code::parse(field, value)?.into_string().to_uppercase();
        let valid = (3..=20).contains(&code.len())
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if valid {
            Ok(Self(code))
        } else {
            Err(ValueError::new(
                field,
                Problem::Malformed {
                    value: code,
                    expected: "a project code (3 to 20 capital letters, digits and dashes)",
                },
            ))
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id of the project with this code: the same code always gives the same id.
    pub fn project_id(&self) -> String {
        Self::id_of(&self.0)
    }

    /// The id of the project with the (already normalised) code `code`, as events
    /// store it.
    pub fn id_of(code: &str) -> String {
        Uuid::new_v5(&ORDERS_NAMESPACE, format!("project:{code}").as_bytes()).to_string()
    }
}

impl fmt::Display for ProjectCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<ProjectCode> for String {
    fn from(value: ProjectCode) -> String {
        value.0
    }
}

impl<'de> Deserialize<'de> for ProjectCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse("code", &text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn codes_normalise_and_derive_one_id() {
        let a = ProjectCode::parse("code", "PRJ-2026-014").expect("valid");
        let b = ProjectCode::parse("code", "  prj-2026-014 ").expect("valid");
        assert_eq!(a, b);
        assert_eq!(a.project_id(), b.project_id());
        assert_ne!(
            a.project_id(),
            ProjectCode::parse("code", "PRJ-2026-015")
                .expect("valid")
                .project_id()
        );
    }

    #[test]
    fn malformed_codes_name_the_field() {
        for bad in ["prj 14", "P1", "PRJ_1", &"A".repeat(21), "PRJ\u{202E}1", ""] {
            let refused = ProjectCode::parse("input.code", bad).expect_err(bad);
            assert_eq!(refused.field, "input.code", "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_a_code_or_a_refusal(text in any::<String>()) {
            match ProjectCode::parse("input.code", &text) {
                Ok(code) => {
                    prop_assert!((3..=20).contains(&code.as_str().len()));
                    prop_assert_eq!(ProjectCode::parse("x", code.as_str()), Ok(code.clone()));
                }
                Err(e) => prop_assert_eq!(e.field, "input.code"),
            }
        }
    }
}
