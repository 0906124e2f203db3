//! The sales service: the pipeline of opportunities, each seen and moved only by its
//! owner unless the caller sees every lead. Its operations are declared in
//! [`operations`]; [`endpoint`] serves them as `POST /v1/sales`; [`conversions`] opens
//! an opportunity for every converted lead.

mod conversions;
mod marketing;
mod operations;
mod stock_checks;

use constructos_commands::sales::SalesCommands;
use constructos_infra::{db, Config, Domain};
use constructos_projections::sales::{LeadsProjection, SalesProjection, SalesQueries};
use sqlx::PgPool;

pub use conversions::LeadConversions;
pub use marketing::{
    CampaignById, CampaignLeads, Campaigns, LeadScoreOf, LeadScores, LeadScoringRules,
    MAX_LEAD_SCORES,
};
pub use operations::{
    AcceptQuote, ConfigurePipelineStage, DraftQuote, LoseOpportunity, MoveOpportunityStage,
    Opportunities, Opportunity, PipelineReport, PipelineStages, QuoteById, QuotesOf, ReviseQuote,
    SetOpportunityForecast, StageHistory, WinOpportunity,
};
pub use stock_checks::{LineToCheck, StockChecks};

use crate::inventory::{InventoryClient, InventoryService};
use crate::module::{no_tasks, DomainModule, Location, Subscription};
use crate::{Call, Client, Clients, Endpoint, Service};
use constructos_commands::CommandError;

/// The sales service, answered from the sales database.
pub struct SalesService {
    commands: SalesCommands,
    queries: SalesQueries,
    stock: StockChecks,
}

/// The sales service as the gateway calls it.
pub type SalesClient = Client<SalesService>;

impl Service for SalesService {
    const DOMAIN: Domain = Domain::Sales;
}

impl SalesService {
    /// The service over the sales database, checking stock through `stock`.
    pub fn new(pool: PgPool, stock: StockChecks) -> Self {
        Self {
            commands: SalesCommands::new(pool.clone()),
            queries: SalesQueries::new(pool),
            stock,
        }
    }

    /// What inventory says about each line of `quote` (its products parsed first, so
    /// a malformed one is refused by name before anything is asked).
    async fn checked(
        &self,
        call: &Call,
        quote: &constructos_commands::sales::QuoteInput,
    ) -> Result<Vec<constructos_domain::sales::quote::LineStock>, CommandError> {
        let (location, products) = quote.parsed()?;
        let lines: Vec<LineToCheck> = products
            .into_iter()
            .zip(&quote.lines)
            .map(|(product, line)| LineToCheck {
                product,
                quantity: line.quantity,
            })
            .collect();
        Ok(self
            .stock
            .check(call, location.as_deref(), &lines, quote.valid_until)
            .await)
    }
}

/// How this process reaches inventory for stock checks: its own service when
/// `CONSTRUCTOS_INVENTORY_URL` is set, else the in-process client `clients` holds (the
/// inventory module connects before sales), else none.
fn stock_checks(config: &Config, clients: Option<&Clients>) -> StockChecks {
    let inventory = match config.service_url(Domain::Inventory) {
        Some(url) => Some(InventoryClient::remote(url)),
        None => clients.and_then(|c| c.get::<InventoryService>().ok().cloned()),
    };
    StockChecks::new(inventory, config.stock_check_timeout)
}

/// Every sales operation, served as `POST /v1/sales`.
pub fn endpoint(pool: PgPool, stock: StockChecks) -> Endpoint<SalesService> {
    Endpoint::new(SalesService::new(pool, stock))
        .with::<MoveOpportunityStage>()
        .with::<WinOpportunity>()
        .with::<LoseOpportunity>()
        .with::<Opportunities>()
        .with::<Opportunity>()
        .with::<DraftQuote>()
        .with::<ReviseQuote>()
        .with::<AcceptQuote>()
        .with::<QuoteById>()
        .with::<QuotesOf>()
        .with::<SetOpportunityForecast>()
        .with::<PipelineReport>()
        .with::<StageHistory>()
        .with::<PipelineStages>()
        .with::<ConfigurePipelineStage>()
        .with::<constructos_commands::sales::PlanCampaignInput>()
        .with::<constructos_commands::sales::CampaignSpendInput>()
        .with::<constructos_commands::sales::CampaignResponseInput>()
        .with::<constructos_commands::sales::CloseCampaignInput>()
        .with::<constructos_commands::sales::ProfileLeadInput>()
        .with::<constructos_commands::sales::ScoringRulesInput>()
        .with::<Campaigns>()
        .with::<CampaignById>()
        .with::<CampaignLeads>()
        .with::<LeadScores>()
        .with::<LeadScoreOf>()
        .with::<LeadScoringRules>()
}

/// The sales domain: its migrations, read model, process manager, service and client.
pub const MODULE: DomainModule = DomainModule {
    domain: Domain::Sales,
    migrations: db::migrations::sales,
    subscriptions: |_, pool| {
        vec![
            Subscription::new(Domain::Sales, SalesProjection),
            // Every converted lead, from identity's topic, opens one opportunity.
            Subscription::new(
                Domain::Identity,
                LeadConversions::new(SalesCommands::new(pool.clone())),
            ),
            // And its copy of the leads, which lead scoring scores.
            Subscription::new(Domain::Identity, LeadsProjection),
        ]
    },
    tasks: no_tasks,
    router: |config, pool, validator| endpoint(pool, stock_checks(config, None)).router(validator),
    connect: |config, location, clients| {
        let stock = stock_checks(config, Some(clients));
        clients.insert(match location {
            Location::Local(pool) => SalesClient::local(SalesService::new(pool, stock)),
            Location::Remote(url) => SalesClient::remote(&url),
        })
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_endpoint_answers_every_operation_once() {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .connect_lazy("postgres://nobody@127.0.0.1:1/none")
            .expect("a lazy pool");
        let stock = StockChecks::new(None, std::time::Duration::from_millis(10));
        assert_eq!(
            endpoint(pool, stock).names(),
            [
                "accept_quote",
                "campaign",
                "campaign_leads",
                "campaigns",
                "close_campaign",
                "configure_pipeline_stage",
                "draft_quote",
                "lead_score",
                "lead_scores",
                "lead_scoring_rules",
                "lose_opportunity",
                "move_opportunity_stage",
                "opportunities",
                "opportunity",
                "pipeline",
                "pipeline_stages",
                "plan_campaign",
                "profile_lead",
                "quote",
                "quotes",
                "record_campaign_response",
                "record_campaign_spend",
                "revise_quote",
                "set_lead_scoring_rules",
                "set_opportunity_forecast",
                "stage_history",
                "win_opportunity"
            ]
        );
    }
}
