//! Opportunities: the pipeline a converted lead becomes, in cursor-paged lists.

use async_graphql::{Context, Enum, Object, SimpleObject, ID};
use chrono::{DateTime, Utc};
use constructos_domain::sales as domain;
use constructos_projections::sales::{OpportunityFilter, OpportunityRow};
use constructos_services::sales::{
    self as operations, LoseOpportunity, MoveOpportunityStage, Opportunities, WinOpportunity,
};

use crate::graphql::errors::{ask, error, request_id, ErrorCode};
use crate::graphql::page::PageInfo;
use crate::graphql::rand::Rand;

/// Where an opportunity stands in the pipeline; WON and LOST are final.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::Stage")]
pub enum OpportunityStage {
    Qualification,
    SiteVisit,
    Tender,
    Negotiation,
    Won,
    Lost,
}

/// A chance of work with a customer, opened when its lead was converted.
#[derive(SimpleObject)]
pub struct Opportunity {
    id: ID,
    /// The lead it came from.
    lead_id: ID,
    /// The customer account the lead became.
    account_id: ID,
    /// The contact person the lead became.
    contact_id: ID,
    /// The company's name, as on the lead.
    name: String,
    /// The subject of the user who owns it (the lead's owner).
    owner: String,
    /// How the lead came in, e.g. `REFERRAL`.
    source: String,
    stage: OpportunityStage,
    /// Percent, the stage's default.
    probability: i32,
    estimated_value: Option<Rand>,
    lost_reason: Option<String>,
    competitor: Option<String>,
    opened_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    /// When it was won or lost.
    closed_at: Option<DateTime<Utc>>,
    /// When it is expected to close (what the forecast by month counts by).
    expected_close: Option<chrono::NaiveDate>,
}

impl Opportunity {
    fn from_row(row: OpportunityRow) -> async_graphql::Result<Self> {
        let stage = domain::Stage::parse("stage", &row.stage)
            .map_err(|e| error(ErrorCode::Internal, format!("a stored opportunity: {e}")))?;
        Ok(Self {
            id: ID(row.id),
            lead_id: ID(row.lead_id),
            account_id: ID(row.account_id),
            contact_id: ID(row.contact_id),
            name: row.name,
            owner: row.owner,
            source: row.source,
            stage: stage.into(),
            probability: row.probability,
            estimated_value: row.estimated_value.map(Rand),
            lost_reason: row.lost_reason,
            competitor: row.competitor,
            opened_at: row.opened_at,
            updated_at: row.updated_at,
            closed_at: row.closed_at,
            expected_close: row.expected_close,
        })
    }
}

/// A page of opportunities, newest first.
#[derive(SimpleObject)]
pub struct OpportunityConnection {
    nodes: Vec<Opportunity>,
    page_info: PageInfo,
}

/// An opportunity command was accepted.
#[derive(SimpleObject)]
pub struct OpportunityChanged {
    id: ID,
    correlation_id: String,
}

fn changed(ctx: &Context<'_>, id: ID) -> OpportunityChanged {
    OpportunityChanged {
        id,
        correlation_id: request_id(ctx),
    }
}

#[derive(Default)]
pub struct OpportunitiesQuery;

#[Object]
impl OpportunitiesQuery {
    /// Opportunities newest first, `first` at a time after the cursor `after`: every one
    /// to sales managers, auditors and administrators, your own to a sales rep.
    async fn opportunities(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, validator(minimum = 1, maximum = 100))] first: u32,
        after: Option<String>,
        stage: Option<OpportunityStage>,
        owner: Option<String>,
    ) -> async_graphql::Result<OpportunityConnection> {
        let request = Opportunities {
            filter: OpportunityFilter {
                stage: stage.map(Into::into),
                owner,
            },
            first: Some(first),
            after,
        };
        let page = ask(ctx, request).await?;
        Ok(OpportunityConnection {
            nodes: page
                .rows
                .into_iter()
                .map(Opportunity::from_row)
                .collect::<async_graphql::Result<_>>()?,
            page_info: PageInfo {
                end_cursor: page.end_cursor,
                has_next_page: page.has_next_page,
            },
        })
    }

    /// One opportunity, or null when unknown or not yours to see.
    async fn opportunity(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<Opportunity>> {
        let row = ask(ctx, operations::Opportunity { id: id.0 }).await?;
        row.map(Opportunity::from_row).transpose()
    }
}

#[derive(Default)]
pub struct OpportunitiesMutation;

#[Object]
impl OpportunitiesMutation {
    /// Moves an open opportunity to another open stage (QUALIFICATION, SITE_VISIT, TENDER,
    /// NEGOTIATION), forward or back; its probability becomes the stage's default.
    async fn move_opportunity_stage(
        &self,
        ctx: &Context<'_>,
        id: ID,
        stage: OpportunityStage,
    ) -> async_graphql::Result<OpportunityChanged> {
        let request = MoveOpportunityStage {
            id: id.0.clone(),
            stage: stage.into(),
        };
        ask(ctx, request).await?;
        Ok(changed(ctx, id))
    }

    /// Marks an open opportunity won.
    async fn win_opportunity(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<OpportunityChanged> {
        ask(ctx, WinOpportunity { id: id.0.clone() }).await?;
        Ok(changed(ctx, id))
    }

    /// Marks an open opportunity lost, with the reason and the competitor who won it.
    async fn lose_opportunity(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
        competitor: Option<String>,
    ) -> async_graphql::Result<OpportunityChanged> {
        let request = LoseOpportunity {
            id: id.0.clone(),
            reason,
            competitor,
        };
        ask(ctx, request).await?;
        Ok(changed(ctx, id))
    }
}
