//! The request body of `POST /graphql`: `Content-Type: application/json` only (a form,
//! `text/plain` or multipart body is 415: browsers send those cross-site without a
//! preflight), at most `CONSTRUCTOS_BODY_LIMIT_BYTES`, exactly one request object (no
//! batches: a batch would run many operations under one rate-limit token), and
//! refusals in the GraphQL error shape with a message of our own, never the JSON
//! parser's.
//!
//! tower-http's `RequestBodyLimitLayer` answers 413 at once when `Content-Length` is too
//! large, and cuts a streamed (chunked) body off at the limit; [`read_request`] turns the
//! latter into a 413 too, and [`json_payload_too_large`] gives the former our JSON body.
//!
//! Answers are `application/graphql-response+json` when the client's `Accept` names it,
//! else `application/json` ([`respond`]).

use axum::body::Body;
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body_util::LengthLimitError;
use serde_json::Value;

use super::refusal;
use crate::error_code::ErrorCode;

const TOO_LARGE: &str = "the request body is too large";
const NOT_A_REQUEST: &str = "the body is not a GraphQL request";
/// The GraphQL-over-HTTP media type of an answer.
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// The 413 refusal.
pub fn payload_too_large() -> Response {
    refusal(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::BadUserInput,
        TOO_LARGE,
    )
}

/// The 400 refusal of a body that is not one GraphQL request, saying why.
pub fn bad_request(why: &str) -> Response {
    refusal(StatusCode::BAD_REQUEST, ErrorCode::BadUserInput, why)
}

/// The 415 refusal of any body that is not declared JSON.
pub fn unsupported_media_type() -> Response {
    refusal(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::BadUserInput,
        "the request body must be JSON (Content-Type: application/json)",
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

/// The media type of a `Content-Type` or `Accept` entry: before any `;`, trimmed,
/// lowercase.
fn media_type(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether the request declares a JSON body (`application/json`, any parameters).
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| media_type(v) == "application/json")
}

/// A request member: its name, its type check, the refusal when it fails.
type Member = (&'static str, fn(&Value) -> bool, &'static str);

/// Checks the shape of a decoded body: one object whose known members have their types.
fn request_shape(body: &Value) -> Result<(), &'static str> {
    let Some(object) = body.as_object() else {
        return Err(if body.is_array() {
            "the body is not a GraphQL request: send one request object, batches are not accepted"
        } else {
            "the body is not a GraphQL request: it must be a JSON object"
        });
    };
    let persisted = object
        .get("extensions")
        .and_then(|e| e.get("persistedQuery"))
        .is_some();
    match object.get("query") {
        Some(Value::String(_)) => {}
        None | Some(Value::Null) if persisted => {}
        None | Some(Value::Null) => {
            return Err("the body is not a GraphQL request: `query` is missing")
        }
        Some(_) => return Err("the body is not a GraphQL request: `query` must be a string"),
    }
    let members: [Member; 3] = [
        (
            "operationName",
            Value::is_string,
            "the body is not a GraphQL request: `operationName` must be a string",
        ),
        (
            "variables",
            Value::is_object,
            "the body is not a GraphQL request: `variables` must be an object",
        ),
        (
            "extensions",
            Value::is_object,
            "the body is not a GraphQL request: `extensions` must be an object",
        ),
    ];
    for (member, well_typed, refusal) in members {
        if let Some(value) = object.get(member) {
            if !value.is_null() && !well_typed(value) {
                return Err(refusal);
            }
        }
    }
    Ok(())
}

/// Reads the body (already limited by the layer) and decodes one GraphQL request.
pub async fn read_request(
    headers: &HeaderMap,
    body: Body,
) -> Result<async_graphql::Request, Response> {
    if !is_json(headers) {
        return Err(unsupported_media_type());
    }
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|e| {
        if is_length_limit(&e) {
            payload_too_large()
        } else {
            tracing::info!(error = %e, "request body could not be read");
            bad_request(NOT_A_REQUEST)
        }
    })?;
    let mut body: Value = serde_json::from_slice(&bytes).map_err(|e| {
        tracing::info!(error = %e, "request body is not JSON");
        bad_request(NOT_A_REQUEST)
    })?;
    request_shape(&body).map_err(bad_request)?;
    // `null` members mean absent; async-graphql's types want them left out.
    if let Some(object) = body.as_object_mut() {
        object.retain(|_, value| !value.is_null());
    }
    serde_json::from_value(body).map_err(|e| {
        tracing::info!(error = %e, "not a GraphQL request");
        bad_request(NOT_A_REQUEST)
    })
}

/// Whether the client's `Accept` names `application/graphql-response+json` (not `q=0`).
fn wants_graphql_response(headers: &HeaderMap) -> bool {
    headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|entry| {
            let refused = entry
                .split(';')
                .skip(1)
                .any(|p| matches!(p.trim().strip_prefix("q="), Some(q) if q.trim().parse::<f32>() == Ok(0.0)));
            media_type(entry) == GRAPHQL_RESPONSE && !refused
        })
}

