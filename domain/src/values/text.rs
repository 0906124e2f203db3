//! Bounded text: trimmed, never blank when required, at most a number of characters,
//! and free of what makes text lie about itself on a screen or in a log — control
//! characters (NUL, ESC, BEL, …; PostgreSQL refuses NUL outright), line breaks in
//! one-line fields, and Unicode's bidirectional overrides (U+202A–U+202E, U+2066–U+2069,
//! which can make `txt.exe` read as `exe.txt`).
//!
//! Each kind of field has its own type with its own limit; all share one [`TextRule`].

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::{Problem, ValueError};

/// How a kind of text is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    /// The most characters (Unicode scalar values) after trimming.
    pub max_chars: usize,
    /// Whether line breaks (`\n`, `\r\n`) and tabs are allowed inside the text.
    pub multi_line: bool,
    /// Whether the text is an identifier: ASCII letters, digits and `. _ : / -` only.
    pub identifier: bool,
}

/// Unicode's explicit bidirectional formatting characters.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

impl TextRule {
    /// Checks a required value: trimmed, not blank, within the rule.
    pub fn required(&self, field: &str, value: &str) -> Result<String, ValueError> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Err(ValueError::new(field, Problem::Required));
        }
        self.check(field, trimmed)?;
        Ok(trimmed.to_string())
    }

    /// Checks an optional value: absent or blank is `None`, anything else as required.
    pub fn optional(&self, field: &str, value: Option<&str>) -> Result<Option<String>, ValueError> {
        match value.map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => self.required(field, v).map(Some),
        }
    }

    fn check(&self, field: &str, trimmed: &str) -> Result<(), ValueError> {
        let refuse = |problem| Err(ValueError::new(field, problem));
        for c in trimmed.chars() {
            if self.identifier {
                if !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '/' | '-')) {
                    return refuse(Problem::NotAnIdentifier);
                }
                continue;
            }
            if matches!(c, '\n' | '\r') {
                if !self.multi_line {
                    return refuse(Problem::LineBreak);
                }
            } else if c == '\t' {
                if !self.multi_line {
                    return refuse(Problem::ControlCharacter(code_point(c)));
                }
            } else if c.is_control() {
                return refuse(Problem::ControlCharacter(code_point(c)));
            } else if is_bidi_control(c) {
                return refuse(Problem::BidiControl(code_point(c)));
            }
        }
        if trimmed.chars().count() > self.max_chars {
            return refuse(Problem::TooLong {
                max: self.max_chars,
            });
        }
        Ok(())
    }
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $rule:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The rule this kind of text is checked by.
            pub const RULE: TextRule = $rule;

            /// Parses a required value of `field`.
            pub fn parse(field: &str, value: &str) -> Result<Self, ValueError> {
                Self::RULE.required(field, value).map(Self)
            }

            /// Parses an optional value of `field`; absent or blank is `None`.
            pub fn parse_optional(
                field: &str,
                value: Option<&str>,
            ) -> Result<Option<Self>, ValueError> {
                Ok(Self::RULE.optional(field, value)?.map(Self))
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        /// Deserialising checks the rule too, so a command that travels between
        /// services cannot smuggle in what the edge would refuse.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Self::parse(stringify!($name), &text).map_err(serde::de::Error::custom)
            }
        }
    };
}

text_type!(
    /// A name of a person, company, project, site, product or account: one line, at
    /// most 200 characters.
    Name,
    TextRule { max_chars: 200, multi_line: false, identifier: false }
);

text_type!(
    /// A short title or label, e.g. a job title or a trade: one line, at most 100
    /// characters.
    Title,
    TextRule { max_chars: 100, multi_line: false, identifier: false }
);

text_type!(
    /// A business code a person types, e.g. a cost code, a site id, an employee number,
    /// a project code: one line, at most 40 characters (a domain may add a format).
    Code,
    TextRule { max_chars: 40, multi_line: false, identifier: false }
);

text_type!(
    /// The id of an object the system made or knows (UUIDs, codes used as ids): ASCII
    /// letters, digits and `. _ : / -`, at most 100 characters.
    Identifier,
    TextRule { max_chars: 100, multi_line: false, identifier: true }
);

text_type!(
    /// A reference from outside, e.g. a supplier's invoice number or a bank reference:
    /// one line, at most 100 characters.
    Reference,
    TextRule { max_chars: 100, multi_line: false, identifier: false }
);

text_type!(
    /// What a journal, line or document is about: may span lines, at most 1,000
    /// characters.
    Narrative,
    TextRule { max_chars: 1000, multi_line: true, identifier: false }
);

