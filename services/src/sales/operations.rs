//! The sales operations: each its input, its answer, its name and who may ask, and how
//! the service answers it. Row-level: a caller who does not see every lead sees and
//! moves only the opportunities they own (`CommandContext::opportunity_scope`).

use async_trait::async_trait;
use constructos_commands::sales::{AcceptQuoteInput, DraftQuoteInput, ReviseQuoteInput};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::sales::Stage;
use constructos_projections::sales::{
    OpportunityFilter, OpportunityPage, OpportunityRow, Pipeline, PipelineStageRow, QuoteRow,
    StageSpellRow,
};
use serde::{Deserialize, Serialize};

use super::SalesService;
use crate::{Call, Handle, Operation};

const READ: Access = Access::Requires(Permission::OpportunitiesRead);
const WRITE: Access = Access::Requires(Permission::OpportunitiesWrite);
const SETTINGS: Access = Access::Requires(Permission::SalesSettingsWrite);

/// Moves an open opportunity to another open stage, with that stage's probability.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MoveOpportunityStage {
    pub id: String,
    pub stage: Stage,
}

impl Operation for MoveOpportunityStage {
    type Service = SalesService;
    type Answer = ();
    const NAME: &'static str = "move_opportunity_stage";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<MoveOpportunityStage> for SalesService {
    async fn handle(&self, call: &Call, op: MoveOpportunityStage) -> Result<(), CommandError> {
        self.commands
            .move_stage(&call.context, &op.id, op.stage)
            .await
    }
}

/// Marks an open opportunity won.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WinOpportunity {
    pub id: String,
}

impl Operation for WinOpportunity {
    type Service = SalesService;
    type Answer = ();
    const NAME: &'static str = "win_opportunity";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<WinOpportunity> for SalesService {
    async fn handle(&self, call: &Call, op: WinOpportunity) -> Result<(), CommandError> {
        self.commands.win(&call.context, &op.id).await
    }
}

/// Marks an open opportunity lost, with the reason and, when known, to whom.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoseOpportunity {
    pub id: String,
    pub reason: String,
    pub competitor: Option<String>,
}

impl Operation for LoseOpportunity {
    type Service = SalesService;
    type Answer = ();
    const NAME: &'static str = "lose_opportunity";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<LoseOpportunity> for SalesService {
    async fn handle(&self, call: &Call, op: LoseOpportunity) -> Result<(), CommandError> {
        self.commands
            .lose(&call.context, &op.id, op.reason, op.competitor)
            .await
    }
}

/// A page of the opportunities the caller may see, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Opportunities {
    pub filter: OpportunityFilter,
    /// At most this many (default 20, at most 100).
    pub first: Option<u32>,
    /// The `end_cursor` of the page before.
    pub after: Option<String>,
}

impl Operation for Opportunities {
    type Service = SalesService;
    type Answer = OpportunityPage;
    const NAME: &'static str = "opportunities";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<Opportunities> for SalesService {
    async fn handle(
        &self,
        call: &Call,
        op: Opportunities,
    ) -> Result<OpportunityPage, CommandError> {
        let scope = call.context.opportunity_scope()?;
        let page = self
            .queries
            .opportunities(&op.filter, scope, op.first, op.after.as_deref())
            .await?;
        Ok(page)
    }
}

/// One opportunity, if the caller may see it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Opportunity {
    pub id: String,
}

impl Operation for Opportunity {
    type Service = SalesService;
    type Answer = Option<OpportunityRow>;
    const NAME: &'static str = "opportunity";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<Opportunity> for SalesService {
    async fn handle(
        &self,
        call: &Call,
        op: Opportunity,
    ) -> Result<Option<OpportunityRow>, CommandError> {
        let scope = call.context.opportunity_scope()?;
        Ok(self.queries.opportunity(&op.id, scope).await?)
    }
}

/// Drafts a quote on an opportunity, each stocked line checked with inventory first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftQuote(pub DraftQuoteInput);

impl Operation for DraftQuote {
    type Service = SalesService;
    type Answer = String;
    const NAME: &'static str = "draft_quote";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<DraftQuote> for SalesService {
    async fn handle(&self, call: &Call, op: DraftQuote) -> Result<String, CommandError> {
        let stock = self.checked(call, &op.0.quote).await?;
        self.commands.draft_quote(&call.context, op.0, stock).await
    }
}

/// A new version of a quote, its stocked lines checked again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviseQuote(pub ReviseQuoteInput);

impl Operation for ReviseQuote {
    type Service = SalesService;
    type Answer = String;
    const NAME: &'static str = "revise_quote";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<ReviseQuote> for SalesService {
    async fn handle(&self, call: &Call, op: ReviseQuote) -> Result<String, CommandError> {
        let stock = self.checked(call, &op.0.quote).await?;
        self.commands.revise_quote(&call.context, op.0, stock).await
    }
}

