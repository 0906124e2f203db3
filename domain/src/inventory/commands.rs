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

/// A change asked of the stock of `product` (its SKU) at `location` (its code); the
/// first command a position takes opens it under those names.
#[derive(Debug, Clone, PartialEq)]
pub struct StockCommand {
    pub product: String,
    pub location: String,
    pub change: StockChange,
}

/// What can be asked of a stock position. `allow_negative` is the location's setting.
#[derive(Debug, Clone, PartialEq)]
pub enum StockChange {
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
