//! The GraphQL gateway: the one public entry point. It authenticates the bearer token,
//! builds the caller context and serves the GraphQL schema whose resolvers call the
//! domain services.

mod auth;
pub mod graphql;
mod provision;
mod state;

use axum::http::{HeaderName, Request};
use axum::Router;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub use graphql::{build_schema, rbac_markdown, sdl, ApiSchema};
pub use provision::Provisioning;
pub use state::AppState;

/// The header that carries the request id; it becomes the events' correlation id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The gateway's routes: `POST /graphql`, GraphiQL on `GET /graphql` in development,
/// and the health checks.
pub fn app(state: AppState) -> Router {
    let request_id = HeaderName::from_static(REQUEST_ID_HEADER);
    let mut graphql_route = axum::routing::post(graphql::graphql_handler);
    if state.dev_mode {
        graphql_route = graphql_route.get(graphql::graphiql);
    }
    let health = constructos_infra::health::router(state.readiness.clone());
    Router::new()
        .route("/graphql", graphql_route)
        .with_state(state)
        .merge(health)
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let request_id = request
                .headers()
                .get(REQUEST_ID_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            tracing::info_span!("http", method = %request.method(), path = %request.uri().path(), request_id)
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}
