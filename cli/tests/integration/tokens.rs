//! Every way a bearer token can be wrong gets a 401 with `WWW-Authenticate: Bearer`
//! and a JSON error, and no detail of why.

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use constructos_infra::auth::{Claims, DevIssuer, TokenRequest};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::json;

use crate::harness::{spawn_domains, TestApp, IDENTITY};

const ME: &str = "{ me { subject } }";

async fn assert_unauthorized(app: &TestApp, token: Option<&str>, case: &str) {
    let response = app.graphql_with(token, None, ME, json!({})).await;
    assert_eq!(response.status, 401, "{case}: {}", response.body);
    assert_eq!(
        response
            .headers
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer"),
        "{case}"
    );
    assert_eq!(response.error_code(), Some("UNAUTHENTICATED"), "{case}");
    assert_eq!(
        response.body["errors"][0]["message"], "a valid bearer token is required",
        "{case}: the refusal says nothing about why"
    );
}

fn request() -> TokenRequest {
    TokenRequest {
        subject: "mallory".to_string(),
        name: None,
        roles: vec!["Admin".to_string()],
        ttl: Duration::from_secs(600),
    }
}

/// A second issuer with the same names but its own key, in a folder of its own.
fn impostor(app: &TestApp) -> (DevIssuer, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("constructos-impostor-{}", uuid::Uuid::new_v4()));
    let issuer = DevIssuer::load_or_create(
        &dir,
        &app.env.config.dev_issuer_url(),
        app.env.config.dev_audience(),
    )
    .expect("impostor issuer");
    (issuer, dir)
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[tokio::test]
async fn a_valid_token_is_accepted() {
    let app = spawn_domains(IDENTITY).await;
    let token = app.issuer.mint(&request()).expect("token");
    let response = app.graphql(&token, ME, json!({})).await;
    assert_eq!(response.data()["me"]["subject"], "mallory");
    app.stop().await;
}

#[tokio::test]
async fn missing_and_malformed_tokens_are_refused() {
    let app = spawn_domains(IDENTITY).await;
    assert_unauthorized(&app, None, "no token").await;
    assert_unauthorized(&app, Some("not-a-jwt"), "garbage").await;
    // A valid token under another scheme.
    let token = app.issuer.mint(&request()).expect("token");
    let response = app
        .client
        .post(format!("http://{}/graphql", app.address))
        .header("authorization", format!("Basic {token}"))
        .json(&json!({ "query": ME }))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 401, "Basic scheme");
    app.stop().await;
}

