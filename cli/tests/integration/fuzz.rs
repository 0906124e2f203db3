//! The fuzz pass over the GraphQL edge (issue 9): generated arguments for every query
//! and mutation in the gateway's SDL, sent over HTTP with real signed tokens to the real
//! stack (PostgreSQL, broker, development issuer, gateway in this process). Every case
//! must hold to four rules:
//!
//! 1. no HTTP 5xx (and always a JSON answer);
//! 2. every error has a code, and none is `INTERNAL`;
//! 3. nothing panicked (a panic hook counts panics on the stack's threads);
//! 4. a mutation answered with an error and no data stored no event (nor did any query).
//!
//! At the end every read model must have applied every event (an event a projection
//! cannot apply would stall it for ever).
//!
//! Bounded for `make test`: 2,000 cases, seed 9 unless told otherwise. Environment:
//! `CONSTRUCTOS_FUZZ_CASES` (number of cases), `CONSTRUCTOS_FUZZ_SEED` (the generator's
//! seed, printed at the start), `CONSTRUCTOS_FUZZ_REPORT_ALL=1` (run every case, then
//! print every failure grouped into classes, then fail), `CONSTRUCTOS_FUZZ_TRACE=<field>`
//! or `all` (print every case of that operation) — by default the first failing case
//! ends the test, printed so that it can be replayed by hand.

mod report;
mod schema;
mod seed;
mod values;

use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use constructos_domain::access::Role;
use serde_json::{json, Value};
use sqlx::PgPool;

use crate::harness::{spawn_app_with, TestApp};
use report::Failure;
use schema::{OpKind, Operation, Schema};
use values::Gen;

/// The name of the threads the stack runs on, so the panic hook counts only theirs.
const STACK_THREAD: &str = "fuzz-stack";
const DEFAULT_CASES: usize = 2_000;
const DEFAULT_SEED: u64 = 9;

/// Panics seen on the stack's threads (and the test's own), with their messages.
static PANICS: AtomicUsize = AtomicUsize::new(0);
static PANIC_MESSAGES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Installs (once) a panic hook that counts panics on the stack's threads, then hands
/// every panic to the hook that was there before.
fn count_panics() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current();
            if thread.name().is_some_and(|n| n.starts_with(STACK_THREAD)) {
                PANICS.fetch_add(1, Ordering::SeqCst);
                if let Ok(mut messages) = PANIC_MESSAGES.lock() {
                    messages.push(info.to_string());
                }
            }
            previous(info);
        }));
    });
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

#[test]
fn every_query_and_mutation_survives_generated_arguments() {
    count_panics();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(STACK_THREAD)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(fuzz());
}

/// The tokens the cases use, one subject per role, re-minted before they expire.
struct Tokens {
    minted: Instant,
    by_role: Vec<(String, String)>,
}

impl Tokens {
    fn mint(app: &TestApp) -> Self {
        let by_role = Role::ALL
            .iter()
            .map(|role| {
                let name = role.as_str().to_string();
                let token = app.token(&format!("fuzz-{}", name.to_lowercase()), &[&name]);
                (name, token)
            })
            .collect();
        Self {
            minted: Instant::now(),
            by_role,
        }
    }

    fn admin(&self) -> &str {
        &self.by_role[0].1
    }
}

/// An answer as the fuzzer needs it: status, raw body, and the body as JSON if it is.
struct Answer {
    status: u16,
    /// The gateway's id for the request: its log names the cause of an error under it.
    request_id: String,
    raw: String,
    json: Option<Value>,
}

async fn send(
    client: &reqwest::Client,
    app: &TestApp,
    token: &str,
    query: &str,
    variables: &Value,
) -> Result<Answer, String> {
    let response = client
        .post(format!("http://{}/graphql", app.address))
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .map_err(|e| format!("no answer: {e}"))?;
    let status = response.status().as_u16();
    let request_id = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let raw = response.text().await.map_err(|e| format!("no body: {e}"))?;
    Ok(Answer {
        status,
        request_id,
        json: serde_json::from_str(&raw).ok(),
        raw,
    })
}

/// The newest event position in each of the test's databases (asked concurrently: this
/// runs after every case).
async fn positions(pools: &[PgPool]) -> Vec<i64> {
    let asks: Vec<_> = pools
        .iter()
        .cloned()
        .map(|pool| {
            tokio::spawn(async move {
                let (max,): (i64,) =
                    sqlx::query_as("SELECT coalesce(max(global_id), 0) FROM events")
                        .fetch_one(&pool)
                        .await
                        .expect("the event store answers");
                max
            })
        })
        .collect();
    let mut out = Vec::with_capacity(asks.len());
    for ask in asks {
        out.push(ask.await.expect("the position query ran"));
    }
    out
}

