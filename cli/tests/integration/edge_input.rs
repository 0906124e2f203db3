//! What the edge refuses about a request's form rather than its cost: bodies that are
//! not one JSON request, NUL characters in any string, and request ids a caller tries
//! to choose. Through the real gateway; refused commands store nothing.

use reqwest::RequestBuilder;
use serde_json::{json, Value};

use crate::harness::{send, spawn_app, spawn_app_as, Response, TestApp, Topology};

const ME: &str = "{ me { subject } }";

fn post(app: &TestApp, token: &str) -> RequestBuilder {
    app.client
        .post(format!("http://{}/graphql", app.address))
        .bearer_auth(token)
}

fn message(response: &Response) -> &str {
    response.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
}

/// Events stored in every domain.
async fn stored_events(app: &TestApp) -> i64 {
    let mut total = 0;
    for pool in app.env.pools.values() {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
            .fetch_one(pool)
            .await
            .expect("count");
        total += n;
    }
    total
}

#[tokio::test]
async fn only_json_bodies_are_executed_and_others_get_415() {
    let app = spawn_app().await;
    let token = app.token("alice", &["Sales_Rep"]);
    let body = json!({ "query": ME }).to_string();
    for content_type in [
        None,
        Some("text/plain"),
        Some("text/plain;charset=UTF-8"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/graphql"),
    ] {
        let mut request = post(&app, &token).body(body.clone());
        if let Some(value) = content_type {
            request = request.header("content-type", value);
        }
        let refused = send(request).await;
        assert_eq!(refused.status, 415, "{content_type:?}: {}", refused.body);
        assert_eq!(
            refused.body,
            json!({"errors":[{"message":"the request body must be JSON (Content-Type: application/json)","extensions":{"code":"BAD_USER_INPUT"}}]}),
            "{content_type:?}"
        );
    }
    // JSON with parameters runs, answered as JSON unless the client asks otherwise.
    let ok = send(
        post(&app, &token)
            .header("content-type", "application/json; charset=utf-8")
            .body(body.clone()),
    )
    .await;
    assert_eq!(ok.body["data"]["me"]["subject"], "alice", "{}", ok.body);
    assert_eq!(ok.headers["content-type"], "application/json");
    let graphql_json = send(
        post(&app, &token)
            .header("content-type", "application/json")
            .header(
                "accept",
                "application/graphql-response+json, application/json;q=0.9",
            )
            .body(body),
    )
    .await;
    assert_eq!(graphql_json.body["data"]["me"]["subject"], "alice");
    assert_eq!(
        graphql_json.headers["content-type"],
        "application/graphql-response+json"
    );
    app.stop().await;
}

#[tokio::test]
async fn json_that_is_not_one_request_gets_a_clean_400() {
    let app = spawn_app().await;
    let token = app.token("alice", &["Sales_Rep"]);
    for (body, why) in [
        ("[]", "batches are not accepted"),
        ("1", "it must be a JSON object"),
        ("{}", "`query` is missing"),
        (r#"{"query": 5}"#, "`query` must be a string"),
        (
            r#"{"query": "{ me { subject } }", "variables": "x"}"#,
            "`variables` must be an object",
        ),
        (
            r#"{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "ab"}}}"#,
            "`query` is missing",
        ),
    ] {
        let refused = send(
            post(&app, &token)
                .header("content-type", "application/json")
                .body(body),
        )
        .await;
        assert_eq!(refused.status, 400, "{body}: {}", refused.body);
        assert_eq!(refused.error_code(), Some("BAD_USER_INPUT"), "{body}");
        assert!(message(&refused).ends_with(why), "{body}: {}", refused.body);
        assert!(
            !message(&refused).contains("line"),
            "no parser output: {}",
            refused.body
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn a_nul_character_in_any_string_is_bad_user_input_and_stores_nothing() {
    let app = spawn_app().await;
    let token = app.token("ada", &["Admin"]);
    app.graphql(&token, ME, json!({})).await.data();
    let before = stored_events(&app).await;
    let cases = [
        (
            "mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }",
            json!({ "input": { "kind": "CUSTOMER", "name": "Nul\u{0} Holdings" } }),
            "variable `$input.name` contains a NUL character",
        ),
        (
            r#"mutation { createAccount(input: { kind: CUSTOMER, name: "Nul\u0000 Holdings" }) { id } }"#,
            json!({}),
            "argument `input.name` of `createAccount` contains a NUL character",
        ),
        (
            "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
            json!({ "input": { "code": "NUL-1", "name": "Nul", "siteId": "s\u{0}", "siteName": "Site" } }),
            "variable `$input.siteId` contains a NUL character",
        ),
        (
            "mutation($input: PostJournalInput!) { postJournal(input: $input) { id } }",
            json!({ "input": { "date": "2026-03-12", "narrative": "ok", "lines": [
                { "accountCode": "5200", "side": "DEBIT", "amount": "10.00" },
                { "accountCode": "2000", "side": "CREDIT", "amount": "10.00", "costCode": "\u{0}" }
            ] } }),
            "variable `$input.lines[1].costCode` contains a NUL character",
        ),
        (
            "mutation($csv: String!) { importBankStatement(csv: $csv, fileName: \"fnb.csv\") { imported } }",
            json!({ "csv": "Date,Description,Amount\n2026-05-21,EFT\u{0},100.00\n" }),
            "variable `$csv` contains a NUL character",
        ),
        (
            "query($after: String) { accounts(first: 5, after: $after) { nodes { id } } }",
            json!({ "after": "cursor\u{0}" }),
            "variable `$after` contains a NUL character",
        ),
        (
            r#"{ accounts(nameContains: "a\u0000") { nodes { id } } }"#,
            json!({}),
            "argument `nameContains` of `accounts` contains a NUL character",
        ),
        (
            r#"{ account(id: "\u0000") { id } }"#,
            json!({}),
            "argument `id` of `account` contains a NUL character",
        ),
    ];
    for (query, variables, expected) in cases {
        let refused = app.graphql(&token, query, variables).await;
        assert_eq!(refused.status, 200, "{query}");
        assert_eq!(
            refused.error_code(),
            Some("BAD_USER_INPUT"),
            "{query}: {}",
            refused.body
        );
        assert_eq!(message(&refused), expected, "{query}");
        assert!(refused.body["data"].is_null(), "{query}: nothing ran");
    }
    assert_eq!(
        stored_events(&app).await,
        before,
        "no refused command stored an event"
    );
    app.stop().await;
}

/// The event metadata of the account `id`.
async fn account_metadata(app: &TestApp, id: &str) -> Value {
    sqlx::query_scalar("SELECT metadata::jsonb FROM events WHERE aggregate_id = $1")
        .bind(id)
        .fetch_one(&app.env.identity)
        .await
        .expect("stored event")
}

#[tokio::test]
async fn a_callers_request_id_never_becomes_the_correlation_id() {
    let app = spawn_app().await;
    let token = app.token("thandi", &["Sales_Rep"]);
    let create = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { id correlationId } }";
    let long = format!("req-{}", "x".repeat(4_000));
    let mut seen_ids = Vec::new();
    for (n, (sent, kept)) in [
        (
            "forged-correlation-id",
            Some("forged-correlation-id".to_string()),
        ),
        (long.as_str(), Some(long[..64].to_string())),
        ("a b<c>/d", Some("abcd".to_string())),
        ("", None),
    ]
    .into_iter()
    .enumerate()
    {
        let response = app
            .graphql_with(
                Some(&token),
                Some(sent),
                create,
                json!({ "input": { "kind": "CUSTOMER", "name": format!("Request Id Holdings {n}") } }),
            )
            .await;
        let accepted = &response.data()["createAccount"];
        let correlation = accepted["correlationId"]
            .as_str()
            .expect("an id")
            .to_string();
        let answered = response.headers["x-request-id"].to_str().expect("ascii");
        assert_eq!(answered, correlation, "the response names the gateway's id");
        let minted = uuid::Uuid::parse_str(&correlation).expect("a UUID");
        assert_eq!(minted.get_version_num(), 7, "minted by the gateway");
        assert_ne!(correlation, sent);

        let id = accepted["id"].as_str().expect("id");
        let metadata = account_metadata(&app, id).await;
        assert_eq!(metadata["correlation_id"], correlation.as_str());
        assert_eq!(metadata["causation_id"], correlation.as_str());
        match kept {
            Some(kept) => assert_eq!(metadata["client_request_id"], kept.as_str(), "{sent:.80}"),
            None => assert!(metadata.get("client_request_id").is_none(), "{metadata}"),
        }
        seen_ids.push(correlation);
    }
    // A reused id: another request's correlation id sent back is only a client id.
    let reused = seen_ids[0].clone();
    let response = app
        .graphql_with(
            Some(&token),
            Some(&reused),
            create,
            json!({ "input": { "kind": "CUSTOMER", "name": "Reused Id Holdings" } }),
        )
        .await;
    let accepted = &response.data()["createAccount"];
    assert_ne!(accepted["correlationId"], reused.as_str());
    let metadata = account_metadata(&app, accepted["id"].as_str().expect("id")).await;
    assert_ne!(metadata["correlation_id"], reused.as_str());
    assert_eq!(metadata["client_request_id"], reused.as_str());
    seen_ids.push(
        metadata["correlation_id"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    );
    seen_ids.sort();
    seen_ids.dedup();
    assert_eq!(seen_ids.len(), 5, "every request got its own id");
    app.stop().await;
}

#[tokio::test]
async fn a_remote_service_stores_the_gateways_id_and_the_callers_sanitised_one() {
    let app = spawn_app_as(Topology::Split).await;
    let token = app.token("thandi", &["Sales_Rep"]);
    let response = app
        .graphql_with(
            Some(&token),
            Some("their id <42>"),
            "mutation($input: CreateAccountInput!) { createAccount(input: $input) { id correlationId } }",
            json!({ "input": { "kind": "CUSTOMER", "name": "Remote Id Holdings" } }),
        )
        .await;
    let accepted = &response.data()["createAccount"];
    let correlation = accepted["correlationId"].as_str().expect("id");
    assert_eq!(response.headers["x-request-id"], correlation);
    let metadata = account_metadata(&app, accepted["id"].as_str().expect("id")).await;
    assert_eq!(metadata["correlation_id"], correlation);
    assert_eq!(metadata["client_request_id"], "theirid42");

    app.stop().await;
}
