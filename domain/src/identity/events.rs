//! Events of the identity domain: what happened, in the past tense.
//!
//! Each variant and version has a JSON Schema in `schemas/events/identity/`, and the
//! relay publishes the variant's fields as the CloudEvent's `data`. A published v1 is
//! never changed: new facts about an account or contact are new events beside it.

use chrono::NaiveDate;
use cqrs_es::DomainEvent;
use serde::{Deserialize, Serialize};

use super::{
    AccountKind, AccountStatus, Address, AddressType, BbbeeLevel, Channel, CidbClass, ContactRole,
    LeadSource, Opportunity, PaymentBasis,
};

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
    AccountTradingNameChanged {
        trading_name: Option<String>,
    },
    AccountTaxReferenceChanged {
        tax_reference: Option<String>,
    },
    /// A vendor's or subcontractor's B-BBEE status (the name is the procurement term:
    /// a subcontractor is a vendor of services).
    VendorBbbeeCertified {
        level: BbbeeLevel,
        certificate_expires_on: Option<NaiveDate>,
    },
    /// The subcontractor's grade in one class of works; replaces its earlier grade there.
    SubcontractorCidbGraded {
        grade: u8,
        class_of_works: CidbClass,
    },
    AccountAddressChanged {
        address_type: AddressType,
        address: Address,
    },
    AccountPaymentTermsChanged {
        days: u16,
        basis: PaymentBasis,
    },
}

impl DomainEvent for AccountEvent {
    fn event_type(&self) -> String {
        match self {
            AccountEvent::AccountCreated { .. } => "AccountCreated",
            AccountEvent::AccountDetailsUpdated { .. } => "AccountDetailsUpdated",
            AccountEvent::AccountStatusChanged { .. } => "AccountStatusChanged",
            AccountEvent::AccountTradingNameChanged { .. } => "AccountTradingNameChanged",
            AccountEvent::AccountTaxReferenceChanged { .. } => "AccountTaxReferenceChanged",
            AccountEvent::VendorBbbeeCertified { .. } => "VendorBbbeeCertified",
            AccountEvent::SubcontractorCidbGraded { .. } => "SubcontractorCidbGraded",
            AccountEvent::AccountAddressChanged { .. } => "AccountAddressChanged",
            AccountEvent::AccountPaymentTermsChanged { .. } => "AccountPaymentTermsChanged",
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
    /// The roles the contact plays at the account (the full new set, sorted).
    ContactRolesChanged { roles: Vec<ContactRole> },
    ContactCommunicationPreferencesChanged {
        email: bool,
        phone: bool,
        sms: bool,
        whatsapp: bool,
        preferred_channel: Option<Channel>,
    },
    /// The contact consented to direct marketing (POPIA) on `given_on`.
    ContactPopiaConsentGiven { given_on: NaiveDate },
    /// The contact withdrew (or refused) consent on `withdrawn_on`: no more marketing.
    ContactPopiaConsentWithdrawn { withdrawn_on: NaiveDate },
}

impl DomainEvent for ContactEvent {
    fn event_type(&self) -> String {
        match self {
            ContactEvent::ContactCreated { .. } => "ContactCreated",
            ContactEvent::ContactDetailsUpdated { .. } => "ContactDetailsUpdated",
            ContactEvent::ContactRolesChanged { .. } => "ContactRolesChanged",
            ContactEvent::ContactCommunicationPreferencesChanged { .. } => {
                "ContactCommunicationPreferencesChanged"
            }
            ContactEvent::ContactPopiaConsentGiven { .. } => "ContactPopiaConsentGiven",
            ContactEvent::ContactPopiaConsentWithdrawn { .. } => "ContactPopiaConsentWithdrawn",
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

/// Events of the lead aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LeadEvent {
    LeadCaptured {
        company_name: String,
        contact_first_name: String,
        contact_last_name: String,
        email: Option<String>,
        phone: Option<String>,
        source: LeadSource,
        /// Rand, a string with two decimal places.
        estimated_value: Option<rust_decimal::Decimal>,
        /// The subject of the user who captured the lead and owns it.
        owner: String,
    },
    LeadQualified {},
    LeadDisqualified {
        reason: String,
    },
    /// The lead became a customer account and a contact, with these pre-chosen ids; the
    /// opportunity is what the sales domain picks up from this event.
    LeadConverted {
        account_id: String,
        contact_id: String,
        opportunity: Opportunity,
    },
}

impl DomainEvent for LeadEvent {
    fn event_type(&self) -> String {
        match self {
            LeadEvent::LeadCaptured { .. } => "LeadCaptured",
            LeadEvent::LeadQualified { .. } => "LeadQualified",
            LeadEvent::LeadDisqualified { .. } => "LeadDisqualified",
            LeadEvent::LeadConverted { .. } => "LeadConverted",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
