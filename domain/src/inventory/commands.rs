//! Commands of the stock aggregate. Quantities and costs are checked by the aggregate
//! (see [`super::checked_quantity`]), so a command built anywhere is refused alike.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Why a stock count or a loss changed the quantity on hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AdjustmentReason {
    Count,
    Damage,
    Theft,
    Other,
}

/// What can be asked of the stock of one product at one location.
///
/// `allow_negative` is the location's setting, read by the command handler beside the
/// stock (its version is part of the unit of work's read set).
#[derive(Debug, Clone, PartialEq)]
pub enum StockCommand {
    /// Goods arrive (a goods receipt, or a return from site) at a unit cost.
    ReceiveStock {
        quantity: Decimal,
        unit_cost: Decimal,
        reference: String,
    },
    /// Goods leave to a project's cost code, valued at the weighted average cost;
    /// `reservation` draws on a reservation first.
    IssueStock {
        quantity: Decimal,
        project_id: String,
        cost_code: String,
        reservation: Option<Uuid>,
        allow_negative: bool,
    },
    /// Holds stock for a confirmed sales order or a project requisition.
    ReserveStock {
        reservation: Uuid,
        quantity: Decimal,
        purpose: String,
    },
    /// Lets a reservation go.
    ReleaseReservation { reservation: Uuid },
    /// Corrects the quantity on hand (a count, damage, theft); `delta` is signed.
    AdjustStock {
        delta: Decimal,
        reason: AdjustmentReason,
        note: String,
        allow_negative: bool,
    },
}
