//! The gateway's edge, end to end over loopback: rate limits, security headers, CORS,
//! body and operation limits, development mode off, tokens in URLs, persisted operations
//! and error codes. Rate-limit tests use tiny buckets and send at most ten requests.

use std::num::NonZeroU32;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use reqwest::header::{HeaderMap, ORIGIN};
use reqwest::RequestBuilder;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::harness::{send, spawn_domains, spawn_domains_with, Response, TestApp, IDENTITY};

const ME: &str = "{ me { subject } }";
const WEB_APP: &str = "https://app.example.co.za";

fn non_zero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).expect("non-zero")
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn post(app: &TestApp, path: &str) -> RequestBuilder {
    app.client.post(format!("http://{}{path}", app.address))
}

/// `POST /graphql` with `body` as JSON and `token`.
async fn graphql_json(app: &TestApp, token: &str, body: Value) -> Response {
    send(post(app, "/graphql").bearer_auth(token).json(&body)).await
}

fn assert_refused(response: &Response, code: &str, needle: &str) {
    assert_eq!(response.error_code(), Some(code), "{}", response.body);
    let message = response.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains(needle), "{needle:?} in {}", response.body);
}

fn assert_rate_limited(response: &Response) {
    assert_eq!(response.status, 429, "{}", response.body);
    let retry_after: u64 = header(&response.headers, "retry-after")
        .expect("Retry-After")
        .parse()
        .expect("Retry-After in whole seconds");
    assert!((1..=60).contains(&retry_after), "Retry-After {retry_after}");
    assert_eq!(
        response.body,
        json!({"errors":[{"message":"too many requests","extensions":{"code":"RATE_LIMITED"}}]})
    );
}

