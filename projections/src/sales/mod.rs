//! The sales read models: the opportunity pipeline and the quotes.

mod projection;
mod queries;
mod quotes;

pub use projection::SalesProjection;
pub use queries::{
    OpportunityFilter, OpportunityPage, OpportunityRow, Pipeline, PipelineRow, QuoteRow,
    SalesQueries, StageSpellRow, DEFAULT_PAGE, MAX_PAGE,
};
