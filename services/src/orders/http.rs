//! The orders service's HTTP API, `POST /v1/orders`: the bearer token is validated again
//! here, then the request is answered in-process.

use std::sync::Arc;

use axum::Router;
use constructos_infra::auth::TokenValidator;

use super::{LocalOrders, OrdersApi};
use crate::transport;

/// The path of the orders service's endpoint.
pub const PATH: &str = "/v1/orders";

/// The routes of the orders service.
pub fn router(orders: LocalOrders, validator: Arc<TokenValidator>) -> Router {
    transport::endpoint(PATH, validator, move |call, request| {
        let orders = orders.clone();
        async move { orders.handle(&call, request).await }
    })
}
