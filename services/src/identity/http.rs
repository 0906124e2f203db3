//! The identity service's HTTP API, `POST /v1/identity`: the bearer token is validated
//! again here, then the request is answered in-process.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use constructos_commands::CommandContext;
use constructos_infra::auth::TokenValidator;

use super::{IdentityApi, IdentityRequest, LocalIdentity};
use crate::{Call, WireError};

#[derive(Clone)]
struct ServiceState {
    identity: LocalIdentity,
    validator: Arc<TokenValidator>,
}

/// The routes of the identity service.
pub fn router(identity: LocalIdentity, validator: Arc<TokenValidator>) -> Router {
    Router::new()
        .route("/v1/identity", post(handle))
        .with_state(ServiceState {
            identity,
            validator,
        })
}

fn unauthorized() -> Response {
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

async fn handle(
    State(state): State<ServiceState>,
    headers: HeaderMap,
    Json(request): Json<IdentityRequest>,
) -> Response {
    let token = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let Some(token) = token else {
        return unauthorized();
    };
    let caller = match state.validator.validate(token).await {
        Ok(caller) => caller,
        Err(e) => {
            tracing::info!(error = %e, "service refused a token");
            return unauthorized();
        }
    };
    let correlation_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let call = Call {
        context: CommandContext::new(caller, correlation_id),
        token: token.to_string(),
    };
    match state.identity.handle(&call, request).await {
        Ok(answer) => Json(answer).into_response(),
        Err(error) => {
            if let constructos_commands::CommandError::Internal(cause) = &error {
                tracing::error!(correlation_id = %call.context.correlation_id, cause = %cause, "identity request failed");
            }
            let (status, body) = WireError::from_command(&error);
            (status, Json(body)).into_response()
        }
    }
}
