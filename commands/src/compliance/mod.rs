//! Compliance commands: inspections and their corrective actions, incidents, tickets.

mod incidents;
mod inspections;
mod service;
mod tickets;

pub use incidents::{InvestigateIncidentInput, ReportIncidentInput};
pub use inspections::{RaiseActionInput, RecordItemInput, StartInspectionInput};
pub use service::ComplianceCommands;
pub use tickets::{OpenTicketInput, TicketStep};
