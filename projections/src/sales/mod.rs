//! The sales read models: the opportunity pipeline, the quotes, campaigns and lead
//! scores.

mod marketing;
mod marketing_queries;
mod projection;
mod queries;
mod quotes;
mod stages;

pub use marketing::LeadsProjection;
pub use marketing_queries::{CampaignLeadRow, CampaignRow, LeadScoreRow, RulesRow};
pub use projection::SalesProjection;
pub use queries::{
    OpportunityFilter, OpportunityPage, OpportunityRow, Pipeline, PipelineRow, PipelineStageRow,
    QuoteRow, SalesQueries, StageSpellRow, DEFAULT_PAGE, MAX_PAGE,
};
