//! `constructos replay finance --until`: the books rebuilt from the event store alone
//! agree with the live read models, and stop at the date asked.

use chrono::Utc;
use constructos::replay::{print, replay_finance};
use constructos_infra::db;
use serde_json::Value;

use crate::finance::{line, post, seeded, trial_balance};
use crate::harness::spawn_app;

#[tokio::test]
async fn a_replay_from_the_events_alone_gives_the_live_trial_balance() {
    let app = spawn_app().await;
    seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    post(
        &app,
        &user,
        "2026-03-10",
        "Cement",
        vec![
            line("5100", "DEBIT", "1000.00"),
            line("2000", "CREDIT", "1000.00"),
        ],
    )
    .await;
    post(
        &app,
        &user,
        "2026-04-05",
        "Claim",
        vec![
            line("1100", "DEBIT", "2300.00"),
            line("4000", "CREDIT", "2300.00"),
        ],
    )
    .await;
    let today = Utc::now().date_naive();
    let live = trial_balance(&app, &user, &today.to_string(), 2).await;

    let replayed = replay_finance(&app.env.config, Some(today))
        .await
        .expect("replay");
    let tb = &replayed.trial_balance;
    assert_eq!(
        tb.total_debit.to_string(),
        live["totalDebit"].as_str().expect("total")
    );
    assert_eq!(tb.total_debit, tb.total_credit);
    for live_line in live["lines"].as_array().expect("lines") {
        let code = live_line["code"].as_str().expect("code");
        let rebuilt = tb
            .lines
            .iter()
            .find(|l| l.code == code)
            .expect("the account in the replay");
        assert_eq!(
            Value::String(rebuilt.debit.to_string()),
            live_line["debit"],
            "{code}"
        );
        assert_eq!(
            Value::String(rebuilt.credit.to_string()),
            live_line["credit"],
            "{code}"
        );
    }
    assert!(print(&replayed).contains("total"));

    // Nothing had been recorded before yesterday: a replay until then is empty.
    let yesterday = today.pred_opt().expect("a day before");
    let early = replay_finance(&app.env.config, Some(yesterday))
        .await
        .expect("replay");
    assert_eq!(early.events, 0);
    assert!(early.trial_balance.lines.is_empty());

    let admin = db::connect_url(
        &app.env.config.url_with_database("postgres").expect("url"),
        1,
    )
    .await
    .expect("admin");
    for name in [replayed.database, early.database] {
        sqlx::query(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
            .execute(&admin)
            .await
            .expect("drop");
    }
    app.stop().await;
}

/// Every finance read-model table as sorted JSON rows, without the columns that default
/// to `now()` (when a row was written, not what it says); applied-event records of the
/// finance read model only.
pub(crate) async fn read_models(pool: &sqlx::PgPool) -> std::collections::BTreeMap<String, Value> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
          WHERE table_schema = 'read_model' ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    let mut snapshot = std::collections::BTreeMap::new();
    // Copies of other domains' facts are kept from their topics, not from finance's
    // events: a replay of finance's event store does not rebuild them.
    let tables = tables
        .into_iter()
        .filter(|t| !constructos_projections::finance::FOREIGN_FACT_TABLES.contains(&t.as_str()));
    for table in tables {
        let volatile: Vec<String> = sqlx::query_scalar(
            "SELECT column_name::text FROM information_schema.columns
              WHERE table_schema = 'read_model' AND table_name = $1
                AND column_default ILIKE '%now()%'",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .expect("columns");
        let has_projection: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM information_schema.columns
              WHERE table_schema = 'read_model' AND table_name = $1 AND column_name = 'projection')",
        )
        .bind(&table)
        .fetch_one(pool)
        .await
        .expect("columns");
        let filter = if has_projection {
            "WHERE projection = 'finance.read_model'"
        } else {
            ""
        };
        let rows: Value = sqlx::query_scalar(&format!(
            "SELECT coalesce(jsonb_agg(r ORDER BY r::text), '[]'::jsonb)
               FROM (SELECT to_jsonb(t) - $1::text[] AS r FROM read_model.\"{table}\" t {filter}) s"
        ))
        .bind(&volatile)
        .fetch_one(pool)
        .await
        .expect("rows");
        snapshot.insert(table, rows);
    }
    snapshot
}

