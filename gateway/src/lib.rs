//! The GraphQL gateway: the one public entry point. It authenticates the bearer token,
//! builds the caller context and serves the GraphQL schema whose resolvers call the
//! domain services. What a request passes on its way in is in [`edge`].

mod auth;
pub mod edge;
mod error_code;
pub mod graphql;
mod provision;
mod state;
pub mod web;

use axum::http::{HeaderName, Request};
use axum::middleware::{from_fn_with_state, map_request, map_response};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::PropagateRequestIdLayer;
use tower_http::trace::TraceLayer;

pub use edge::{Edge, EdgeError};
pub use graphql::{build_schema, rbac_markdown, sdl, ApiSchema};
pub use provision::Provisioning;
pub use state::AppState;

/// The header that carries the request id: the gateway mints it (a caller's own is
/// kept only as `client_request_id`, see [`edge::request_id`]); it becomes the events'
/// correlation id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The gateway's routes: `POST /graphql`, GraphiQL on `GET /graphql` in development,
/// the health checks and the web app ([`web`]), behind the edge's layers (listed
/// outermost first in [`edge`]). The health checks and the web app are neither rate
/// limited nor body limited.
pub fn app(state: AppState) -> Router {
    let request_id = HeaderName::from_static(REQUEST_ID_HEADER);
    let edge = state.edge.clone();
    let web = web::router(state.web.clone());
    let mut graphql_route = axum::routing::post(graphql::graphql_handler);
    if state.dev_mode {
        graphql_route = graphql_route.get(graphql::graphiql);
    }
    let health = constructos_infra::health::router(state.readiness.clone());
    // `route_layer`s wrap only `/graphql`; the last one added runs first.
    let graphql = Router::new()
        .route("/graphql", graphql_route)
        .route_layer(RequestBodyLimitLayer::new(edge.body_limit_bytes))
        .route_layer(map_response(edge::body::json_payload_too_large))
        .route_layer(from_fn_with_state(
            edge.rate_limits.clone(),
            edge::rate_limit::limit_by_ip,
        ))
        .with_state(state);
    let mut router = graphql.merge(health).merge(web);
    if let Some(cors) = edge.cors {
        router = router.layer(cors);
    }
    edge::headers::secure(router)
        .layer(PropagateRequestIdLayer::new(request_id))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let ids = request.extensions().get::<edge::RequestIds>();
            let request_id = ids.map_or("", |ids| ids.request_id.as_str());
            let client_request_id = ids
                .and_then(|ids| ids.client_request_id.as_deref())
                .unwrap_or_default();
            tracing::info_span!("http", method = %request.method(), path = %request.uri().path(), request_id, client_request_id)
        }))
        .layer(map_request(edge::request_id::mint))
}
