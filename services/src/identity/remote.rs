//! The identity service over HTTP: the gateway's side of `POST /v1/identity`.

use std::time::Duration;

use async_trait::async_trait;
use constructos_commands::CommandError;

use super::{IdentityApi, IdentityRequest, IdentityResponse};
use crate::{Call, WireError};

/// The header that carries the correlation id between services.
const REQUEST_ID_HEADER: &str = "x-request-id";

/// Identity answered by its own service at `base_url`.
#[derive(Clone)]
pub struct RemoteIdentity {
    endpoint: String,
    http: reqwest::Client,
}

impl RemoteIdentity {
    /// A client of the identity service at `base_url` (e.g. `http://identity:8081`).
    pub fn new(base_url: &str) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .build()
            .unwrap_or_default();
        Self {
            endpoint: format!("{}/v1/identity", base_url.trim_end_matches('/')),
            http,
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
        let unreachable =
            |e: reqwest::Error| CommandError::Internal(format!("identity service: {e}"));
        let response = self
            .http
            .post(&self.endpoint)
            .bearer_auth(&call.token)
            .header(REQUEST_ID_HEADER, &call.context.correlation_id)
            .json(&request)
            .send()
            .await
            .map_err(unreachable)?;
        if response.status().is_success() {
            return response.json().await.map_err(unreachable);
        }
        let status = response.status();
        match response.json::<WireError>().await {
            Ok(wire) => Err(wire.into_command()),
            Err(_) => Err(CommandError::Internal(format!(
                "identity service answered {status}"
            ))),
        }
    }
}
