//! Health checks every ConstructOS HTTP process serves: `/healthz` (the process is up)
//! and `/readyz` (its databases and the broker answer).

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use sqlx::PgPool;

use crate::{kafka, Config};

/// The dependencies `/readyz` checks.
#[derive(Clone)]
pub struct Readiness {
    pub databases: Vec<(String, PgPool)>,
    /// Other services by name and base URL; their `/readyz` must answer 200.
    pub services: Vec<(String, String)>,
    pub config: Config,
}

impl Readiness {
    /// The names of the dependencies that do not answer now.
    pub async fn failing(&self) -> Vec<String> {
        let mut failing = Vec::new();
        for (name, pool) in &self.databases {
            let ok = tokio::time::timeout(
                Duration::from_secs(2),
                sqlx::query("SELECT 1").execute(pool),
            )
            .await
            .is_ok_and(|r| r.is_ok());
            if !ok {
                failing.push(format!("database:{name}"));
            }
        }
        if kafka::ping(&self.config, Duration::from_secs(2))
            .await
            .is_err()
        {
            failing.push("kafka".to_string());
        }
        failing
    }
}

/// `/healthz` and `/readyz` over `readiness`.
pub fn router(readiness: Readiness) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .with_state(readiness)
}

async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

async fn readyz(State(readiness): State<Readiness>) -> (StatusCode, Json<Value>) {
    let failing = readiness.failing().await;
    if failing.is_empty() {
        (StatusCode::OK, Json(json!({ "status": "ready" })))
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "not ready", "failing": failing })),
        )
    }
}
