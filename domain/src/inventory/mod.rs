//! Inventory: the product catalogue, the locations that hold stock (warehouses and
//! projects' site stores), stock of each product at each location valued at weighted
//! average cost, and transfers between locations.
//!
//! The stock aggregate is one stream per product × location (its id derives from both,
//! see [`stock_id`]), so two concurrent issues of the last units meet at the optimistic
//! check of one stream and the loser re-decides against the winner's state.

mod availability;
mod commands;
mod count;
mod equipment;
mod errors;
mod events;
mod location;
mod product;
mod quantity;
mod stock;
mod transfer;

pub use availability::{availability, Availability, StockStatus};
pub use commands::{AdjustmentReason, StockChange, StockCommand};
pub use count::{CountCommand, CountEvent, CountVariance, StockCount, COUNT_AGGREGATE};
pub use equipment::{
    equipment_id, Equipment, EquipmentCommand, EquipmentDetails, EquipmentEvent, MeterKind,
    Ownership, EQUIPMENT_AGGREGATE,
};
pub use errors::InventoryError;
pub use events::{ReservationShare, StockEvent};
pub use location::{
    location_id, Location, LocationCommand, LocationEvent, LocationKind, LOCATION_AGGREGATE,
};
pub use product::{
    product_id, Product, ProductCategory, ProductCommand, ProductDetails, ProductEvent,
    UnitConversion, FACTOR_SCALE, PRODUCT_AGGREGATE,
};
pub use quantity::{
    checked_quantity, checked_unit_cost, round_cents, QUANTITY_SCALE, UNIT_COST_SCALE,
};
pub use stock::Stock;
pub use transfer::{Consignment, Transfer, TransferCommand, TransferEvent, TRANSFER_AGGREGATE};

/// The aggregate type of stock positions in the event store; unique across the system.
pub const STOCK_AGGREGATE: &str = "inventory.stock";

/// The id of the stock stream of `product` (a normalised SKU) at `location` (a
/// normalised location code): the same pair always names the same stream (UUID v5 in a
/// namespace of its own; the NUL between them cannot occur in a code).
pub fn stock_id(product: &str, location: &str) -> uuid::Uuid {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6c1f_4a0e_9b7d_4e21_8f3a_2d5c_7e90_b1a4);
    uuid::Uuid::new_v5(&NAMESPACE, format!("{product}\u{0}{location}").as_bytes())
}
