//! What every request handler shares.

use std::sync::Arc;

use constructos_infra::auth::TokenValidator;
use constructos_infra::health::Readiness;

use crate::edge::Edge;
use crate::ApiSchema;

/// The gateway's shared state.
#[derive(Clone)]
pub struct AppState {
    pub schema: ApiSchema,
    pub validator: Arc<TokenValidator>,
    pub readiness: Readiness,
    /// Records each caller's user on their first request.
    pub users: crate::provision::Provisioning,
    /// Serve GraphiQL and introspection.
    pub dev_mode: bool,
    /// Rate limits, CORS, body limit, allow-list.
    pub edge: Edge,
    /// The web app served at `/` and its sign-in configuration.
    pub web: crate::web::WebApp,
}
