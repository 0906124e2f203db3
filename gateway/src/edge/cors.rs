//! CORS for the web origins in `CONSTRUCTOS_CORS_ORIGINS`, and for nobody else.
//!
//! With no origin configured there is no CORS layer at all, so no response carries an
//! `Access-Control-*` header and browsers keep other sites' scripts out. Credentials are
//! not allowed: the API takes bearer tokens, not cookies.

use std::time::Duration;

use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderName, HeaderValue, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::EdgeError;
use crate::REQUEST_ID_HEADER;

/// How long a browser may cache a preflight answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// The CORS layer for `origins`, or `None` when there are none.
pub fn layer(origins: &[String]) -> Result<Option<CorsLayer>, EdgeError> {
    if origins.is_empty() {
        return Ok(None);
    }
    let origins = origins
        .iter()
        .map(|o| HeaderValue::from_str(o).map_err(|_| EdgeError::Origin(o.clone())))
        .collect::<Result<Vec<_>, _>>()?;
    let request_id = HeaderName::from_static(REQUEST_ID_HEADER);
    Ok(Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
            .allow_headers([AUTHORIZATION, CONTENT_TYPE, request_id.clone()])
            .expose_headers([request_id])
            .max_age(PREFLIGHT_MAX_AGE),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_origins_no_layer_and_bad_origins_are_refused() {
        assert!(layer(&[]).expect("empty is fine").is_none());
        assert!(layer(&["https://app.example.co.za".to_string()])
            .expect("valid")
            .is_some());
        assert!(matches!(
            layer(&["https://bad\nexample".to_string()]),
            Err(EdgeError::Origin(_))
        ));
    }
}
