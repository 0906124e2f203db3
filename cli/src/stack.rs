//! Starting the parts of ConstructOS: databases, topics, relays, projection workers,
//! the development issuer and the gateway.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use constructos_commands::finance::{demo_supplier, FinanceCommands};
use constructos_domain::finance::{FinancialCalendar, Supplier};
use constructos_gateway::{app, build_schema, AppState, DomainClients, Edge, Provisioning};
use constructos_infra::auth::{DevIssuer, TokenValidator};
use constructos_infra::health::{self, Readiness};
use constructos_infra::relay::Relay;
use constructos_infra::{db, kafka, Config, Domain};
use constructos_projections::finance::{
    FinanceProjection, IdentityFactsProjection, ProjectFactsProjection,
};
use constructos_projections::hr::{HrProjection, LinksProjection};
use constructos_projections::identity::{
    IdentityProjection, KnownEmployeesProjection, KnownProjectsProjection,
};
use constructos_projections::orders::{
    AssignmentsProjection, KnownAccountsProjection, OrdersProjection,
};
use constructos_projections::{Projection, ProjectionWorker};
use constructos_services::finance::{
    self as finance_service, FinanceApi, FinanceClient, LocalFinance, RemoteFinance,
    ShipmentInvoicing,
};
use constructos_services::hr::{self as hr_service, HrApi, HrClient, LocalHr, RemoteHr};
use constructos_services::identity::{
    self as identity_service, IdentityApi, IdentityClient, LocalIdentity, RemoteIdentity,
};
use constructos_services::orders::{
    self as orders_service, LocalOrders, OrdersApi, OrdersClient, RemoteOrders,
};
use sqlx::PgPool;
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// Background tasks of a running process; each returns when `shutdown` is cancelled.
pub type Tasks = JoinSet<anyhow::Result<()>>;

/// Creates and migrates the databases of `domains`, returning a pool for each.
pub async fn migrate(config: &Config, domains: &[Domain]) -> anyhow::Result<Vec<(Domain, PgPool)>> {
    let mut pools = Vec::with_capacity(domains.len());
    for &domain in domains {
        let pool = db::prepare(config, domain).await?;
        tracing::info!(database = %config.database_name(domain), "database ready");
        pools.push((domain, pool));
    }
    Ok(pools)
}

/// Creates the topics of `domains` on the broker.
pub async fn create_topics(config: &Config, domains: &[Domain]) -> anyhow::Result<()> {
    let topics: Vec<String> = domains.iter().map(|&d| config.topic(d)).collect();
    kafka::ensure_topics(config, &topics).await
}

/// Starts the relay of a domain's event store to its topic.
pub fn spawn_relay(
    tasks: &mut Tasks,
    config: &Config,
    domain: Domain,
    pool: PgPool,
    shutdown: &CancellationToken,
) -> anyhow::Result<()> {
    let relay = Relay::new(domain, pool, kafka::producer(config)?, config.topic(domain));
    tasks.spawn(relay.run(shutdown.clone()));
    Ok(())
}

