//! Commands of the identity domain: what a caller asks for, in the imperative.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    AccountKind, AccountStatus, Address, AddressType, BbbeeLevel, CommunicationPreferences,
    ContactRole, LeadSource, PaymentTerms,
};

/// Commands to the account aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AccountCommand {
    /// Open a new customer, vendor or subcontractor account.
    CreateAccount {
        kind: AccountKind,
        name: String,
        registration_number: Option<String>,
        vat_number: Option<String>,
    },
    /// Correct the account's name and registration details (the full new values).
    UpdateAccountDetails {
        name: String,
        registration_number: Option<String>,
        vat_number: Option<String>,
    },
    /// Put the account on hold, re-activate it, or archive it.
    ChangeAccountStatus {
        status: AccountStatus,
        reason: Option<String>,
    },
    /// Set (or clear, with `None`) the name the account trades under.
    ChangeTradingName { trading_name: Option<String> },
    /// Set (or clear) the SARS income tax reference number.
    ChangeTaxReference { tax_reference: Option<String> },
    /// Record a vendor's or subcontractor's B-BBEE level and certificate expiry.
    CertifyBbbee {
        level: BbbeeLevel,
        certificate_expires_on: Option<NaiveDate>,
    },
    /// Record a subcontractor's CIDB grading, e.g. `7GB`.
    GradeCidb { designation: String },
    /// Set one of the account's addresses.
    ChangeAddress {
        address_type: AddressType,
        address: Address,
    },
    /// Agree new payment terms.
    ChangePaymentTerms { terms: PaymentTerms },
}

/// Commands to the contact aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ContactCommand {
    /// Record a person at an existing, non-archived account.
    CreateContact {
        account_id: String,
        first_name: String,
        last_name: String,
        email: Option<String>,
        phone: Option<String>,
        job_title: Option<String>,
    },
    /// Correct a contact's details (the full new values).
    UpdateContactDetails {
        first_name: String,
        last_name: String,
        email: Option<String>,
        phone: Option<String>,
        job_title: Option<String>,
    },
    /// Replace the roles the contact plays at the account.
    ChangeContactRoles { roles: Vec<ContactRole> },
    /// Replace the channels the contact allows and prefers.
    ChangeCommunicationPreferences {
        preferences: CommunicationPreferences,
    },
    /// Record that POPIA consent to direct marketing was given (`given: true`) or
    /// withdrawn, on the business date `on` (the day the person said so).
    RecordPopiaConsent { given: bool, on: NaiveDate },
}

/// Commands to the user aggregate (id: the Entra ID object id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum UserCommand {
    /// Record the user at sign-in, from the token's claims; idempotent.
    ProvisionUser {
        subject: String,
        tenant_id: Option<String>,
        name: Option<String>,
        username: Option<String>,
    },
    /// Say which employee and/or contact the user is (the full new values).
    LinkUser {
        employee_id: Option<String>,
        contact_id: Option<String>,
    },
    /// Replace the projects and sites the user is assigned to.
    AssignUser {
        projects: Vec<String>,
        sites: Vec<String>,
    },
    /// Add the project the user opened to their assignments (keeping the others); no
    /// event when they are assigned to it already.
    AssignOpener { project: String },
}

/// Commands to the lead aggregate. `owned_by`, when set, is the subject of a caller who
/// may act only on their own leads: to them another's lead does not exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LeadCommand {
    /// Capture a prospective customer; `owner` is the capturing user's subject.
    CaptureLead {
        company_name: String,
        contact_first_name: String,
        contact_last_name: String,
        email: Option<String>,
        phone: Option<String>,
        source: LeadSource,
        estimated_value: Option<rust_decimal::Decimal>,
        owner: String,
    },
    /// The lead is worth pursuing.
    QualifyLead { owned_by: Option<String> },
    /// The lead is not worth pursuing, and why.
    DisqualifyLead {
        reason: String,
        owned_by: Option<String>,
    },
    /// Turn a qualified lead into a customer account and a contact with these ids. A
    /// lead converts once; converting again changes nothing.
    ConvertLead {
        account_id: String,
        contact_id: String,
        owned_by: Option<String>,
    },
}
