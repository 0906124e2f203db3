//! The sales command service: permission check, values parsed, row-level scope, then
//! the opportunity aggregate decides.
//!
//! A sales rep acts only on the opportunities they own, managers (and admins) on every
//! one ([`CommandContext::opportunity_scope`]); to a rep, someone else's opportunity
//! does not exist (`NOT_FOUND`), as with leads.

use std::sync::Arc;

use constructos_domain::access::Permission;
use constructos_domain::identity::Opportunity as LeadOpportunity;
use constructos_domain::sales::marketing::scoring::LeadScoring;
use constructos_domain::sales::marketing::{Campaign, LeadProfile};
use constructos_domain::sales::quote::Quote;
use constructos_domain::sales::stages::{ConfigureStage, PipelineStages, PIPELINE_STAGES_ID};
use constructos_domain::sales::{Opportunity, OpportunityCommand, SalesError, Stage};
use constructos_domain::values::Name;
use constructos_infra::event_store::Store;
use cqrs_es::AggregateError;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use super::inputs::{lose, open_from_lead, opportunity_uuid};
use crate::execute::{execute, report, try_execute, Aggregates};
use crate::{CommandContext, CommandError};

/// Executes sales commands against the sales event store.
#[derive(Clone)]
pub struct SalesCommands {
    pub(super) opportunities: Arc<Aggregates<Opportunity>>,
    pub(super) quotes: Arc<Aggregates<Quote>>,
    stages: Arc<Aggregates<PipelineStages>>,
    pub(super) campaigns: Arc<Aggregates<Campaign>>,
    pub(super) profiles: Arc<Aggregates<LeadProfile>>,
    pub(super) scoring: Arc<Aggregates<LeadScoring>>,
    pool: PgPool,
}

/// The opportunity a converted lead opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenedOpportunity {
    /// Derived from the lead id: the same on every retry.
    pub id: String,
    /// Whether an earlier attempt had opened it already (nothing was recorded now).
    pub already_open: bool,
}

impl SalesCommands {
    /// Command handling over the sales database.
    pub fn new(pool: PgPool) -> Self {
        let store = Store::new(pool.clone());
        Self {
            opportunities: Arc::new(Aggregates::new(&store, ())),
            quotes: Arc::new(Aggregates::new(&store, ())),
            stages: Arc::new(Aggregates::new(&store, ())),
            campaigns: Arc::new(Aggregates::new(&store, ())),
            profiles: Arc::new(Aggregates::new(&store, ())),
            scoring: Arc::new(Aggregates::new(&store, ())),
            pool,
        }
    }

    /// The sales database.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Opens the opportunity the lead `lead_id` was converted into, at most once: its
    /// id derives from the lead, and an opportunity already open is answered as it
    /// stands (`already_open`), so a redelivered or replayed conversion opens nothing.
    /// Used by the lead-conversion process manager, which runs as a system caller
    /// holding `sales.opportunities.write`.
    pub async fn open_from_lead(
        &self,
        ctx: &CommandContext,
        lead_id: &str,
        account_id: &str,
        contact_id: &str,
        opportunity: &LeadOpportunity,
    ) -> Result<OpenedOpportunity, CommandError> {
        ctx.require(Permission::OpportunitiesWrite)?;
        let probability = self.probability(Stage::Qualification).await?;
        let (id, command) =
            open_from_lead(lead_id, account_id, contact_id, opportunity, probability)?;
        match try_execute(&self.opportunities, ctx, &id, command).await {
            Ok(()) => Ok(OpenedOpportunity {
                id,
                already_open: false,
            }),
            Err(AggregateError::UserError(SalesError::AlreadyOpen)) => Ok(OpenedOpportunity {
                id,
                already_open: true,
            }),
            Err(e) => Err(report::<Opportunity>(ctx, &id, e)),
        }
    }

    /// Moves an open opportunity to another open stage (forward or back).
    pub async fn move_stage(
        &self,
        ctx: &CommandContext,
        id: &str,
        stage: Stage,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::OpportunitiesWrite)?;
        let id = opportunity_uuid("id", id)?;
        let command = OpportunityCommand::MoveStage {
            stage,
            probability: self.probability(stage).await?,
            owned_by: owned_by(ctx)?,
        };
        execute(&self.opportunities, ctx, id.as_str(), command).await
    }

    /// Closes an open opportunity as won.
    pub async fn win(&self, ctx: &CommandContext, id: &str) -> Result<(), CommandError> {
        ctx.require(Permission::OpportunitiesWrite)?;
        let id = opportunity_uuid("id", id)?;
        let command = OpportunityCommand::Win {
            owned_by: owned_by(ctx)?,
        };
        execute(&self.opportunities, ctx, id.as_str(), command).await
    }

    /// Sets when an open opportunity is expected to close and, when given, its value.
    pub async fn set_forecast(
        &self,
        ctx: &CommandContext,
        id: &str,
        expected_close: chrono::NaiveDate,
        estimated_value: Option<rust_decimal::Decimal>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::OpportunitiesWrite)?;
        let id = opportunity_uuid("id", id)?;
        let command = OpportunityCommand::SetForecast {
            expected_close,
            estimated_value,
            owned_by: owned_by(ctx)?,
        };
        execute(&self.opportunities, ctx, id.as_str(), command).await
    }

    /// Closes an open opportunity as lost, with the reason and, when known, the
    /// competitor who won it.
    pub async fn lose(
        &self,
        ctx: &CommandContext,
        id: &str,
        reason: String,
        competitor: Option<String>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::OpportunitiesWrite)?;
        let id = opportunity_uuid("id", id)?;
        let command = lose(&reason, competitor.as_deref(), owned_by(ctx)?)?;
        execute(&self.opportunities, ctx, id.as_str(), command).await
    }
}

impl SalesCommands {
    /// The probability `stage` is forecast with now (its configured setting).
    async fn probability(&self, stage: Stage) -> Result<u8, CommandError> {
        let stages = self.stages.load(PIPELINE_STAGES_ID).await?;
        Ok(stages.aggregate.probability(stage))
    }

    /// Sets what `stage` is called on the board and the probability the forecast
    /// weighs it by; opportunities at that stage are forecast at it from now on.
    pub async fn configure_stage(
        &self,
        ctx: &CommandContext,
        stage: Stage,
        label: &str,
        probability: i32,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::SalesSettingsWrite)?;
        let command = ConfigureStage {
            stage,
            label: Name::parse("label", label)?,
            probability,
        };
        execute(&self.stages, ctx, PIPELINE_STAGES_ID, command).await
    }
}

/// The subject whose opportunities alone the caller may act on; `None` for every one.
fn owned_by(ctx: &CommandContext) -> Result<Option<String>, CommandError> {
    Ok(ctx.opportunity_scope()?.map(str::to_string))
}