/// Starts a domain's projection workers, when the domain has read models.
pub fn spawn_projection(
    tasks: &mut Tasks,
    config: &Config,
    domain: Domain,
    pool: PgPool,
    shutdown: &CancellationToken,
) -> anyhow::Result<()> {
    match domain {
        Domain::Identity => {
            spawn_worker(
                tasks,
                config,
                pool.clone(),
                IdentityProjection,
                Domain::Identity,
                shutdown,
            )?;
            // Identity keeps its own copies of HR's employees and orders' projects, from
            // their topics: what linkUser and assignUser may refer to.
            spawn_worker(
                tasks,
                config,
                pool.clone(),
                KnownEmployeesProjection,
                Domain::Hr,
                shutdown,
            )?;
            spawn_worker(
                tasks,
                config,
                pool,
                KnownProjectsProjection,
                Domain::Orders,
                shutdown,
            )
        }
        Domain::Orders => {
            spawn_worker(
                tasks,
                config,
                pool.clone(),
                OrdersProjection,
                Domain::Orders,
                shutdown,
            )?;
            // Orders keeps its own copies of who is assigned where and of the accounts
            // (a project's customer), from identity's topic.
            spawn_worker(
                tasks,
                config,
                pool.clone(),
                AssignmentsProjection,
                Domain::Identity,
                shutdown,
            )?;
            spawn_worker(
                tasks,
                config,
                pool,
                KnownAccountsProjection,
                Domain::Identity,
                shutdown,
            )
        }
        Domain::Hr => {
            spawn_worker(
                tasks,
                config,
                pool.clone(),
                HrProjection,
                Domain::Hr,
                shutdown,
            )?;
            // HR keeps its own copy of which user is which employee, from identity's topic.
            spawn_worker(
                tasks,
                config,
                pool,
                LinksProjection,
                Domain::Identity,
                shutdown,
            )
        }
        Domain::Finance => {
            spawn_worker(
                tasks,
                config,
                pool.clone(),
                FinanceProjection,
                Domain::Finance,
                shutdown,
            )?;
            // Finance anchors every completed UTC day of its ledger (docs/finance.md).
            tasks.spawn(crate::anchoring::run_daily(pool.clone(), shutdown.clone()));
            // Finance keeps its own copy of the accounts and projects its documents name,
            // from identity's and orders' topics (docs/finance.md "References").
            spawn_worker(
                tasks,
                config,
                pool.clone(),
                IdentityFactsProjection,
                Domain::Identity,
                shutdown,
            )?;
            spawn_worker(
                tasks,
                config,
                pool.clone(),
                ProjectFactsProjection,
                Domain::Orders,
                shutdown,
            )?;
            // Finance invoices every completed shipment, from the orders topic; one it
            // cannot invoice yet is parked and retried (services/src/finance/shipments.rs).
            let commands = FinanceCommands::new(pool.clone(), calendar(config))
                .with_supplier(supplier(config));
            let invoicing = ShipmentInvoicing::new(commands);
            tasks.spawn(invoicing.clone().run_parked(shutdown.clone()));
            spawn_worker(tasks, config, pool, invoicing, Domain::Orders, shutdown)
        }
        other => {
            tracing::info!(domain = %other, "no read models in this domain yet");
            Ok(())
        }
    }
}

/// Starts one projection worker consuming `source`'s topic in its own consumer group.
fn spawn_worker<P: Projection + 'static>(
    tasks: &mut Tasks,
    config: &Config,
    pool: PgPool,
    projection: P,
    source: Domain,
    shutdown: &CancellationToken,
) -> anyhow::Result<()> {
    let consumer = kafka::consumer(config, &config.consumer_group(projection.name()))?;
    rdkafka_subscribe(&consumer, &config.topic(source))?;
    let worker = ProjectionWorker {
        pool,
        consumer,
        projection,
    };
    tasks.spawn(worker.run(shutdown.clone()));
    Ok(())
}

fn rdkafka_subscribe(
    consumer: &rdkafka::consumer::StreamConsumer,
    topic: &str,
) -> anyhow::Result<()> {
    use rdkafka::consumer::Consumer;
    consumer
        .subscribe(&[topic])
        .with_context(|| format!("Failed to subscribe to {topic}"))
}

/// Serves `router` on `addr` until `shutdown`; returns the bound address (port 0 picks one).
pub async fn serve(
    tasks: &mut Tasks,
    addr: SocketAddr,
    router: Router,
    shutdown: &CancellationToken,
) -> anyhow::Result<SocketAddr> {
    let listener = bind(addr).await?;
    serve_on(tasks, listener, router, shutdown)
}

/// Binds a listener (port 0 picks one).
pub async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .with_context(|| format!("Failed to listen on {addr}"))
}

