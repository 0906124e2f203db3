//! Sales commands: opportunities and their quotes.

mod inputs;
mod quotes;
mod service;

pub use inputs::{lose, open_from_lead, opportunity_uuid};
pub use quotes::{AcceptQuoteInput, DraftQuoteInput, QuoteInput, QuoteLineInput, ReviseQuoteInput};
pub use service::{OpenedOpportunity, SalesCommands};
