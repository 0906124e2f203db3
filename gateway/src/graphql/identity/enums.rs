//! The identity domain's enumerations in the schema, each mirroring its domain type
//! (`remote` derives the conversions both ways) and read back from the read models'
//! wire names.

use async_graphql::Enum;
use constructos_domain::identity as domain;
use serde::de::DeserializeOwned;

use crate::graphql::errors::{error, ErrorCode};

/// Reads a read-model column holding a domain enum's wire name (e.g. `ON_HOLD`).
pub fn from_wire<D, G>(what: &str, value: &str) -> async_graphql::Result<G>
where
    D: DeserializeOwned,
    G: From<D>,
{
    serde_json::from_value::<D>(serde_json::Value::String(value.to_string()))
        .map(G::from)
        .map_err(|_| error(ErrorCode::Internal, format!("unknown {what} {value}")))
}

/// What the company is to the account.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::AccountKind")]
pub enum AccountKind {
    Customer,
    Vendor,
    Subcontractor,
}

/// Where an account stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::AccountStatus")]
pub enum AccountStatus {
    Active,
    OnHold,
    Archived,
}

/// A B-BBEE status level.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::BbbeeLevel")]
pub enum BbbeeLevel {
    #[graphql(name = "LEVEL_1")]
    Level1,
    #[graphql(name = "LEVEL_2")]
    Level2,
    #[graphql(name = "LEVEL_3")]
    Level3,
    #[graphql(name = "LEVEL_4")]
    Level4,
    #[graphql(name = "LEVEL_5")]
    Level5,
    #[graphql(name = "LEVEL_6")]
    Level6,
    #[graphql(name = "LEVEL_7")]
    Level7,
    #[graphql(name = "LEVEL_8")]
    Level8,
    NonCompliant,
}

/// A CIDB class of construction works.
#[allow(clippy::upper_case_acronyms)] // the register's own codes
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::CidbClass")]
pub enum CidbClass {
    GB,
    CE,
    ME,
    EP,
    EB,
    SO,
    SQ,
    SH,
    SI,
    SJ,
    SK,
    SL,
}

/// Which of an account's addresses.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::AddressType")]
pub enum AddressType {
    Physical,
    Postal,
    Billing,
}

/// The nine provinces of South Africa.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::Province")]
pub enum Province {
    EasternCape,
    FreeState,
    Gauteng,
    KwazuluNatal,
    Limpopo,
    Mpumalanga,
    NorthernCape,
    NorthWest,
    WesternCape,
}

/// From when the payment period runs.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::PaymentBasis")]
pub enum PaymentBasis {
    FromStatement,
    FromInvoice,
}

/// A role a contact plays at their account.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::ContactRole")]
pub enum ContactRole {
    Director,
    QuantitySurveyor,
    AccountsPayable,
    AccountsReceivable,
    SiteAgent,
    ProjectManager,
    Procurement,
    SafetyOfficer,
    Other,
}

/// A way of reaching a person.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::Channel")]
pub enum Channel {
    Email,
    Phone,
    Sms,
    Whatsapp,
}

/// How the company heard of a lead.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::LeadSource")]
pub enum LeadSource {
    Referral,
    Website,
    TenderBulletin,
    ColdCall,
    Other,
}

/// Where a lead stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::LeadStatus")]
pub enum LeadStatus {
    New,
    Qualified,
    Disqualified,
    Converted,
}
