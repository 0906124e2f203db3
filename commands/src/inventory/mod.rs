//! Inventory commands: stock movements at a location.

mod inputs;
mod service;

pub use inputs::{
    AdjustStockInput, IssueStockInput, ReceiveStockInput, ReleaseReservationInput,
    ReserveStockInput,
};
pub use service::InventoryCommands;
