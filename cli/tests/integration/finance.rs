//! The general ledger end to end through the gateway with real tokens: posting and the
//! trial balance, who may do what, reversals, closed periods, ledger history, and the
//! hash chain catching an edited event.

use constructos::seed;
use constructos_domain::finance::FinancialCalendar;
use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, TestApp, FINANCE};

const POST: &str =
    "mutation($input: PostJournalInput!) { postJournal(input: $input) { id correlationId } }";

pub fn line(code: &str, side: &str, amount: &str) -> Value {
    json!({ "accountCode": code, "side": side, "amount": amount, "projectId": "PRJ-2026-014" })
}

pub async fn post(
    app: &TestApp,
    token: &str,
    date: &str,
    narrative: &str,
    lines: Vec<Value>,
) -> String {
    let r = app
        .graphql(
            token,
            POST,
            json!({ "input": { "date": date, "narrative": narrative, "lines": lines } }),
        )
        .await;
    r.data()["postJournal"]["id"]
        .as_str()
        .expect("journal id")
        .to_string()
}

pub async fn seeded(app: &TestApp) {
    let opened = seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart seeded");
    assert_eq!(opened, 27);
    let again = seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("seeding again");
    assert_eq!(again, 0, "seeding is idempotent");
    // The project the journal lines are costed to, as orders' topic tells finance.
    app.project_event_known_to_finance("PRJ-2026-014", "PRJ-2026-014", "site-pmb")
        .await;
}

pub async fn trial_balance(app: &TestApp, token: &str, as_at: &str, journals: usize) -> Value {
    // Wait for the journals first, then ask for the trial balance in a request of its
    // own: root fields of one request resolve concurrently, so a balance read beside the
    // journal count could predate a journal the count already sees.
    eventually("the journals reach the read model", || async {
        let r = app
            .graphql(
                token,
                "query($d: NaiveDate!) { journals(to: $d) { id } }",
                json!({ "d": as_at }),
            )
            .await;
        (r.data()["journals"].as_array().map(Vec::len) == Some(journals)).then_some(())
    })
    .await;
    let query = "query($d: NaiveDate!) { trialBalance(asAt: $d) { totalDebit totalCredit lines { code debit credit } } }";
    app.graphql(token, query, json!({ "d": as_at }))
        .await
        .data()["trialBalance"]
        .clone()
}

fn balance_of(tb: &Value, code: &str) -> (String, String) {
    let line = tb["lines"]
        .as_array()
        .and_then(|ls| ls.iter().find(|l| l["code"] == code))
        .cloned()
        .unwrap_or_else(|| json!({ "debit": "0.00", "credit": "0.00" }));
    (
        line["debit"].as_str().unwrap_or_default().to_string(),
        line["credit"].as_str().unwrap_or_default().to_string(),
    )
}

#[tokio::test]
async fn a_finance_user_posts_journals_and_reads_the_trial_balance_as_at_any_date() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    // March: cement on credit, with VAT. April: a progress claim to the customer.
    post(
        &app,
        &user,
        "2026-03-10",
        "Highveld Cement invoice 4411",
        vec![
            line("5100", "DEBIT", "10000.00"),
            line("1200", "DEBIT", "1500.00"),
            line("2000", "CREDIT", "11500.00"),
        ],
    )
    .await;
    post(
        &app,
        &user,
        "2026-04-05",
        "Progress claim 3, Menlyn",
        vec![
            line("1100", "DEBIT", "23000.00"),
            line("4000", "CREDIT", "20000.00"),
            line("2100", "CREDIT", "3000.00"),
        ],
    )
    .await;

    let march = trial_balance(&app, &user, "2026-03-31", 1).await;
    assert_eq!(march["totalDebit"], "11500.00");
    assert_eq!(march["totalCredit"], "11500.00");
    assert_eq!(
        balance_of(&march, "2000"),
        ("0.00".into(), "11500.00".into())
    );
    assert_eq!(
        balance_of(&march, "4000"),
        ("0.00".into(), "0.00".into()),
        "April is not in March"
    );

    let april = trial_balance(&app, &user, "2026-04-30", 2).await;
    assert_eq!(april["totalDebit"], "34500.00");
    assert_eq!(april["totalCredit"], "34500.00");
    assert_eq!(
        balance_of(&april, "4000"),
        ("0.00".into(), "20000.00".into())
    );

    // The domain's rules surface as BAD_USER_INPUT; amounts are strings with two places.
    let r = app
        .graphql(&user, POST, json!({ "input": { "date": "2026-04-06", "narrative": "Unbalanced", "lines": [line("1000", "DEBIT", "10.00"), line("4000", "CREDIT", "9.99")] } }))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    let r = app
        .graphql(&user, POST, json!({ "input": { "date": "2026-04-06", "narrative": "Too precise", "lines": [line("1000", "DEBIT", "10.005"), line("4000", "CREDIT", "10.005")] } }))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);

    // A site manager reaches none of it.
    let site = app.token("sipho", &["Site_Manager"]);
    let r = app
        .graphql(&site, POST, json!({ "input": { "date": "2026-04-06", "narrative": "Nope", "lines": [line("1000", "DEBIT", "1.00"), line("4000", "CREDIT", "1.00")] } }))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
    let r = app
        .graphql(
            &site,
            "{ trialBalance(asAt: \"2026-04-30\") { totalDebit } }",
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
    app.stop().await;
}

