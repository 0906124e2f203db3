//! Security headers on every response, and the one page that needs a looser
//! Content-Security-Policy: GraphiQL (development only).
//!
//! API responses are JSON and never rendered, so their policy allows nothing. GraphiQL is
//! async-graphql's `GraphiQLSource` page, which loads React and GraphiQL from unpkg and
//! runs one inline script; its policy allows exactly those: scripts from unpkg plus the
//! inline script by its SHA-256 hash (computed from the page itself, so it cannot go
//! stale), styles from unpkg plus inline styles (the page has a `<style>` block and
//! GraphiQL's dialogs inject `<style>` elements at run time, which no hash can name),
//! the favicon from graphql.org, the fonts and icons GraphiQL's CSS embeds as `data:`
//! URLs, and `fetch` to this origin. No `unsafe-eval`: GraphiQL 4 does not need it.

use async_graphql::http::GraphiQLSource;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::set_header::SetResponseHeaderLayer;

use super::EdgeError;

/// The policy of every response that does not set its own: load nothing, be framed nowhere.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Where GraphiQL's scripts and stylesheets come from.
const CDN: &str = "https://unpkg.com";
/// Where GraphiQL's favicon comes from.
const FAVICON_ORIGIN: &str = "https://graphql.org";

/// Adds the security headers to every response of `router` (a handler may set its own
/// Content-Security-Policy, as GraphiQL does; the others are the same everywhere).
pub fn secure(router: Router) -> Router {
    router
        .layer(SetResponseHeaderLayer::overriding(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(API_CSP),
        ))
}

/// The GraphiQL page and the policy that lets it, and nothing else, load.
pub struct GraphiqlPage {
    pub html: String,
    pub csp: HeaderValue,
}

impl GraphiqlPage {
    /// GraphiQL talking to `endpoint`.
    pub fn new(endpoint: &str) -> Result<Self, EdgeError> {
        let html = GraphiQLSource::build().endpoint(endpoint).finish();
        let policy = graphiql_policy(&html);
        let csp =
            HeaderValue::from_str(&policy).map_err(|e| EdgeError::GraphiqlPolicy(e.to_string()))?;
        Ok(Self { html, csp })
    }
}

/// The text of every `<script>` without a `src`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains("src=") {
            scripts.push(&body[..close]);
        }
        rest = &body[close..];
    }
    scripts
}

fn graphiql_policy(html: &str) -> String {
    let hashes: Vec<String> = inline_scripts(html)
        .into_iter()
        .map(|script| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(script))))
        .collect();
    format!(
        "default-src 'none'; script-src {CDN} {hashes}; style-src {CDN} 'unsafe-inline'; \
         img-src {FAVICON_ORIGIN} data:; font-src data:; connect-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        hashes = hashes.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `src="…"` and `href="…"` of the page.
    fn external_urls(html: &str) -> Vec<&str> {
        let mut urls = Vec::new();
        for attribute in ["src=\"", "href=\""] {
            let mut rest = html;
            while let Some(at) = rest.find(attribute) {
                let value = &rest[at + attribute.len()..];
                let end = value.find('"').unwrap_or(value.len());
                urls.push(&value[..end]);
                rest = &value[end..];
            }
        }
        urls
    }

    #[test]
    fn the_graphiql_policy_covers_every_resource_the_page_loads_and_its_inline_script() {
        let page = GraphiqlPage::new("/graphql").expect("page");
        let policy = page.csp.to_str().expect("ascii");
        let urls = external_urls(&page.html);
        assert!(urls.len() >= 4, "scripts, stylesheet and icon: {urls:?}");
        for url in urls {
            assert!(
                url.starts_with(&format!("{CDN}/"))
                    || url.starts_with(&format!("{FAVICON_ORIGIN}/")),
                "{url} is not allowed by {policy}"
            );
        }
        let scripts = inline_scripts(&page.html);
        assert_eq!(scripts.len(), 1, "GraphiQLSource has one inline script");
        assert!(scripts[0].contains("GraphiQL.createFetcher"));
        let hash = STANDARD.encode(Sha256::digest(scripts[0]));
        assert!(policy.contains(&format!("script-src {CDN} 'sha256-{hash}'")));
        assert!(!policy.contains("unsafe-eval"));
        assert!(!policy.contains("script-src 'unsafe-inline'"));
    }
}
