//! Commands of the identity domain: what a caller asks for, in the imperative.

use serde::{Deserialize, Serialize};

use super::{AccountKind, AccountStatus};

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
}