#[tokio::test]
async fn an_auditor_reads_ledger_history_and_cannot_post_and_reversals_restore_balances() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let auditor = app.token("anele", &["Auditor"]);
    let r = app
        .graphql_with(Some(&user), Some("req-plant-hire-7"), POST, json!({ "input": { "date": "2026-03-12", "narrative": "Karoo Plant Hire, excavator", "lines": [line("5200", "DEBIT", "8200.00"), line("2000", "CREDIT", "8200.00")] } }))
        .await;
    let id = r.data()["postJournal"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    // The gateway's id, not the caller's "req-plant-hire-7", is the correlation id.
    let request_id = r.headers["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_string();
    let r = app
        .graphql(
            &user,
            "mutation($id: ID!) { reverseJournal(id: $id, date: \"2026-03-20\") { id } }",
            json!({ "id": id }),
        )
        .await;
    let reversal = r.data()["reverseJournal"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    // Neither twice, nor the reversal itself.
    for target in [&id, &reversal] {
        let r = app
            .graphql(
                &user,
                "mutation($id: ID!) { reverseJournal(id: $id, date: \"2026-03-21\") { id } }",
                json!({ "id": target }),
            )
            .await;
        assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    }

    let tb = trial_balance(&app, &auditor, "2026-03-31", 2).await;
    assert_eq!(balance_of(&tb, "5200"), ("0.00".into(), "0.00".into()));
    assert_eq!(balance_of(&tb, "2000"), ("0.00".into(), "0.00".into()));
    let before = trial_balance(&app, &auditor, "2026-03-15", 1).await;
    assert_eq!(
        balance_of(&before, "5200"),
        ("8200.00".into(), "0.00".into())
    );

    let history = eventually("the history of the journal", || async {
        let r = app
            .graphql(&auditor, "query($id: ID!) { ledgerHistory(journal: $id) { eventType subject correlationId effectiveDate } journal(id: $id) { reversedBy } }", json!({ "id": id }))
            .await;
        let data = r.data().clone();
        (data["ledgerHistory"].as_array().map(Vec::len) == Some(2)).then_some(data)
    })
    .await;
    let events = &history["ledgerHistory"];
    assert_eq!(events[0]["eventType"], "JournalPosted");
    assert_eq!(events[0]["subject"], "fiona");
    assert_eq!(events[0]["correlationId"], request_id.as_str());
    assert_eq!(events[1]["eventType"], "JournalReversed");
    assert_eq!(history["journal"]["reversedBy"], reversal.as_str());
    let kinds = eventually("the account's history", || async {
        let r = app
            .graphql(&auditor, "{ ledgerHistory(account: \"5200\", from: \"2026-03-01\", to: \"2026-03-31\") { aggregateId eventType } }", json!({}))
            .await;
        let kinds: Vec<String> = r.data()["ledgerHistory"]
            .as_array()
            .map(|es| es.iter().filter_map(|e| e["eventType"].as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        (kinds.len() == 2).then_some(kinds)
    })
    .await;
    assert_eq!(
        kinds,
        ["JournalPosted", "JournalPosted"],
        "the journal and its reversal"
    );

    // Auditors change nothing.
    let r = app
        .graphql(&auditor, POST, json!({ "input": { "date": "2026-03-22", "narrative": "No", "lines": [line("1000", "DEBIT", "1.00"), line("4000", "CREDIT", "1.00")] } }))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
    let r = app
        .graphql(
            &auditor,
            "mutation($id: ID!) { reverseJournal(id: $id, date: \"2026-03-22\") { id } }",
            json!({ "id": reversal }),
        )
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
    app.stop().await;
}

#[tokio::test]
async fn a_closed_period_refuses_postings_until_a_manager_reopens_it() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    let manager = app.token("thandi", &["Finance_Manager"]);
    let user = app.token("fiona", &["Finance_User"]);
    let lines = vec![
        line("6000", "DEBIT", "450.00"),
        line("1000", "CREDIT", "450.00"),
    ];
    app.graphql(
        &manager,
        "mutation { closePeriod(period: \"2026-03\") { id } }",
        json!({}),
    )
    .await
    .data();
    let r = app
        .graphql(&user, POST, json!({ "input": { "date": "2026-03-30", "narrative": "Late fuel slip", "lines": lines } }))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"));
    assert!(
        r.body.to_string().contains("period 2026-03 is closed"),
        "{}",
        r.body
    );
    let reopen =
        "mutation { reopenPeriod(period: \"2026-03\", reason: \"Fuel slips found\") { id } }";
    assert_eq!(
        app.graphql(&user, reopen, json!({})).await.error_code(),
        Some("FORBIDDEN")
    );
    app.graphql(&manager, reopen, json!({})).await.data();
    post(&app, &user, "2026-03-30", "Late fuel slip", lines).await;
    app.stop().await;
}

#[tokio::test]
async fn verify_ledger_names_the_first_edited_event() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let first = post(
        &app,
        &user,
        "2026-03-10",
        "Cement",
        vec![
            line("5100", "DEBIT", "100.00"),
            line("2000", "CREDIT", "100.00"),
        ],
    )
    .await;
    let second = post(
        &app,
        &user,
        "2026-03-11",
        "Sand",
        vec![
            line("5100", "DEBIT", "50.00"),
            line("2000", "CREDIT", "50.00"),
        ],
    )
    .await;
    app.graphql(
        &user,
        "mutation($id: ID!) { reverseJournal(id: $id, date: \"2026-03-12\") { id } }",
        json!({ "id": second }),
    )
    .await
    .data();
    let intact = constructos_commands::finance::verify_ledger(&app.env.finance)
        .await
        .expect("verification ran");
    assert_eq!(intact.broken, None);
    assert_eq!(intact.streams, 27 + 3, "27 accounts, 3 journals");
    // What an auditor's screen asks for says the same.
    let auditor = app.token("lerato", &["Auditor"]);
    const VERIFICATION: &str =
        "{ ledgerVerification { intact streams events brokenLink brokenAnchor } }";
    let on_screen = app.graphql(&auditor, VERIFICATION, json!({})).await;
    let on_screen = &on_screen.data()["ledgerVerification"];
    assert_eq!(on_screen["intact"], true);
    assert_eq!(on_screen["streams"], 27 + 3);
    assert_eq!(on_screen["brokenLink"], Value::Null);

    // An attacker with DBA rights lowers the first journal's amount in place.
    let pool = &app.env.finance;
    sqlx::query("ALTER TABLE events DISABLE TRIGGER events_append_only")
        .execute(pool)
        .await
        .expect("disable");
    let changed = sqlx::query(
        "UPDATE events SET payload = replace(payload::text, '100.00', '10.00')::json
          WHERE aggregate_type = 'finance.journal' AND aggregate_id = $1 AND sequence = 1",
    )
    .bind(&first)
    .execute(pool)
    .await
    .expect("tamper")
    .rows_affected();
    sqlx::query("ALTER TABLE events ENABLE TRIGGER events_append_only")
        .execute(pool)
        .await
        .expect("enable");
    assert_eq!(changed, 1);

    let broken = constructos_commands::finance::verify_ledger(pool)
        .await
        .expect("verification ran")
        .broken
        .expect("the edit is caught");
    assert_eq!(
        (
            broken.aggregate_type.as_str(),
            broken.aggregate_id.as_str(),
            broken.sequence
        ),
        ("finance.journal", first.as_str(), 1)
    );
    let on_screen = app.graphql(&auditor, VERIFICATION, json!({})).await;
    let on_screen = &on_screen.data()["ledgerVerification"];
    assert_eq!(on_screen["intact"], false);
    assert!(
        on_screen["brokenLink"]
            .as_str()
            .is_some_and(|link| link.contains(first.as_str())),
        "{on_screen}"
    );

    // The command auditors run says the same and exits non-zero.
    let output = app.constructos(&["verify-ledger"]).await;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("finance.journal {first} sequence 1")),
        "{stderr}"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_ledger_works_when_finance_runs_as_its_own_service() {
    let app = crate::harness::spawn_app_as(crate::harness::Topology::Split).await;
    seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    post(
        &app,
        &user,
        "2026-05-02",
        "Subcontractor payment certificate 2",
        vec![
            line("5300", "DEBIT", "41000.00"),
            line("2000", "CREDIT", "41000.00"),
        ],
    )
    .await;
    let tb = trial_balance(&app, &user, "2026-05-31", 1).await;
    assert_eq!(tb["totalDebit"], "41000.00");
    assert_eq!(tb["totalCredit"], "41000.00");
    let site = app.token("sipho", &["Site_Manager"]);
    let r = app
        .graphql(&site, "{ ledgerAccounts { code } }", json!({}))
        .await;
    assert_eq!(
        r.error_code(),
        Some("FORBIDDEN"),
        "refused by the finance service too"
    );
    app.stop().await;
}
