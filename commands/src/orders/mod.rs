//! Orders commands: projects; sales orders and shipments, purchase orders and goods
//! receipts (the trade side).

mod inputs;
mod numbered;
mod purchase_orders;
mod references;
mod sales_orders;
mod service;
mod trade_inputs;
mod trade_references;

pub use inputs::CreateProjectInput;
pub use purchase_orders::PurchaseOrderCommands;
pub use sales_orders::{Numbered, SalesOrderCommands};
pub use service::OrdersCommands;
pub use trade_inputs::{
    LineQuantityInput, OrderLineInput, PlaceSalesOrderInput, RaisePurchaseOrderInput,
    ReceiveGoodsInput, ShipSalesOrderInput,
};