/// Serves `router` on a bound listener until `shutdown`; returns its address.
pub fn serve_on(
    tasks: &mut Tasks,
    listener: TcpListener,
    router: Router,
    shutdown: &CancellationToken,
) -> anyhow::Result<SocketAddr> {
    let bound = listener
        .local_addr()
        .context("Failed to read the bound address")?;
    let shutdown = shutdown.clone();
    tasks.spawn(async move {
        // Connect info: the gateway's per-IP rate limit keys on the socket peer.
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
        .context("The HTTP server failed")
    });
    Ok(bound)
}

/// Loads (or creates) the development issuer for `config`.
pub fn dev_issuer(config: &Config) -> anyhow::Result<DevIssuer> {
    DevIssuer::load_or_create(
        &config.data_dir,
        &config.dev_issuer_url(),
        config.dev_audience(),
    )
}

/// The databases the gateway answers from in-process; a domain whose service URL is
/// configured needs none.
#[derive(Clone, Default)]
pub struct GatewayPools {
    pub identity: Option<PgPool>,
    pub orders: Option<PgPool>,
    pub hr: Option<PgPool>,
    pub finance: Option<PgPool>,
}

/// Prepares the database of every domain the gateway answers in-process (those without
/// a `CONSTRUCTOS_<DOMAIN>_URL`).
pub async fn gateway_pools(config: &Config) -> anyhow::Result<GatewayPools> {
    let local = |url: &Option<String>, domain: Domain| url.is_none().then_some(domain);
    let mut pools = GatewayPools::default();
    for domain in [
        local(&config.identity_url, Domain::Identity),
        local(&config.orders_url, Domain::Orders),
        local(&config.hr_url, Domain::Hr),
        local(&config.finance_url, Domain::Finance),
    ]
    .into_iter()
    .flatten()
    {
        let pool = Some(db::prepare(config, domain).await?);
        match domain {
            Domain::Identity => pools.identity = pool,
            Domain::Orders => pools.orders = pool,
            Domain::Hr => pools.hr = pool,
            _ => pools.finance = pool,
        }
    }
    Ok(pools)
}

/// The financial calendar of `config` (year end month already validated there).
pub fn calendar(config: &Config) -> FinancialCalendar {
    FinancialCalendar::ending_in(config.finance_year_end_month).unwrap_or_default()
}

/// The supplier on tax invoices: the configured company, demo data where unset.
pub fn supplier(config: &Config) -> Supplier {
    let demo = demo_supplier();
    let company = &config.company;
    Supplier {
        name: company.name.clone().unwrap_or(demo.name),
        vat_number: company.vat_number.clone().unwrap_or(demo.vat_number),
        address: company.address.clone().unwrap_or(demo.address),
    }
}

/// The finance service in-process, as configured.
pub fn local_finance(config: &Config, pool: PgPool) -> LocalFinance {
    LocalFinance::new(pool, calendar(config)).with_supplier(supplier(config))
}

/// Where the gateway finds one domain: its service at `url`, or its database in-process.
fn locate<T>(
    domain: Domain,
    url: &Option<String>,
    pool: Option<PgPool>,
    readiness: &mut Readiness,
    remote: impl FnOnce(&str) -> T,
    local: impl FnOnce(PgPool) -> T,
) -> anyhow::Result<T> {
    match (url, pool) {
        (Some(url), _) => {
            readiness
                .services
                .push((domain.name().to_string(), url.clone()));
            Ok(remote(url))
        }
        (None, Some(pool)) => {
            readiness
                .databases
                .push((domain.name().to_string(), pool.clone()));
            Ok(local(pool))
        }
        (None, None) => anyhow::bail!(
            "the gateway needs the {domain} database or CONSTRUCTOS_{}_URL",
            domain.name().to_uppercase()
        ),
    }
}

