//! Why the compliance domain refuses a command.

/// A business refusal; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComplianceError {
    #[error("the inspection does not exist")]
    InspectionNotFound,
    #[error("the ticket does not exist")]
    TicketNotFound,
    #[error("the incident does not exist")]
    IncidentNotFound,
    #[error("{0}")]
    Inspection(String),
    #[error("{0}")]
    Ticket(String),
    #[error("{0}")]
    Incident(String),
}

impl crate::refusal::Refusal for ComplianceError {
    fn kind(&self) -> crate::refusal::RefusalKind {
        use crate::refusal::RefusalKind;
        match self {
            ComplianceError::InspectionNotFound
            | ComplianceError::TicketNotFound
            | ComplianceError::IncidentNotFound => RefusalKind::NotFound,
            _ => RefusalKind::Rejected,
        }
    }
}