#[tokio::test]
async fn a_set_based_replay_of_mixed_events_equals_the_live_read_models() {
    let app = spawn_app().await;
    seeded(&app).await;
    let admin = app.token("auditor-prep", &["Admin"]);
    let journal = |date: &str, narrative: &str, debit: &str, credit: &str, amount: &str| {
        (
            date.to_string(),
            narrative.to_string(),
            vec![line(debit, "DEBIT", amount), line(credit, "CREDIT", amount)],
        )
    };
    // The customer and project the invoice names, as identity's and orders' topics
    // tell finance of them.
    app.account_event_known_to_finance("acc-1", "CUSTOMER", "Msunduzi Developments", None)
        .await;
    app.project_event_known_to_finance("PRJ-1", "PRJ-1", "site-1")
        .await;
    let mut ids = Vec::new();
    for (date, narrative, lines) in [
        journal("2026-03-02", "Cement", "5100", "2000", "1000.00"),
        journal("2026-03-03", "Rebar", "5100", "2000", "2500.50"),
        journal("2026-03-04", "Plant hire", "5200", "1000", "800.00"),
    ] {
        ids.push(post(&app, &admin, &date, &narrative, lines).await);
    }
    let steps = [
        "mutation { renameLedgerAccount(code: \"5100\", name: \"Materials: cement and steel\") { id } }".to_string(),
        format!("mutation {{ reverseJournal(id: \"{}\", date: \"2026-03-05\") {{ id }} }}", ids[1]),
        "mutation { raiseInvoice(input: { customerAccountId: \"acc-1\", date: \"2026-03-14\", retentionPercent: \"10\", lines: [{ description: \"Concrete 30MPa\", quantity: \"2.5\", unitPrice: \"1899.00\", vatTreatment: STANDARD, projectId: \"PRJ-1\" }] }) { id number } }".to_string(),
        "mutation { closePeriod(period: \"2026-02\") { id } }".to_string(),
        "mutation { reopenPeriod(period: \"2026-02\", reason: \"Audit adjustments\") { id } }"
            .to_string(),
    ];
    for query in &steps {
        app.graphql(&admin, query, serde_json::json!({}))
            .await
            .data();
    }
    for (date, narrative, lines) in [
        journal("2026-03-20", "Subcontractor", "5300", "2000", "41000.00"),
        journal("2026-03-21", "Diesel", "5200", "1000", "950.25"),
    ] {
        post(&app, &admin, &date, &narrative, lines).await;
    }
    let pool = &app.env.finance;
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(pool)
        .await
        .expect("count");
    crate::harness::eventually("the live worker applies every event", || async {
        let applied: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM read_model.applied_events WHERE projection = 'finance.read_model'",
        )
        .fetch_one(pool)
        .await
        .expect("count");
        (applied == stored).then_some(())
    })
    .await;

    let replayed = replay_finance(&app.env.config, None).await.expect("replay");
    assert_eq!(replayed.events as i64, stored);
    let config = &app.env.config;
    let target = db::connect_url(
        &config.url_with_database(&replayed.database).expect("url"),
        2,
    )
    .await
    .expect("replayed database");
    let live = read_models(pool).await;
    let rebuilt = read_models(&target).await;
    assert_eq!(
        live.keys().collect::<Vec<_>>(),
        rebuilt.keys().collect::<Vec<_>>()
    );
    for (table, rows) in &live {
        assert_eq!(rows, &rebuilt[table], "read_model.{table}");
    }
    assert!(
        live["journals"].as_array().map(Vec::len) == Some(7),
        "5 journals, a reversal and an invoice's journal"
    );
    target.close().await;
    let admin_db = db::connect_url(&config.url_with_database("postgres").expect("url"), 1)
        .await
        .expect("admin");
    sqlx::query(&format!(
        "DROP DATABASE \"{}\" WITH (FORCE)",
        replayed.database
    ))
    .execute(&admin_db)
    .await
    .expect("drop");
    app.stop().await;
}
