//! The gateway's front door: what a request passes before the GraphQL engine runs it.
//!
//! Outermost first (see "Edge" in `docs/ARCHITECTURE.md`):
//!
//! 1. a fresh request id, the caller's kept aside sanitised ([`request_id`]), and the
//!    trace span (`lib.rs`);
//! 2. security headers on every response ([`headers`]);
//! 3. CORS for the configured web origins only ([`cors`]);
//! 4. on `POST /graphql`: the per-IP token bucket ([`rate_limit`]), then the body-size
//!    limit ([`body`]);
//! 5. in the handler: authentication (no token in the query string), the per-subject
//!    token bucket, `Content-Type: application/json` and one request object ([`body`]),
//!    the persisted-operation allow-list ([`persisted`]);
//! 6. on the GraphQL runtime, within the deadline ([`executor`]): before parsing, the
//!    text's nesting, then aliases, root fields, depth and complexity with fragments
//!    measured once each, and no NUL in any string ([`limits`]); then the engine's own
//!    validation (depth and complexity again) and execution.
//!
//! Every refusal is a JSON body in the GraphQL error shape with a `code` extension.

pub mod body;
pub mod cors;
pub mod cost;
pub mod executor;
pub mod headers;
pub mod limits;
pub mod nesting;
pub mod nul;
pub mod persisted;
pub mod rate_limit;
pub mod request_id;

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use constructos_infra::config::EdgeConfig;
use serde_json::json;
use tower_http::cors::CorsLayer;

use crate::error_code::ErrorCode;

pub use executor::{Executor, ExecutorError};
pub use headers::GraphiqlPage;
pub use limits::OperationLimits;
pub use persisted::{PersistedError, PersistedOperations};
pub use rate_limit::RateLimits;
pub use request_id::RequestIds;

/// The edge's run-time parts, built once from [`EdgeConfig`] when the gateway starts.
#[derive(Clone)]
pub struct Edge {
    pub rate_limits: Arc<RateLimits>,
    /// The allow-list; `None` runs any operation.
    pub persisted: Option<Arc<PersistedOperations>>,
    /// `None` when no web origin is configured: no CORS headers at all.
    pub cors: Option<CorsLayer>,
    pub body_limit_bytes: usize,
    /// GraphiQL and the Content-Security-Policy that lets exactly it load.
    pub graphiql: Arc<GraphiqlPage>,
    /// The GraphQL runtime and the per-request deadline.
    pub executor: Arc<Executor>,
    /// Checked on the GraphQL runtime before the engine sees the operation.
    pub limits: OperationLimits,
}

/// Why the edge cannot be built from its configuration.
#[derive(Debug, thiserror::Error)]
pub enum EdgeError {
    #[error("CONSTRUCTOS_CORS_ORIGINS: {0:?} is not a valid origin")]
    Origin(String),
    #[error(transparent)]
    Persisted(#[from] PersistedError),
    #[error("the GraphiQL page's Content-Security-Policy is not a valid header: {0}")]
    GraphiqlPolicy(String),
    #[error("the GraphQL runtime could not start: {0}")]
    Runtime(#[from] std::io::Error),
}

impl Edge {
    /// Builds the limiters, the CORS policy and the allow-list (read from its file now, so
    /// a bad file stops the gateway at start-up rather than refusing every request);
    /// `introspection` lets operations select `__schema` and `__type` (development).
    pub fn new(config: &EdgeConfig, introspection: bool) -> Result<Self, EdgeError> {
        let persisted = match &config.persisted_queries_file {
            Some(path) => Some(Arc::new(PersistedOperations::load(path)?)),
            None => None,
        };
        Ok(Self {
            rate_limits: Arc::new(RateLimits::new(config)),
            persisted,
            cors: cors::layer(&config.cors_origins)?,
            body_limit_bytes: config.body_limit_bytes,
            graphiql: Arc::new(GraphiqlPage::new("/graphql")?),
            executor: Arc::new(Executor::new(config.graphql_deadline)?),
            limits: OperationLimits {
                max_aliases: config.graphql_max_aliases,
                max_root_fields: config.graphql_max_root_fields,
                max_depth: config.graphql_max_depth,
                max_complexity: config.graphql_max_complexity,
                introspection,
            },
        })
    }
}

/// A refusal before or around the GraphQL engine: `status` and
/// `{"errors":[{"message": …, "extensions":{"code": …}}]}`.
pub fn refusal(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let body = json!({
        "errors": [{ "message": message, "extensions": { "code": code.as_str() } }]
    });
    (status, Json(body)).into_response()
}
