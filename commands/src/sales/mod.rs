//! Sales commands: opportunities, their quotes, the pipeline's stages, and marketing
//! (campaigns, lead profiles, lead-scoring rules).

mod inputs;
mod marketing;
mod quotes;
mod service;

pub use inputs::{lose, open_from_lead, opportunity_uuid};
pub use marketing::{
    CampaignResponseInput, CampaignSpendInput, CloseCampaignInput, GradeBandInput,
    PlanCampaignInput, PointsFor, ProfileLeadInput, ScoringRulesInput, SegmentInput, SizeBandInput,
};
pub use quotes::{AcceptQuoteInput, DraftQuoteInput, QuoteInput, QuoteLineInput, ReviseQuoteInput};
pub use service::{OpenedOpportunity, SalesCommands};
