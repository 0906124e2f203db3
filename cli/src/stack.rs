//! Starting the parts of ConstructOS: databases, topics, relays, projection workers,
//! the development issuer and the gateway.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use constructos_gateway::web::WebApp;
use constructos_gateway::{app, build_schema, AppState, Edge, Provisioning};
use constructos_infra::auth::{DevIssuer, TokenValidator};
use constructos_infra::health::{self, Readiness};
use constructos_infra::relay::Relay;
use constructos_infra::{db, kafka, Config, Domain};
use constructos_projections::{DeadLetterTopic, ProjectionWorker, Route};
use constructos_services::identity::IdentityService;
use constructos_services::{Clients, DomainModule, Location, Subscription};
use rdkafka::consumer::Consumer;
use sqlx::PgPool;
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::modules::MODULES;

/// Background tasks of a running process; each returns when `shutdown` is cancelled.
pub type Tasks = JoinSet<anyhow::Result<()>>;

/// The databases of the domains a process runs, by domain.
pub type Pools = HashMap<Domain, PgPool>;

/// Settles the company finance's tax invoices show, once, as a process starts: in
/// development mode each part not configured is filled from the seed's demo company
/// ([`crate::seed::DEMO_COMPANY`]); then a process that runs finance (`runs_finance`)
/// refuses to start unless `CONSTRUCTOS_COMPANY_NAME`, `CONSTRUCTOS_COMPANY_VAT_NUMBER`
/// and `CONSTRUCTOS_COMPANY_ADDRESS` are all set. Nothing else fills the company in.
pub fn settle_company(config: &mut Config, runs_finance: bool) -> anyhow::Result<()> {
    if config.dev_mode {
        crate::seed::DEMO_COMPANY.fill(&mut config.company);
    }
    if runs_finance {
        constructos_services::finance::supplier(config)?;
    }
    Ok(())
}

/// Creates and migrates the database of each module, returning a pool for each.
pub async fn migrate(config: &Config, modules: &[&DomainModule]) -> anyhow::Result<Pools> {
    let mut pools = Pools::with_capacity(modules.len());
    for module in modules {
        let pool = db::prepare(config, module.domain, (module.migrations)()).await?;
        tracing::info!(database = %config.database_name(module.domain), "database ready");
        pools.insert(module.domain, pool);
    }
    Ok(pools)
}

/// Creates the event topics of `domains` on the broker (a dead-letter topic is created
/// by the first dead letter: `projections::DeadLetterTopic`).
pub async fn create_topics(config: &Config, domains: &[Domain]) -> anyhow::Result<()> {
    let topics: Vec<String> = domains.iter().map(|&d| config.topic(d)).collect();
    kafka::ensure_topics(config, &topics).await
}

