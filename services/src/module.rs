//! A domain as one registration: everything a process needs to run it or call it. The
//! `constructos` binary keeps one table of these (`cli/src/modules.rs`) and every
//! subcommand, the gateway, `/readyz` and the test harness iterate it.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::Router;
use constructos_infra::auth::TokenValidator;
use constructos_infra::{Config, Domain};
use constructos_projections::Projection;
use sqlx::migrate::Migrator;
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;

use crate::Clients;

/// A long-running task of a domain's process; it returns when its token is cancelled.
pub type Task = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;

/// One projection (a read model or a process manager) and the domain whose topic it reads.
pub struct Subscription {
    /// The domain whose events it consumes.
    pub source: Domain,
    pub projection: Box<dyn Projection>,
}

impl Subscription {
    /// `projection` over `source`'s topic.
    pub fn new(source: Domain, projection: impl Projection + 'static) -> Self {
        Self {
            source,
            projection: Box::new(projection),
        }
    }
}

/// Where a process finds a domain's service.
#[derive(Clone)]
pub enum Location {
    /// In this process, over the domain's database.
    Local(PgPool),
    /// The domain's own service at this base URL.
    Remote(String),
}

/// Everything about one domain that the rest of the system needs.
pub struct DomainModule {
    pub domain: Domain,
    /// The domain's own migrations, applied after the shared event store's.
    pub migrations: fn() -> Migrator,
    /// Its read models and process managers.
    pub subscriptions: fn(&Config, &PgPool) -> Vec<Subscription>,
    /// Its other background tasks (e.g. finance's daily ledger anchor).
    pub tasks: fn(&Config, &PgPool, &CancellationToken) -> Vec<Task>,
    /// Its service's routes, `POST /v1/<domain>` (the caller's token validated again).
    pub router: fn(&Config, PgPool, Arc<TokenValidator>) -> Router,
    /// Adds its client, in process or remote, to `clients`.
    pub connect: fn(&Config, Location, &mut Clients),
}

/// For a module without background tasks.
pub fn no_tasks(_: &Config, _: &PgPool, _: &CancellationToken) -> Vec<Task> {
    Vec::new()
}
