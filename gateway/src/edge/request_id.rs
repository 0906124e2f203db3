//! Request ids: the gateway mints every one (UUID v7, time-ordered), answers it as
//! `x-request-id`, and it becomes the correlation id of every event the request causes.
//!
//! A caller's own `X-Request-Id` is never believed - it could be forged, 4,000
//! characters long or another request's id, and the audit trail's "which request"
//! would say what the caller chose. It is kept only as `client_request_id`, sanitised
//! ([`constructos_domain::metadata::client_request_id`]), in the event metadata and the
//! log span, so a client can still match its logs to ours.

use axum::extract::Request;
use axum::http::HeaderValue;
use constructos_domain::metadata;

use crate::REQUEST_ID_HEADER;

/// This request's ids, put in the request's extensions by [`mint`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestIds {
    /// The gateway's id: the correlation id.
    pub request_id: String,
    /// The caller's `X-Request-Id`, sanitised; `None` when absent or nothing was left.
    pub client_request_id: Option<String>,
}

impl RequestIds {
    /// A fresh id; the caller's, if any, sanitised.
    pub fn mint(client: Option<&str>) -> Self {
        Self {
            request_id: uuid::Uuid::now_v7().to_string(),
            client_request_id: client.and_then(metadata::client_request_id),
        }
    }
}

/// `map_request` middleware, outermost: replaces any `x-request-id` the caller sent by
/// a fresh one and records both in the request's extensions.
pub async fn mint(mut request: Request) -> Request {
    let client = request
        .headers_mut()
        .remove(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok().map(str::to_string));
    let ids = RequestIds::mint(client.as_deref());
    // A UUID is always a valid header value.
    if let Ok(value) = HeaderValue::from_str(&ids.request_id) {
        request.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    request.extensions_mut().insert(ids);
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_callers_id_is_replaced_and_kept_only_sanitised() {
        let forged = format!("0190c0de-0000-7000-8000-000000000001{}", "x".repeat(4000));
        let request = Request::builder()
            .header(REQUEST_ID_HEADER, &forged)
            .body(axum::body::Body::empty())
            .expect("request");
        let request = mint(request).await;
        let ids = request
            .extensions()
            .get::<RequestIds>()
            .expect("ids")
            .clone();
        let header = request.headers()[REQUEST_ID_HEADER]
            .to_str()
            .expect("ascii");
        assert_eq!(header, ids.request_id);
        let minted = uuid::Uuid::parse_str(header).expect("a UUID");
        assert_eq!(minted.get_version_num(), 7);
        assert_eq!(ids.client_request_id.as_deref(), Some(&forged[..64]));

        let bare = mint(Request::new(axum::body::Body::empty())).await;
        let ids = bare.extensions().get::<RequestIds>().expect("ids");
        assert!(ids.client_request_id.is_none());
    }
}
