//! How a domain service is called over HTTP: one `POST` endpoint per domain taking a
//! tagged request and answering a tagged response. The caller's bearer token travels
//! with every request and the service validates it again; refusals cross the wire as
//! [`WireError`]s.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::metadata;
use constructos_infra::auth::TokenValidator;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{Call, WireError};

/// The header that carries the correlation id (minted by the gateway) between services.
const REQUEST_ID_HEADER: &str = "x-request-id";
/// The header that carries the end client's own request id (already sanitised).
const CLIENT_REQUEST_ID_HEADER: &str = "x-client-request-id";

/// The client side: a domain service's endpoint at another address.
#[derive(Clone)]
pub struct RemoteEndpoint {
    url: String,
    http: reqwest::Client,
}

impl RemoteEndpoint {
    /// The endpoint `path` (e.g. `/v1/identity`) of the service at `base_url`.
    pub fn new(base_url: &str, path: &str) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .build()
            .unwrap_or_default();
        Self {
            url: format!("{}{path}", base_url.trim_end_matches('/')),
            http,
        }
    }

    /// Sends `request` with the caller's token and correlation id.
    pub async fn call<Req: Serialize + Sync, Resp: DeserializeOwned>(
        &self,
        call: &Call,
        request: &Req,
    ) -> Result<Resp, CommandError> {
        let unreachable = |e: reqwest::Error| CommandError::Internal(format!("{}: {e}", self.url));
        let mut outgoing = self
            .http
            .post(&self.url)
            .bearer_auth(&call.token)
            .header(REQUEST_ID_HEADER, &call.context.correlation_id);
        if let Some(client) = &call.context.client_request_id {
            outgoing = outgoing.header(CLIENT_REQUEST_ID_HEADER, client);
        }
        let response = outgoing.json(request).send().await.map_err(unreachable)?;
        if response.status().is_success() {
            return response.json().await.map_err(unreachable);
        }
        let status = response.status();
        match response.json::<WireError>().await {
            Ok(wire) => Err(wire.into_command()),
            Err(_) => Err(CommandError::Internal(format!(
                "{} answered {status}",
                self.url
            ))),
        }
    }
}

/// The server side: `POST path` validating the bearer token, then `handler(call, request)`.
pub fn endpoint<Req, Resp, H, Fut>(path: &str, validator: Arc<TokenValidator>, handler: H) -> Router
where
    Req: DeserializeOwned + Send + 'static,
    Resp: Serialize + Send + 'static,
    H: Fn(Call, Req) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Resp, CommandError>> + Send + 'static,
{
    let serve = move |State(validator): State<Arc<TokenValidator>>,
                      headers: HeaderMap,
                      Json(request): Json<Req>| {
        let handler = handler.clone();
        async move {
            let call = match authenticate(&validator, &headers).await {
                Some(call) => call,
                None => return unauthorized(),
            };
            let refused = call.clone();
            match handler(call, request).await {
                Ok(answer) => Json(answer).into_response(),
                Err(error) => failure(&refused, &error),
            }
        }
    };
    Router::new().route(path, post(serve)).with_state(validator)
}

/// The caller of a service request: the bearer token validated again, the correlation
/// ids read; `None` when the token does not pass.
pub(crate) async fn authenticate(validator: &TokenValidator, headers: &HeaderMap) -> Option<Call> {
    let token = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)?;
    let caller = match validator.validate(token).await {
        Ok(caller) => caller,
        Err(e) => {
            tracing::info!(error = %e, "service refused a token");
            return None;
        }
    };
    // The gateway's id is trusted as the correlation id, but whoever holds a token can
    // call a service directly: it gets the same sanitising as a client's id, and a
    // fresh one when nothing usable is left.
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let correlation_id = header(REQUEST_ID_HEADER)
        .and_then(metadata::client_request_id)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    Some(Call {
        context: CommandContext::new(caller, correlation_id)
            .with_client_request_id(header(CLIENT_REQUEST_ID_HEADER)),
        token: token.to_string(),
    })
}

/// `401` with `WWW-Authenticate: Bearer`.
pub(crate) fn unauthorized() -> Response {
    let body = WireError {
        code: "UNAUTHENTICATED".to_string(),
        message: "a valid bearer token is required".to_string(),
        permission: None,
    };
    (
        StatusCode::UNAUTHORIZED,
        [(WWW_AUTHENTICATE, "Bearer")],
        Json(body),
    )
        .into_response()
}

/// A refusal or failure as its status and [`WireError`] body; internal causes are logged
/// here, with the correlation id, and not sent.
pub(crate) fn failure(call: &Call, error: &CommandError) -> Response {
    if let CommandError::Internal(cause) = error {
        tracing::error!(correlation_id = %call.context.correlation_id, cause = %cause, "service request failed");
    }
    let (status, body) = WireError::from_command(error);
    (status, Json(body)).into_response()
}
