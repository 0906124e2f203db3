//! Every way a bearer token can be wrong gets a 401 with `WWW-Authenticate: Bearer`
//! and a JSON error, and no detail of why.

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use constructos_infra::auth::{Claims, DevIssuer, TokenRequest};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::json;

use crate::harness::{spawn_app, TestApp};

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
        &app.env.config.auth.issuer,
        &app.env.config.auth.audience,
    )
    .expect("impostor issuer");
    (issuer, dir)
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[tokio::test]
async fn a_valid_token_is_accepted() {
    let app = spawn_app().await;
    let token = app.issuer.mint(&request()).expect("token");
    let response = app.graphql(&token, ME, json!({})).await;
    assert_eq!(response.data()["me"]["subject"], "mallory");
    app.stop().await;
}

#[tokio::test]
async fn missing_and_malformed_tokens_are_refused() {
    let app = spawn_app().await;
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
    let app = spawn_app().await;
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
    let app = spawn_app().await;
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
    let app = spawn_app().await;
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
    let app = spawn_app().await;
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
