//! The web app through the gateway: the built files with their cache headers and
//! Content-Security-Policy, client routes answered with `index.html`, the page's
//! configuration, and the development sign-in — present in development, absent under
//! Entra ID.

use std::path::PathBuf;

use constructos_infra::config::WebEntraConfig;
use reqwest::header::HeaderMap;
use serde_json::{json, Value};

use crate::harness::{send, spawn_domains_with, TestApp, IDENTITY};

const INDEX: &str = "<!doctype html><html><head><script type=\"module\" crossorigin src=\"/assets/index-3f2a9c.js\"></script></head><body><div id=\"root\"></div></body></html>";

/// A build like Vite's: `index.html`, a hashed script, a file of the public folder.
fn built_app() -> PathBuf {
    let root = std::env::temp_dir().join(format!("ct-web-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(root.join("assets")).expect("dirs");
    std::fs::write(root.join("index.html"), INDEX).expect("index");
    std::fs::write(root.join("assets/index-3f2a9c.js"), "console.log('app')").expect("script");
    std::fs::write(root.join("favicon.svg"), "<svg/>").expect("icon");
    root
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

async fn get(app: &TestApp, path: &str) -> (u16, HeaderMap, String) {
    let response = app
        .client
        .get(format!("http://{}{path}", app.address))
        .send()
        .await
        .expect("gateway answered");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.expect("body"))
}

fn assert_page(status: u16, headers: &HeaderMap, body: &str, path: &str) {
    assert_eq!(status, 200, "{path}");
    assert_eq!(body, INDEX, "{path} answers index.html");
    assert_eq!(header(headers, "content-type"), "text/html; charset=utf-8");
    assert_eq!(header(headers, "cache-control"), "no-cache", "{path}");
    let policy = header(headers, "content-security-policy");
    assert!(policy.contains("script-src 'self';"), "{policy}");
    assert!(!policy.contains("unsafe-eval"), "{policy}");
    assert!(
        !policy.contains("script-src 'self' 'unsafe-inline'"),
        "{policy}"
    );
    assert!(policy.contains("connect-src 'self'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert_eq!(header(headers, "x-content-type-options"), "nosniff");
}

#[tokio::test]
async fn the_gateway_serves_the_web_app_hashed_assets_for_a_year_and_client_routes_as_the_page() {
    let dist = built_app();
    let dir = dist.clone();
    let app = spawn_domains_with(IDENTITY, move |config| config.web.dist_dir = dir).await;

    for path in [
        "/",
        "/index.html",
        "/finance/invoices",
        "/accounts/acc-1/edit",
    ] {
        let (status, headers, body) = get(&app, path).await;
        assert_page(status, &headers, &body, path);
    }

    let (status, headers, body) = get(&app, "/assets/index-3f2a9c.js").await;
    assert_eq!(status, 200);
    assert_eq!(body, "console.log('app')");
    assert_eq!(
        header(&headers, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        header(&headers, "content-type"),
        "text/javascript; charset=utf-8"
    );

    let (status, headers, _) = get(&app, "/favicon.svg").await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), "image/svg+xml");

    // (A request names files of the build only: they are in memory, keyed by their path.)
    for missing in [
        "/assets/index-0000.js",
        "/robots.txt",
        "/assets/nested/x.css",
    ] {
        let (status, _, body) = get(&app, missing).await;
        assert_eq!(status, 404, "{missing}: {body}");
    }
    let post = send(
        app.client
            .post(format!("http://{}/finance/invoices", app.address))
            .json(&json!({})),
    )
    .await;
    assert_eq!(post.status, 404);

    // GraphiQL stays on GET /graphql in development, with its own policy.
    let (status, headers, body) = get(&app, "/graphql").await;
    assert_eq!(status, 200);
    assert!(body.contains("GraphiQL"), "GraphiQL, not the web app");
    assert!(header(&headers, "content-security-policy").contains("https://unpkg.com"));

    let (status, headers, body) = get(&app, "/app-config.json").await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "cache-control"), "no-cache");
    let config: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(config, json!({ "auth": { "mode": "dev" } }));

    app.stop().await;
    std::fs::remove_dir_all(dist).expect("clean up");
}

#[tokio::test]
async fn in_development_a_demo_person_signs_in_with_a_token_the_gateway_accepts() {
    let app = spawn_domains_with(IDENTITY, |config| {
        config.web.dist_dir = PathBuf::from("/nonexistent/constructos/web/dist");
    })
    .await;

    let people = send(app.client.get(format!("http://{}/dev/people", app.address))).await;
    assert_eq!(people.status, 200);
    let listed = people.body["people"].as_array().expect("people");
    let finance = listed
        .iter()
        .find(|p| p["roles"] == json!(["Finance_User"]))
        .expect("a finance user among the demo people");
    assert!(listed.iter().any(|p| p["roles"] == json!(["Site_Manager"])));
    assert!(listed.iter().any(|p| p["roles"] == json!(["Auditor"])));

    let minted = send(
        app.client
            .post(format!("http://{}/dev/token", app.address))
            .json(&json!({ "subject": finance["subject"] })),
    )
    .await;
    assert_eq!(minted.status, 200, "{}", minted.body);
    assert_eq!(header(&minted.headers, "cache-control"), "no-store");
    let token = minted.body["accessToken"].as_str().expect("a token");
    let me = app
        .graphql(
            token,
            "{ me { subject name roles permissions } }",
            json!({}),
        )
        .await;
    let me = &me.data()["me"];
    assert_eq!(me["subject"], finance["subject"]);
    assert_eq!(me["roles"], json!(["Finance_User"]));
    assert!(me["permissions"]
        .as_array()
        .expect("permissions")
        .contains(&json!("finance.journals.post")));

    let stranger = send(
        app.client
            .post(format!("http://{}/dev/token", app.address))
            .json(&json!({ "subject": "mallory", "ttlSeconds": 60 })),
    )
    .await;
    assert_eq!(stranger.status, 400);
    assert_eq!(stranger.error_code(), Some("BAD_USER_INPUT"));

    // Without a build, the page says how to make one.
    let (status, _, body) = get(&app, "/").await;
    assert_eq!(status, 503);
    assert!(body.contains("not built"), "{body}");

    app.stop().await;
}

#[tokio::test]
async fn under_entra_id_the_demo_sign_in_is_absent_and_the_page_is_told_to_use_msal() {
    let dist = built_app();
    let dir = dist.clone();
    let app = spawn_domains_with(IDENTITY, move |config| {
        config.web.dist_dir = dir;
        config.web.entra = Some(WebEntraConfig {
            tenant_id: "11111111-2222-3333-4444-555555555555".into(),
            client_id: Some("spa-client-id".into()),
            authority: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555"
                .into(),
            api_scope: "api://constructos/access_as_user".into(),
        });
    })
    .await;

    let (status, _, body) = get(&app, "/dev/people").await;
    assert_eq!(status, 404, "{body}");
    let token = send(
        app.client
            .post(format!("http://{}/dev/token", app.address))
            .json(&json!({ "subject": "naledi.finance" })),
    )
    .await;
    assert_eq!(token.status, 404);

    let (_, _, body) = get(&app, "/app-config.json").await;
    let config: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(
        config,
        json!({ "auth": {
            "mode": "entra",
            "tenantId": "11111111-2222-3333-4444-555555555555",
            "clientId": "spa-client-id",
            "authority": "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555",
            "apiScope": "api://constructos/access_as_user",
        } })
    );

    let (status, headers, body) = get(&app, "/sign-in").await;
    assert_page(status, &headers, &body, "/sign-in");
    let policy = header(&headers, "content-security-policy");
    assert!(
        policy.contains("connect-src 'self' https://login.microsoftonline.com;"),
        "{policy}"
    );

    app.stop().await;
    std::fs::remove_dir_all(dist).expect("clean up");
}
