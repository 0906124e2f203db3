//! Identity: the master data of who the company deals with — accounts (customers,
//! vendors, subcontractors) and the contacts (people) at them.

mod account;
mod commands;
mod contact;
mod errors;
mod events;
mod user;
mod values;

pub use account::Account;
pub use commands::{AccountCommand, ContactCommand, UserCommand};
pub use contact::{AccountDirectory, Contact, ContactServices};
pub use errors::IdentityError;
pub use events::{AccountEvent, ContactEvent, UserEvent};
pub use user::User;
pub use values::{AccountKind, AccountStatus};

/// The aggregate type of accounts in the event store; unique across the system.
pub const ACCOUNT_AGGREGATE: &str = "identity.account";
/// The aggregate type of contacts in the event store; unique across the system.
pub const CONTACT_AGGREGATE: &str = "identity.contact";
/// The aggregate type of users in the event store; unique across the system.
pub const USER_AGGREGATE: &str = "identity.user";
