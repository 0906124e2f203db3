//! Sales in the schema: the pipeline of opportunities, and who may see and move them.
//! The sales service applies the row rule (a rep sees and moves only their own).

mod opportunities;

use async_graphql::MergedObject;
use constructos_domain::access::Access;
use constructos_services::sales::{
    LoseOpportunity, MoveOpportunityStage, Opportunities, Opportunity, WinOpportunity,
};
use constructos_services::Operation;

/// Sales' query fields.
#[derive(MergedObject, Default)]
pub struct SalesQuery(opportunities::OpportunitiesQuery);

/// Sales' mutations.
#[derive(MergedObject, Default)]
pub struct SalesMutation(opportunities::OpportunitiesMutation);

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
];
