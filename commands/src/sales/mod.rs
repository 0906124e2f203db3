//! Sales commands: opportunities.

mod inputs;
mod service;

pub use inputs::{lose, open_from_lead, opportunity_uuid};
pub use service::{OpenedOpportunity, SalesCommands};
