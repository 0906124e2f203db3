//! Events of the identity domain: what happened, in the past tense.
//!
//! Each variant and version has a JSON Schema in `schemas/events/identity/`, and the
//! relay publishes the variant's fields as the CloudEvent's `data`.

use cqrs_es::DomainEvent;
use serde::{Deserialize, Serialize};

use super::{AccountKind, AccountStatus};

/// Events of the account aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AccountEvent {
    AccountCreated {
        kind: AccountKind,
        name: String,
        registration_number: Option<String>,
        vat_number: Option<String>,
    },
    AccountDetailsUpdated {
        name: String,
        registration_number: Option<String>,
        vat_number: Option<String>,
    },
    AccountStatusChanged {
        from: AccountStatus,
        to: AccountStatus,
        reason: Option<String>,
    },
}

impl DomainEvent for AccountEvent {
    fn event_type(&self) -> String {
        match self {
            AccountEvent::AccountCreated { .. } => "AccountCreated",
            AccountEvent::AccountDetailsUpdated { .. } => "AccountDetailsUpdated",
            AccountEvent::AccountStatusChanged { .. } => "AccountStatusChanged",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// Events of the contact aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ContactEvent {
    ContactCreated {
        account_id: String,
        first_name: String,
        last_name: String,
        email: Option<String>,
        phone: Option<String>,
        job_title: Option<String>,
    },
    ContactDetailsUpdated {
        first_name: String,
        last_name: String,
        email: Option<String>,
        phone: Option<String>,
        job_title: Option<String>,
    },
}

impl DomainEvent for ContactEvent {
    fn event_type(&self) -> String {
        match self {
            ContactEvent::ContactCreated { .. } => "ContactCreated",
            ContactEvent::ContactDetailsUpdated { .. } => "ContactDetailsUpdated",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// Events of the user aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum UserEvent {
    UserProvisioned {
        subject: String,
        tenant_id: Option<String>,
        name: Option<String>,
        username: Option<String>,
    },
    UserProfileRefreshed {
        name: Option<String>,
        username: Option<String>,
    },
    UserLinked {
        employee_id: Option<String>,
        contact_id: Option<String>,
    },
    UserAssignmentsChanged {
        projects: Vec<String>,
        sites: Vec<String>,
    },
}

impl DomainEvent for UserEvent {
    fn event_type(&self) -> String {
        match self {
            UserEvent::UserProvisioned { .. } => "UserProvisioned",
            UserEvent::UserProfileRefreshed { .. } => "UserProfileRefreshed",
            UserEvent::UserLinked { .. } => "UserLinked",
            UserEvent::UserAssignmentsChanged { .. } => "UserAssignmentsChanged",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
