//! Marketing in the schema: campaigns with cost per lead and win rate, the leads each
//! brought, lead profiles, lead scores explained factor by factor, and the scoring rules.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use chrono::NaiveDate;
use constructos_commands::sales as commands;
use constructos_domain::sales::marketing as domain;
use constructos_domain::sales::marketing::scoring::{ScoreFactor as DomainFactor, ScoringRules};
use constructos_projections::sales::{CampaignLeadRow, CampaignRow, LeadScoreRow, RulesRow};
use constructos_services::sales::{
    CampaignById, CampaignLeads, Campaigns, LeadScoreOf, LeadScores, LeadScoringRules,
};

use crate::graphql::errors::{ask, request_id};
use crate::graphql::finance::Decimal;
use crate::graphql::identity::enums::Province;
use crate::graphql::rand::Rand;

/// What kind of work a client builds.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::Sector")]
pub enum Sector {
    Residential,
    Commercial,
    Industrial,
    Infrastructure,
    Mining,
    Government,
    Other,
}

/// How a campaign reaches people.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::Channel")]
pub enum CampaignChannel {
    Email,
    Event,
    TradeShow,
    Print,
    Radio,
    Social,
    Website,
    Other,
}

/// How a lead answered a campaign.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::ResponseKind")]
pub enum CampaignResponseKind {
    Responded,
    SiteVisitBooked,
}

fn parsed<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

/// Whom a campaign targets.
#[derive(SimpleObject)]
pub struct Segment {
    /// Any sector when empty.
    sectors: Vec<Sector>,
    /// Anywhere when empty.
    provinces: Vec<Province>,
    min_cidb_grade: Option<i32>,
}

impl From<domain::Segment> for Segment {
    fn from(s: domain::Segment) -> Self {
        Self {
            sectors: s.sectors.into_iter().map(Into::into).collect(),
            provinces: s.provinces.into_iter().map(Into::into).collect(),
            min_cidb_grade: s.min_cidb_grade.map(|g| i32::from(g.value())),
        }
    }
}

/// A marketing campaign and what it brought.
#[derive(SimpleObject)]
pub struct Campaign {
    id: ID,
    name: String,
    channel: Option<CampaignChannel>,
    budget: Rand,
    spent: Rand,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    segment: Segment,
    /// `ACTIVE` or `CLOSED`.
    status: String,
    closed_on: Option<NaiveDate>,
    /// Leads attributed to it (by their first response).
    lead_count: i64,
    site_visits: i64,
    /// Opportunities its leads became, won and lost.
    opportunities: i64,
    won: i64,
    lost: i64,
    /// Spent ÷ leads.
    cost_per_lead: Option<Rand>,
    /// Won ÷ (won + lost), percent.
    win_rate: Option<Decimal>,
}

impl From<CampaignRow> for Campaign {
    fn from(c: CampaignRow) -> Self {
        let segment: domain::Segment = serde_json::from_value(c.segment).unwrap_or_default();
        Self {
            id: ID(c.id),
            name: c.name,
            channel: parsed::<domain::Channel>(&c.channel).map(Into::into),
            budget: Rand(c.budget),
            spent: Rand(c.spent),
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            segment: segment.into(),
            status: c.status,
            closed_on: c.closed_on,
            lead_count: c.leads,
            site_visits: c.site_visits,
            opportunities: c.opportunities,
            won: c.won,
            lost: c.lost,
            cost_per_lead: c.cost_per_lead.map(Rand),
            win_rate: c.win_rate.map(Decimal),
        }
    }
}

/// A lead a campaign brought.
#[derive(SimpleObject)]
pub struct CampaignLead {
    lead_id: ID,
    company_name: Option<String>,
    responses: i32,
    site_visit_booked: bool,
    first_response_on: NaiveDate,
    score: Option<i32>,
}

impl From<CampaignLeadRow> for CampaignLead {
    fn from(r: CampaignLeadRow) -> Self {
        Self {
            lead_id: ID(r.lead_id),
            company_name: r.company_name,
            responses: r.responses,
            site_visit_booked: r.site_visit_booked,
            first_response_on: r.first_response_on,
            score: r.score,
        }
    }
}

