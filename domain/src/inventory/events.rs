//! Events of the stock aggregate. Every movement carries its value in rand and cents,
//! so the inventory value is the sum of the movements and reconciles with the ledger.

use cqrs_es::DomainEvent;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::AdjustmentReason;

/// Events of the stock of one product at one location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StockEvent {
    StockReceived {
        quantity: Decimal,
        unit_cost: Decimal,
        value: Decimal,
        reference: String,
    },
    StockIssued {
        quantity: Decimal,
        value: Decimal,
        project_id: String,
        cost_code: String,
        /// The reservation drawn on and how much of it.
        reservation: Option<(Uuid, Decimal)>,
    },
    StockReserved {
        reservation: Uuid,
        quantity: Decimal,
        purpose: String,
    },
    ReservationReleased {
        reservation: Uuid,
        quantity: Decimal,
    },
    StockAdjusted {
        delta: Decimal,
        value: Decimal,
        reason: AdjustmentReason,
        note: String,
        /// Reservations cut back, latest first, so reserved never exceeds on hand.
        trimmed: Vec<(Uuid, Decimal)>,
    },
}

impl DomainEvent for StockEvent {
    fn event_type(&self) -> String {
        match self {
            StockEvent::StockReceived { .. } => "StockReceived",
            StockEvent::StockIssued { .. } => "StockIssued",
            StockEvent::StockReserved { .. } => "StockReserved",
            StockEvent::ReservationReleased { .. } => "ReservationReleased",
            StockEvent::StockAdjusted { .. } => "StockAdjusted",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
