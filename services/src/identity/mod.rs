//! The identity service: accounts, contacts, leads and users, reads and writes.

mod client;
mod client_facts;
mod client_leads;
mod http;
mod local;
mod local_leads;
mod module;
mod remote;

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::identity::{
    AccountDetailsInput, CaptureLeadInput, ContactDetailsInput, CreateAccountInput,
    CreateContactInput, LeadConverted,
};
use constructos_commands::CommandError;
use constructos_domain::identity::{
    AccountStatus, Address, AddressType, BbbeeLevel, CommunicationPreferences, ContactRole,
    PaymentTerms,
};
use constructos_projections::identity::{
    AccountFilter, AccountRow, AddressRow, ContactRow, LeadFilter, LeadRow, Page, StatusChangeRow,
    UserRow,
};
use serde::{Deserialize, Serialize};

pub use client::IdentityClient;
pub use http::router;
pub use local::LocalIdentity;
pub use module::MODULE;
pub use remote::RemoteIdentity;

use crate::Call;

/// Everything the identity service answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum IdentityRequest {
    CreateAccount {
        input: CreateAccountInput,
    },
    UpdateAccountDetails {
        id: String,
        input: AccountDetailsInput,
    },
    ChangeAccountStatus {
        id: String,
        status: AccountStatus,
        reason: Option<String>,
    },
    CreateContact {
        input: CreateContactInput,
    },
    UpdateContactDetails {
        id: String,
        input: ContactDetailsInput,
    },
    Accounts {
        filter: AccountFilter,
        first: i64,
        after: Option<String>,
    },
    Account {
        id: String,
    },
    Contact {
        id: String,
    },
    ContactsOf {
        account_id: String,
    },
    /// Record (or refresh) the caller's own user from their token.
    ProvisionSelf,
    LinkUser {
        id: String,
        employee_id: Option<String>,
        contact_id: Option<String>,
    },
    AssignUser {
        id: String,
        projects: Vec<String>,
        sites: Vec<String>,
    },
    /// Every user the caller may see: all with `identity.users.read`, else only their own.
    Users,
    /// One user, if the caller may see it.
    User {
        id: String,
    },
    ChangeTradingName {
        id: String,
        trading_name: Option<String>,
    },
    ChangeTaxReference {
        id: String,
        tax_reference: Option<String>,
    },
    CertifyBbbee {
        id: String,
        level: BbbeeLevel,
        certificate_expires_on: Option<NaiveDate>,
    },
    GradeCidb {
        id: String,
        designation: String,
    },
    ChangeAddress {
        id: String,
        address_type: AddressType,
        address: Address,
    },
    ChangePaymentTerms {
        id: String,
        terms: PaymentTerms,
    },
    AddressesOf {
        account_id: String,
    },
    StatusHistoryOf {
        account_id: String,
    },
    ChangeContactRoles {
        id: String,
        roles: Vec<ContactRole>,
    },
    ChangeCommunicationPreferences {
        id: String,
        preferences: CommunicationPreferences,
    },
    RecordPopiaConsent {
        id: String,
        given: bool,
        on: NaiveDate,
    },
    CaptureLead {
        input: CaptureLeadInput,
    },
    QualifyLead {
        id: String,
    },
    DisqualifyLead {
        id: String,
        reason: String,
    },
    ConvertLead {
        id: String,
    },
    /// The leads the caller may see: every lead for managers, admins and auditors,
    /// otherwise only their own.
    Leads {
        filter: LeadFilter,
        first: i64,
        after: Option<String>,
    },
    /// One lead, if the caller may see it.
    Lead {
        id: String,
    },
}

/// The identity service's answers, one shape per kind of request.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "result", content = "value", rename_all = "snake_case")]
pub enum IdentityResponse {
    /// A command created an aggregate with this id.
    Created(String),
    /// A command changed an existing aggregate.
    Done,
    Accounts(Page<AccountRow>),
    Account(Option<AccountRow>),
    Contact(Option<ContactRow>),
    Contacts(Vec<ContactRow>),
    Users(Vec<UserRow>),
    User(Option<UserRow>),
    Addresses(Vec<AddressRow>),
    StatusHistory(Vec<StatusChangeRow>),
    /// A lead was converted (now or by an earlier attempt) into these.
    Converted(LeadConverted),
    Leads(Page<LeadRow>),
    Lead(Option<LeadRow>),
}

/// Answers identity requests, in-process or remotely.
#[async_trait]
pub trait IdentityApi: Send + Sync {
    async fn handle(
        &self,
        call: &Call,
        request: IdentityRequest,
    ) -> Result<IdentityResponse, CommandError>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use constructos_domain::identity::LeadSource;
    use std::str::FromStr;

    /// Requests cross the wire as JSON; decimals and dates must survive the trip.
    #[test]
    fn requests_with_rand_and_dates_round_trip() {
        let requests = [
            IdentityRequest::CaptureLead {
                input: CaptureLeadInput {
                    company_name: "Mahlangu Developments".into(),
                    contact_first_name: "Nomsa".into(),
                    contact_last_name: "Mahlangu".into(),
                    email: None,
                    phone: Some("+27 13 555 0100".into()),
                    source: LeadSource::Referral,
                    estimated_value: Some(
                        rust_decimal::Decimal::from_str("1250000.50").expect("decimal"),
                    ),
                },
            },
            IdentityRequest::RecordPopiaConsent {
                id: "c-1".into(),
                given: false,
                on: NaiveDate::from_ymd_opt(2025, 5, 1).expect("date"),
            },
        ];
        for request in requests {
            let json = serde_json::to_value(&request).expect("serialize");
            let back: IdentityRequest = serde_json::from_value(json.clone()).expect("deserialize");
            assert_eq!(serde_json::to_value(back).expect("serialize"), json);
        }
    }
}
