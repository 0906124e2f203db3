//! The pipeline in the schema: by stage, weighted forecast by month of expected close,
//! by owner (a rep sees their own), each opportunity's stage history with time in stage,
//! and setting the forecast of an opportunity.

use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::sales as domain;
use constructos_projections::sales::{PipelineRow, PipelineStageRow, StageSpellRow};
use constructos_services::sales::{
    ConfigurePipelineStage, PipelineReport, PipelineStages, SetOpportunityForecast, StageHistory,
};

use super::opportunities::OpportunityStage;
use crate::graphql::errors::{ask, request_id};
use crate::graphql::rand::Rand;

/// One slice of the pipeline.
#[derive(SimpleObject)]
pub struct PipelineSlice {
    /// The stage, the month (`2027-03`) or the owner's subject.
    key: String,
    opportunities: i64,
    /// Estimated value.
    value: Rand,
    /// Value × the stage's probability.
    weighted: Rand,
}

impl From<PipelineRow> for PipelineSlice {
    fn from(r: PipelineRow) -> Self {
        Self {
            key: r.key,
            opportunities: r.opportunities,
            value: Rand(r.value),
            weighted: Rand(r.weighted),
        }
    }
}

/// The pipeline three ways.
#[derive(SimpleObject)]
pub struct PipelineView {
    /// Every stage, open and closed.
    by_stage: Vec<PipelineSlice>,
    /// Open opportunities by the month they are expected to close: the weighted forecast.
    by_month: Vec<PipelineSlice>,
    /// Open opportunities by owner.
    by_owner: Vec<PipelineSlice>,
}

/// A stage an opportunity passed through.
#[derive(SimpleObject)]
pub struct StageSpell {
    stage: String,
    entered_at: DateTime<Utc>,
    /// Null for the stage it is in.
    left_at: Option<DateTime<Utc>>,
    /// Time in the stage: until it left, or until now.
    seconds: i64,
}

impl From<StageSpellRow> for StageSpell {
    fn from(r: StageSpellRow) -> Self {
        Self {
            stage: r.stage,
            entered_at: r.entered_at,
            left_at: r.left_at,
            seconds: r.seconds,
        }
    }
}

/// A stage of the pipeline as configured.
#[derive(SimpleObject)]
pub struct PipelineStage {
    stage: OpportunityStage,
    /// What the board calls it.
    label: String,
    /// Percent: what the forecast weighs an opportunity at this stage by.
    probability: i32,
    /// Whether opportunities are still pursued at it (not won or lost).
    open: bool,
}

impl TryFrom<PipelineStageRow> for PipelineStage {
    type Error = async_graphql::Error;

    fn try_from(r: PipelineStageRow) -> Result<Self, Self::Error> {
        let stage = domain::Stage::parse("stage", &r.stage)
            .map_err(|e| async_graphql::Error::new(e.to_string()))?;
        Ok(Self {
            stage: stage.into(),
            label: r.label,
            probability: r.probability,
            open: stage.is_open(),
        })
    }
}

/// A stage was configured.
#[derive(SimpleObject)]
pub struct PipelineStageConfigured {
    stage: OpportunityStage,
    correlation_id: String,
}

/// The forecast was set.
#[derive(SimpleObject)]
pub struct ForecastSet {
    id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct PipelineQuery;

#[Object]
impl PipelineQuery {
    /// The pipeline by stage, by month of expected close and by owner; a sales rep sees
    /// their own opportunities only.
    async fn pipeline(&self, ctx: &Context<'_>) -> async_graphql::Result<PipelineView> {
        let p = ask(ctx, PipelineReport {}).await?;
        let slices = |rows: Vec<PipelineRow>| rows.into_iter().map(PipelineSlice::from).collect();
        Ok(PipelineView {
            by_stage: slices(p.by_stage),
            by_month: slices(p.by_month),
            by_owner: slices(p.by_owner),
        })
    }

    /// The pipeline's stages in order, each with its label and probability.
    async fn pipeline_stages(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<PipelineStage>> {
        let rows = ask(ctx, PipelineStages {}).await?;
        rows.into_iter().map(PipelineStage::try_from).collect()
    }

    /// The stages an opportunity passed through, first to last, with the time in each.
    async fn opportunity_stage_history(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Vec<StageSpell>> {
        let rows = ask(ctx, StageHistory { id: id.0 }).await?;
        Ok(rows.into_iter().map(StageSpell::from).collect())
    }
}

#[derive(Default)]
pub struct PipelineMutation;

#[Object]
impl PipelineMutation {
    /// Sets what a stage is called on the board and the probability (percent) the
    /// forecast weighs it by: won is always 100, lost 0, an open stage from 1 to 99.
    /// Open opportunities at the stage are re-forecast at it.
    async fn configure_pipeline_stage(
        &self,
        ctx: &Context<'_>,
        stage: OpportunityStage,
        label: String,
        probability: i32,
    ) -> async_graphql::Result<PipelineStageConfigured> {
        let op = ConfigurePipelineStage {
            stage: stage.into(),
            label,
            probability,
        };
        ask(ctx, op).await?;
        Ok(PipelineStageConfigured {
            stage,
            correlation_id: request_id(ctx),
        })
    }

    /// Sets when an open opportunity is expected to close and, when given, its value.
    async fn set_opportunity_forecast(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_close: NaiveDate,
        estimated_value: Option<Rand>,
    ) -> async_graphql::Result<ForecastSet> {
        let op = SetOpportunityForecast {
            id: id.0.clone(),
            expected_close,
            estimated_value: estimated_value.map(|v| v.0),
        };
        ask(ctx, op).await?;
        Ok(ForecastSet {
            id,
            correlation_id: request_id(ctx),
        })
    }
}