/// The gateway's state: each domain answered in-process from its database, or by its
/// own service when `CONSTRUCTOS_<DOMAIN>_URL` is set.
pub fn gateway_state(config: &Config, pools: GatewayPools) -> anyhow::Result<AppState> {
    let mut readiness = Readiness {
        databases: vec![],
        services: vec![],
        config: config.clone(),
    };
    let identity = IdentityClient::new(locate(
        Domain::Identity,
        &config.identity_url,
        pools.identity,
        &mut readiness,
        |url| Arc::new(RemoteIdentity::new(url)) as Arc<dyn IdentityApi>,
        |pool| Arc::new(LocalIdentity::new(pool)) as Arc<dyn IdentityApi>,
    )?);
    let orders = OrdersClient::new(locate(
        Domain::Orders,
        &config.orders_url,
        pools.orders,
        &mut readiness,
        |url| Arc::new(RemoteOrders::new(url)) as Arc<dyn OrdersApi>,
        |pool| Arc::new(LocalOrders::new(pool)) as Arc<dyn OrdersApi>,
    )?);
    let hr = HrClient::new(locate(
        Domain::Hr,
        &config.hr_url,
        pools.hr,
        &mut readiness,
        |url| Arc::new(RemoteHr::new(url)) as Arc<dyn HrApi>,
        |pool| Arc::new(LocalHr::new(pool)) as Arc<dyn HrApi>,
    )?);
    let finance = FinanceClient::new(locate(
        Domain::Finance,
        &config.finance_url,
        pools.finance,
        &mut readiness,
        |url| Arc::new(RemoteFinance::new(url)) as Arc<dyn FinanceApi>,
        |pool| Arc::new(local_finance(config, pool)) as Arc<dyn FinanceApi>,
    )?);
    let edge = Edge::new(&config.edge).context("Failed to set up the gateway's edge")?;
    let clients = DomainClients {
        identity: identity.clone(),
        orders,
        hr,
        finance,
    };
    Ok(AppState {
        schema: build_schema(clients, config.dev_mode, &config.edge),
        users: Provisioning::new(identity),
        validator: Arc::new(TokenValidator::new(config.auth.clone())),
        readiness,
        dev_mode: config.dev_mode,
        edge,
    })
}

/// A domain service's own HTTP surface: its health checks and, where the domain has
/// one, its API (the caller's token validated again here).
pub fn service_router(config: &Config, domain: Domain, pool: PgPool) -> Router {
    let health = health::router(Readiness {
        databases: vec![(domain.name().to_string(), pool.clone())],
        services: vec![],
        config: config.clone(),
    });
    let validator = Arc::new(TokenValidator::new(config.auth.clone()));
    match domain {
        Domain::Identity => health.merge(identity_service::router(
            LocalIdentity::new(pool),
            validator,
        )),
        Domain::Orders => health.merge(orders_service::router(LocalOrders::new(pool), validator)),
        Domain::Hr => health.merge(hr_service::router(LocalHr::new(pool), validator)),
        Domain::Finance => health.merge(finance_service::router(
            local_finance(config, pool),
            validator,
        )),
        _ => health,
    }
}

/// Starts the gateway; returns its bound address.
pub async fn spawn_gateway(
    tasks: &mut Tasks,
    config: &Config,
    pools: GatewayPools,
    shutdown: &CancellationToken,
) -> anyhow::Result<SocketAddr> {
    let router = app(gateway_state(config, pools)?);
    serve(tasks, config.gateway_addr, router, shutdown).await
}

/// Waits for Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

/// Runs `tasks` until a signal arrives or one of them fails, then stops them all.
pub async fn run_until_stopped(
    mut tasks: Tasks,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    let mut failure = None;
    tokio::select! {
        _ = shutdown_signal() => tracing::info!("stopping"),
        Some(done) = tasks.join_next() => {
            failure = match done {
                Ok(Ok(())) => Some(anyhow::anyhow!("a task ended unexpectedly")),
                Ok(Err(e)) => Some(e),
                Err(e) => Some(anyhow::Error::new(e).context("a task panicked")),
            };
        }
    }
    shutdown.cancel();
    while let Some(done) = tasks.join_next().await {
        if let Ok(Err(e)) = done {
            tracing::warn!(error = ?e, "task ended with an error during shutdown");
        }
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
