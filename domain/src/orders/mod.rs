//! Orders: the transactional hub — projects (construction jobs at a site for a
//! customer) today; sales and purchase orders build on them.

mod code;
mod commands;
mod errors;
mod events;
mod project;
mod references;

// The trade side: sales orders and shipments, purchase orders and goods receipts.
pub mod approval;
pub mod lines;
pub mod numbering;
pub mod purchase_order;
pub mod sales_order;
mod trade_errors;
mod trade_references;

pub use code::ProjectCode;
pub use commands::ProjectCommand;
pub use errors::OrdersError;
pub use events::ProjectEvent;
pub use project::{Project, ProjectStatus};
pub use references::{check_customer, KnownAccount};
pub use trade_errors::TradeError;
pub use trade_references::{check_vendor, order_scope};

/// The aggregate type of projects in the event store; unique across the system.
pub const PROJECT_AGGREGATE: &str = "orders.project";
