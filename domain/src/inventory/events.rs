//! Events of the stock aggregate. Every movement carries its value in rand and cents,
//! so the inventory value is the sum of the movements and reconciles with the ledger.

use cqrs_es::DomainEvent;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::AdjustmentReason;

/// A quantity of one reservation: what an issue drew on, or what a count cut back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservationShare {
    pub reservation: Uuid,
    pub quantity: Decimal,
}

/// Events of the stock of one product at one location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StockEvent {
    /// The position's names, written before its first movement.
    StockPositionOpened { product: String, location: String },
    StockReceived {
        quantity: Decimal,
        unit_cost: Decimal,
        value: Decimal,
        reference: String,
        /// The event that caused it, when one did (see [`super::StockCommand::source`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    StockIssued {
        quantity: Decimal,
        value: Decimal,
        project_id: String,
        cost_code: String,
        /// The reservation drawn on and how much of it.
        reservation: Option<ReservationShare>,
        /// The event that caused it, when one did (see [`super::StockCommand::source`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
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
    /// Goods left for another location on `transfer`.
    StockTransferredOut {
        transfer: Uuid,
        to: String,
        quantity: Decimal,
        value: Decimal,
    },
    /// Goods of `transfer` arrived from another location.
    StockTransferredIn {
        transfer: Uuid,
        from: String,
        quantity: Decimal,
        value: Decimal,
    },
    StockAdjusted {
        delta: Decimal,
        value: Decimal,
        reason: AdjustmentReason,
        note: String,
        /// Reservations cut back, latest first, so reserved never exceeds on hand.
        trimmed: Vec<ReservationShare>,
    },
}

impl StockEvent {
    /// Records what caused a receipt or an issue; other events have no source.
    pub(super) fn with_source(mut self, key: Option<String>) -> Self {
        if let StockEvent::StockReceived { source, .. } | StockEvent::StockIssued { source, .. } =
            &mut self
        {
            *source = key;
        }
        self
    }
}

impl DomainEvent for StockEvent {
    fn event_type(&self) -> String {
        match self {
            StockEvent::StockPositionOpened { .. } => "StockPositionOpened",
            StockEvent::StockReceived { .. } => "StockReceived",
            StockEvent::StockIssued { .. } => "StockIssued",
            StockEvent::StockReserved { .. } => "StockReserved",
            StockEvent::ReservationReleased { .. } => "ReservationReleased",
            StockEvent::StockTransferredOut { .. } => "StockTransferredOut",
            StockEvent::StockTransferredIn { .. } => "StockTransferredIn",
            StockEvent::StockAdjusted { .. } => "StockAdjusted",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
