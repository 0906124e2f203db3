//! The inputs of identity commands as the service API carries them, and the builders
//! that check each field before a command is built.

use chrono::NaiveDate;
use constructos_domain::identity::{AccountKind, Address, LeadSource};
use constructos_domain::values::{BusinessDate, Code, Identifier, Name, Reason, Title, ValueError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A new account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateAccountInput {
    pub kind: AccountKind,
    pub name: String,
    pub registration_number: Option<String>,
    pub vat_number: Option<String>,
}

/// The full new details of an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountDetailsInput {
    pub name: String,
    pub registration_number: Option<String>,
    pub vat_number: Option<String>,
}

/// A new contact at an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateContactInput {
    pub account_id: String,
    pub details: ContactDetailsInput,
}

/// The full new details of a contact.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContactDetailsInput {
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub job_title: Option<String>,
}

/// A new lead; its owner is the capturing caller.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaptureLeadInput {
    pub company_name: String,
    pub contact_first_name: String,
    pub contact_last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub source: LeadSource,
    /// Rand; serialized as a string.
    pub estimated_value: Option<Decimal>,
}

/// What a lead was converted into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadConverted {
    pub lead_id: String,
    pub account_id: String,
    pub contact_id: String,
}

// The builders: each input's fields parsed into their value types (trimmed, bounded,
// free of control and override characters), named as the caller knows them, before
// anything is read or written. The identity domain applies the same shared rules again
// (and its own formats: VAT, CIPC and tax numbers, e-mail, CIDB, postal codes).

fn name(field: &str, value: &str) -> Result<String, ValueError> {
    Ok(Name::parse(field, value)?.into_string())
}

fn optional<T: Into<String>>(
    parse: fn(&str, Option<&str>) -> Result<Option<T>, ValueError>,
    field: &str,
    value: Option<&str>,
) -> Result<Option<String>, ValueError> {
    Ok(parse(field, value)?.map(Into::into))
}

impl CreateAccountInput {
    /// The input with every field checked.
    pub fn checked(self) -> Result<Self, ValueError> {
        Ok(Self {
            kind: self.kind,
            name: name("input.name", &self.name)?,
            registration_number: optional(
                Code::parse_optional,
                "input.registrationNumber",
                self.registration_number.as_deref(),
            )?,
            vat_number: optional(
                Code::parse_optional,
                "input.vatNumber",
                self.vat_number.as_deref(),
            )?,
        })
    }
}

impl AccountDetailsInput {
    /// The input with every field checked.
    pub fn checked(self) -> Result<Self, ValueError> {
        Ok(Self {
            name: name("input.name", &self.name)?,
            registration_number: optional(
                Code::parse_optional,
                "input.registrationNumber",
                self.registration_number.as_deref(),
            )?,
            vat_number: optional(
                Code::parse_optional,
                "input.vatNumber",
                self.vat_number.as_deref(),
            )?,
        })
    }
}

impl ContactDetailsInput {
    /// The input with every field checked.
    pub fn checked(self) -> Result<Self, ValueError> {
        Ok(Self {
            first_name: name("input.firstName", &self.first_name)?,
            last_name: name("input.lastName", &self.last_name)?,
            email: optional(Name::parse_optional, "input.email", self.email.as_deref())?,
            phone: optional(Code::parse_optional, "input.phone", self.phone.as_deref())?,
            job_title: optional(
                Title::parse_optional,
                "input.jobTitle",
                self.job_title.as_deref(),
            )?,
        })
    }
}

impl CreateContactInput {
    /// The input with every field checked; the account id before anything is read.
    pub fn checked(self) -> Result<Self, ValueError> {
        Ok(Self {
            account_id: Identifier::parse("input.accountId", &self.account_id)?.into_string(),
            details: self.details.checked()?,
        })
    }
}

impl CaptureLeadInput {
    /// The input with every field checked.
    pub fn checked(self) -> Result<Self, ValueError> {
        Ok(Self {
            company_name: name("input.companyName", &self.company_name)?,
            contact_first_name: name("input.contactFirstName", &self.contact_first_name)?,
            contact_last_name: name("input.contactLastName", &self.contact_last_name)?,
            email: optional(Name::parse_optional, "input.email", self.email.as_deref())?,
            phone: optional(Code::parse_optional, "input.phone", self.phone.as_deref())?,
            source: self.source,
            estimated_value: self.estimated_value,
        })
    }
}

/// An id the caller gives (an account, contact, lead or user), checked before any read.
pub fn given_id(field: &str, value: &str) -> Result<String, ValueError> {
    Ok(Identifier::parse(field, value)?.into_string())
}

/// An optional id the caller gives.
pub fn given_optional_id(field: &str, value: Option<&str>) -> Result<Option<String>, ValueError> {
    optional(Identifier::parse_optional, field, value)
}

/// An optional reason (a status change).
pub fn optional_reason(field: &str, value: Option<&str>) -> Result<Option<String>, ValueError> {
    optional(Reason::parse_optional, field, value)
}

/// A required reason (a disqualification).
pub fn reason(field: &str, value: &str) -> Result<String, ValueError> {
    Ok(Reason::parse(field, value)?.into_string())
}

