//! The HR service over HTTP: the gateway's side of `POST /v1/hr`.

use async_trait::async_trait;
use constructos_commands::CommandError;

use super::{http::PATH, HrApi, HrRequest, HrResponse};
use crate::transport::RemoteEndpoint;
use crate::Call;

/// HR answered by its own service.
#[derive(Clone)]
pub struct RemoteHr {
    endpoint: RemoteEndpoint,
}

impl RemoteHr {
    /// A client of the HR service at `base_url`.
    pub fn new(base_url: &str) -> Self {
        Self {
            endpoint: RemoteEndpoint::new(base_url, PATH),
        }
    }
}

#[async_trait]
impl HrApi for RemoteHr {
    async fn handle(&self, call: &Call, request: HrRequest) -> Result<HrResponse, CommandError> {
        self.endpoint.call(call, &request).await
    }
}
