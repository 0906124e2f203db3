//! Orders: the transactional hub — projects (construction jobs at a site for a
//! customer, with their contract, work breakdown, variations and progress claims), and
//! the sales and purchase orders that land on them.

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
pub use events::{ClaimedLine, ProjectEvent, ReleaseStage};
pub use project::{
    percent_of, retention_for, vat_on, BoqLine, ClaimBasis, ClaimError, ClaimFigures, ClaimLine,
    ContractTerms, ContractType, CustomerSnapshot, Project, ProjectStatus, TermsError, Variation,
    VariationStatus, WorkBreakdown, WorkError, WorkItem, WorkItemKind, WorkToDate,
};
pub use references::{check_customer, KnownAccount};
pub use trade_errors::TradeError;
pub use trade_references::{check_vendor, order_scope};

/// The aggregate type of projects in the event store; unique across the system.
pub const PROJECT_AGGREGATE: &str = "orders.project";
