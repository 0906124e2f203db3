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
    /// What the movement answers, when another domain's event caused it (e.g.
    /// `shipment:<id>`): a receipt or issue with a source the position has recorded
    /// before is done already and records nothing again.
    pub source: Option<String>,
}

/// What can be asked of a stock position. `allow_negative` is the location's setting,
/// filled in by the command side from the location (see [`StockChange::with_negative_stock`]).
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
    /// Goods leave for another location (see [`super::Transfer`]), valued at the
    /// weighted average cost.
    TransferOut {
        transfer: Uuid,
        to: String,
        quantity: Decimal,
        allow_negative: bool,
    },
    /// Goods of a transfer arrive, at exactly the value that left the source.
    TransferIn {
        transfer: Uuid,
        from: String,
        quantity: Decimal,
        value: Decimal,
    },
    /// Corrects the quantity on hand (a count, damage, theft); `delta` is signed.
    AdjustStock {
        delta: Decimal,
        reason: AdjustmentReason,
        note: String,
        allow_negative: bool,
    },
}

impl StockChange {
    /// The change with its quantities in stock units, where one unit the caller counted
    /// in is `factor` stock units (a receipt's unit cost is divided by it, to a hundredth
    /// of a cent). A transfer's arrival is already in stock units.
    pub fn in_stock_units(self, factor: Decimal) -> Self {
        if factor == Decimal::ONE || factor <= Decimal::ZERO {
            return self;
        }
        let scale = |q: Decimal| (q * factor).normalize();
        match self {
            StockChange::ReceiveStock {
                quantity,
                unit_cost,
                reference,
            } => StockChange::ReceiveStock {
                quantity: scale(quantity),
                unit_cost: (unit_cost / factor).round_dp(super::UNIT_COST_SCALE),
                reference,
            },
            StockChange::IssueStock {
                quantity,
                project_id,
                cost_code,
                reservation,
                allow_negative,
            } => StockChange::IssueStock {
                quantity: scale(quantity),
                project_id,
                cost_code,
                reservation,
                allow_negative,
            },
            StockChange::ReserveStock {
                reservation,
                quantity,
                purpose,
            } => StockChange::ReserveStock {
                reservation,
                quantity: scale(quantity),
                purpose,
            },
            StockChange::TransferOut {
                transfer,
                to,
                quantity,
                allow_negative,
            } => StockChange::TransferOut {
                transfer,
                to,
                quantity: scale(quantity),
                allow_negative,
            },
            StockChange::AdjustStock {
                delta,
                reason,
                note,
                allow_negative,
            } => StockChange::AdjustStock {
                delta: scale(delta),
                reason,
                note,
                allow_negative,
            },
            other @ (StockChange::ReleaseReservation { .. } | StockChange::TransferIn { .. }) => {
                other
            }
        }
    }

    /// Sets the location's rule on whether stock may go below zero.
    pub fn with_negative_stock(mut self, allowed: bool) -> Self {
        match &mut self {
            StockChange::IssueStock { allow_negative, .. }
            | StockChange::TransferOut { allow_negative, .. }
            | StockChange::AdjustStock { allow_negative, .. } => *allow_negative = allowed,
            _ => {}
        }
        self
    }

    /// Whether the change brings goods in from outside (refused for a discontinued
    /// product).
    pub fn is_receipt(&self) -> bool {
        matches!(self, StockChange::ReceiveStock { .. })
    }
}
