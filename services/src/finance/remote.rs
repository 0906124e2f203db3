//! The finance service over HTTP: the gateway's side of `POST /v1/finance`.

use async_trait::async_trait;
use constructos_commands::CommandError;

use super::{http::PATH, FinanceApi, FinanceRequest, FinanceResponse};
use crate::transport::RemoteEndpoint;
use crate::Call;

/// Finance answered by its own service.
#[derive(Clone)]
pub struct RemoteFinance {
    endpoint: RemoteEndpoint,
}

impl RemoteFinance {
    /// A client of the finance service at `base_url`.
    pub fn new(base_url: &str) -> Self {
        Self {
            endpoint: RemoteEndpoint::new(base_url, PATH),
        }
    }
}

#[async_trait]
impl FinanceApi for RemoteFinance {
    async fn handle(
        &self,
        call: &Call,
        request: FinanceRequest,
    ) -> Result<FinanceResponse, CommandError> {
        self.endpoint.call(call, &request).await
    }
}