/// The events the fuzzer's own subjects stored after `before` (system work such as the
/// daily ledger anchor is not theirs).
async fn stored_since(pools: &[PgPool], before: &[i64]) -> Vec<String> {
    let mut out = Vec::new();
    for (pool, after) in pools.iter().zip(before) {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT aggregate_type, aggregate_id, event_type FROM events
              WHERE global_id > $1 AND metadata->>'subject' LIKE 'fuzz-%' ORDER BY global_id",
        )
        .bind(after)
        .fetch_all(pool)
        .await
        .expect("the event store answers");
        out.extend(
            rows.into_iter()
                .map(|(t, id, e)| format!("{e} on {t} {id}")),
        );
    }
    out
}

/// The rule broken by one answer, if any (rules 1 and 2).
fn broken_rule(answer: &Answer) -> Option<String> {
    if answer.status >= 500 {
        return Some(format!("HTTP {}", answer.status));
    }
    let Some(body) = &answer.json else {
        return Some(format!(
            "an answer that is not JSON (HTTP {})",
            answer.status
        ));
    };
    for error in body["errors"].as_array().into_iter().flatten() {
        match error["extensions"]["code"].as_str() {
            None => return Some("an error without a code".to_string()),
            Some("INTERNAL") => return Some("INTERNAL error".to_string()),
            Some(_) => {}
        }
    }
    None
}