#[tokio::test]
async fn expired_and_not_yet_valid_tokens_are_refused() {
    let app = spawn_domains(IDENTITY).await;
    let mut claims = app.issuer.claims(&request());
    claims.exp = now() - 3600;
    claims.nbf = Some(now() - 7200);
    assert_unauthorized(
        &app,
        Some(&app.issuer.sign(&claims).expect("sign")),
        "expired",
    )
    .await;

    let mut claims = app.issuer.claims(&request());
    claims.nbf = Some(now() + 3600);
    claims.exp = now() + 7200;
    assert_unauthorized(
        &app,
        Some(&app.issuer.sign(&claims).expect("sign")),
        "nbf in the future",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn tokens_for_another_audience_or_from_another_issuer_are_refused() {
    let app = spawn_domains(IDENTITY).await;
    let mut claims: Claims = app.issuer.claims(&request());
    claims.aud = json!("api://someone-else");
    assert_unauthorized(
        &app,
        Some(&app.issuer.sign(&claims).expect("sign")),
        "wrong audience",
    )
    .await;

    let mut claims = app.issuer.claims(&request());
    claims.iss = "https://login.microsoftonline.com/evil/v2.0".to_string();
    assert_unauthorized(
        &app,
        Some(&app.issuer.sign(&claims).expect("sign")),
        "wrong issuer",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn tokens_signed_by_an_unknown_key_are_refused() {
    let app = spawn_domains(IDENTITY).await;
    let (impostor, dir) = impostor(&app);
    let claims = impostor.claims(&request());
    assert_unauthorized(
        &app,
        Some(&impostor.sign(&claims).expect("sign")),
        "unknown kid",
    )
    .await;

    // The impostor's key under the real key's id: the signature does not verify.
    let pem = std::fs::read(dir.join("dev-issuer").join("signing-key.pem")).expect("impostor key");
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(app.issuer.kid().to_string());
    let forged = encode(
        &header,
        &claims,
        &EncodingKey::from_rsa_pem(&pem).expect("key"),
    )
    .expect("sign");
    assert_unauthorized(&app, Some(&forged), "forged kid").await;

    // A tampered payload under a genuine signature.
    let genuine = app.issuer.mint(&request()).expect("token");
    let parts: Vec<&str> = genuine.split('.').collect();
    let mut payload: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("payload")).expect("json");
    payload["roles"] = json!(["Admin", "Finance_Manager"]);
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        parts[2]
    );
    assert_unauthorized(&app, Some(&tampered), "tampered payload").await;
    let _ = std::fs::remove_dir_all(dir);
    app.stop().await;
}

#[tokio::test]
async fn unsigned_and_symmetric_tokens_are_refused() {
    let app = spawn_domains(IDENTITY).await;
    let claims = serde_json::to_vec(&app.issuer.claims(&request())).expect("claims");
    let header = json!({ "alg": "none", "typ": "JWT", "kid": app.issuer.kid() }).to_string();
    let unsigned = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(&claims)
    );
    assert_unauthorized(&app, Some(&unsigned), "alg none").await;

    // HS256 keyed with the public JWKS: the classic key-confusion attack.
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(app.issuer.kid().to_string());
    let secret = app.issuer.jwks().to_string();
    let hs = encode(
        &header,
        &app.issuer.claims(&request()),
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("sign");
    assert_unauthorized(&app, Some(&hs), "HS256").await;
    app.stop().await;
}

/// A JWKS endpoint the test can rotate, counting how often it is asked.
struct KeyServer {
    url: String,
    keys: std::sync::Arc<std::sync::Mutex<serde_json::Value>>,
    hits: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

async fn key_server(initial: serde_json::Value) -> KeyServer {
    use axum::routing::get;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    let keys = Arc::new(Mutex::new(initial));
    let hits = Arc::new(AtomicUsize::new(0));
    let (k, h) = (keys.clone(), hits.clone());
    let router = axum::Router::new().route(
        "/keys",
        get(move || {
            let (k, h) = (k.clone(), h.clone());
            async move {
                h.fetch_add(1, Ordering::SeqCst);
                let body = k.lock().expect("keys").clone();
                axum::Json(body)
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/keys", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, router).await });
    KeyServer { url, keys, hits }
}

fn validator_for(url: &str, min_refresh_secs: u64) -> constructos_infra::auth::TokenValidator {
    use constructos_infra::config::{AuthConfig, KeySource};
    constructos_infra::auth::TokenValidator::new(AuthConfig {
        issuers: vec!["https://issuer.test".into()],
        audiences: vec!["api://constructos".into()],
        tenants: vec![constructos_infra::auth::DEV_TENANT_ID.into()],
        keys: KeySource::Jwks(url.to_string()),
        required_scope: Some("access_as_user".into()),
        leeway_secs: 0,
        jwks_ttl_secs: 3600,
        jwks_min_refresh_secs: min_refresh_secs,
    })
}

fn test_issuer() -> DevIssuer {
    let dir = std::env::temp_dir().join(format!("constructos-rotation-{}", uuid::Uuid::new_v4()));
    let issuer = DevIssuer::load_or_create(&dir, "https://issuer.test", "api://constructos")
        .expect("issuer");
    let _ = std::fs::remove_dir_all(dir);
    issuer
}

#[tokio::test]
async fn keys_removed_from_the_jwks_stop_validating_after_a_refresh() {
    let (old, new) = (test_issuer(), test_issuer());
    let server = key_server(old.jwks()).await;
    let validator = validator_for(&server.url, 1);
    let old_token = old.mint(&request()).expect("token");
    let new_token = new.mint(&request()).expect("token");
    assert!(validator.validate(&old_token).await.is_ok());
    assert!(
        validator.validate(&new_token).await.is_err(),
        "not published yet"
    );

    // The identity provider rotates: only the new key is published.
    *server.keys.lock().expect("keys") = new.jwks();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert!(
        validator.validate(&new_token).await.is_ok(),
        "the unknown kid caused a refresh"
    );
    assert!(
        validator.validate(&old_token).await.is_err(),
        "the removed key no longer validates"
    );
}

/// The validator remembers tokens it accepted; a remembered token still expires.
#[tokio::test]
async fn a_remembered_token_is_refused_once_it_expires() {
    let issuer = test_issuer();
    let server = key_server(issuer.jwks()).await;
    let validator = validator_for(&server.url, 1);
    let mut claims = issuer.claims(&request());
    claims.exp = now() + 2;
    let token = issuer.sign(&claims).expect("token");
    assert!(validator.validate(&token).await.is_ok());
    assert!(validator.validate(&token).await.is_ok(), "remembered");
    tokio::time::sleep(Duration::from_millis(3100)).await;
    assert!(
        validator.validate(&token).await.is_err(),
        "expired, remembered or not"
    );
}

#[tokio::test]
async fn a_flood_of_unknown_key_ids_fetches_the_keys_at_most_once_per_interval() {
    let issuer = test_issuer();
    let server = key_server(issuer.jwks()).await;
    let validator = validator_for(&server.url, 60);
    let claims = issuer.claims(&request());
    let pem_dir = std::env::temp_dir().join(format!("constructos-flood-{}", uuid::Uuid::new_v4()));
    let other = DevIssuer::load_or_create(&pem_dir, "https://issuer.test", "api://constructos")
        .expect("issuer");
    let pem = std::fs::read(pem_dir.join("dev-issuer").join("signing-key.pem")).expect("pem");
    let key = EncodingKey::from_rsa_pem(&pem).expect("key");
    for i in 0..50 {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(format!("bogus-{i}"));
        let token = encode(&header, &claims, &key).expect("sign");
        assert!(validator.validate(&token).await.is_err());
    }
    assert!(validator
        .validate(&issuer.mint(&request()).expect("token"))
        .await
        .is_ok());
    assert_eq!(
        server.hits.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "one fetch for 51 tokens"
    );
    drop(other);
    let _ = std::fs::remove_dir_all(pem_dir);
}

#[tokio::test]
async fn tokens_of_another_tenant_or_without_the_scope_are_refused() {
    let issuer = test_issuer();
    let server = key_server(issuer.jwks()).await;
    let validator = validator_for(&server.url, 1);
    let mut claims = issuer.claims(&request());
    claims.tid = Some("11111111-2222-3333-4444-555555555555".into());
    let other_tenant = issuer.sign(&claims).expect("sign");
    assert!(matches!(
        validator.validate(&other_tenant).await,
        Err(constructos_infra::auth::AuthError::Tenant(_))
    ));
    let mut claims = issuer.claims(&request());
    claims.scp = Some("User.Read".into());
    let wrong_scope = issuer.sign(&claims).expect("sign");
    assert!(matches!(
        validator.validate(&wrong_scope).await,
        Err(constructos_infra::auth::AuthError::Scope(_))
    ));
    assert!(validator
        .validate(&issuer.mint(&request()).expect("token"))
        .await
        .is_ok());
}

#[tokio::test]
async fn the_gateway_refuses_a_token_of_another_tenant() {
    let app = spawn_domains(IDENTITY).await;
    let mut claims = app.issuer.claims(&request());
    claims.tid = Some("11111111-2222-3333-4444-555555555555".into());
    assert_unauthorized(
        &app,
        Some(&app.issuer.sign(&claims).expect("sign")),
        "wrong tenant",
    )
    .await;
    app.stop().await;
}
