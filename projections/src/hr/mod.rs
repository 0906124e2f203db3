//! The HR read models: employees, and the copy of user links that filters them.

mod links;
mod projection;
mod queries;

pub use links::LinksProjection;
pub use projection::HrProjection;
pub use queries::{EmployeeRow, HrQueries};