/// Creates the topic of every built domain: a domain's projections read other domains'
/// topics, so a process creates them all.
pub async fn create_all_topics(config: &Config) -> anyhow::Result<()> {
    let domains: Vec<Domain> = MODULES.iter().map(|m| m.domain).collect();
    create_topics(config, &domains).await
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

/// Starts a domain's projection workers, process managers and other background tasks.
pub fn spawn_projection(
    tasks: &mut Tasks,
    config: &Config,
    module: &DomainModule,
    pool: PgPool,
    shutdown: &CancellationToken,
) -> anyhow::Result<()> {
    let every: Vec<Domain> = MODULES.iter().map(|m| m.domain).collect();
    spawn_projection_reading(tasks, config, module, pool, &every, shutdown)
}

/// [`spawn_projection`], but only the subscriptions to the topics of `sources` (a test
/// that runs a few domains leaves the others' topics unread).
pub fn spawn_projection_reading(
    tasks: &mut Tasks,
    config: &Config,
    module: &DomainModule,
    pool: PgPool,
    sources: &[Domain],
    shutdown: &CancellationToken,
) -> anyhow::Result<()> {
    let subscriptions: Vec<Subscription> = (module.subscriptions)(config, &pool)
        .into_iter()
        .filter(|s| sources.contains(&s.source))
        .collect();
    spawn_subscriptions(
        tasks,
        config,
        module.domain,
        pool.clone(),
        subscriptions,
        shutdown,
    )?;
    for task in (module.tasks)(config, &pool, shutdown) {
        tasks.spawn(task);
    }
    Ok(())
}

/// The consumer group of `owner`'s projections and process managers: one per domain,
/// shared by all of them (their applied-event records stay their own).
pub fn consumer_group(config: &Config, owner: Domain) -> String {
    config.consumer_group(&format!("{}.projections", owner.name()))
}

/// Starts one projection worker for domain `owner`'s `subscriptions`: one consumer in
/// [`consumer_group`], subscribed to every topic they read, dispatching each batch by
/// topic; what a projection can never apply also goes to `owner`'s dead-letter topic.
pub fn spawn_subscriptions(
    tasks: &mut Tasks,
    config: &Config,
    owner: Domain,
    pool: PgPool,
    subscriptions: Vec<Subscription>,
    shutdown: &CancellationToken,
) -> anyhow::Result<()> {
    if subscriptions.is_empty() {
        return Ok(());
    }
    let routes: Vec<Route> = subscriptions
        .into_iter()
        .map(|s| Route {
            topic: config.topic(s.source),
            projection: s.projection,
        })
        .collect();
    let mut topics: Vec<&str> = routes.iter().map(|r| r.topic.as_str()).collect();
    topics.sort_unstable();
    topics.dedup();
    let consumer = kafka::consumer(config, &consumer_group(config, owner))?;
    consumer
        .subscribe(&topics)
        .with_context(|| format!("Failed to subscribe to {}", topics.join(", ")))?;
    let worker = ProjectionWorker {
        pool,
        consumer,
        routes,
        dead_letters: Some(DeadLetterTopic::new(
            config,
            config.dead_letter_topic(owner),
        )),
    };
    tasks.spawn(worker.run(shutdown.clone()));
    Ok(())
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

/// Prepares the database of every domain the gateway answers in-process (those without
/// a `CONSTRUCTOS_<DOMAIN>_URL`).
pub async fn gateway_pools(config: &Config) -> anyhow::Result<Pools> {
    let local: Vec<&DomainModule> = MODULES
        .iter()
        .copied()
        .filter(|module| config.service_url(module.domain).is_none())
        .collect();
    migrate(config, &local).await
}

/// The gateway's state: each domain answered in-process from its database (in `pools`),
/// or by its own service when `CONSTRUCTOS_<DOMAIN>_URL` is set.
pub fn gateway_state(config: &Config, pools: Pools) -> anyhow::Result<AppState> {
    let mut readiness = Readiness {
        databases: vec![],
        services: vec![],
        config: config.clone(),
    };
    let mut clients = Clients::default();
    for module in MODULES {
        let domain = module.domain;
        let location = match (config.service_url(domain), pools.get(&domain)) {
            (Some(url), _) => {
                readiness
                    .services
                    .push((domain.name().to_string(), url.to_string()));
                Location::Remote(url.to_string())
            }
            (None, Some(pool)) => {
                readiness
                    .databases
                    .push((domain.name().to_string(), pool.clone()));
                Location::Local(pool.clone())
            }
            (None, None) => anyhow::bail!(
                "the gateway needs the {domain} database or {}",
                constructos_infra::config::service_url_variable(domain)
            ),
        };
        (module.connect)(config, location, &mut clients);
    }
    let identity = clients
        .get::<IdentityService>()
        .cloned()
        .context("the gateway needs the identity service")?;
    let edge =
        Edge::new(&config.edge, config.dev_mode).context("Failed to set up the gateway's edge")?;
    // The demo sign-in exists only in development mode without Entra ID.
    let dev_sign_in = if config.dev_mode && config.web.entra.is_none() {
        Some(dev_issuer(config)?)
    } else {
        None
    };
    Ok(AppState {
        web: WebApp::new(&config.web, dev_sign_in),
        schema: build_schema(clients, config.dev_mode, &config.edge),
        users: Provisioning::new(identity),
        validator: Arc::new(TokenValidator::new(config.auth.clone())),
        readiness,
        dev_mode: config.dev_mode,
        edge,
    })
}

/// A domain service's own HTTP surface: its health checks and its API,
/// `POST /v1/<domain>` (the caller's token validated again there).
pub fn service_router(config: &Config, module: &DomainModule, pool: PgPool) -> Router {
    let health = health::router(Readiness {
        databases: vec![(module.domain.name().to_string(), pool.clone())],
        services: vec![],
        config: config.clone(),
    });
    let validator = Arc::new(TokenValidator::new(config.auth.clone()));
    health.merge((module.router)(config, pool, validator))
}

/// Starts the gateway; returns its bound address.
pub async fn spawn_gateway(
    tasks: &mut Tasks,
    config: &Config,
    pools: Pools,
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
