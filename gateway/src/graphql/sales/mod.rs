//! Sales in the schema: the pipeline of opportunities, and who may see and move them.
//! The sales service applies the row rule (a rep sees and moves only their own).

mod opportunities;

use async_graphql::MergedObject;
use constructos_domain::access::{Access, Permission};

/// Sales' query fields.
#[derive(MergedObject, Default)]
pub struct SalesQuery(opportunities::OpportunitiesQuery);

/// Sales' mutations.
#[derive(MergedObject, Default)]
pub struct SalesMutation(opportunities::OpportunitiesMutation);

/// What each of sales' root fields needs (checked by the field guard before it runs).
pub const RULES: &[(&str, Access)] = &[
    (
        "Query.opportunities",
        Access::Requires(Permission::OpportunitiesRead),
    ),
    (
        "Query.opportunity",
        Access::Requires(Permission::OpportunitiesRead),
    ),
    (
        "Mutation.moveOpportunityStage",
        Access::Requires(Permission::OpportunitiesWrite),
    ),
    (
        "Mutation.winOpportunity",
        Access::Requires(Permission::OpportunitiesWrite),
    ),
    (
        "Mutation.loseOpportunity",
        Access::Requires(Permission::OpportunitiesWrite),
    ),
];
