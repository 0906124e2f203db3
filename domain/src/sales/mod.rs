//! Sales: the opportunity pipeline. An opportunity opens when identity converts a lead
//! and moves through the sales stages until it is won or lost.
//!
//! Quotes ([`quote`]) price an opportunity in versions, each stocked line checked with
//! inventory. Campaigns, lead profiles and lead scoring are [`marketing`].

mod commands;
mod errors;
mod events;
mod id;
pub mod marketing;
mod opportunity;
pub mod quote;
mod stage;
pub mod stages;

#[cfg(test)]
mod tests;

pub use commands::OpportunityCommand;
pub use errors::SalesError;
pub use events::OpportunityEvent;
pub use id::opportunity_id;
pub use opportunity::{checked_estimate, Opportunity};
pub use stage::Stage;

/// The aggregate type of opportunities in the event store; unique across the system.
pub const OPPORTUNITY_AGGREGATE: &str = "sales.opportunity";