/// An optional name (a trading name).
pub fn optional_name(field: &str, value: Option<&str>) -> Result<Option<String>, ValueError> {
    optional(Name::parse_optional, field, value)
}

/// An optional code (a tax reference).
pub fn optional_code(field: &str, value: Option<&str>) -> Result<Option<String>, ValueError> {
    optional(Code::parse_optional, field, value)
}

/// A required code (a CIDB designation).
pub fn code(field: &str, value: &str) -> Result<String, ValueError> {
    Ok(Code::parse(field, value)?.into_string())
}

/// An optional business date.
pub fn optional_date(
    field: &str,
    value: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, ValueError> {
    Ok(BusinessDate::parse_optional(field, value)?.map(BusinessDate::date))
}

/// A business date.
pub fn date(field: &str, value: NaiveDate) -> Result<NaiveDate, ValueError> {
    Ok(BusinessDate::parse(field, value)?.date())
}

/// An address with each line, the city and the postal code checked (`address.…`);
/// blank lines stay for the domain to drop.
pub fn address(address: Address) -> Result<Address, ValueError> {
    let lines = address
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            Ok(
                Name::parse_optional(&format!("address.lines[{i}]"), Some(line))?
                    .map(String::from)
                    .unwrap_or_default(),
            )
        })
        .collect::<Result<_, ValueError>>()?;
    Ok(Address {
        lines,
        city: name("address.city", &address.city)?,
        province: address.province,
        postal_code: code("address.postalCode", &address.postal_code)?,
    })
}

/// Project ids (`projects[i]`) and site ids (`sites[i]`) to assign a user to.
pub fn assignments(
    projects: Vec<String>,
    sites: Vec<String>,
) -> Result<(Vec<String>, Vec<String>), ValueError> {
    let projects = projects
        .iter()
        .enumerate()
        .map(|(i, p)| given_id(&format!("projects[{i}]"), p))
        .collect::<Result<_, _>>()?;
    let sites = sites
        .iter()
        .enumerate()
        .map(|(i, s)| code(&format!("sites[{i}]"), s))
        .collect::<Result<_, _>>()?;
    Ok((projects, sites))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn contact(first: &str) -> ContactDetailsInput {
        ContactDetailsInput {
            first_name: first.into(),
            last_name: "Mokoena".into(),
            email: Some("thandi@example.co.za".into()),
            phone: None,
            job_title: Some("Quantity Surveyor".into()),
        }
    }

    #[test]
    fn refusals_name_the_field_as_the_caller_knows_it() {
        let field = |r: Result<ContactDetailsInput, ValueError>| r.map(|_| ()).map_err(|e| e.field);
        assert_eq!(
            field(contact("Thandi\u{202E}").checked()),
            Err("input.firstName".into())
        );
        assert_eq!(
            field(contact("a\u{1b}[2J").checked()),
            Err("input.firstName".into())
        );
        let mut long_title = contact("Thandi");
        long_title.job_title = Some("x".repeat(9000));
        assert_eq!(field(long_title.checked()), Err("input.jobTitle".into()));
        assert!(contact("  Thandi ")
            .checked()
            .is_ok_and(|c| c.first_name == "Thandi"));
        assert_eq!(
            assignments(vec!["p-1".into()], vec!["S".repeat(9000)]).map_err(|e| e.field),
            Err("sites[0]".into())
        );
        assert_eq!(
            date("on", NaiveDate::from_ymd_opt(10000, 1, 1).expect("date")).map_err(|e| e.field),
            Err("on".into())
        );
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![any::<String>(), "[A-Za-z][A-Za-z .'-]{0,30}", "\\PC{0,300}"]
    }

    proptest! {
        /// Any strings in: checked inputs, or a refusal naming one of their fields.
        #[test]
        fn any_input_is_checked_or_refused_by_name(
            name in text(), reg in proptest::option::of(text()), first in text(), last in text(),
            email in proptest::option::of(text()), phone in proptest::option::of(text()),
            title in proptest::option::of(text()), account in text(), reason_text in text(),
            projects in proptest::collection::vec(text(), 0..3), sites in proptest::collection::vec(text(), 0..3),
        ) {
            let account_input = CreateAccountInput { kind: AccountKind::Customer, name, registration_number: reg, vat_number: None };
            if let Err(e) = account_input.checked() {
                prop_assert!(["input.name", "input.registrationNumber"].contains(&e.field.as_str()), "{}", e);
            }
            let details = ContactDetailsInput { first_name: first, last_name: last, email, phone, job_title: title };
            match (CreateContactInput { account_id: account, details }).checked() {
                Ok(c) => prop_assert!(Identifier::parse("x", &c.account_id).is_ok()),
                Err(e) => prop_assert!(["input.accountId", "input.firstName", "input.lastName", "input.email", "input.phone", "input.jobTitle"].contains(&e.field.as_str()), "{}", e),
            }
            if let Err(e) = reason("reason", &reason_text) {
                prop_assert_eq!(e.field, "reason");
            }
            if let Err(e) = assignments(projects, sites) {
                prop_assert!(e.field.starts_with("projects[") || e.field.starts_with("sites["));
            }
        }
    }
}