#[tokio::test]
async fn a_client_ip_over_its_burst_gets_429_with_retry_after_but_health_checks_do_not() {
    let app = spawn_domains_with(IDENTITY, |config| {
        config.edge.rate_limit_ip_per_sec = non_zero(1);
        config.edge.rate_limit_ip_burst = non_zero(3);
    })
    .await;
    let token = app.token("alice", &["Sales_Rep"]);
    let run = async {
        let mut statuses = Vec::new();
        let mut limited = None;
        for _ in 0..10 {
            let response = app.graphql(&token, ME, json!({})).await;
            statuses.push(response.status.as_u16());
            if response.status == 429 {
                limited = Some(response);
                break;
            }
        }
        (statuses, limited)
    };
    let (statuses, limited) = tokio::time::timeout(Duration::from_secs(20), run)
        .await
        .expect("ten requests in time");
    assert_eq!(&statuses[..3], &[200, 200, 200], "the burst is served");
    assert_rate_limited(&limited.expect("a 429 within ten requests"));

    // The IP bucket is checked before authentication: no token, still 429.
    let anonymous = send(post(&app, "/graphql").json(&json!({ "query": ME }))).await;
    assert_rate_limited(&anonymous);
    for path in ["/healthz", "/readyz"] {
        let health = send(app.client.get(format!("http://{}{path}", app.address))).await;
        assert_eq!(health.status, 200, "{path} is not rate limited");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_subject_over_its_burst_gets_429_while_another_subject_is_served() {
    let app = spawn_domains_with(IDENTITY, |config| {
        config.edge.rate_limit_subject_per_sec = non_zero(1);
        config.edge.rate_limit_subject_burst = non_zero(2);
    })
    .await;
    let alice = app.token("alice", &["Sales_Rep"]);
    let bob = app.token("bob", &["Sales_Rep"]);
    let mut limited = None;
    for _ in 0..6 {
        let response = app.graphql(&alice, ME, json!({})).await;
        if response.status == 429 {
            limited = Some(response);
            break;
        }
        assert_eq!(response.data()["me"]["subject"], "alice");
    }
    assert_rate_limited(&limited.expect("alice is limited within six requests"));
    // Another token for the same subject shares the bucket.
    let alice_again = app.token("alice", &["Finance_User"]);
    assert_rate_limited(&app.graphql(&alice_again, ME, json!({})).await);
    let response = app.graphql(&bob, ME, json!({})).await;
    assert_eq!(response.data()["me"]["subject"], "bob");
    app.stop().await;
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_graphiql_its_own_policy() {
    let app = spawn_domains_with(IDENTITY, |config| config.dev_mode = true).await;
    let token = app.token("alice", &["Sales_Rep"]);
    let ok = app.graphql(&token, ME, json!({})).await;
    let unauthenticated = send(post(&app, "/graphql").json(&json!({ "query": ME }))).await;
    let health = send(app.client.get(format!("http://{}/healthz", app.address))).await;
    assert_eq!(ok.status, 200);
    assert_eq!(unauthenticated.status, 401);
    for (what, response) in [
        ("200", &ok),
        ("401", &unauthenticated),
        ("healthz", &health),
    ] {
        let h = &response.headers;
        assert_eq!(
            header(h, "strict-transport-security"),
            Some("max-age=31536000; includeSubDomains"),
            "{what}"
        );
        assert_eq!(
            header(h, "x-content-type-options"),
            Some("nosniff"),
            "{what}"
        );
        assert_eq!(header(h, "referrer-policy"), Some("no-referrer"), "{what}");
        assert_eq!(header(h, "x-frame-options"), Some("DENY"), "{what}");
        assert_eq!(
            header(h, "content-security-policy"),
            Some("default-src 'none'; frame-ancestors 'none'"),
            "{what}"
        );
    }

    let page = app
        .client
        .get(format!("http://{}/graphql", app.address))
        .send()
        .await
        .expect("GraphiQL");
    assert_eq!(page.status(), 200);
    let policy = header(page.headers(), "content-security-policy")
        .expect("a policy")
        .to_string();
    assert_eq!(header(page.headers(), "x-frame-options"), Some("DENY"));
    let html = page.text().await.expect("html");
    let script_start = html.rfind("<script>").expect("the inline script") + "<script>".len();
    let script_end = script_start + html[script_start..].find("</script>").expect("its end");
    let hash = STANDARD.encode(Sha256::digest(&html[script_start..script_end]));
    assert!(
        policy.contains(&format!("script-src https://unpkg.com 'sha256-{hash}'")),
        "{policy}"
    );
    assert!(policy.contains("connect-src 'self'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("unsafe-eval"), "{policy}");

    // Development mode serves introspection (the production test below checks it is off).
    let schema = app
        .graphql(&token, "{ __schema { queryType { name } } }", json!({}))
        .await;
    assert_eq!(schema.data()["__schema"]["queryType"]["name"], "Query");
    app.stop().await;
}

#[tokio::test]
async fn cors_answers_the_configured_origin_and_nobody_else() {
    let app = spawn_domains_with(IDENTITY, |config| {
        config.edge.cors_origins = vec![WEB_APP.to_string()]
    })
    .await;
    let preflight = |origin: &str| {
        app.client
            .request(
                reqwest::Method::OPTIONS,
                format!("http://{}/graphql", app.address),
            )
            .header(ORIGIN, origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type,x-request-id",
            )
    };
    let allowed = send(preflight(WEB_APP)).await;
    assert!(allowed.status.is_success(), "{}", allowed.status);
    let h = &allowed.headers;
    assert_eq!(header(h, "access-control-allow-origin"), Some(WEB_APP));
    let methods = header(h, "access-control-allow-methods").expect("methods");
    for method in ["GET", "POST", "OPTIONS"] {
        assert!(methods.contains(method), "{methods}");
    }
    let headers = header(h, "access-control-allow-headers")
        .expect("headers")
        .to_ascii_lowercase();
    for name in ["authorization", "content-type", "x-request-id"] {
        assert!(headers.contains(name), "{headers}");
    }
    assert!(h.get("access-control-allow-credentials").is_none());

    let refused = send(preflight("https://evil.example.com")).await;
    assert!(refused.headers.get("access-control-allow-origin").is_none());

    let token = app.token("alice", &["Sales_Rep"]);
    let actual = send(
        post(&app, "/graphql")
            .bearer_auth(&token)
            .header(ORIGIN, WEB_APP)
            .json(&json!({ "query": ME })),
    )
    .await;
    assert_eq!(actual.status, 200);
    assert_eq!(
        header(&actual.headers, "access-control-allow-origin"),
        Some(WEB_APP)
    );
    assert_eq!(
        header(&actual.headers, "access-control-expose-headers"),
        Some("x-request-id")
    );
    app.stop().await;
}

#[tokio::test]
async fn without_configured_origins_there_are_no_cors_headers() {
    let app = spawn_domains(IDENTITY).await;
    let token = app.token("alice", &["Sales_Rep"]);
    let response = send(
        post(&app, "/graphql")
            .bearer_auth(&token)
            .header(ORIGIN, WEB_APP)
            .json(&json!({ "query": ME })),
    )
    .await;
    assert_eq!(response.status, 200);
    assert!(
        !response
            .headers
            .keys()
            .any(|k| k.as_str().starts_with("access-control-")),
        "{:?}",
        response.headers
    );
    app.stop().await;
}

/// A raw HTTP/1.1 request with a chunked body (no Content-Length); returns the status.
async fn chunked_post(app: &TestApp, token: &str, body: &[u8]) -> u16 {
    let mut stream = tokio::net::TcpStream::connect(app.address)
        .await
        .expect("connect");
    let mut request = format!(
        "POST /graphql HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n",
        app.address,
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request.extend_from_slice(b"\r\n0\r\n\r\n");
    stream.write_all(&request).await.expect("write");
    let mut answer = vec![0u8; 1024];
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer))
        .await
        .expect("an answer in time")
        .expect("read");
    let status_line = String::from_utf8_lossy(&answer[..read]).to_string();
    status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {status_line:?}"))
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413() {
    let app = spawn_domains_with(IDENTITY, |config| config.edge.body_limit_bytes = 2048).await;
    let token = app.token("alice", &["Sales_Rep"]);
    let padded = format!("{ME}{}", " ".repeat(4096));
    let response = graphql_json(&app, &token, json!({ "query": padded })).await;
    assert_eq!(response.status, 413);
    assert_refused(&response, "BAD_USER_INPUT", "too large");
    // Checked before authentication when the length is declared.
    let anonymous = send(post(&app, "/graphql").json(&json!({ "query": padded }))).await;
    assert_eq!(anonymous.status, 413);
    // A streamed body is cut off at the limit.
    let streamed = json!({ "query": padded }).to_string();
    assert_eq!(chunked_post(&app, &token, streamed.as_bytes()).await, 413);
    // Under the limit, streamed or not, it runs.
    let small = json!({ "query": ME }).to_string();
    assert_eq!(chunked_post(&app, &token, small.as_bytes()).await, 200);
    let response = graphql_json(&app, &token, json!({ "query": ME })).await;
    assert_eq!(response.data()["me"]["subject"], "alice");
    app.stop().await;
}

#[tokio::test]
async fn alias_bombs_and_too_many_root_fields_are_refused() {
    let app = spawn_domains(IDENTITY).await;
    let token = app.token("alice", &["Sales_Rep"]);
    let aliases = |n: usize| {
        (0..n)
            .map(|i| format!("s{i}: subject"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let at_limit = app
        .graphql(
            &token,
            &format!("{{ me {{ {} }} }}", aliases(30)),
            json!({}),
        )
        .await;
    assert_eq!(at_limit.data()["me"]["s29"], "alice");

    let bomb = app
        .graphql(
            &token,
            &format!("{{ me {{ {} }} }}", aliases(500)),
            json!({}),
        )
        .await;
    assert_refused(&bomb, "BAD_USER_INPUT", "500 aliases");
    assert!(bomb.body["data"].is_null(), "nothing ran: {}", bomb.body);

    // The same bomb through a fragment spread many times.
    let fragment = format!(
        "{{ me {{ ...F ...F ...F ...F }} }} fragment F on Me {{ {} }}",
        aliases(10)
    );
    let bomb = app.graphql(&token, &fragment, json!({})).await;
    assert_refused(&bomb, "BAD_USER_INPUT", "40 aliases");

    let roots = (0..21)
        .map(|i| format!("m{i}: __typename"))
        .collect::<Vec<_>>()
        .join(" ");
    let wide = app
        .graphql(&token, &format!("{{ {roots} }}"), json!({}))
        .await;
    assert_refused(&wide, "BAD_USER_INPUT", "21 root fields");
    app.stop().await;
}

#[tokio::test]
async fn operations_deeper_or_more_complex_than_the_limits_are_refused() {
    let app = spawn_domains_with(IDENTITY, |config| {
        config.edge.graphql_max_depth = 2;
        config.edge.graphql_max_complexity = 5;
    })
    .await;
    let token = app.token("alice", &["Sales_Rep"]);
    let shallow = app
        .graphql(&token, "{ me { subject roles } }", json!({}))
        .await;
    assert_eq!(shallow.data()["me"]["subject"], "alice");

    let deep = app
        .graphql(
            &token,
            "{ accounts(first: 1) { nodes { contacts { id } } } }",
            json!({}),
        )
        .await;
    assert_refused(&deep, "BAD_USER_INPUT", "nested too deep");

    let complex = app
        .graphql(
            &token,
            "{ me { subject roles name username objectId tenantId } }",
            json!({}),
        )
        .await;
    assert_refused(&complex, "BAD_USER_INPUT", "too complex");
    app.stop().await;
}

#[tokio::test]
async fn without_development_mode_introspection_and_graphiql_are_off() {
    let app = spawn_domains_with(IDENTITY, |config| config.dev_mode = false).await;
    let token = app.token("alice", &["Sales_Rep"]);
    for query in [
        "{ __schema { queryType { name } } }",
        "{ __type(name: \"Account\") { name fields { name } } }",
    ] {
        let response = app.graphql(&token, query, json!({})).await;
        assert_eq!(response.status, 200);
        assert_eq!(
            response.error_code(),
            Some("BAD_USER_INPUT"),
            "{query}: {}",
            response.body
        );
        assert!(
            response.body["data"].is_null(),
            "{query}: {}",
            response.body
        );
    }
    // Ordinary queries still run.
    let me = app.graphql(&token, ME, json!({})).await;
    assert_eq!(me.data()["me"]["subject"], "alice");

    let page = app
        .client
        .get(format!("http://{}/graphql", app.address))
        .send()
        .await
        .expect("answer");
    assert!(
        page.status() == 404 || page.status() == 405,
        "GET /graphql: {}",
        page.status()
    );
    let html = page.text().await.unwrap_or_default();
    assert!(!html.contains("GraphiQL"));
    app.stop().await;
}

#[tokio::test]
async fn a_token_in_the_query_string_is_refused_even_with_a_valid_header() {
    let app = spawn_domains(IDENTITY).await;
    let token = app.token("alice", &["Sales_Rep"]);
    for parameter in ["access_token", "token"] {
        let response = send(
            post(&app, &format!("/graphql?{parameter}={token}"))
                .bearer_auth(&token)
                .json(&json!({ "query": ME })),
        )
        .await;
        assert_eq!(response.status, 401, "?{parameter}=");
        assert_eq!(response.error_code(), Some("UNAUTHENTICATED"));
        assert_eq!(
            header(&response.headers, "www-authenticate"),
            Some("Bearer")
        );
    }
    let response = send(
        post(&app, "/graphql")
            .bearer_auth(&token)
            .json(&json!({ "query": ME })),
    )
    .await;
    assert_eq!(response.data()["me"]["subject"], "alice");
    app.stop().await;
}

#[tokio::test]
async fn persisted_operations_admit_listed_ones_only() {
    let listed_hash = hex::encode(Sha256::digest(ME.as_bytes()));
    let file = std::env::temp_dir().join(format!(
        "constructos-persisted-{}.json",
        uuid::Uuid::new_v4()
    ));
    std::fs::write(&file, json!({ &listed_hash: ME }).to_string()).expect("write list");
    let path = file.clone();
    let app = spawn_domains_with(IDENTITY, move |config| {
        config.edge.persisted_queries_file = Some(path)
    })
    .await;
    let token = app.token("alice", &["Sales_Rep"]);

    let by_text = app.graphql(&token, ME, json!({})).await;
    assert_eq!(by_text.data()["me"]["subject"], "alice");

    let by_hash = graphql_json(
        &app,
        &token,
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": listed_hash } } }),
    )
    .await;
    assert_eq!(by_hash.data()["me"]["subject"], "alice");

    let other = app.graphql(&token, "{ me { roles } }", json!({})).await;
    assert_refused(&other, "FORBIDDEN", "operation not allow-listed");
    assert!(other.body["data"].is_null());

    let unknown_hash = graphql_json(
        &app,
        &token,
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "00".repeat(32) } } }),
    )
    .await;
    assert_refused(&unknown_hash, "FORBIDDEN", "operation not allow-listed");
    app.stop().await;
    let _ = std::fs::remove_file(file);
}

#[tokio::test]
async fn engine_and_request_errors_carry_bad_user_input_and_no_internals() {
    let app = spawn_domains(IDENTITY).await;
    let token = app.token("alice", &["Sales_Rep"]);
    for query in [
        "{ me { subject ",
        "{ me { nope } }",
        "{ accounts(first: \"x\") { nodes { id } } }",
    ] {
        let response = app.graphql(&token, query, json!({})).await;
        assert_eq!(
            response.error_code(),
            Some("BAD_USER_INPUT"),
            "{query}: {}",
            response.body
        );
    }
    let garbage = send(
        post(&app, "/graphql")
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body("{\"query\": "),
    )
    .await;
    assert_eq!(garbage.status, 400);
    assert_eq!(
        garbage.body,
        json!({"errors":[{"message":"the body is not a GraphQL request","extensions":{"code":"BAD_USER_INPUT"}}]})
    );
    let batch = graphql_json(&app, &token, json!([{ "query": ME }, { "query": ME }])).await;
    assert_eq!(batch.status, 400, "batches are refused");
    app.stop().await;
}
