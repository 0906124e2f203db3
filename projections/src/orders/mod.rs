//! The orders read models: projects, the copy of user assignments that filters them,
//! and the copy of identity's accounts that project customers are checked against.

mod assignments;
mod known_accounts;
mod projection;
mod queries;
mod trade;
mod trade_purchases;
mod trade_queries;

pub use assignments::AssignmentsProjection;
pub use known_accounts::KnownAccountsProjection;
pub use projection::OrdersProjection;
pub use queries::{OrdersQueries, ProjectRow};
pub use trade::TradeProjection;
pub use trade_queries::{DeliveryRow, OrderLineRow, Trade, TradeOrderRow, TradeQueries};
