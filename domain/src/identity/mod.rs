//! Identity: the master data of who the company deals with — accounts (customers,
//! vendors, subcontractors), the contacts (people) at them, the leads that may become
//! customers, and the users who sign in.

mod account;
mod address;
mod commands;
mod communication;
mod contact;
mod errors;
mod events;
mod lead;
mod references;
mod registers;
mod user;
mod values;

pub use account::{Account, BbbeeStatus};
pub use address::{Address, AddressType, Province, MAX_ADDRESS_LINES};
pub use commands::{AccountCommand, ContactCommand, LeadCommand, UserCommand};
pub use communication::{
    marketing_channels, Channel, CommunicationPreferences, ContactRole, PopiaConsent,
};
pub use contact::{AccountDirectory, Contact, ContactServices};
pub use errors::IdentityError;
pub use events::{AccountEvent, ContactEvent, LeadEvent, UserEvent};
pub use lead::{Lead, LeadConversion, LeadSource, LeadStatus, Opportunity};
pub use references::{
    check_assignments, check_contact, check_employee, named, KnownEmployee, KnownProject,
};
pub use registers::{
    BbbeeLevel, CidbClass, CidbGrading, PaymentBasis, PaymentTerms, MAX_PAYMENT_DAYS,
};
pub use user::User;
pub use values::{AccountKind, AccountStatus};

/// The aggregate type of accounts in the event store; unique across the system.
pub const ACCOUNT_AGGREGATE: &str = "identity.account";
/// The aggregate type of contacts in the event store; unique across the system.
pub const CONTACT_AGGREGATE: &str = "identity.contact";
/// The aggregate type of users in the event store; unique across the system.
pub const USER_AGGREGATE: &str = "identity.user";
/// The aggregate type of leads in the event store; unique across the system.
pub const LEAD_AGGREGATE: &str = "identity.lead";
