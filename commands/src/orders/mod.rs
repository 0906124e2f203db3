//! Orders commands: projects — their contract, bill of quantities, work breakdown,
//! variations, progress claims and retention — and the trade side: sales orders and
//! shipments, purchase orders and goods receipts.

mod inputs;
mod numbered;
mod project_inputs;
mod purchase_orders;
mod references;
mod sales_orders;
mod service;
mod trade_inputs;
mod trade_references;

pub use inputs::CreateProjectInput;
pub use project_inputs::{BoqLineInput, ClaimLineInput, ContractInput, WorkItemInput};
pub use purchase_orders::PurchaseOrderCommands;
pub use sales_orders::{Numbered, SalesOrderCommands};
pub use service::OrdersCommands;
pub use trade_inputs::{
    LineQuantityInput, OrderLineInput, PlaceSalesOrderInput, RaisePurchaseOrderInput,
    ReceiveGoodsInput, ShipSalesOrderInput,
};
