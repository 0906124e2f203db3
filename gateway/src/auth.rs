//! Bearer authentication for the GraphQL endpoint: any failure is a 401 with a JSON
//! body and `WWW-Authenticate: Bearer`, and no detail that helps an attacker.
//!
//! The token is accepted only in the `Authorization` header. A request that also carries
//! one in the query string (`?access_token=` or `?token=`) is refused whatever its header
//! says: URLs end up in proxy and server logs and browser history, and a client that puts
//! a token there must be told at once rather than work by accident.

use axum::extract::{FromRequestParts, Query};
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

/// The query-string parameters that carry tokens in OAuth 2.0 (RFC 6750 §2.3) and
/// common ad-hoc clients.
const TOKEN_PARAMETERS: [&str; 2] = ["access_token", "token"];

/// Whether the URL's query string carries a token parameter (names percent-decoded).
fn token_in_query(parts: &Parts) -> bool {
    let Ok(Query(pairs)) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri) else {
        // Undecodable: look at the raw names rather than let it through unexamined.
        return parts.uri.query().is_some_and(|q| {
            q.split('&').any(|pair| {
                let name = pair.split('=').next().unwrap_or_default();
                TOKEN_PARAMETERS
                    .iter()
                    .any(|t| name.eq_ignore_ascii_case(t))
            })
        });
    };
    pairs.iter().any(|(name, _)| {
        TOKEN_PARAMETERS
            .iter()
            .any(|t| name.eq_ignore_ascii_case(t))
    })
}

fn bearer(parts: &Parts) -> Result<&str, AuthError> {
    if token_in_query(parts) {
        return Err(AuthError::Malformed(
            "a token in the query string is never accepted".into(),
        ));
    }
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

#[cfg(test)]
mod tests {
    use axum::http::Request;

    use super::*;

    fn parts(uri: &str) -> Parts {
        let (parts, ()) = Request::builder()
            .uri(uri)
            .header(AUTHORIZATION, "Bearer abc")
            .body(())
            .expect("request")
            .into_parts();
        parts
    }

    #[test]
    fn tokens_in_the_query_string_are_refused_even_with_a_header() {
        for uri in [
            "/graphql?access_token=abc",
            "/graphql?token=abc",
            "/graphql?x=1&Access_Token=abc",
            "/graphql?access%5Ftoken=abc",
        ] {
            assert!(bearer(&parts(uri)).is_err(), "{uri}");
        }
        for uri in ["/graphql", "/graphql?tokens=1", "/graphql?x=token"] {
            assert_eq!(bearer(&parts(uri)).ok(), Some("abc"), "{uri}");
        }
    }
}
