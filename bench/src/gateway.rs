//! The gateway section: a GraphQL `accounts` page through the whole gateway (token
//! validation, edge limits, async-graphql, the identity service in process) beside a
//! bare axum handler that runs the same query function (the same SQL) over the same
//! pool, driven by the same load generator in the same run, alternating rounds.
//!
//! The gateway's rate limits are lifted for the run: the load generator is one client
//! IP and one subject, and the figure wanted is the cost of the path, not the limiter.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use constructos::stack::{self, Tasks};
use constructos_infra::auth::TokenRequest;
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use constructos_infra::Domain;
use constructos_projections::apply_message;
use constructos_projections::identity::{AccountFilter, IdentityProjection, IdentityQueries};
use tokio::sync::Mutex;
use tokio_util::sync::CancellationToken;

use crate::report::{median, quantile, Row, Section};
use crate::Bench;

/// Accounts in the read model (the page reads the first 20 by name).
const ACCOUNTS: usize = 500;
/// Concurrent requests of the load generator.
const CLIENTS: usize = 8;
const QUERY: &str = "{ accounts(first: 20) { nodes { id name kind status vatNumber } } }";

/// Fills the identity read model with `ACCOUNTS` accounts, as its projection would.
async fn fill(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    for n in 0..ACCOUNTS {
        let event = CloudEvent::from_stored(
            "identity",
            StoredEvent {
                event_id: uuid::Uuid::new_v4(),
                aggregate_type: "identity.account".to_string(),
                aggregate_id: uuid::Uuid::now_v7().to_string(),
                sequence: 1,
                event_type: "AccountCreated".to_string(),
                event_version: "1".to_string(),
                payload: serde_json::json!({ "AccountCreated": {
                    "kind": "CUSTOMER", "name": format!("Bench Customer {n:04}"),
                    "registration_number": null, "vat_number": "4123456789"
                }}),
                metadata: serde_json::json!({ "subject": "bench" }),
                recorded_at: chrono::Utc::now(),
            },
        );
        apply_message(pool, &IdentityProjection, &serde_json::to_vec(&event)?).await?;
    }
    Ok(())
}

async fn bare_accounts(
    State(queries): State<IdentityQueries>,
) -> Result<Json<serde_json::Value>, String> {
    let page = queries
        .accounts(&AccountFilter::default(), 20, None)
        .await
        .map_err(|e| e.to_string())?;
    Ok(Json(
        serde_json::json!({ "data": { "accounts": { "nodes": page.items } } }),
    ))
}

/// Sends requests from `CLIENTS` tasks for `seconds`; returns each one's milliseconds.
async fn drive(
    seconds: u64,
    request: Arc<dyn Fn() -> reqwest::RequestBuilder + Send + Sync>,
) -> anyhow::Result<Vec<f64>> {
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (request, latencies) = (request.clone(), latencies.clone());
            tokio::spawn(async move {
                let mut mine = Vec::new();
                while Instant::now() < deadline {
                    let started = Instant::now();
                    let response = request().send().await?;
                    anyhow::ensure!(
                        response.status().is_success(),
                        "the page answered {}",
                        response.status()
                    );
                    let body = response.bytes().await?;
                    anyhow::ensure!(body.len() > 100, "the page was empty");
                    mine.push(started.elapsed().as_secs_f64() * 1_000.0);
                }
                latencies.lock().await.extend(mine);
                anyhow::Ok(())
            })
        })
        .collect();
    for task in futures::future::join_all(tasks).await {
        task??;
    }
    let latencies = std::mem::take(&mut *latencies.lock().await);
    Ok(latencies)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Runs the section: a gateway over databases of its own, and the bare handler.
