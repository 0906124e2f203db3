//! The inventory read models: stock levels per product × location, and the stock card
//! of every movement.

mod projection;
mod queries;

pub use projection::InventoryProjection;
pub use queries::{InventoryQueries, StockLevelRow, StockMovementRow};
