//! Validated value types every command is built from: bounded, trimmed text without
//! control characters ([`text`]), business dates inside a sane range ([`dates`]) and
//! decimals in strict syntax ([`decimal`]).
//!
//! A command field is parsed once, where the command is built, into one of these types;
//! a value that does not parse is a [`ValueError`] naming the field, which every domain
//! reports as a refusal (`BAD_USER_INPUT` at the edge). Events keep plain strings and
//! dates, so history written before a rule tightened still replays.

pub mod dates;
pub mod decimal;
pub mod text;

pub use dates::{business_date_range, BusinessDate, DateRange};
pub use decimal::strict_decimal;
pub use text::{Code, Identifier, Name, Narrative, Reason, Reference, TextRule, Title};

use crate::refusal::{Refusal, RefusalKind};

/// Why a value given for a field was refused. The message names the field and is safe
/// to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct ValueError {
    /// The field as the caller knows it, e.g. `name` or `lines[2].description`.
    pub field: String,
    /// What is wrong with the value.
    pub problem: Problem,
}

/// What is wrong with a value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("is required")]
    Required,
    #[error("is longer than {max} characters")]
    TooLong { max: usize },
    #[error("contains a control character ({0})")]
    ControlCharacter(String),
    #[error("must be on one line")]
    LineBreak,
    #[error("contains a bidirectional-text override ({0})")]
    BidiControl(String),
    #[error("may contain only letters, digits and . _ : / -")]
    NotAnIdentifier,
    /// The text is not in the field's own format (a project code, an employee number).
    #[error("'{value}' is not {expected}")]
    Malformed {
        value: String,
        expected: &'static str,
    },
    #[error("{date} is outside the business calendar ({earliest} to {latest})")]
    DateOutOfRange {
        date: String,
        earliest: String,
        latest: String,
    },
    #[error("'{0}' is not a decimal number (digits, optionally a point and more digits)")]
    NotADecimal(String),
    #[error("'{value}' has more than {max} decimal places")]
    TooPrecise { value: String, max: u32 },
    #[error("'{0}' is too large")]
    TooLarge(String),
}

impl ValueError {
    /// A refusal of `field` for `problem`.
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            problem,
        }
    }
}

impl Refusal for ValueError {
    fn kind(&self) -> RefusalKind {
        RefusalKind::Rejected
    }
}
