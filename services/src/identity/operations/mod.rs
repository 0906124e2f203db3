//! The identity operations, one file per area: each its input, its answer, its name
//! and who may ask, and how the service answers it. Commands check their permission
//! again on the command side; reads are answered only after [`crate::Operation::ACCESS`].

mod account_facts;
mod accounts;
mod contact_facts;
mod contacts;
mod leads;
mod users;

pub use account_facts::{
    AddressesOf, CertifyBbbee, ChangeAddress, ChangePaymentTerms, ChangeTaxReference,
    ChangeTradingName, GradeCidb, StatusHistoryOf,
};
pub use accounts::{Account, Accounts, ChangeAccountStatus, UpdateAccountDetails};
pub use contact_facts::{ChangeCommunicationPreferences, ChangeContactRoles, RecordPopiaConsent};
pub use contacts::{Contact, ContactsOf, UpdateContactDetails};
pub use leads::{ConvertLead, DisqualifyLead, Lead, Leads, QualifyLead};
pub use users::{AssignUser, LinkUser, ProvisionSelf, User, Users};