/// One factor of a lead's score.
#[derive(SimpleObject)]
pub struct ScoreFactor {
    /// `SECTOR`, `PROVINCE`, `CIDB_GRADE`, `PROJECT_SIZE`, `CAMPAIGN_RESPONSES` or
    /// `SITE_VISIT`.
    factor: String,
    /// The fact it was scored on, when known.
    value: Option<String>,
    points: i32,
    /// Why, in words.
    explanation: String,
}

impl From<DomainFactor> for ScoreFactor {
    fn from(f: DomainFactor) -> Self {
        Self {
            factor: f.factor,
            value: f.value,
            points: f.points,
            explanation: f.explanation,
        }
    }
}

/// A lead's score: the sum of its factors, each explained.
#[derive(SimpleObject)]
pub struct LeadScore {
    lead_id: ID,
    company_name: Option<String>,
    /// The subject of the lead's owner.
    owner: Option<String>,
    /// `NEW`, `QUALIFIED`, `DISQUALIFIED` or `CONVERTED`.
    status: Option<String>,
    estimated_value: Option<Rand>,
    sector: Option<Sector>,
    province: Option<Province>,
    cidb_grade: Option<i32>,
    /// Campaign responses, over every campaign.
    responses: i32,
    site_visit_booked: bool,
    score: i32,
    factors: Vec<ScoreFactor>,
    /// The version of the rules it was scored by (0: the defaults).
    rules_version: i32,
}

impl From<LeadScoreRow> for LeadScore {
    fn from(r: LeadScoreRow) -> Self {
        Self {
            lead_id: ID(r.lead_id),
            company_name: r.company_name,
            owner: r.owner,
            status: r.status,
            estimated_value: r.estimated_value.map(Rand),
            sector: r
                .sector
                .as_deref()
                .and_then(parsed::<domain::Sector>)
                .map(Into::into),
            province: r
                .province
                .as_deref()
                .and_then(parsed::<domain::Province>)
                .map(Into::into),
            cidb_grade: r.cidb_grade,
            responses: r.responses,
            site_visit_booked: r.site_visit_booked,
            score: r.score,
            factors: r.factors.into_iter().map(Into::into).collect(),
            rules_version: r.rules_version,
        }
    }
}

/// Points for a sector.
#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "SectorPointsInput")]
pub struct SectorPoints {
    sector: Sector,
    points: i32,
}

/// Points for a province.
#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "ProvincePointsInput")]
pub struct ProvincePoints {
    province: Province,
    points: i32,
}

/// Points from a CIDB grade up.
#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "GradeBandInput")]
pub struct GradeBand {
    from_grade: i32,
    points: i32,
}

/// Points from an estimated value up.
#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "SizeBandInput")]
pub struct SizeBand {
    from_value: Rand,
    points: i32,
}

/// The lead-scoring rules.
#[derive(SimpleObject)]
pub struct LeadScoringRulesView {
    /// 0 until they are first set (the defaults).
    version: i32,
    sectors: Vec<SectorPoints>,
    provinces: Vec<ProvincePoints>,
    /// Ascending by grade: the highest band a lead's grade reaches counts.
    cidb_grades: Vec<GradeBand>,
    /// Ascending by value: the highest band a lead's estimated value reaches counts.
    project_sizes: Vec<SizeBand>,
    per_response: i32,
    max_responses: i32,
    site_visit_booked: i32,
}

impl From<RulesRow> for LeadScoringRulesView {
    fn from(r: RulesRow) -> Self {
        let ScoringRules {
            sectors,
            provinces,
            cidb_grades,
            project_sizes,
            per_response,
            max_responses,
            site_visit_booked,
        } = r.rules;
        Self {
            version: r.version,
            sectors: sectors
                .into_iter()
                .map(|(s, points)| SectorPoints {
                    sector: s.into(),
                    points,
                })
                .collect(),
            provinces: provinces
                .into_iter()
                .map(|(p, points)| ProvincePoints {
                    province: p.into(),
                    points,
                })
                .collect(),
            cidb_grades: cidb_grades
                .into_iter()
                .map(|b| GradeBand {
                    from_grade: i32::from(b.from_grade.value()),
                    points: b.points,
                })
                .collect(),
            project_sizes: project_sizes
                .into_iter()
                .map(|b| SizeBand {
                    from_value: Rand(b.from_value.as_decimal()),
                    points: b.points,
                })
                .collect(),
            per_response,
            max_responses: i32::try_from(max_responses).unwrap_or(i32::MAX),
            site_visit_booked,
        }
    }
}

