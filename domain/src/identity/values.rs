//! Value types of the identity domain and the rules that validate them.

use serde::{Deserialize, Serialize};

use super::IdentityError;
use crate::values::{Name, TextRule};

/// What the company is to the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccountKind {
    Customer,
    Vendor,
    Subcontractor,
}

/// Where an account stands. Archived is final.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccountStatus {
    #[default]
    Active,
    OnHold,
    Archived,
}

impl AccountKind {
    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Customer => "CUSTOMER",
            AccountKind::Vendor => "VENDOR",
            AccountKind::Subcontractor => "SUBCONTRACTOR",
        }
    }
}

impl AccountStatus {
    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Active => "ACTIVE",
            AccountStatus::OnHold => "ON_HOLD",
            AccountStatus::Archived => "ARCHIVED",
        }
    }

    /// Whether an account in this status takes new orders: only when active.
    pub fn takes_orders(self) -> bool {
        self == AccountStatus::Active
    }
}

/// A required name, by the shared rule for names ([`Name`]): trimmed, one line, at
/// most 200 characters, no control or bidirectional-override characters.
pub(crate) fn required_name(field: &'static str, value: &str) -> Result<String, IdentityError> {
    Ok(Name::parse(field, value)?.into_string())
}

/// A required text checked by `rule` (e.g. [`crate::values::Reason::RULE`]).
pub(crate) fn required_text(
    rule: TextRule,
    field: &'static str,
    value: &str,
) -> Result<String, IdentityError> {
    Ok(rule.required(field, value)?)
}

/// An optional text checked by `rule`; blank becomes `None`.
pub(crate) fn optional_checked(
    rule: TextRule,
    field: &'static str,
    value: Option<String>,
) -> Result<Option<String>, IdentityError> {
    Ok(rule.optional(field, value.as_deref())?)
}

/// Trims an optional text; blank becomes `None`. Only for texts a format check follows
/// (VAT, registration and tax numbers, e-mail addresses) or that come from a signed
/// token.
pub(crate) fn optional_text(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A South African VAT number: ten digits, starting with 4 (SARS VAT vendor numbers).
pub(crate) fn vat_number(value: Option<String>) -> Result<Option<String>, IdentityError> {
    let Some(v) = optional_text(value) else {
        return Ok(None);
    };
    let digits: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 10 && digits.starts_with('4') && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(Some(digits))
    } else {
        Err(IdentityError::InvalidVatNumber(v))
    }
}

/// A CIPC company registration number, `YYYY/NNNNNN/NN`.
pub(crate) fn registration_number(value: Option<String>) -> Result<Option<String>, IdentityError> {
    let Some(v) = optional_text(value) else {
        return Ok(None);
    };
    let parts: Vec<&str> = v.split('/').collect();
    let well_formed = parts.len() == 3
        && [4, 6, 2]
            .iter()
            .zip(&parts)
            .all(|(len, part)| part.len() == *len && part.chars().all(|c| c.is_ascii_digit()));
    if well_formed {
        Ok(Some(v))
    } else {
        Err(IdentityError::InvalidRegistrationNumber(v))
    }
}

/// A plausible e-mail address: one `@`, something before it, a dot in the domain.
pub(crate) fn email(value: Option<String>) -> Result<Option<String>, IdentityError> {
    let Some(v) = Name::RULE.optional("e-mail", value.as_deref())? else {
        return Ok(None);
    };
    let plausible = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if plausible {
        Ok(Some(v.to_lowercase()))
    } else {
        Err(IdentityError::InvalidEmail(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vat_numbers() {
        assert_eq!(
            vat_number(Some("4123456789".into())),
            Ok(Some("4123456789".into()))
        );
        assert_eq!(
            vat_number(Some(" 412 345 6789 ".into())),
            Ok(Some("4123456789".into()))
        );
        assert_eq!(vat_number(Some("  ".into())), Ok(None));
        assert!(vat_number(Some("5123456789".into())).is_err());
        assert!(vat_number(Some("412345678".into())).is_err());
        assert!(vat_number(Some("41234567x9".into())).is_err());
    }

    #[test]
    fn registration_numbers() {
        assert!(registration_number(Some("2015/123456/07".into())).is_ok());
        assert!(registration_number(Some("2015/12345/07".into())).is_err());
        assert!(registration_number(Some("2015-123456-07".into())).is_err());
    }

    #[test]
    fn emails() {
        assert_eq!(
            email(Some("Thandi@Example.co.za".into())),
            Ok(Some("thandi@example.co.za".into()))
        );
        assert!(email(Some("thandi@".into())).is_err());
        assert!(email(Some("thandi example.co.za".into())).is_err());
        assert!(email(Some("a@b@c.za".into())).is_err());
    }

    proptest! {
        #[test]
        fn accepted_vat_numbers_are_ten_digits_starting_with_four(s in "\\PC{0,14}") {
            if let Ok(Some(v)) = vat_number(Some(s)) {
                prop_assert_eq!(v.len(), 10);
                prop_assert!(v.starts_with('4'));
                prop_assert!(v.chars().all(|c| c.is_ascii_digit()));
            }
        }

        #[test]
        fn required_names_are_trimmed_and_never_blank(s in "\\PC{0,250}") {
            if let Ok(name) = required_name("name", &s) {
                prop_assert!(!name.is_empty());
                prop_assert_eq!(name.trim(), name.as_str());
                prop_assert!(name.chars().count() <= Name::RULE.max_chars);
            }
        }
    }
}
