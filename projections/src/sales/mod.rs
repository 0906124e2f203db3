//! The sales read models: the opportunity pipeline.

mod projection;
mod queries;

pub use projection::SalesProjection;
pub use queries::{
    OpportunityFilter, OpportunityPage, OpportunityRow, SalesQueries, DEFAULT_PAGE, MAX_PAGE,
};
