//! The orders read models: projects (with their bill, work breakdown, variations,
//! claims and retention), the copy of user assignments that filters them,
//! and the copy of identity's accounts that project customers are checked against.

mod assignments;
mod known_accounts;
mod project_actuals;
mod project_details;
mod project_queries;
mod projection;
mod queries;
mod trade;
mod trade_purchases;
mod trade_queries;

pub use assignments::AssignmentsProjection;
pub use known_accounts::KnownAccountsProjection;
pub use project_actuals::ProjectActualsProjection;
pub use project_queries::{
    BoqLineRow, ClaimLineRow, ClaimRow, ReleaseRow, VariationRow, WorkFigures, WorkItemRow,
};
pub use projection::OrdersProjection;
pub use queries::{OrdersQueries, ProjectRow};
pub use trade::TradeProjection;
pub use trade_queries::{DeliveryRow, OrderLineRow, Trade, TradeOrderRow, TradeQueries};
