//! The finance service's HTTP API, `POST /v1/finance`: the bearer token is validated again
//! here, then the request is answered in-process.

use std::sync::Arc;

use axum::Router;
use constructos_infra::auth::TokenValidator;

use super::{FinanceApi, LocalFinance};
use crate::transport;

/// The path of the finance service's endpoint.
pub const PATH: &str = "/v1/finance";

/// The routes of the finance service.
pub fn router(finance: LocalFinance, validator: Arc<TokenValidator>) -> Router {
    transport::endpoint(PATH, validator, move |call, request| {
        let finance = finance.clone();
        async move { finance.handle(&call, request).await }
    })
}
