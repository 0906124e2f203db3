//! The inputs of identity commands as the service API carries them.

use constructos_domain::identity::{AccountKind, LeadSource};
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