/// Remembers the ids a successful answer names (`id`, `…Id`) for later cases to use,
/// labelled by the field's name or else by the operation's (`createAccount { id }`).
fn harvest(gen: &mut Gen, operation: &str, value: &Value) {
    match value {
        Value::Object(fields) => {
            for (name, v) in fields {
                match v.as_str() {
                    Some(id)
                        if name == "id" || (name.ends_with("Id") && name != "correlationId") =>
                    {
                        let label = match values::labels(name) {
                            [] => values::labels(operation),
                            named => named,
                        };
                        if operation.contains("LedgerAccount")
                            && !gen.pools.ledger_codes.iter().any(|c| c == id)
                        {
                            gen.pools.ledger_codes.push(id.to_string());
                        }
                        let project = operation.to_ascii_lowercase().contains("project");
                        let label = if project || name == "projectId" {
                            if !gen.pools.projects.iter().any(|p| p == id) {
                                gen.pools.projects.push(id.to_string());
                            }
                            "project"
                        } else {
                            label.first().copied().unwrap_or("object")
                        };
                        gen.pools.add_id(label, id);
                    }
                    _ => harvest(gen, operation, v),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| harvest(gen, operation, v)),
        _ => {}
    }
}

/// The order cases visit the operations in: round robin, operations with arguments
/// three times as often as those without (they have more to get wrong).
fn schedule(operations: &[Operation]) -> Vec<usize> {
    let mut order = Vec::new();
    for round in 0..3 {
        for (i, op) in operations.iter().enumerate() {
            if round == 0 || !op.args.is_empty() {
                order.push(i);
            }
        }
    }
    order
}

async fn fuzz() {
    let cases = env_or("CONSTRUCTOS_FUZZ_CASES", DEFAULT_CASES);
    let seed = env_or("CONSTRUCTOS_FUZZ_SEED", DEFAULT_SEED);
    let report_all = std::env::var("CONSTRUCTOS_FUZZ_REPORT_ALL").is_ok_and(|v| v == "1");
    // `CONSTRUCTOS_FUZZ_TRACE=<field>` (or `all`) prints every case of that operation.
    let trace = std::env::var("CONSTRUCTOS_FUZZ_TRACE").unwrap_or_default();
    let schema = Schema::parse(&constructos_gateway::sdl());
    let mutations = schema
        .operations
        .iter()
        .filter(|o| o.kind == OpKind::Mutation)
        .count();
    eprintln!(
        "fuzz: {cases} cases over {} operations ({mutations} mutations), seed {seed} \
         (CONSTRUCTOS_FUZZ_SEED), {}",
        schema.operations.len(),
        if report_all {
            "reporting all failures"
        } else {
            "stopping at the first failure (CONSTRUCTOS_FUZZ_REPORT_ALL=1 reports all)"
        }
    );
    assert!(
        mutations > 0 && schema.operations.len() > mutations,
        "the SDL has queries and mutations"
    );

    // Thousands of requests from one address and subject: lift the rate limits (their own
    // tests cover them), keep every other limit as configured.
    let app = spawn_app_with(|config| {
        let plenty = NonZeroU32::new(1_000_000).expect("non-zero");
        config.edge.rate_limit_ip_per_sec = plenty;
        config.edge.rate_limit_ip_burst = plenty;
        config.edge.rate_limit_subject_per_sec = plenty;
        config.edge.rate_limit_subject_burst = plenty;
    })
    .await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("an HTTP client");
    let mut tokens = Tokens::mint(&app);
    // Each subject's first request provisions its user (an event): do that now, so it is
    // never counted against a case.
    for (_, token) in &tokens.by_role {
        let answer = send(&client, &app, token, "{ me { subject } }", &json!({})).await;
        assert!(
            answer.is_ok_and(|a| a.status == 200),
            "the gateway answers `me`"
        );
    }
    let subjects = tokens
        .by_role
        .iter()
        .map(|(role, _)| format!("fuzz-{}", role.to_lowercase()))
        .collect();
    let pools = seed::seed(&app, tokens.admin(), subjects).await;
    eprintln!(
        "fuzz: seeded {} ids, {} projects, {} ledger codes",
        pools.ids.len(),
        pools.projects.len(),
        pools.ledger_codes.len()
    );
    let databases: Vec<PgPool> = app.env.pools.values().cloned().collect();
    let mut gen = Gen::new(seed, pools);
    let order = schedule(&schema.operations);
    let mut failures: Vec<Failure> = Vec::new();
    // Per operation, how its cases were answered: which ones never get past validation.
    let mut outcomes: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut refusals: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let started = Instant::now();
    // Cases run one after another and only they write, so each case's "after" is the
    // next one's "before".
    let mut before = positions(&databases).await;
    let mut checking = Duration::ZERO;

    for case in 0..cases {
        if tokens.minted.elapsed() > Duration::from_secs(300) {
            tokens = Tokens::mint(&app);
        }
        let op = &schema.operations[order[(case + seed as usize) % order.len()]];
        let args = gen.arguments(&schema, &op.field, &op.args);
        let (query, variables) = schema::request(&schema, op, &args);
        let (role, token) = if gen.chance(85) {
            tokens.by_role[0].clone()
        } else {
            let others = &tokens.by_role[1..];
            others[gen.pick(0..others.len())].clone()
        };

        let panics_before = PANICS.load(Ordering::SeqCst);
        let sent = send(&client, &app, &token, &query, &variables).await;
        let mut broken = Vec::new();
        let (status, request_id, raw, body) = match sent {
            Ok(answer) => {
                if let Some(rule) = broken_rule(&answer) {
                    broken.push((rule, String::new()));
                }
                let body = answer.json.unwrap_or(Value::Null);
                (answer.status, answer.request_id, answer.raw, body)
            }
            Err(e) => {
                broken.push((e.clone(), String::new()));
                (0, String::new(), e, Value::Null)
            }
        };
        let panics = PANICS.load(Ordering::SeqCst) - panics_before;
        if panics > 0 {
            let messages = PANIC_MESSAGES
                .lock()
                .map(|m| m.join("\n"))
                .unwrap_or_default();
            broken.push((format!("{panics} panic(s)"), messages));
        }
        let refused =
            body.get("errors").is_some() && body["data"].get(&op.field).is_none_or(Value::is_null);
        let sent_at = Instant::now();
        let after = positions(&databases).await;
        let stored = if after != before && (refused || op.kind == OpKind::Query) {
            stored_since(&databases, &before).await
        } else {
            Vec::new()
        };
        before = after;
        checking += sent_at.elapsed();
        if !stored.is_empty() {
            match op.kind {
                OpKind::Mutation if refused => broken.push((
                    format!("a refused command stored {} event(s)", stored.len()),
                    stored.join(", "),
                )),
                OpKind::Query => broken.push((
                    format!("a query stored {} event(s)", stored.len()),
                    stored.join(", "),
                )),
                OpKind::Mutation => {}
            }
        }
        let outcome = match body["errors"][0]["extensions"]["code"].as_str() {
            _ if !broken.is_empty() => "failed",
            Some(code) => code,
            None => "ok",
        };
        if trace == "all" || trace == op.field {
            eprintln!(
                "fuzz: case {case} as {role}: {query}\n  variables {variables}\n  answer {raw}"
            );
        }
        if let Some(message) = body["errors"][0]["message"].as_str() {
            let short: String = message.chars().take(120).collect();
            *refusals
                .entry(format!("{} {}", op.kind.keyword(), op.field))
                .or_default()
                .entry(short)
                .or_default() += 1;
        }
        *outcomes
            .entry(format!("{} {}", op.kind.keyword(), op.field))
            .or_default()
            .entry(outcome.to_string())
            .or_default() += 1;
        if body.get("errors").is_none() {
            harvest(&mut gen, &op.field, &body["data"]);
        }
        for (what, detail) in broken {
            let failure = Failure {
                case,
                operation: format!("{} {}", op.kind.keyword(), op.field),
                what,
                role: role.clone(),
                query: query.clone(),
                variables: variables.clone(),
                status,
                request_id: request_id.clone(),
                answer: raw.clone(),
                tags: gen.tags.clone(),
                detail,
            };
            if !report_all {
                panic!(
                    "fuzz (seed {seed}) broke a rule:\n{}\nrerun with CONSTRUCTOS_FUZZ_REPORT_ALL=1 to see every failure",
                    failure.describe()
                );
            }
            failures.push(failure);
        }
    }
    let elapsed = started.elapsed();
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    for (operation, answers) in &outcomes {
        eprintln!("fuzz: {operation}: {answers:?}");
        for (outcome, n) in answers {
            *totals.entry(outcome).or_default() += n;
        }
    }
    let never_ok: Vec<&String> = outcomes
        .iter()
        .filter(|(_, answers)| !answers.contains_key("ok"))
        .map(|(operation, _)| operation)
        .collect();
    eprintln!("fuzz: never answered without an error: {never_ok:?}");
    for operation in never_ok {
        if let Some((message, n)) = refusals
            .get(operation)
            .and_then(|m| m.iter().max_by_key(|(_, n)| **n))
        {
            eprintln!("fuzz:   {operation} most often ({n}x): {message}");
        }
    }
    eprintln!(
        "fuzz: {cases} cases in {:.1} s ({:.0} per second, {:.1} s of it checking the event \
         stores); outcomes {totals:?}",
        elapsed.as_secs_f64(),
        cases as f64 / elapsed.as_secs_f64().max(0.001),
        checking.as_secs_f64()
    );

    // Every event stored must reach the read models that follow its topic.
    let stalled = read_models_caught_up(&app).await;
    if let Some(stalled) = stalled {
        let failure = Failure {
            case: cases,
            operation: "read models".into(),
            what: "events no projection applied".into(),
            role: String::new(),
            query: String::new(),
            variables: Value::Null,
            status: 0,
            request_id: String::new(),
            answer: String::new(),
            tags: Vec::new(),
            detail: stalled,
        };
        if !report_all {
            panic!("fuzz (seed {seed}):\n{}", failure.describe());
        }
        failures.push(failure);
    }
    assert!(
        failures.is_empty(),
        "fuzz (seed {seed}) found failures:\n{}",
        report::summary(&failures)
    );
    assert_eq!(
        PANICS.load(Ordering::SeqCst),
        0,
        "no panic on the stack's threads"
    );
    app.stop().await;
}

/// `None` once every event of each database has been applied by the projections that
/// follow its topic; otherwise (after [`crate::harness::EVENTUALLY`]) which are stuck.
async fn read_models_caught_up(app: &TestApp) -> Option<String> {
    let env = &app.env;
    // (the database whose read model applies, the database whose events it follows)
    let followers = [
        (&env.identity, &env.identity, "identity"),
        (&env.orders, &env.orders, "orders"),
        (&env.hr, &env.hr, "hr"),
        (&env.finance, &env.finance, "finance"),
        (&env.orders, &env.identity, "identity → orders"),
        (&env.hr, &env.identity, "identity → hr"),
    ];
    let check = || async {
        let mut stuck = Vec::new();
        for (reader, source, name) in followers {
            let events: Vec<(sqlx::types::Uuid, String, String)> = sqlx::query_as(
                "SELECT event_id, event_type, left(payload::text, 300) FROM events ORDER BY global_id",
            )
            .fetch_all(source)
            .await
            .expect("events");
            let applied: Vec<(sqlx::types::Uuid,)> =
                sqlx::query_as("SELECT DISTINCT event_id FROM read_model.applied_events")
                    .fetch_all(reader)
                    .await
                    .expect("applied events");
            let applied: std::collections::HashSet<_> = applied.into_iter().map(|(e,)| e).collect();
            let missing: Vec<String> = events
                .into_iter()
                .filter(|(id, _, _)| !applied.contains(id))
                .map(|(_, t, payload)| format!("{t} {payload}"))
                .collect();
            if !missing.is_empty() {
                stuck.push(format!(
                    "{name}: {} event(s) not applied (the projection's log says why), the first: {}",
                    missing.len(),
                    missing[0]
                ));
            }
        }
        stuck
    };
    let deadline = Instant::now() + crate::harness::EVENTUALLY;
    loop {
        let stuck = check().await;
        if stuck.is_empty() {
            return None;
        }
        if Instant::now() > deadline {
            return Some(stuck.join("; "));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
