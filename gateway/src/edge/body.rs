//! The request body of `POST /graphql`: at most `CONSTRUCTOS_BODY_LIMIT_BYTES`, one
//! operation (no batches: a batch would run many operations under one rate-limit token),
//! and refusals in the GraphQL error shape.
//!
//! tower-http's `RequestBodyLimitLayer` answers 413 at once when `Content-Length` is too
//! large, and cuts a streamed (chunked) body off at the limit; [`read_request`] turns the
//! latter into a 413 too, and [`json_payload_too_large`] gives the former our JSON body.

use async_graphql::http::MultipartOptions;
use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use http_body_util::LengthLimitError;

use super::refusal;
use crate::graphql::ErrorCode;

const TOO_LARGE: &str = "the request body is too large";

/// The 413 refusal.
pub fn payload_too_large() -> Response {
    refusal(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::BadUserInput,
        TOO_LARGE,
    )
}

/// The 400 refusal of a body that is not one GraphQL request.
pub fn bad_request() -> Response {
    refusal(
        StatusCode::BAD_REQUEST,
        ErrorCode::BadUserInput,
        "the body is not a GraphQL request",
    )
}

/// `map_response` middleware: replaces the plain-text 413 of `RequestBodyLimitLayer`.
pub async fn json_payload_too_large(response: Response) -> Response {
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE && !is_json {
        payload_too_large()
    } else {
        response
    }
}

/// Whether `error` (or anything it wraps) is the body limit being hit.
fn is_length_limit(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(e) = current {
        if e.is::<LengthLimitError>() {
            return true;
        }
        current = e.source();
    }
    false
}

/// Reads the body (already limited by the layer) and parses one GraphQL request.
pub async fn read_request(
    headers: &HeaderMap,
    body: Body,
) -> Result<async_graphql::Request, Response> {
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|e| {
        if is_length_limit(&e) {
            payload_too_large()
        } else {
            tracing::info!(error = %e, "request body could not be read");
            bad_request()
        }
    })?;
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    async_graphql::http::receive_body(content_type, bytes.as_ref(), MultipartOptions::default())
        .await
        .map_err(|e| {
            tracing::info!(error = %e, "not a GraphQL request");
            bad_request()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_streamed_body_over_the_limit_is_413_and_garbage_is_400() {
        const PADDING: &[u8] = &[b' '; 64];
        let chunks: Vec<Result<&'static [u8], std::io::Error>> =
            vec![Ok(b"{\"query\":\"".as_slice()), Ok(PADDING)];
        let streamed = Body::from_stream(async_graphql::futures_util::stream::iter(chunks));
        let limited = Body::new(http_body_util::Limited::new(streamed, 16));
        let refused = read_request(&HeaderMap::new(), limited)
            .await
            .expect_err("over the limit");
        assert_eq!(refused.status(), StatusCode::PAYLOAD_TOO_LARGE);

        let refused = read_request(&HeaderMap::new(), Body::from("{not json"))
            .await
            .expect_err("not JSON");
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);

        let batch = r#"[{"query":"{ me { subject } }"},{"query":"{ me { subject } }"}]"#;
        let refused = read_request(&HeaderMap::new(), Body::from(batch))
            .await
            .expect_err("batches are refused");
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);

        let request = read_request(
            &HeaderMap::new(),
            Body::from(r#"{"query":"{ me { subject } }"}"#),
        )
        .await
        .expect("one request");
        assert_eq!(request.query, "{ me { subject } }");
    }
}
