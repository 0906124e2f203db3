//! Why the sales domain refuses a command.

use super::Stage;

/// A business refusal; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SalesError {
    /// The lead's opportunity was opened before (a redelivered conversion lands here).
    #[error("the opportunity is already open")]
    AlreadyOpen,
    #[error("the opportunity does not exist")]
    OpportunityNotFound,
    #[error(
        "stage: an opportunity becomes {} by winning or losing it, not by moving its stage",
        .0.as_str()
    )]
    NotAnOpenStage(Stage),
    #[error("stage: the opportunity is already at {}", .0.as_str())]
    AlreadyInStage(Stage),
    #[error("the opportunity is {} and can no longer change", .0.as_str())]
    Closed(Stage),
    #[error(
        "estimatedValue: {0} is not an amount in rand (zero or more, at most two decimal places, at most R 1 trillion)"
    )]
    InvalidEstimate(String),
}

impl crate::refusal::Refusal for SalesError {
    fn kind(&self) -> crate::refusal::RefusalKind {
        use crate::refusal::RefusalKind;
        match self {
            SalesError::OpportunityNotFound => RefusalKind::NotFound,
            _ => RefusalKind::Rejected,
        }
    }
}
