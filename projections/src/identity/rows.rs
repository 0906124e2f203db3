//! The shapes the identity read models answer with, and the filters of their lists.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An account as the read model holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct AccountRow {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub registration_number: Option<String>,
    pub vat_number: Option<String>,
    pub status: String,
    pub trading_name: Option<String>,
    pub tax_reference: Option<String>,
    pub bbbee_level: Option<String>,
    pub bbbee_certificate_expires_on: Option<NaiveDate>,
    /// Designations such as `7GB`, sorted.
    pub cidb_gradings: Vec<String>,
    pub payment_terms_days: Option<i32>,
    pub payment_terms_basis: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One of an account's addresses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct AddressRow {
    pub address_type: String,
    pub lines: Vec<String>,
    pub city: String,
    pub province: String,
    pub postal_code: String,
    pub updated_at: DateTime<Utc>,
}

/// One change of an account's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct StatusChangeRow {
    pub from_status: String,
    pub to_status: String,
    pub reason: Option<String>,
    /// The subject who changed it.
    pub changed_by: Option<String>,
    pub changed_at: DateTime<Utc>,
}

/// A contact as the read model holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ContactRow {
    pub id: String,
    pub account_id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub job_title: Option<String>,
    pub roles: Vec<String>,
    pub allow_email: bool,
    pub allow_phone: bool,
    pub allow_sms: bool,
    pub allow_whatsapp: bool,
    pub preferred_channel: Option<String>,
    /// `None`: never recorded; `Some(true)`: given; `Some(false)`: withdrawn.
    pub popia_consent: Option<bool>,
    pub popia_consent_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A user as the read model holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    pub subject: String,
    pub tenant_id: Option<String>,
    pub name: Option<String>,
    pub username: Option<String>,
    pub employee_id: Option<String>,
    pub contact_id: Option<String>,
    pub projects: Vec<String>,
    pub sites: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A lead as the read model holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct LeadRow {
    pub id: String,
    pub company_name: String,
    pub contact_first_name: String,
    pub contact_last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub source: String,
    /// Rand, two decimal places.
    pub estimated_value: Option<Decimal>,
    pub status: String,
    /// The subject of the user who owns the lead.
    pub owner: String,
    pub disqualification_reason: Option<String>,
    pub account_id: Option<String>,
    pub contact_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Which accounts to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AccountFilter {
    /// Case-insensitive substring of the name.
    pub name_contains: Option<String>,
    /// `CUSTOMER`, `VENDOR` or `SUBCONTRACTOR`.
    pub kind: Option<String>,
    /// `ACTIVE`, `ON_HOLD` or `ARCHIVED`.
    pub status: Option<String>,
}

/// Which leads to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LeadFilter {
    /// Case-insensitive substring of the company name.
    pub company_contains: Option<String>,
    /// `NEW`, `QUALIFIED`, `DISQUALIFIED` or `CONVERTED`.
    pub status: Option<String>,
    /// The owner's subject.
    pub owner: Option<String>,
}

/// One page of results, ordered by name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `after` to get the next page.
    pub end_cursor: Option<String>,
    pub has_next_page: bool,
}