pub async fn run(bench: &Bench) -> anyhow::Result<Section> {
    let mut config = bench.config.clone();
    config.dev_mode = true;
    // The demo company, as `constructos up` fills it in development mode.
    stack::settle_company(&mut config, true)?;
    config.data_dir = std::env::temp_dir().join(format!("{}-gateway", config.db_prefix));
    config.gateway_addr = "127.0.0.1:0".parse()?;
    let unlimited = NonZeroU32::new(1_000_000).unwrap_or(NonZeroU32::MIN);
    config.edge.rate_limit_ip_per_sec = unlimited;
    config.edge.rate_limit_ip_burst = unlimited;
    config.edge.rate_limit_subject_per_sec = unlimited;
    config.edge.rate_limit_subject_burst = unlimited;
    let shutdown = CancellationToken::new();
    let mut tasks = Tasks::new();
    let listener = stack::bind("127.0.0.1:0".parse()?).await?;
    let issuer_url = format!("http://{}", listener.local_addr()?);
    config.dev_issuer_addr = listener.local_addr()?;
    config.auth.issuers = vec![issuer_url.clone()];
    config.auth.keys = constructos_infra::config::KeySource::Discovery(format!(
        "{issuer_url}/.well-known/openid-configuration"
    ));
    let issuer = stack::dev_issuer(&config)?;
    stack::serve_on(&mut tasks, listener, issuer.router(), &shutdown)?;
    let pools = stack::gateway_pools(&config).await?;
    let identity = pools
        .get(&Domain::Identity)
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("no identity database"))?;
    fill(&identity).await?;
    let gateway = stack::spawn_gateway(&mut tasks, &config, pools, &shutdown).await?;
    let bare_router = Router::new()
        .route("/accounts", get(bare_accounts))
        .with_state(IdentityQueries::new(identity.clone()));
    let bare: SocketAddr =
        stack::serve(&mut tasks, "127.0.0.1:0".parse()?, bare_router, &shutdown).await?;
    let token = issuer.mint(&TokenRequest {
        subject: "bench-reader".to_string(),
        name: None,
        roles: vec!["Admin".to_string()],
        ttl: Duration::from_secs(3_600),
    })?;
    let client = reqwest::Client::new();
    let graphql: Arc<dyn Fn() -> reqwest::RequestBuilder + Send + Sync> = {
        let (client, token) = (client.clone(), token.clone());
        Arc::new(move || {
            client
                .post(format!("http://{gateway}/graphql"))
                .bearer_auth(&token)
                .json(&serde_json::json!({ "query": QUERY }))
        })
    };
    let plain: Arc<dyn Fn() -> reqwest::RequestBuilder + Send + Sync> = {
        let client = client.clone();
        Arc::new(move || client.get(format!("http://{bare}/accounts")))
    };
    // A warm-up of each, then alternating timed rounds.
    drive(1, graphql.clone()).await?;
    drive(1, plain.clone()).await?;
    let (mut through_gateway, mut through_bare) = (Vec::new(), Vec::new());
    for round in 0..bench.args.rounds {
        let order = if round % 2 == 0 {
            [true, false]
        } else {
            [false, true]
        };
        for gateway_first in order {
            if gateway_first {
                through_gateway.extend(drive(bench.args.round_seconds, graphql.clone()).await?);
            } else {
                through_bare.extend(drive(bench.args.round_seconds, plain.clone()).await?);
            }
        }
    }
    shutdown.cancel();
    while tasks.join_next().await.is_some() {}
    let _ = std::fs::remove_dir_all(&config.data_dir);
    let (g50, g99) = (
        median(&mut through_gateway),
        quantile(&mut through_gateway, 0.99),
    );
    let (b50, b99) = (median(&mut through_bare), quantile(&mut through_bare, 0.99));
    let ratio = if b50 > 0.0 { g50 / b50 } else { 0.0 };
    let mut section = Section::default();
    section
        .row(Row::target(
            format!("accounts page at {CLIENTS} clients, p50"),
            format!(
                "GraphQL {g50:.2} ms vs bare {b50:.2} ms ({ratio:.2}×; {} and {} requests)",
                through_gateway.len(),
                through_bare.len()
            ),
            "≤ 1.5×",
            ratio <= 1.5,
        ))
        .row(Row::info(
            "accounts page p99",
            format!("GraphQL {g99:.2} ms vs bare {b99:.2} ms"),
        ))
        .set("gateway_ms.graphql_p50", round2(g50))
        .set("gateway_ms.graphql_p99", round2(g99))
        .set("gateway_ms.bare_p50", round2(b50))
        .set("gateway_ms.bare_p99", round2(b99))
        .set("gateway_ms.p50_ratio", round2(ratio));
    Ok(section)
}
