//! The web app, served by the gateway: the built `web/dist` at `/` (client routes fall
//! back to `index.html`), `GET /app-config.json` (how the page signs in, read at start so
//! one build runs in every environment), and in development the demo sign-in
//! ([`dev_sign_in`]). `docs/web.md` describes the page; the headers here are its
//! Content-Security-Policy (scripts and styles from this origin only, no inline script,
//! no `eval`) and cache rules (hashed assets for a year, `index.html` never cached).

pub mod dev_sign_in;
mod files;

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use constructos_infra::auth::DevIssuer;
use constructos_infra::config::WebConfig;
use serde_json::{json, Value};

pub use dev_sign_in::{DemoPerson, DevSignIn, DEMO_PEOPLE};
pub use files::StaticFiles;

/// Hashed assets never change under their name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `index.html` and the page's configuration: always asked again.
pub const NO_CACHE: &str = "no-cache";

/// Everything the web routes need, built once when the gateway starts.
#[derive(Clone)]
pub struct WebApp {
    files: Arc<StaticFiles>,
    page_config: Arc<Value>,
    page_policy: HeaderValue,
    dev_sign_in: Option<Arc<DevSignIn>>,
}

impl WebApp {
    /// The web app of `config`: its files read from `config.dist_dir` (none when it is
    /// not built), and the development sign-in when `dev_issuer` is given — the caller
    /// gives it only in development mode without Entra ID.
    pub fn new(config: &WebConfig, dev_issuer: Option<DevIssuer>) -> Self {
        let files = StaticFiles::load(&config.dist_dir);
        let (page_config, authority) = match &config.entra {
            Some(entra) => (
                json!({
                    "auth": {
                        "mode": "entra",
                        "tenantId": entra.tenant_id,
                        "clientId": entra.client_id,
                        "authority": entra.authority,
                        "apiScope": entra.api_scope,
                    }
                }),
                origin_of(&entra.authority),
            ),
            None => (
                json!({ "auth": { "mode": if dev_issuer.is_some() { "dev" } else { "none" } } }),
                None,
            ),
        };
        let page_policy = HeaderValue::from_str(&page_policy(authority.as_deref()))
            .unwrap_or_else(|_| HeaderValue::from_static(STRICT_PAGE_POLICY));
        Self {
            files: Arc::new(files),
            page_config: Arc::new(page_config),
            page_policy,
            dev_sign_in: dev_issuer.map(|issuer| Arc::new(DevSignIn::new(issuer))),
        }
    }

    /// Whether the development sign-in endpoints are served.
    pub fn has_dev_sign_in(&self) -> bool {
        self.dev_sign_in.is_some()
    }
}

/// The page's policy without an identity provider to talk to.
const STRICT_PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
     connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// The Content-Security-Policy of the page. Scripts only from this origin (Vite's build
/// has no inline script and the app no `eval`); styles from this origin plus inline
/// ones, because Mantine writes its CSS variables into a `<style>` element and
/// positions popovers with `style` attributes. With Entra ID the page also talks to the
/// authority (MSAL's token requests) and may frame it (MSAL's silent renewal).
pub fn page_policy(authority_origin: Option<&str>) -> String {
    match authority_origin {
        None => STRICT_PAGE_POLICY.to_string(),
        Some(origin) => format!(
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; font-src 'self' data:; connect-src 'self' {origin}; \
             frame-src {origin}; manifest-src 'self'; base-uri 'none'; form-action 'self'; \
             frame-ancestors 'none'"
        ),
    }
}

/// `https://login.microsoftonline.com/<tenant>` → `https://login.microsoftonline.com`.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next().filter(|h| !h.is_empty())?;
    let safe = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    (safe && matches!(scheme, "https" | "http")).then(|| format!("{scheme}://{host}"))
}

/// The web routes: the page's configuration, the demo sign-in (development only), the
/// hashed assets, and every other `GET` answered with a file of the build or `index.html`.
pub fn router(web: WebApp) -> Router {
    let mut router = Router::new()
        .route("/app-config.json", get(app_config))
        .route("/assets/{*path}", get(asset));
    if web.dev_sign_in.is_some() {
        router = router
            .route("/dev/people", get(dev_sign_in::people))
            .route("/dev/token", post(dev_sign_in::token));
    }
    router.fallback(page).with_state(web)
}

async fn app_config(State(web): State<WebApp>) -> Response {
    (
        [(CACHE_CONTROL, HeaderValue::from_static(NO_CACHE))],
        Json(web.page_config.as_ref().clone()),
    )
        .into_response()
}

async fn asset(State(web): State<WebApp>, Path(path): Path<String>) -> Response {
    match web.files.get(&format!("assets/{path}")) {
        Some(file) => file.response(IMMUTABLE),
        None => not_found(),
    }
}

/// A file of the build's root (e.g. `favicon.svg`), else `index.html` for the client router.
async fn page(State(web): State<WebApp>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return not_found();
    }
    let path = uri.path().trim_start_matches('/');
    if !path.is_empty() && path != "index.html" {
        if let Some(file) = web.files.get(path) {
            return file.response(NO_CACHE);
        }
        // A missing script, a file-looking path or the demo sign-in where it is not
        // served (Entra ID, production) is a 404, not the page.
        if path.starts_with("assets/") || path.starts_with("dev/") || path.contains('.') {
            return not_found();
        }
    }
    match web.files.get("index.html") {
        Some(file) => {
            let mut response = file.response(NO_CACHE);
            response
                .headers_mut()
                .insert(CONTENT_SECURITY_POLICY, web.page_policy.clone());
            response
        }
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(
                CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            )],
            "The web app is not built. Run `make up` (or `npm ci && npm run build` in web/) \
             and restart the gateway.\n",
        )
            .into_response(),
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "errors": [{ "message": "not found", "extensions": { "code": "NOT_FOUND" } }] })),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_allows_no_inline_script_and_no_eval() {
        for policy in [
            page_policy(None),
            page_policy(Some("https://login.microsoftonline.com")),
        ] {
            assert!(policy.contains("script-src 'self';"), "{policy}");
            assert!(!policy.contains("unsafe-eval"), "{policy}");
            assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        }
        assert!(page_policy(Some("https://login.microsoftonline.com"))
            .contains("connect-src 'self' https://login.microsoftonline.com;"));
    }

    #[test]
    fn the_authority_origin_is_scheme_and_host_only() {
        assert_eq!(
            origin_of("https://login.microsoftonline.com/tenant-id").as_deref(),
            Some("https://login.microsoftonline.com")
        );
        assert_eq!(origin_of("login.microsoftonline.com"), None);
        assert_eq!(origin_of("https://evil.example; script-src *"), None);
    }
}
