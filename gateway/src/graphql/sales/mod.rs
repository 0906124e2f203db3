//! Sales in the schema: the pipeline of opportunities and their quotes, and who may see
//! and move them.
//! The sales service applies the row rule (a rep sees and moves only their own).

mod opportunities;
mod pipeline;
mod quotes;

use async_graphql::MergedObject;
use constructos_domain::access::Access;
use constructos_services::sales::{
    AcceptQuote, DraftQuote, LoseOpportunity, MoveOpportunityStage, Opportunities, Opportunity,
    PipelineReport, QuoteById, QuotesOf, ReviseQuote, SetOpportunityForecast, StageHistory,
    WinOpportunity,
};
use constructos_services::Operation;

/// Sales' query fields.
#[derive(MergedObject, Default)]
pub struct SalesQuery(
    opportunities::OpportunitiesQuery,
    quotes::QuotesQuery,
    pipeline::PipelineQuery,
);

/// Sales' mutations.
#[derive(MergedObject, Default)]
pub struct SalesMutation(
    opportunities::OpportunitiesMutation,
    quotes::QuotesMutation,
    pipeline::PipelineMutation,
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
    (
        "Mutation.setOpportunityForecast",
        SetOpportunityForecast::ACCESS,
    ),
];
