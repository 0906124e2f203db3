//! Why the inventory domain refuses a command.

use rust_decimal::Decimal;
use uuid::Uuid;

/// A business refusal; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InventoryError {
    #[error("quantity: {0} is not a positive quantity of at most 3 decimal places")]
    InvalidQuantity(Decimal),
    #[error("unitCost: {0} is not a cost of zero or more with at most 4 decimal places")]
    InvalidUnitCost(Decimal),
    #[error(
        "quantity: only {available} is available (on hand less reserved); {wanted} was asked for"
    )]
    NotEnoughStock { available: Decimal, wanted: Decimal },
    #[error("the reservation {0} is already held")]
    ReservationExists(Uuid),
    #[error("the reservation {0} does not exist or has been used up")]
    ReservationNotFound(Uuid),
    #[error("delta: an adjustment must change the quantity")]
    EmptyAdjustment,
}

impl crate::refusal::Refusal for InventoryError {
    fn kind(&self) -> crate::refusal::RefusalKind {
        use crate::refusal::RefusalKind;
        match self {
            InventoryError::ReservationNotFound(_) => RefusalKind::NotFound,
            _ => RefusalKind::Rejected,
        }
    }
}