text_type!(
    /// Why something was done (a status change, a reopening, a termination): may span
    /// lines, at most 500 characters.
    Reason,
    TextRule { max_chars: 500, multi_line: true, identifier: false }
);

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn trims_and_refuses_blank_and_long() {
        assert_eq!(
            Name::parse("name", "  Bokamoso Roofing ").map(String::from),
            Ok("Bokamoso Roofing".to_string())
        );
        assert_eq!(
            Name::parse("name", " \t "),
            Err(ValueError::new("name", Problem::Required))
        );
        let long = "x".repeat(201);
        assert_eq!(
            Name::parse("name", &long).map_err(|e| e.to_string()),
            Err("name: is longer than 200 characters".to_string())
        );
        assert!(
            Name::parse("name", &"é".repeat(200)).is_ok(),
            "characters, not bytes"
        );
        assert_eq!(Name::parse_optional("name", Some("  ")), Ok(None));
        assert_eq!(Name::parse_optional("name", None), Ok(None));
    }

    #[test]
    fn refuses_control_characters_line_breaks_and_bidi_overrides() {
        for (text, problem) in [
            ("a\0b", Problem::ControlCharacter("U+0000".into())),
            ("a\u{1b}[31mb", Problem::ControlCharacter("U+001B".into())),
            ("a\u{7}b", Problem::ControlCharacter("U+0007".into())),
            ("a\nb", Problem::LineBreak),
            ("a\r\nb", Problem::LineBreak),
            ("a\tb", Problem::ControlCharacter("U+0009".into())),
            (
                "invoice\u{202E}fdp.exe",
                Problem::BidiControl("U+202E".into()),
            ),
            ("a\u{2067}b", Problem::BidiControl("U+2067".into())),
        ] {
            assert_eq!(
                Name::parse("name", text),
                Err(ValueError::new("name", problem)),
                "{text:?}"
            );
        }
        assert_eq!(
            Narrative::parse("narrative", "line one\nline two\ttabbed").map(String::from),
            Ok("line one\nline two\ttabbed".to_string())
        );
        assert!(Narrative::parse("narrative", "a\0b").is_err());
        assert!(Reason::parse("reason", "a\u{202E}b").is_err());
    }

    #[test]
    fn identifiers_are_plain_ascii() {
        assert!(Identifier::parse("id", "0190c7a2-5d1e-7b3a-9f00-1234567890ab").is_ok());
        assert!(Identifier::parse("id", "PRJ-2026-014").is_ok());
        assert_eq!(
            Identifier::parse("id", "a b"),
            Err(ValueError::new("id", Problem::NotAnIdentifier))
        );
        assert!(Identifier::parse("id", "ïd").is_err());
        assert!(Identifier::parse("id", &"a".repeat(101)).is_err());
    }

    #[test]
    fn deserialising_checks_the_rule() {
        assert!(serde_json::from_str::<Name>("\"ok\"").is_ok());
        assert!(serde_json::from_str::<Name>("\"bad\\u0000\"").is_err());
        assert_eq!(
            serde_json::to_string(&Name::parse("n", " ok ").expect("valid")).expect("json"),
            "\"ok\""
        );
    }

    proptest! {
        /// Any text in: either a valid value (trimmed, short enough, free of control and
        /// override characters) or a refusal naming the field — never a panic.
        #[test]
        fn any_text_is_a_value_or_a_refusal(text in any::<String>(), field in "[a-z]{1,8}") {
            for rule in [Name::RULE, Title::RULE, Code::RULE, Identifier::RULE, Reference::RULE, Narrative::RULE, Reason::RULE] {
                match rule.required(&field, &text) {
                    Ok(value) => {
                        prop_assert_eq!(value.trim(), value.as_str());
                        prop_assert!(!value.is_empty());
                        prop_assert!(value.chars().count() <= rule.max_chars);
                        prop_assert!(!value.contains('\0'));
                        prop_assert!(value.chars().all(|c| !is_bidi_control(c)));
                        prop_assert!(value.chars().all(|c| !c.is_control() || (rule.multi_line && matches!(c, '\n' | '\r' | '\t'))));
                    }
                    Err(e) => prop_assert_eq!(&e.field, &field),
                }
            }
        }

        /// Valid text survives a round trip through JSON unchanged.
        #[test]
        fn valid_names_round_trip(text in "[A-Za-z][A-Za-z0-9 &'.-]{0,50}") {
            let name = Name::parse("name", &text).expect("valid");
            let json = serde_json::to_string(&name).expect("json");
            prop_assert_eq!(serde_json::from_str::<Name>(&json).expect("back"), name);
        }
    }
}
