//! The identity service's HTTP API, `POST /v1/identity`: the bearer token is validated
//! again here, then the request is answered in-process.

use std::sync::Arc;

use axum::Router;
use constructos_infra::auth::TokenValidator;

use super::{IdentityApi, LocalIdentity};
use crate::transport;

/// The path of the identity service's endpoint.
pub const PATH: &str = "/v1/identity";

/// The routes of the identity service.
pub fn router(identity: LocalIdentity, validator: Arc<TokenValidator>) -> Router {
    transport::endpoint(PATH, validator, move |call, request| {
        let identity = identity.clone();
        async move { identity.handle(&call, request).await }
    })
}