/// The rules to score leads by from now on.
#[derive(InputObject)]
pub struct LeadScoringRulesInput {
    sectors: Vec<SectorPoints>,
    provinces: Vec<ProvincePoints>,
    cidb_grades: Vec<GradeBand>,
    project_sizes: Vec<SizeBand>,
    per_response: i32,
    max_responses: i32,
    site_visit_booked: i32,
}

/// Whom a campaign targets.
#[derive(InputObject, Default)]
pub struct SegmentInput {
    #[graphql(default)]
    sectors: Vec<Sector>,
    #[graphql(default)]
    provinces: Vec<Province>,
    min_cidb_grade: Option<i32>,
}

/// A campaign to plan.
#[derive(InputObject)]
pub struct PlanCampaignInput {
    name: String,
    channel: CampaignChannel,
    budget: Rand,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    #[graphql(default)]
    segment: SegmentInput,
}

/// A marketing command was accepted.
#[derive(SimpleObject)]
pub struct MarketingChanged {
    /// The campaign's or lead's id.
    id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct MarketingQuery;

#[Object]
impl MarketingQuery {
    /// Every campaign, latest first, with what it spent, the leads it brought, cost per
    /// lead and win rate.
    async fn campaigns(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Campaign>> {
        let rows = ask(ctx, Campaigns {}).await?;
        Ok(rows.into_iter().map(Campaign::from).collect())
    }

    /// One campaign.
    async fn campaign(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Campaign>> {
        Ok(ask(ctx, CampaignById { id: id.0 })
            .await?
            .map(Campaign::from))
    }

    /// The leads a campaign brought, first responders first (a sales rep sees their
    /// own).
    async fn campaign_leads(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Vec<CampaignLead>> {
        let rows = ask(ctx, CampaignLeads { id: id.0 }).await?;
        Ok(rows.into_iter().map(CampaignLead::from).collect())
    }

    /// Leads by score, best first, at most `first` (up to 200); a sales rep sees their
    /// own.
    async fn lead_scores(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50)] first: i32,
    ) -> async_graphql::Result<Vec<LeadScore>> {
        let rows = ask(
            ctx,
            LeadScores {
                first: i64::from(first),
            },
        )
        .await?;
        Ok(rows.into_iter().map(LeadScore::from).collect())
    }

    /// One lead's score, explained factor by factor.
    async fn lead_score(
        &self,
        ctx: &Context<'_>,
        lead_id: ID,
    ) -> async_graphql::Result<Option<LeadScore>> {
        Ok(ask(ctx, LeadScoreOf { lead_id: lead_id.0 })
            .await?
            .map(LeadScore::from))
    }

    /// The rules leads are scored by now.
    async fn lead_scoring_rules(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<LeadScoringRulesView> {
        Ok(ask(ctx, LeadScoringRules {}).await?.into())
    }
}

#[derive(Default)]
pub struct MarketingMutation;

#[Object]
impl MarketingMutation {
    /// Plans a campaign; answers its id.
    async fn plan_campaign(
        &self,
        ctx: &Context<'_>,
        input: PlanCampaignInput,
    ) -> async_graphql::Result<MarketingChanged> {
        let op = commands::PlanCampaignInput {
            name: input.name,
            channel: input.channel.into(),
            budget: input.budget.0,
            starts_on: input.starts_on,
            ends_on: input.ends_on,
            segment: commands::SegmentInput {
                sectors: input.segment.sectors.into_iter().map(Into::into).collect(),
                provinces: input
                    .segment
                    .provinces
                    .into_iter()
                    .map(Into::into)
                    .collect(),
                min_cidb_grade: input.segment.min_cidb_grade.map(i64::from),
            },
        };
        let id = ask(ctx, op).await?;
        Ok(MarketingChanged {
            id: ID(id),
            correlation_id: request_id(ctx),
        })
    }

    /// Records money spent on a campaign.
    async fn record_campaign_spend(
        &self,
        ctx: &Context<'_>,
        campaign_id: ID,
        amount: Rand,
        note: String,
        on: NaiveDate,
    ) -> async_graphql::Result<MarketingChanged> {
        let op = commands::CampaignSpendInput {
            campaign_id: campaign_id.0.clone(),
            amount: amount.0,
            note,
            on,
        };
        ask(ctx, op).await?;
        Ok(MarketingChanged {
            id: campaign_id,
            correlation_id: request_id(ctx),
        })
    }

    /// Records a lead's response to a campaign: the first attributes the lead to it; a
    /// booked site visit counts once.
    async fn record_campaign_response(
        &self,
        ctx: &Context<'_>,
        campaign_id: ID,
        lead_id: ID,
        kind: CampaignResponseKind,
        on: NaiveDate,
    ) -> async_graphql::Result<MarketingChanged> {
        let op = commands::CampaignResponseInput {
            campaign_id: campaign_id.0.clone(),
            lead_id: lead_id.0,
            kind: kind.into(),
            on,
        };
        ask(ctx, op).await?;
        Ok(MarketingChanged {
            id: campaign_id,
            correlation_id: request_id(ctx),
        })
    }

    /// Closes a campaign: it takes no more spend or responses.
    async fn close_campaign(
        &self,
        ctx: &Context<'_>,
        campaign_id: ID,
        on: NaiveDate,
    ) -> async_graphql::Result<MarketingChanged> {
        let op = commands::CloseCampaignInput {
            campaign_id: campaign_id.0.clone(),
            on,
        };
        ask(ctx, op).await?;
        Ok(MarketingChanged {
            id: campaign_id,
            correlation_id: request_id(ctx),
        })
    }

    /// Records what is known of a lead (sector, province, CIDB grade 1–9); a field
    /// left out is cleared. The lead is scored again.
    async fn profile_lead(
        &self,
        ctx: &Context<'_>,
        lead_id: ID,
        sector: Option<Sector>,
        province: Option<Province>,
        cidb_grade: Option<i32>,
    ) -> async_graphql::Result<MarketingChanged> {
        let op = commands::ProfileLeadInput {
            lead_id: lead_id.0.clone(),
            sector: sector.map(Into::into),
            province: province.map(Into::into),
            cidb_grade: cidb_grade.map(i64::from),
        };
        ask(ctx, op).await?;
        Ok(MarketingChanged {
            id: lead_id,
            correlation_id: request_id(ctx),
        })
    }

    /// Sets the lead-scoring rules (points within ±100, bands rising); every lead is
    /// scored again by them.
    async fn set_lead_scoring_rules(
        &self,
        ctx: &Context<'_>,
        input: LeadScoringRulesInput,
    ) -> async_graphql::Result<MarketingChanged> {
        let op = commands::ScoringRulesInput {
            sectors: input
                .sectors
                .into_iter()
                .map(|p| commands::PointsFor {
                    key: p.sector.into(),
                    points: p.points,
                })
                .collect(),
            provinces: input
                .provinces
                .into_iter()
                .map(|p| commands::PointsFor {
                    key: p.province.into(),
                    points: p.points,
                })
                .collect(),
            cidb_grades: input
                .cidb_grades
                .into_iter()
                .map(|b| commands::GradeBandInput {
                    from_grade: i64::from(b.from_grade),
                    points: b.points,
                })
                .collect(),
            project_sizes: input
                .project_sizes
                .into_iter()
                .map(|b| commands::SizeBandInput {
                    from_value: b.from_value.0,
                    points: b.points,
                })
                .collect(),
            per_response: input.per_response,
            max_responses: i64::from(input.max_responses),
            site_visit_booked: input.site_visit_booked,
        };
        ask(ctx, op).await?;
        Ok(MarketingChanged {
            id: ID("rules".to_string()),
            correlation_id: request_id(ctx),
        })
    }
}
