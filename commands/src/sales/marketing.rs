//! Marketing commands: campaigns (plan, spend, responses, close), lead profiles and the
//! lead-scoring rules. Planning, spending, closing and the rules need
//! `sales.settings.write`; recording a lead's response or profile is a sales rep's
//! everyday work (`sales.opportunities.write`).

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::finance::Rand;
use constructos_domain::sales::marketing::scoring::{
    GradeBand, ScoringRules, SetScoringRules, SizeBand, SCORING_ID,
};
use constructos_domain::sales::marketing::{
    CampaignCommand, CampaignTerms, Channel, CidbGrade, ProfileLead, Province, ResponseKind,
    Sector, Segment,
};
use constructos_domain::sales::SalesError;
use constructos_domain::values::{Name, Problem, Reason, ValueError};
use cqrs_es::AggregateError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::inputs::opportunity_uuid;
use super::service::SalesCommands;
use crate::execute::{execute, execute_new};
use crate::{CommandContext, CommandError};

fn refused(e: SalesError) -> CommandError {
    CommandError::from(AggregateError::UserError(e))
}

fn rand(field: &str, value: Decimal) -> Result<Rand, ValueError> {
    Rand::from_decimal(value).map_err(|e| {
        ValueError::new(
            field,
            Problem::Malformed {
                value: e.to_string(),
                expected: "an amount in rand with at most two decimal places",
            },
        )
    })
}

fn grade(grade: Option<i64>) -> Result<Option<CidbGrade>, CommandError> {
    grade.map(CidbGrade::new).transpose().map_err(refused)
}

/// Whom a campaign targets.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SegmentInput {
    #[serde(default)]
    pub sectors: Vec<Sector>,
    #[serde(default)]
    pub provinces: Vec<Province>,
    pub min_cidb_grade: Option<i64>,
}

/// A campaign to plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanCampaignInput {
    pub name: String,
    pub channel: Channel,
    pub budget: Decimal,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    #[serde(default)]
    pub segment: SegmentInput,
}

/// Money spent on a campaign.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CampaignSpendInput {
    pub campaign_id: String,
    pub amount: Decimal,
    pub note: String,
    pub on: NaiveDate,
}

/// A lead's response to a campaign.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CampaignResponseInput {
    pub campaign_id: String,
    pub lead_id: String,
    pub kind: ResponseKind,
    pub on: NaiveDate,
}

/// A campaign to close.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CloseCampaignInput {
    pub campaign_id: String,
    pub on: NaiveDate,
}

/// What marketing knows of a lead.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProfileLeadInput {
    pub lead_id: String,
    pub sector: Option<Sector>,
    pub province: Option<Province>,
    pub cidb_grade: Option<i64>,
}

/// Points for one sector or province.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PointsFor<T> {
    pub key: T,
    pub points: i32,
}

/// A band of CIDB grades.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GradeBandInput {
    pub from_grade: i64,
    pub points: i32,
}

/// A band of project sizes (estimated value, rand).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SizeBandInput {
    pub from_value: Decimal,
    pub points: i32,
}

/// The lead-scoring rules to set.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScoringRulesInput {
    pub sectors: Vec<PointsFor<Sector>>,
    pub provinces: Vec<PointsFor<Province>>,
    pub cidb_grades: Vec<GradeBandInput>,
    pub project_sizes: Vec<SizeBandInput>,
    pub per_response: i32,
    pub max_responses: i64,
    pub site_visit_booked: i32,
}

