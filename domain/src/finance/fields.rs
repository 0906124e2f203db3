//! Finance's field rules: which value type (`crate::values`) each kind of finance field
//! is parsed into, so every aggregate checks a narrative, a cost code or a date the
//! same way whoever built the command (a person through the gateway, the shipment
//! consumer, a seed). A refusal is a [`FinanceError::Invalid`] naming the field as the
//! caller knows it (`date`, `lines[0].costCode`); events keep the plain strings and
//! dates these answer, so history written before the rules still replays.

use chrono::NaiveDate;

use super::FinanceError;
use crate::values::{BusinessDate, Code, Identifier, Narrative, Reference};

/// A business date: inside the business calendar.
pub(crate) fn date(field: &str, date: NaiveDate) -> Result<NaiveDate, FinanceError> {
    Ok(BusinessDate::parse(field, date)?.date())
}

/// An optional id of something another domain owns (a project): ASCII id characters.
pub(crate) fn identifier(
    field: &str,
    value: Option<String>,
) -> Result<Option<String>, FinanceError> {
    Ok(Identifier::parse_optional(field, value.as_deref())?.map(String::from))
}

/// An optional business code (a cost code, a site id): one line, at most 40 characters.
pub(crate) fn code(field: &str, value: Option<String>) -> Result<Option<String>, FinanceError> {
    Ok(Code::parse_optional(field, value.as_deref())?.map(String::from))
}

/// A reference from outside that may be left blank (a bank reference): trimmed, one
/// line, at most 100 characters; blank is the empty string.
pub(crate) fn blank_or_reference(field: &str, value: &str) -> Result<String, FinanceError> {
    Ok(Reference::parse_optional(field, Some(value))?
        .map(String::from)
        .unwrap_or_default())
}

/// A narrative the system writes from stored text (`Reversal of: …`, `Supplier invoice
/// … from …`): what the [`Narrative`] rule refuses is dropped and the rest cut to its
/// length, so a journal about a document stored before the rules can still be posted.
pub fn fitted_narrative(text: &str) -> String {
    let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
    text.trim()
        .chars()
        .filter(|c| (!c.is_control() || matches!(c, '\n' | '\t')) && !bidi(*c))
        .take(Narrative::RULE.max_chars)
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn fitted_narratives_are_valid_narratives() {
        let long = format!("Reversal of: {}", "x".repeat(9 * 1024));
        let fitted = fitted_narrative(&long);
        assert_eq!(fitted.chars().count(), 1000);
        assert_eq!(
            fitted_narrative("Supplier invoice A\u{0}1 from B\u{202E}C"),
            "Supplier invoice A1 from BC"
        );
    }

    proptest! {
        /// What the system writes from any stored text is a valid narrative (or blank).
        #[test]
        fn any_text_fits_as_a_narrative(text in any::<String>()) {
            let fitted = fitted_narrative(&text);
            prop_assert!(fitted.is_empty() || Narrative::parse("narrative", &fitted).is_ok(), "{:?}", fitted);
        }

        /// Any text in: a value or a refusal naming the field, never a panic.
        #[test]
        fn any_text_is_a_value_or_a_refusal_naming_the_field(text in any::<String>()) {
            for result in [
                identifier("lines[0].projectId", Some(text.clone())).map(|_| ()),
                code("lines[0].costCode", Some(text.clone())).map(|_| ()),
                blank_or_reference("reference", &text).map(|_| ()),
            ] {
                if let Err(e) = result {
                    match e {
                        FinanceError::Invalid(v) => prop_assert!(!v.field.is_empty()),
                        other => prop_assert!(false, "unexpected {other:?}"),
                    }
                }
            }
        }
    }
}
