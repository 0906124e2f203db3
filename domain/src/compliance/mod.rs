//! Compliance and support: safety inspections against checklist templates drawn from
//! the Construction Regulations 2014 (findings, corrective actions with escalation, work
//! areas stopped and cleared), incidents with the LTIFR, and the ticket desk with SLA
//! clocks. Pure rules and aggregates; time is always given, never read.

mod errors;
pub mod incident;
pub mod inspection;
pub mod templates;
pub mod ticket;

pub use errors::ComplianceError;
