//! The identity service over HTTP: the gateway's side of `POST /v1/identity`.

use async_trait::async_trait;
use constructos_commands::CommandError;

use super::{http::PATH, IdentityApi, IdentityRequest, IdentityResponse};
use crate::transport::RemoteEndpoint;
use crate::Call;

/// Identity answered by its own service.
#[derive(Clone)]
pub struct RemoteIdentity {
    endpoint: RemoteEndpoint,
}

impl RemoteIdentity {
    /// A client of the identity service at `base_url` (e.g. `http://identity:8081`).
    pub fn new(base_url: &str) -> Self {
        Self {
            endpoint: RemoteEndpoint::new(base_url, PATH),
        }
    }
}

#[async_trait]
impl IdentityApi for RemoteIdentity {
    async fn handle(
        &self,
        call: &Call,
        request: IdentityRequest,
    ) -> Result<IdentityResponse, CommandError> {
        self.endpoint.call(call, &request).await
    }
}
