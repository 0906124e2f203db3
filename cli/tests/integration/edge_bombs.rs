//! Requests whose cost is in what they expand to, not in their size: fragment bombs,
//! deep nesting and work past the deadline, through the real gateway. Each is refused
//! at once, and `/healthz` keeps answering while they run (GraphQL work has a runtime
//! of its own).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::harness::{spawn_domains_with, Response, TestApp, IDENTITY};

/// `fragment F{n} on Me { ...F{n-1} ...F{n-1} }` … `fragment F1 on Me { ...F0 ...F0 }`,
/// `fragment F0 on Me { subject }`: 2^levels fields in under 50 bytes a level.
fn fragment_bomb(levels: usize) -> String {
    let mut query = format!("query {{ me {{ ...F{levels} }} }}");
    for i in 1..=levels {
        query.push_str(&format!(
            " fragment F{i} on Me {{ ...F{p} ...F{p} }}",
            p = i - 1
        ));
    }
    query + " fragment F0 on Me { subject }"
}

/// `{ me { me { … subject … } } }`, `levels` deep.
fn nested(levels: usize) -> String {
    format!(
        "{{{} subject {}}}",
        "me { ".repeat(levels),
        "}".repeat(levels)
    )
}

/// Sends `query` and answers the response with how long it took.
async fn timed(app: &TestApp, token: &str, query: &str) -> (Response, Duration) {
    let started = Instant::now();
    let response = app.graphql(token, query, json!({})).await;
    (response, started.elapsed())
}

fn message(response: &Response) -> &str {
    response.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn fragment_bombs_and_deep_nesting_are_refused_at_once_while_health_checks_answer() {
    let app =
        spawn_domains_with(IDENTITY, |config| config.edge.body_limit_bytes = 512 * 1024).await;
    let token = app.token("erin", &["Employee"]);
    // Provision the user first, so the bombs time only themselves.
    app.graphql(&token, "{ me { subject } }", json!({}))
        .await
        .data();
    let deep = nested(30_000);
    assert!(deep.len() < 512 * 1024 && deep.len() > 64 * 1024);
    let cases = [
        (
            "the 30-level fragment bomb",
            fragment_bomb(29),
            "too complex",
        ),
        ("a 2^40 fragment bomb", fragment_bomb(40), "too complex"),
        ("a 30,000-level selection", deep, "more than 64 levels deep"),
    ];

    let done = AtomicBool::new(false);
    let bombs = async {
        let (a, b, c) = tokio::join!(
            timed(&app, &token, &cases[0].1),
            timed(&app, &token, &cases[1].1),
            timed(&app, &token, &cases[2].1),
        );
        done.store(true, Ordering::SeqCst);
        [a, b, c]
    };
    let health = async {
        let mut checks = Vec::new();
        loop {
            let started = Instant::now();
            let status = app
                .client
                .get(format!("http://{}/healthz", app.address))
                .send()
                .await
                .expect("healthz answered")
                .status();
            checks.push((status, started.elapsed()));
            if done.load(Ordering::SeqCst) {
                return checks;
            }
        }
    };
    let (answers, checks) = tokio::join!(bombs, health);

    for ((what, _, needle), (response, took)) in cases.iter().zip(&answers) {
        eprintln!("{what}: refused in {took:?}");
        assert_eq!(
            response.error_code(),
            Some("BAD_USER_INPUT"),
            "{what}: {}",
            response.body
        );
        assert!(
            message(response).contains(needle),
            "{what}: {}",
            response.body
        );
        assert!(message(response).len() < 200, "{what}: a short message");
        assert!(response.body["data"].is_null(), "{what}: nothing ran");
        assert!(*took < Duration::from_secs(1), "{what} took {took:?}");
    }
    for (status, took) in &checks {
        assert_eq!(*status, 200);
        assert!(
            *took < Duration::from_millis(100),
            "healthz took {took:?} during the bombs"
        );
    }
    // The gateway is still serving GraphQL afterwards.
    let me = app.graphql(&token, "{ me { subject } }", json!({})).await;
    assert_eq!(me.data()["me"]["subject"], "erin");
    app.stop().await;
}

#[tokio::test]
async fn fragment_chains_and_cycles_are_refused_with_a_clear_message() {
    let app = spawn_domains_with(IDENTITY, |_| {}).await;
    let token = app.token("erin", &["Employee"]);
    let mut chain = String::from("{ me { ...F0 } }");
    for i in 0..70 {
        chain.push_str(&format!(" fragment F{i} on Me {{ ...F{} }}", i + 1));
    }
    chain.push_str(" fragment F70 on Me { subject }");
    let refused = app.graphql(&token, &chain, json!({})).await;
    assert_eq!(
        refused.error_code(),
        Some("BAD_USER_INPUT"),
        "{}",
        refused.body
    );
    assert!(
        message(&refused).contains("more than 64 levels deep"),
        "{}",
        refused.body
    );

    let cycle = "{ me { ...A } } fragment A on Me { ...B } fragment B on Me { subject ...A }";
    let refused = app.graphql(&token, cycle, json!({})).await;
    assert_eq!(
        message(&refused),
        "fragment `A` spreads itself (directly or through other fragments)"
    );
    assert_eq!(refused.error_code(), Some("BAD_USER_INPUT"));
    // Ordinary fragments still run.
    let fine = app
        .graphql(
            &token,
            "{ me { ...A ...A } } fragment A on Me { subject ...B } fragment B on Me { roles }",
            json!({}),
        )
        .await;
    assert_eq!(fine.data()["me"]["subject"], "erin");
    app.stop().await;
}

#[tokio::test]
async fn a_request_past_its_deadline_answers_timeout_and_its_work_is_dropped() {
    let app = spawn_domains_with(IDENTITY, |config| {
        config.edge.graphql_deadline = Duration::from_secs(1)
    })
    .await;
    let token = app.token("thandi", &["Sales_Rep"]);
    app.graphql(&token, "{ me { subject } }", json!({}))
        .await
        .data();
    let events_before: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(&app.env.identity)
        .await
        .expect("count");

    // Hold the identity event store: the command cannot load or append until released.
    let mut lock = app.env.identity.begin().await.expect("transaction");
    sqlx::query("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
        .execute(&mut *lock)
        .await
        .expect("lock");
    let response = app
        .graphql(
            &token,
            "mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }",
            json!({ "input": { "kind": "CUSTOMER", "name": "Blocked Holdings" } }),
        )
        .await;
    lock.rollback().await.expect("release");

    assert_eq!(response.status, 504, "{}", response.body);
    assert_eq!(response.error_code(), Some("TIMEOUT"), "{}", response.body);
    assert!(
        message(&response).contains("did not finish within 1 s and was cancelled"),
        "{}",
        response.body
    );
    // The cancelled command never ran on: nothing was stored after the lock went.
    let health = app
        .client
        .get(format!("http://{}/healthz", app.address))
        .send()
        .await
        .expect("healthz");
    assert_eq!(health.status(), 200);
    let accounts = app
        .graphql(&token, "{ accounts { nodes { name } } }", json!({}))
        .await;
    let names: Vec<Value> = accounts.data()["accounts"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(names.is_empty(), "{names:?}");
    let events_after: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(&app.env.identity)
        .await
        .expect("count");
    assert_eq!(
        events_after, events_before,
        "the cancelled command stored nothing"
    );
    app.stop().await;
}
