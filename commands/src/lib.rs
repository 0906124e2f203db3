//! The write side: each domain's commands handled by cqrs-es over its own postgres-es
//! event store. Services check the caller's permission first, then execute.
//!
//! Events are not dispatched to in-process queries: read models are built from the
//! relayed Kafka stream, so a crash after the commit loses nothing.

pub mod compliance;
mod context;
mod decide;
mod error;
mod execute;
pub mod finance;
pub mod hr;
pub mod identity;
pub mod inventory;
pub mod orders;
pub mod sales;

pub use context::CommandContext;
pub use error::CommandError;
