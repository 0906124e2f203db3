//! The sales service: the pipeline of opportunities, each seen and moved only by its
//! owner unless the caller sees every lead. Its operations are declared in
//! [`operations`]; [`endpoint`] serves them as `POST /v1/sales`; [`conversions`] opens
//! an opportunity for every converted lead.

mod conversions;
mod operations;

use constructos_commands::sales::SalesCommands;
use constructos_infra::{db, Domain};
use constructos_projections::sales::{SalesProjection, SalesQueries};
use sqlx::PgPool;

pub use conversions::LeadConversions;
pub use operations::{
    LoseOpportunity, MoveOpportunityStage, Opportunities, Opportunity, WinOpportunity,
};

use crate::module::{no_tasks, DomainModule, Location, Subscription};
use crate::{Client, Endpoint, Service};

/// The sales service, answered from the sales database.
pub struct SalesService {
    commands: SalesCommands,
    queries: SalesQueries,
}

/// The sales service as the gateway calls it.
pub type SalesClient = Client<SalesService>;

impl Service for SalesService {
    const DOMAIN: Domain = Domain::Sales;
}

impl SalesService {
    /// The service over the sales database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            commands: SalesCommands::new(pool.clone()),
            queries: SalesQueries::new(pool),
        }
    }
}

/// Every sales operation, served as `POST /v1/sales`.
pub fn endpoint(pool: PgPool) -> Endpoint<SalesService> {
    Endpoint::new(SalesService::new(pool))
        .with::<MoveOpportunityStage>()
        .with::<WinOpportunity>()
        .with::<LoseOpportunity>()
        .with::<Opportunities>()
        .with::<Opportunity>()
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
        ]
    },
    tasks: no_tasks,
    router: |_, pool, validator| endpoint(pool).router(validator),
    connect: |_, location, clients| {
        clients.insert(match location {
            Location::Local(pool) => SalesClient::local(SalesService::new(pool)),
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
        assert_eq!(
            endpoint(pool).names(),
            [
                "lose_opportunity",
                "move_opportunity_stage",
                "opportunities",
                "opportunity",
                "win_opportunity"
            ]
        );
    }
}