/// The GraphQL answer (status 200, errors in the body), in the media type the client
/// accepts.
pub fn respond(headers: &HeaderMap, response: &async_graphql::Response) -> Response {
    let body = match serde_json::to_vec(response) {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, "a GraphQL response could not be serialised");
            return refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "internal error",
            );
        }
    };
    let media = if wants_graphql_response(headers) {
        GRAPHQL_RESPONSE
    } else {
        "application/json"
    };
    let mut answer = (
        [(CONTENT_TYPE, HeaderValue::from_static(media))],
        Body::from(body),
    )
        .into_response();
    answer.headers_mut().extend(response.http_headers.clone());
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_headers() -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        headers
    }

    async fn body_of(response: Response) -> Value {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        serde_json::from_slice(&bytes).expect("JSON")
    }

    #[tokio::test]
    async fn a_streamed_body_over_the_limit_is_413_and_garbage_is_400() {
        const PADDING: &[u8] = &[b' '; 64];
        let chunks: Vec<Result<&'static [u8], std::io::Error>> =
            vec![Ok(b"{\"query\":\"".as_slice()), Ok(PADDING)];
        let streamed = Body::from_stream(async_graphql::futures_util::stream::iter(chunks));
        let limited = Body::new(http_body_util::Limited::new(streamed, 16));
        let refused = read_request(&json_headers(), limited)
            .await
            .expect_err("over the limit");
        assert_eq!(refused.status(), StatusCode::PAYLOAD_TOO_LARGE);

        let refused = read_request(&json_headers(), Body::from("{not json"))
            .await
            .expect_err("not JSON");
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);

        let batch = r#"[{"query":"{ me { subject } }"},{"query":"{ me { subject } }"}]"#;
        let refused = read_request(&json_headers(), Body::from(batch))
            .await
            .expect_err("batches are refused");
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);

        let request = read_request(
            &json_headers(),
            Body::from(r#"{"query":"{ me { subject } }","variables":null,"operationName":null}"#),
        )
        .await
        .expect("one request");
        assert_eq!(request.query, "{ me { subject } }");
    }

    #[tokio::test]
    async fn only_json_bodies_are_read() {
        for content_type in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
            Some("application/jsonp"),
        ] {
            let mut headers = HeaderMap::new();
            if let Some(value) = content_type {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static(value));
            }
            let refused = read_request(&headers, Body::from(r#"{"query":"{ me { subject } }"}"#))
                .await
                .expect_err("not JSON");
            assert_eq!(
                refused.status(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "{content_type:?}"
            );
        }
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("Application/JSON;charset=UTF-8"),
        );
        assert!(is_json(&headers));
    }

    #[tokio::test]
    async fn json_that_is_not_one_request_is_refused_with_a_clean_message() {
        for (body, why) in [
            ("[]", "batches are not accepted"),
            ("1", "it must be a JSON object"),
            ("\"x\"", "it must be a JSON object"),
            ("{}", "`query` is missing"),
            (r#"{"query": 5}"#, "`query` must be a string"),
            (
                r#"{"query": "{ a }", "variables": [1]}"#,
                "`variables` must be an object",
            ),
            (
                r#"{"query": "{ a }", "operationName": 1}"#,
                "`operationName` must be a string",
            ),
            (
                r#"{"query": "{ a }", "extensions": "x"}"#,
                "`extensions` must be an object",
            ),
        ] {
            let refused = read_request(&json_headers(), Body::from(body))
                .await
                .expect_err(body);
            assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{body}");
            let answer = body_of(refused).await;
            let message = answer["errors"][0]["message"].as_str().unwrap_or_default();
            assert!(message.ends_with(why), "{body}: {answer}");
            assert_eq!(answer["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
        }
        let hash_only = r#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"ab"}}}"#;
        assert!(read_request(&json_headers(), Body::from(hash_only))
            .await
            .is_ok());
    }

    #[test]
    fn answers_are_graphql_response_json_only_when_accepted() {
        let response = async_graphql::Response::new(async_graphql::Value::Null);
        let content_type = |accept: Option<&'static str>| {
            let mut headers = HeaderMap::new();
            if let Some(accept) = accept {
                headers.insert(ACCEPT, HeaderValue::from_static(accept));
            }
            respond(&headers, &response).headers()[CONTENT_TYPE]
                .to_str()
                .expect("ascii")
                .to_string()
        };
        assert_eq!(content_type(None), "application/json");
        assert_eq!(content_type(Some("*/*")), "application/json");
        assert_eq!(
            content_type(Some(
                "application/graphql-response+json, application/json;q=0.9"
            )),
            GRAPHQL_RESPONSE
        );
        assert_eq!(
            content_type(Some("application/graphql-response+json;q=0")),
            "application/json"
        );
    }
}
