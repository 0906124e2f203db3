//! The orders service over HTTP: the gateway's side of `POST /v1/orders`.

use async_trait::async_trait;
use constructos_commands::CommandError;

use super::{http::PATH, OrdersApi, OrdersRequest, OrdersResponse};
use crate::transport::RemoteEndpoint;
use crate::Call;

/// Orders answered by its own service.
#[derive(Clone)]
pub struct RemoteOrders {
    endpoint: RemoteEndpoint,
}

impl RemoteOrders {
    /// A client of the orders service at `base_url`.
    pub fn new(base_url: &str) -> Self {
        Self {
            endpoint: RemoteEndpoint::new(base_url, PATH),
        }
    }
}

#[async_trait]
impl OrdersApi for RemoteOrders {
    async fn handle(
        &self,
        call: &Call,
        request: OrdersRequest,
    ) -> Result<OrdersResponse, CommandError> {
        self.endpoint.call(call, &request).await
    }
}
