//! The HR service's HTTP API, `POST /v1/hr`: the bearer token is validated again here,
//! then the request is answered in-process.

use std::sync::Arc;

use axum::Router;
use constructos_infra::auth::TokenValidator;

use super::{HrApi, LocalHr};
use crate::transport;

/// The path of the HR service's endpoint.
pub const PATH: &str = "/v1/hr";

/// The routes of the HR service.
pub fn router(hr: LocalHr, validator: Arc<TokenValidator>) -> Router {
    transport::endpoint(PATH, validator, move |call, request| {
        let hr = hr.clone();
        async move { hr.handle(&call, request).await }
    })
}