/// The customer accepted the quote's latest version.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AcceptQuote(pub AcceptQuoteInput);

impl Operation for AcceptQuote {
    type Service = SalesService;
    type Answer = String;
    const NAME: &'static str = "accept_quote";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<AcceptQuote> for SalesService {
    async fn handle(&self, call: &Call, op: AcceptQuote) -> Result<String, CommandError> {
        self.commands.accept_quote(&call.context, op.0).await
    }
}

/// One quote with the lines of its latest version.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuoteById {
    pub id: String,
}

impl Operation for QuoteById {
    type Service = SalesService;
    type Answer = Option<QuoteRow>;
    const NAME: &'static str = "quote";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<QuoteById> for SalesService {
    async fn handle(&self, call: &Call, op: QuoteById) -> Result<Option<QuoteRow>, CommandError> {
        let Ok(id) = constructos_commands::sales::opportunity_uuid("id", &op.id) else {
            return Ok(None);
        };
        let owner = call.context.opportunity_scope()?;
        Ok(self.queries.quote(id.as_str(), owner).await?)
    }
}

/// The quotes of an opportunity, latest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuotesOf {
    pub opportunity_id: String,
}

impl Operation for QuotesOf {
    type Service = SalesService;
    type Answer = Vec<QuoteRow>;
    const NAME: &'static str = "quotes";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<QuotesOf> for SalesService {
    async fn handle(&self, call: &Call, op: QuotesOf) -> Result<Vec<QuoteRow>, CommandError> {
        let id =
            constructos_commands::sales::opportunity_uuid("opportunityId", &op.opportunity_id)?;
        let owner = call.context.opportunity_scope()?;
        Ok(self.queries.quotes(id.as_str(), owner).await?)
    }
}

/// Sets when an open opportunity is expected to close and, when given, its value.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetOpportunityForecast {
    pub id: String,
    pub expected_close: chrono::NaiveDate,
    pub estimated_value: Option<rust_decimal::Decimal>,
}

impl Operation for SetOpportunityForecast {
    type Service = SalesService;
    type Answer = ();
    const NAME: &'static str = "set_opportunity_forecast";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<SetOpportunityForecast> for SalesService {
    async fn handle(&self, call: &Call, op: SetOpportunityForecast) -> Result<(), CommandError> {
        self.commands
            .set_forecast(&call.context, &op.id, op.expected_close, op.estimated_value)
            .await
    }
}

/// The pipeline by stage, month of expected close and owner (a rep's own only).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PipelineReport {}

impl Operation for PipelineReport {
    type Service = SalesService;
    type Answer = Pipeline;
    const NAME: &'static str = "pipeline";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<PipelineReport> for SalesService {
    async fn handle(&self, call: &Call, _: PipelineReport) -> Result<Pipeline, CommandError> {
        let owner = call.context.opportunity_scope()?;
        Ok(self.queries.pipeline(owner).await?)
    }
}

/// The stages an opportunity passed through and how long it stayed in each.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StageHistory {
    pub id: String,
}

impl Operation for StageHistory {
    type Service = SalesService;
    type Answer = Vec<StageSpellRow>;
    const NAME: &'static str = "stage_history";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<StageHistory> for SalesService {
    async fn handle(
        &self,
        call: &Call,
        op: StageHistory,
    ) -> Result<Vec<StageSpellRow>, CommandError> {
        let id = constructos_commands::sales::opportunity_uuid("id", &op.id)?;
        let owner = call.context.opportunity_scope()?;
        Ok(self.queries.stage_history(id.as_str(), owner).await?)
    }
}

/// The pipeline's stages as configured: label and probability, in pipeline order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PipelineStages {}

impl Operation for PipelineStages {
    type Service = SalesService;
    type Answer = Vec<PipelineStageRow>;
    const NAME: &'static str = "pipeline_stages";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<PipelineStages> for SalesService {
    async fn handle(
        &self,
        _: &Call,
        _: PipelineStages,
    ) -> Result<Vec<PipelineStageRow>, CommandError> {
        Ok(self.queries.pipeline_stages().await?)
    }
}

/// Sets a stage's label and the probability the forecast weighs it by.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfigurePipelineStage {
    pub stage: Stage,
    pub label: String,
    pub probability: i32,
}

impl Operation for ConfigurePipelineStage {
    type Service = SalesService;
    type Answer = ();
    const NAME: &'static str = "configure_pipeline_stage";
    const ACCESS: Access = SETTINGS;
}

#[async_trait]
impl Handle<ConfigurePipelineStage> for SalesService {
    async fn handle(&self, call: &Call, op: ConfigurePipelineStage) -> Result<(), CommandError> {
        self.commands
            .configure_stage(&call.context, op.stage, &op.label, op.probability)
            .await
    }
}
