//! The orders read models: projects, the copy of user assignments that filters them,
//! and the copy of identity's accounts that project customers are checked against.

mod assignments;
mod known_accounts;
mod projection;
mod queries;

pub use assignments::AssignmentsProjection;
pub use known_accounts::KnownAccountsProjection;
pub use projection::OrdersProjection;
pub use queries::{OrdersQueries, ProjectRow};
