//! Sales in the schema: the pipeline of opportunities and their quotes, and who may see
//! and move them.
//! The sales service applies the row rule (a rep sees and moves only their own).

mod marketing;
mod opportunities;
mod pipeline;
mod quotes;

use async_graphql::MergedObject;
use constructos_commands::sales;
use constructos_domain::access::Access;
use constructos_services::sales::{
    AcceptQuote, ConfigurePipelineStage, DraftQuote, LoseOpportunity, MoveOpportunityStage,
    Opportunities, Opportunity, PipelineReport, PipelineStages, QuoteById, QuotesOf, ReviseQuote,
    SetOpportunityForecast, StageHistory, WinOpportunity,
};
use constructos_services::sales::{
    CampaignById, CampaignLeads, Campaigns, LeadScoreOf, LeadScores, LeadScoringRules,
};
use constructos_services::Operation;

/// Sales' query fields.
#[derive(MergedObject, Default)]
pub struct SalesQuery(
    opportunities::OpportunitiesQuery,
    quotes::QuotesQuery,
    pipeline::PipelineQuery,
    marketing::MarketingQuery,
);

/// Sales' mutations.
#[derive(MergedObject, Default)]
pub struct SalesMutation(
    opportunities::OpportunitiesMutation,
    quotes::QuotesMutation,
    pipeline::PipelineMutation,
    marketing::MarketingMutation,
);

/// What each of sales' root fields needs: the access its operation declares.
pub const RULES: &[(&str, Access)] = &[
    ("Query.opportunities", Opportunities::ACCESS),
    ("Query.opportunity", Opportunity::ACCESS),
    (
        "Mutation.moveOpportunityStage",
        MoveOpportunityStage::ACCESS,
    ),
    ("Mutation.winOpportunity", WinOpportunity::ACCESS),
    ("Mutation.loseOpportunity", LoseOpportunity::ACCESS),
    ("Query.quote", QuoteById::ACCESS),
    ("Query.quotes", QuotesOf::ACCESS),
    ("Mutation.draftQuote", DraftQuote::ACCESS),
    ("Mutation.reviseQuote", ReviseQuote::ACCESS),
    ("Mutation.acceptQuote", AcceptQuote::ACCESS),
    ("Query.pipeline", PipelineReport::ACCESS),
    ("Query.opportunityStageHistory", StageHistory::ACCESS),
    ("Query.pipelineStages", PipelineStages::ACCESS),
    (
        "Mutation.configurePipelineStage",
        ConfigurePipelineStage::ACCESS,
    ),
    ("Query.campaigns", Campaigns::ACCESS),
    ("Query.campaign", CampaignById::ACCESS),
    ("Query.campaignLeads", CampaignLeads::ACCESS),
    ("Query.leadScores", LeadScores::ACCESS),
    ("Query.leadScore", LeadScoreOf::ACCESS),
    ("Query.leadScoringRules", LeadScoringRules::ACCESS),
    ("Mutation.planCampaign", sales::PlanCampaignInput::ACCESS),
    (
        "Mutation.recordCampaignSpend",
        sales::CampaignSpendInput::ACCESS,
    ),
    (
        "Mutation.recordCampaignResponse",
        sales::CampaignResponseInput::ACCESS,
    ),
    ("Mutation.closeCampaign", sales::CloseCampaignInput::ACCESS),
    ("Mutation.profileLead", sales::ProfileLeadInput::ACCESS),
    (
        "Mutation.setLeadScoringRules",
        sales::ScoringRulesInput::ACCESS,
    ),
    (
        "Mutation.setOpportunityForecast",
        SetOpportunityForecast::ACCESS,
    ),
];
