//! Marketing's operations: campaigns, lead profiles, lead scores and the scoring rules.
//! Each command declares its input, name and access and is handled by one
//! `SalesCommands` method ([`command!`]); each read by a closure over the queries and the
//! caller's row scope ([`query!`]), as inventory's operations are.

use async_trait::async_trait;
use constructos_commands::sales::{
    CampaignResponseInput, CampaignSpendInput, CloseCampaignInput, PlanCampaignInput,
    ProfileLeadInput, ScoringRulesInput,
};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_projections::sales::{CampaignLeadRow, CampaignRow, LeadScoreRow, RulesRow};
use serde::{Deserialize, Serialize};

use super::SalesService;
use crate::{Call, Handle, Operation};

const READ: Access = Access::Requires(Permission::OpportunitiesRead);
const WRITE: Access = Access::Requires(Permission::OpportunitiesWrite);
const SETTINGS: Access = Access::Requires(Permission::SalesSettingsWrite);

/// The most lead scores one read returns.
pub const MAX_LEAD_SCORES: i64 = 200;

/// Declares a command answering `$answer`, handled by `SalesCommands::$method`.
macro_rules! command {
    ($input:ty, $name:literal, $method:ident, $answer:ty, $access:expr) => {
        impl Operation for $input {
            type Service = SalesService;
            type Answer = $answer;
            const NAME: &'static str = $name;
            const ACCESS: Access = $access;
        }

        #[async_trait]
        impl Handle<$input> for SalesService {
            async fn handle(&self, call: &Call, op: $input) -> Result<$answer, CommandError> {
                self.commands.$method(&call.context, op).await
            }
        }
    };
}

command!(
    PlanCampaignInput,
    "plan_campaign",
    plan_campaign,
    String,
    SETTINGS
);
command!(
    CampaignSpendInput,
    "record_campaign_spend",
    record_campaign_spend,
    (),
    SETTINGS
);
command!(
    CampaignResponseInput,
    "record_campaign_response",
    record_campaign_response,
    (),
    WRITE
);
command!(
    CloseCampaignInput,
    "close_campaign",
    close_campaign,
    (),
    SETTINGS
);
command!(ProfileLeadInput, "profile_lead", profile_lead, (), WRITE);
command!(
    ScoringRulesInput,
    "set_lead_scoring_rules",
    set_scoring_rules,
    (),
    SETTINGS
);

/// Declares a read answering `$answer`: `$body` over the queries, the input and the
/// caller's opportunity scope (`None`: every lead; `Some(subject)`: their own).
macro_rules! query {
    ($op:ty, $name:literal, $answer:ty, |$queries:ident, $input:ident, $owner:ident| $body:expr) => {
        impl Operation for $op {
            type Service = SalesService;
            type Answer = $answer;
            const NAME: &'static str = $name;
            const ACCESS: Access = READ;
        }

        #[async_trait]
        impl Handle<$op> for SalesService {
            async fn handle(&self, call: &Call, $input: $op) -> Result<$answer, CommandError> {
                let $queries = &self.queries;
                let $owner = call.context.opportunity_scope()?;
                $body.await.map_err(CommandError::from)
            }
        }
    };
}

/// Every campaign, latest first, with cost per lead and win rate.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Campaigns {}

query!(
    Campaigns,
    "campaigns",
    Vec<CampaignRow>,
    |q, _op, _owner| q.campaigns()
);

/// One campaign.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CampaignById {
    pub id: String,
}

query!(
    CampaignById,
    "campaign",
    Option<CampaignRow>,
    |q, op, _owner| q.campaign(&op.id)
);

/// The leads a campaign brought (a rep sees their own).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CampaignLeads {
    pub id: String,
}

query!(
    CampaignLeads,
    "campaign_leads",
    Vec<CampaignLeadRow>,
    |q, op, owner| q.campaign_leads(&op.id, owner)
);

/// Lead scores, best first (a rep sees their own leads).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LeadScores {
    pub first: i64,
}

query!(
    LeadScores,
    "lead_scores",
    Vec<LeadScoreRow>,
    |q, op, owner| q.lead_scores(owner, op.first.clamp(1, MAX_LEAD_SCORES))
);

/// One lead's score, explained factor by factor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LeadScoreOf {
    pub lead_id: String,
}

query!(
    LeadScoreOf,
    "lead_score",
    Option<LeadScoreRow>,
    |q, op, owner| q.lead_score(&op.lead_id, owner)
);

/// The lead-scoring rules in force.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LeadScoringRules {}

query!(
    LeadScoringRules,
    "lead_scoring_rules",
    RulesRow,
    |q, _op, _owner| q.scoring_rules()
);
