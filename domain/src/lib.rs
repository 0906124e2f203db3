//! The pure business rules of ConstructOS: aggregates, commands, events and errors.
//!
//! Nothing here does I/O. What a decision needs from outside arrives in the command
//! or through a small services trait that the write side implements.

pub mod access;
pub mod compliance;
pub mod finance;
pub mod hr;
pub mod identity;
pub mod inventory;
pub mod metadata;
pub mod orders;
pub mod refusal;
pub mod sales;
pub mod stored;
pub mod values;
