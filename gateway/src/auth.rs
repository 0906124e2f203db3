//! Bearer authentication for the GraphQL endpoint: any failure is a 401 with a JSON
//! body and `WWW-Authenticate: Bearer`, and no detail that helps an attacker.

use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use constructos_infra::auth::{AuthError, Caller};
use serde_json::json;

use crate::AppState;

/// The authenticated caller of this request and the token that proved it.
pub struct Authenticated {
    pub caller: Caller,
    pub token: String,
}

/// The refusal of an unauthenticated request.
pub struct Unauthorized;

impl IntoResponse for Unauthorized {
    fn into_response(self) -> Response {
        let body = json!({
            "errors": [{
                "message": "a valid bearer token is required",
                "extensions": { "code": "UNAUTHENTICATED" }
            }]
        });
        (
            StatusCode::UNAUTHORIZED,
            [(WWW_AUTHENTICATE, "Bearer")],
            Json(body),
        )
            .into_response()
    }
}

fn bearer(parts: &Parts) -> Result<&str, AuthError> {
    let value = parts
        .headers
        .get(AUTHORIZATION)
        .ok_or(AuthError::Missing)?
        .to_str()
        .map_err(|_| AuthError::Malformed("non-ASCII authorization header".into()))?;
    let (scheme, token) = value
        .split_once(' ')
        .ok_or_else(|| AuthError::Malformed("authorization header without a scheme".into()))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(AuthError::Malformed("not a bearer token".into()));
    }
    Ok(token.trim())
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = Unauthorized;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let result = match bearer(parts) {
            Ok(token) => state
                .validator
                .validate(token)
                .await
                .map(|caller| (caller, token.to_string())),
            Err(e) => Err(e),
        };
        match result {
            Ok((caller, token)) => Ok(Authenticated { caller, token }),
            Err(e) => {
                match &e {
                    AuthError::KeysUnavailable(_) => tracing::error!(error = %e, "token refused"),
                    _ => tracing::info!(error = %e, "token refused"),
                }
                Err(Unauthorized)
            }
        }
    }
}