impl ScoringRulesInput {
    /// The rules, each value parsed (the domain checks the points and the bands).
    pub fn parse(self) -> Result<ScoringRules, CommandError> {
        let cidb_grades = self
            .cidb_grades
            .into_iter()
            .map(|b| {
                Ok(GradeBand {
                    from_grade: CidbGrade::new(b.from_grade).map_err(refused)?,
                    points: b.points,
                })
            })
            .collect::<Result<_, CommandError>>()?;
        let project_sizes = self
            .project_sizes
            .into_iter()
            .enumerate()
            .map(|(i, b)| {
                Ok(SizeBand {
                    from_value: rand(&format!("rules.projectSizes[{i}].fromValue"), b.from_value)?,
                    points: b.points,
                })
            })
            .collect::<Result<_, CommandError>>()?;
        let max_responses = u32::try_from(self.max_responses).map_err(|_| {
            refused(SalesError::ScoringRule(
                "maxResponses must be nought or more".to_string(),
            ))
        })?;
        Ok(ScoringRules {
            sectors: self
                .sectors
                .into_iter()
                .map(|p| (p.key, p.points))
                .collect(),
            provinces: self
                .provinces
                .into_iter()
                .map(|p| (p.key, p.points))
                .collect(),
            cidb_grades,
            project_sizes,
            per_response: self.per_response,
            max_responses,
            site_visit_booked: self.site_visit_booked,
        })
    }
}

impl SalesCommands {
    /// Plans a campaign; answers its id.
    pub async fn plan_campaign(
        &self,
        ctx: &CommandContext,
        input: PlanCampaignInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::SalesSettingsWrite)?;
        let segment = Segment {
            sectors: input.segment.sectors,
            provinces: input.segment.provinces,
            min_cidb_grade: grade(input.segment.min_cidb_grade)?,
        };
        let terms = CampaignTerms {
            name: Name::parse("input.name", &input.name)?,
            channel: input.channel,
            budget: rand("input.budget", input.budget)?,
            starts_on: input.starts_on,
            ends_on: input.ends_on,
            segment,
        };
        let id = Uuid::now_v7().to_string();
        execute_new(&self.campaigns, ctx, &id, CampaignCommand::Plan(terms)).await?;
        Ok(id)
    }

    /// Records money spent on a campaign.
    pub async fn record_campaign_spend(
        &self,
        ctx: &CommandContext,
        input: CampaignSpendInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::SalesSettingsWrite)?;
        let id = opportunity_uuid("campaignId", &input.campaign_id)?;
        let command = CampaignCommand::RecordSpend {
            amount: rand("amount", input.amount)?,
            note: Reason::parse("note", &input.note)?,
            on: input.on,
        };
        execute(&self.campaigns, ctx, id.as_str(), command).await
    }

    /// Records a lead's response to a campaign (the first attributes the lead to it).
    pub async fn record_campaign_response(
        &self,
        ctx: &CommandContext,
        input: CampaignResponseInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::OpportunitiesWrite)?;
        let id = opportunity_uuid("campaignId", &input.campaign_id)?;
        let command = CampaignCommand::RecordResponse {
            lead_id: opportunity_uuid("leadId", &input.lead_id)?.into_string(),
            kind: input.kind,
            on: input.on,
        };
        execute(&self.campaigns, ctx, id.as_str(), command).await
    }

    /// Closes a campaign: no more spend or responses.
    pub async fn close_campaign(
        &self,
        ctx: &CommandContext,
        input: CloseCampaignInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::SalesSettingsWrite)?;
        let id = opportunity_uuid("campaignId", &input.campaign_id)?;
        let command = CampaignCommand::Close { on: input.on };
        execute(&self.campaigns, ctx, id.as_str(), command).await
    }

    /// Records what is known of a lead: sector, province, CIDB grade.
    pub async fn profile_lead(
        &self,
        ctx: &CommandContext,
        input: ProfileLeadInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::OpportunitiesWrite)?;
        let lead = opportunity_uuid("leadId", &input.lead_id)?;
        let command = ProfileLead {
            sector: input.sector,
            province: input.province,
            cidb_grade: grade(input.cidb_grade)?,
        };
        execute(&self.profiles, ctx, lead.as_str(), command).await
    }

    /// Sets the lead-scoring rules; every lead is scored again by them.
    pub async fn set_scoring_rules(
        &self,
        ctx: &CommandContext,
        input: ScoringRulesInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::SalesSettingsWrite)?;
        let command = SetScoringRules {
            rules: input.parse()?,
        };
        execute(&self.scoring, ctx, SCORING_ID, command).await
    }
}
