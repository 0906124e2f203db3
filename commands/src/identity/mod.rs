//! Identity commands: accounts and contacts.

mod directory;
mod service;

pub use directory::EventStoreDirectory;
pub use service::{
    AccountDetailsInput, ContactDetailsInput, CreateAccountInput, CreateContactInput,
    IdentityCommands,
};
