//! Inventory commands: the catalogue (products and locations), stock movements at a
//! location, and transfers between locations.

mod catalogue;
mod counts;
mod equipment;
mod inputs;
mod movement;
mod projects;
mod service;
mod transfers;

pub use catalogue::{
    CloseLocationInput, DefineProductInput, DiscontinueProductInput, OpenLocationInput,
    ProductDetailsInput, ReviseProductInput, SetNegativeStockInput, UnitConversionInput,
};
pub use counts::{OpenCountInput, PostCountInput, RecordCountInput};
pub use equipment::{
    CheckInEquipmentInput, CheckOutEquipmentInput, RecordMeterInput, RecordServiceInput,
    RegisterEquipmentInput,
};
pub use inputs::{
    AdjustStockInput, IssueStockInput, ReceiveStockInput, ReleaseReservationInput,
    ReserveStockInput,
};
pub use service::InventoryCommands;
pub use transfers::{ReceiveTransferInput, TransferStockInput};
