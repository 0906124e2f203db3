//! The inputs of transfers between locations: dispatch (out of the source, in transit)
//! and receipt (into the destination).

use constructos_domain::values::{Code, Reference, ValueError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::inputs::uuid_of;

/// Goods sent from one location to another.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TransferStockInput {
    pub product: String,
    pub from_location: String,
    pub to_location: String,
    pub quantity: Decimal,
    /// The unit `quantity` is in (the stock unit if none).
    #[serde(default)]
    pub unit: Option<String>,
    /// The delivery note or requisition it travels on.
    pub reference: String,
}

/// A dispatch, parsed.
pub(super) struct Dispatch {
    pub transfer: Uuid,
    pub product: String,
    pub from: String,
    pub to: String,
    pub quantity: Decimal,
    pub unit: Option<String>,
    pub reference: String,
}

impl TransferStockInput {
    /// The dispatch with a freshly minted transfer id.
    pub(super) fn dispatch(self) -> Result<Dispatch, ValueError> {
        Ok(Dispatch {
            transfer: Uuid::now_v7(),
            product: Code::parse("product", &self.product)?.into_string(),
            from: Code::parse("fromLocation", &self.from_location)?.into_string(),
            to: Code::parse("toLocation", &self.to_location)?.into_string(),
            quantity: self.quantity,
            unit: Code::parse_optional("unit", self.unit.as_deref())?.map(Code::into_string),
            reference: Reference::parse("reference", &self.reference)?.into_string(),
        })
    }
}

/// Goods of a transfer arrived at its destination.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReceiveTransferInput {
    pub transfer_id: String,
}

impl ReceiveTransferInput {
    pub(super) fn transfer(&self) -> Result<Uuid, ValueError> {
        uuid_of("transferId", &self.transfer_id, "a transfer id (a UUID)")
    }
}
