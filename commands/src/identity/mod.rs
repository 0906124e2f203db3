//! Identity commands: accounts, contacts, leads and users.

mod account_facts;
mod contact_facts;
mod directory;
mod inputs;
mod leads;
mod references;
mod service;

pub use directory::EventStoreDirectory;
pub use inputs::{
    AccountDetailsInput, CaptureLeadInput, ContactDetailsInput, CreateAccountInput,
    CreateContactInput, LeadConverted,
};
pub use service::IdentityCommands;
