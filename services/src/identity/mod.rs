//! The identity service: accounts, contacts, leads and users, reads and writes. Its
//! operations are declared in [`operations`], one file per area; [`endpoint`] serves
//! them as `POST /v1/identity`.

mod module;
mod operations;
mod project_openers;

use constructos_commands::identity::IdentityCommands;
use constructos_commands::CommandContext;
use constructos_domain::access::sees_every_lead;
use constructos_infra::Domain;
use constructos_projections::identity::IdentityQueries;
use sqlx::PgPool;

pub use module::MODULE;
pub use operations::{
    Account, Accounts, AddressesOf, AssignUser, CertifyBbbee, ChangeAccountStatus, ChangeAddress,
    ChangeCommunicationPreferences, ChangeContactRoles, ChangePaymentTerms, ChangeTaxReference,
    ChangeTradingName, Contact, ContactsOf, ConvertLead, DisqualifyLead, GradeCidb, Lead, Leads,
    LinkUser, ProvisionSelf, QualifyLead, RecordPopiaConsent, StatusHistoryOf,
    UpdateAccountDetails, UpdateContactDetails, User, Users,
};
pub use project_openers::ProjectOpeners;

use crate::{Client, Endpoint, Service};

/// The identity service, answered from the identity database.
pub struct IdentityService {
    commands: IdentityCommands,
    queries: IdentityQueries,
}

/// The identity service as the gateway calls it.
pub type IdentityClient = Client<IdentityService>;

impl Service for IdentityService {
    const DOMAIN: Domain = Domain::Identity;
}

impl IdentityService {
    /// The service over the identity database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            commands: IdentityCommands::new(pool.clone()),
            queries: IdentityQueries::new(pool),
        }
    }
}

/// Every identity operation, served as `POST /v1/identity`.
pub fn endpoint(pool: PgPool) -> Endpoint<IdentityService> {
    use constructos_commands::identity::{
        CaptureLeadInput, CreateAccountInput, CreateContactInput,
    };
    Endpoint::new(IdentityService::new(pool))
        // Accounts.
        .with::<CreateAccountInput>()
        .with::<UpdateAccountDetails>()
        .with::<ChangeAccountStatus>()
        .with::<Accounts>()
        .with::<Account>()
        // Contacts.
        .with::<CreateContactInput>()
        .with::<UpdateContactDetails>()
        .with::<Contact>()
        .with::<ContactsOf>()
        // An account's further facts.
        .with::<ChangeTradingName>()
        .with::<ChangeTaxReference>()
        .with::<CertifyBbbee>()
        .with::<GradeCidb>()
        .with::<ChangeAddress>()
        .with::<ChangePaymentTerms>()
        .with::<AddressesOf>()
        .with::<StatusHistoryOf>()
        // A contact's further facts.
        .with::<ChangeContactRoles>()
        .with::<ChangeCommunicationPreferences>()
        .with::<RecordPopiaConsent>()
        // Leads.
        .with::<CaptureLeadInput>()
        .with::<QualifyLead>()
        .with::<DisqualifyLead>()
        .with::<ConvertLead>()
        .with::<Leads>()
        .with::<Lead>()
        // Users.
        .with::<ProvisionSelf>()
        .with::<LinkUser>()
        .with::<AssignUser>()
        .with::<Users>()
        .with::<User>()
}

/// Row-level rule of lead reads: Admin, Auditor and Sales_Manager see every lead; any
/// other holder of `identity.leads.read` (a Sales_Rep) sees only the leads they own. The
/// owner a caller's reads are limited to; `None` when they see every lead. (The command
/// side applies the same rule to writes.)
pub(super) fn leads_visible_to(ctx: &CommandContext) -> Option<&str> {
    (!sees_every_lead(&ctx.caller.roles)).then_some(ctx.caller.subject.as_str())
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use chrono::NaiveDate;
    use constructos_commands::identity::{
        CaptureLeadInput, CreateAccountInput, CreateContactInput,
    };
    use constructos_domain::identity::LeadSource;
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    use super::*;
    use crate::Operation;

    fn round_trips<T: Serialize + DeserializeOwned>(value: &T) {
        let json = serde_json::to_value(value).expect("serialize");
        let back: T = serde_json::from_value(json.clone()).expect("deserialize");
        assert_eq!(serde_json::to_value(back).expect("serialize"), json);
    }

    /// Inputs cross the wire as JSON; decimals and dates must survive the trip.
    #[test]
    fn inputs_with_rand_and_dates_round_trip() {
        round_trips(&CaptureLeadInput {
            company_name: "Mahlangu Developments".into(),
            contact_first_name: "Nomsa".into(),
            contact_last_name: "Mahlangu".into(),
            email: None,
            phone: Some("+27 13 555 0100".into()),
            source: LeadSource::Referral,
            estimated_value: Some(rust_decimal::Decimal::from_str("1250000.50").expect("decimal")),
        });
        round_trips(&RecordPopiaConsent {
            id: "c-1".into(),
            given: false,
            on: NaiveDate::from_ymd_opt(2025, 5, 1).expect("date"),
        });
        round_trips(&CertifyBbbee {
            id: "a-1".into(),
            level: constructos_domain::identity::BbbeeLevel::Level2,
            certificate_expires_on: NaiveDate::from_ymd_opt(2026, 2, 28),
        });
    }

    /// Every operation is served under a name of its own.
    #[tokio::test]
    async fn the_endpoint_serves_every_operation_once() {
        let mut every = vec![
            CreateAccountInput::NAME,
            UpdateAccountDetails::NAME,
            ChangeAccountStatus::NAME,
            Accounts::NAME,
            Account::NAME,
            CreateContactInput::NAME,
            UpdateContactDetails::NAME,
            Contact::NAME,
            ContactsOf::NAME,
            ChangeTradingName::NAME,
            ChangeTaxReference::NAME,
            CertifyBbbee::NAME,
            GradeCidb::NAME,
            ChangeAddress::NAME,
            ChangePaymentTerms::NAME,
            AddressesOf::NAME,
            StatusHistoryOf::NAME,
            ChangeContactRoles::NAME,
            ChangeCommunicationPreferences::NAME,
            RecordPopiaConsent::NAME,
            CaptureLeadInput::NAME,
            QualifyLead::NAME,
            DisqualifyLead::NAME,
            ConvertLead::NAME,
            Leads::NAME,
            Lead::NAME,
            ProvisionSelf::NAME,
            LinkUser::NAME,
            AssignUser::NAME,
            Users::NAME,
            User::NAME,
        ];
        let count = every.len();
        every.sort_unstable();
        every.dedup();
        assert_eq!(every.len(), count, "two operations share a name");
        let pool = PgPool::connect_lazy("postgres://localhost/unused").expect("lazy pool");
        assert_eq!(endpoint(pool).names(), every);
    }
}
