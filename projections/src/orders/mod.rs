//! The orders read models: projects, and the copy of user assignments that filters them.

mod assignments;
mod projection;
mod queries;

pub use assignments::AssignmentsProjection;
pub use projection::OrdersProjection;
pub use queries::{OrdersQueries, ProjectRow};
