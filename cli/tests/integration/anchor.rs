//! The ledger anchor: idempotent per cutoff, verified on an untouched ledger, and
//! catching what the per-stream chains cannot — a deleted last event of a stream and an
//! event slipped in with a back-dated recording time.

use chrono::{Duration, Utc};
use constructos_commands::finance::{
    verify_ledger, AnchorOutcome, ChainLink, Verification, GENESIS,
};
use constructos_services::finance::anchoring::{anchor_at, anchor_through};
use serde_json::json;
use sqlx::PgPool;

use crate::finance::{line, post, seeded};
use crate::harness::{spawn_app, TestApp};

async fn posted_and_reversed(app: &TestApp) -> String {
    seeded(app).await;
    let user = app.token("fiona", &["Finance_User"]);
    post(
        app,
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
        app,
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
    second
}

async fn verified(pool: &PgPool) -> Verification {
    verify_ledger(pool).await.expect("verification ran")
}

fn anchored(outcome: AnchorOutcome) -> constructos_commands::finance::Anchored {
    match outcome {
        AnchorOutcome::Anchored(a) => a,
        other => panic!("expected an anchor, got {other:?}"),
    }
}

#[tokio::test]
async fn anchoring_is_idempotent_and_an_untouched_ledger_verifies() {
    let app = spawn_app().await;
    posted_and_reversed(&app).await;
    let pool = &app.env.finance;

    let now = Utc::now();
    let first = anchored(anchor_at(pool, now).await.expect("anchor"));
    // 27 accounts (one event each), 3 journals: 2 posted + 1 reversal, and the
    // reversed journal's JournalReversed.
    assert_eq!((first.sequence, first.streams, first.events), (1, 30, 31));
    assert_eq!(
        anchor_at(pool, now).await.expect("again"),
        AnchorOutcome::AlreadyAnchored {
            through: first.cutoff
        },
        "the same cutoff twice appends nothing"
    );
    assert_eq!(
        anchor_at(pool, now - Duration::hours(1))
            .await
            .expect("earlier"),
        AnchorOutcome::AlreadyAnchored {
            through: first.cutoff
        }
    );
    // No UTC day has ended since the anchor: the daily run has nothing to do.
    assert_eq!(anchor_through(pool, None).await.expect("daily"), vec![]);

    let check = verified(pool).await;
    assert!(check.intact(), "{check:?}");
    assert_eq!(check.anchors, 1);

    // More events, a second anchor chained to the first, written by the command.
    let user = app.token("fiona", &["Finance_User"]);
    post(
        &app,
        &user,
        "2026-03-13",
        "Diesel",
        vec![
            line("5200", "DEBIT", "80.00"),
            line("1000", "CREDIT", "80.00"),
        ],
    )
    .await;
    let output = app
        .constructos(&["anchor-ledger", "--at", &Utc::now().to_rfc3339()])
        .await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("anchor 2 at"), "{stdout}");
    assert!(stdout.contains("31 streams, 32 events"), "{stdout}");

    let check = verified(pool).await;
    assert!(check.intact(), "{check:?}");
    assert_eq!(check.anchors, 2);
    assert_eq!(check.streams, 31 + 1, "the anchor stream is chained too");
    app.stop().await;
}

#[tokio::test]
async fn a_deleted_last_event_leaves_the_chain_valid_but_breaks_the_anchor() {
    let app = spawn_app().await;
    let reversed = posted_and_reversed(&app).await;
    let pool = &app.env.finance;
    anchored(anchor_at(pool, Utc::now()).await.expect("anchor"));

    // An attacker with DBA rights removes the reversal mark: the last event of the
    // reversed journal's stream.
    sqlx::query("ALTER TABLE events DISABLE TRIGGER events_append_only")
        .execute(pool)
        .await
        .expect("disable");
    let deleted = sqlx::query(
        "DELETE FROM events
          WHERE aggregate_type = 'finance.journal' AND aggregate_id = $1 AND sequence = 2",
    )
    .bind(&reversed)
    .execute(pool)
    .await
    .expect("tamper")
    .rows_affected();
    sqlx::query("ALTER TABLE events ENABLE TRIGGER events_append_only")
        .execute(pool)
        .await
        .expect("enable");
    assert_eq!(deleted, 1);

    let check = verified(pool).await;
    assert_eq!(check.broken, None, "every remaining chain is intact");
    let anchor = check.broken_anchor.expect("the anchor catches it");
    assert_eq!(anchor.sequence, 1);
    assert!(
        anchor
            .reason
            .contains("anchored 30 streams and 31 events; the ledger as at the cutoff now has 30 streams and 30 events"),
        "{}",
        anchor.reason
    );
    assert!(anchor.reason.contains("events were removed"));
    // Nor is the shrunk ledger anchored again as if nothing happened.
    let refused = anchor_at(pool, Utc::now())
        .await
        .expect_err("a shrunk ledger is refused");
    assert!(refused.to_string().contains("shrank"), "{refused}");

    // The command auditors run names it and exits non-zero.
    let output = app.constructos(&["verify-ledger"]).await;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("ledger anchor BROKEN at finance.ledger_anchor ledger sequence 1"),
        "{stderr}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_back_dated_stream_breaks_the_anchor_though_its_chain_holds() {
    let app = spawn_app().await;
    posted_and_reversed(&app).await;
    let pool = &app.env.finance;
    let first = anchored(anchor_at(pool, Utc::now()).await.expect("anchor"));

    // A whole, correctly chained journal stream inserted with a recording time before
    // the anchor (inserts need no trigger disabled): its chain verifies, the anchor not.
    let payload = json!({ "JournalPosted": {
        "date": "2026-03-09", "period": "2026-03", "narrative": "Back-dated",
        "source": "MANUAL", "reverses": null,
        "lines": [
            { "account_code": "5100", "side": "DEBIT", "amount": "999.00", "project_id": null, "cost_code": null, "site_id": null },
            { "account_code": "2000", "side": "CREDIT", "amount": "999.00", "project_id": null, "cost_code": null, "site_id": null }
        ]
    }});
    let hash = ChainLink {
        aggregate_type: "finance.journal",
        aggregate_id: "forged-1",
        sequence: 1,
        event_type: "JournalPosted",
        event_version: "1",
        payload: &payload,
        previous_hash: GENESIS,
    }
    .hash();
    sqlx::query(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version,
                             payload, metadata, recorded_at)
         VALUES ('finance.journal', 'forged-1', 1, 'JournalPosted', '1', $1, $2, $3)",
    )
    .bind(&payload)
    .bind(json!({ "subject": "mallory", "previous_hash": GENESIS, "event_hash": hash }))
    .bind(first.cutoff - Duration::minutes(5))
    .execute(pool)
    .await
    .expect("insert");

    let check = verified(pool).await;
    assert_eq!(check.broken, None, "the forged stream is chained correctly");
    let anchor = check.broken_anchor.expect("the anchor catches it");
    assert!(
        anchor.reason.contains("now has 31 streams and 32 events")
            && anchor.reason.contains("back-dated"),
        "{}",
        anchor.reason
    );
    app.stop().await;
}

/// Appends a correctly chained one-event journal stream recorded at `recorded_at`.
async fn journal_recorded_at(pool: &PgPool, id: &str, recorded_at: chrono::DateTime<Utc>) {
    let payload = json!({ "JournalPosted": {
        "date": recorded_at.date_naive().to_string(),
        "period": recorded_at.format("%Y-%m").to_string(),
        "narrative": "Site labour", "source": "SYSTEM", "reverses": null,
        "lines": [
            { "account_code": "5000", "side": "DEBIT", "amount": "120.00", "project_id": null, "cost_code": null, "site_id": null },
            { "account_code": "1000", "side": "CREDIT", "amount": "120.00", "project_id": null, "cost_code": null, "site_id": null }
        ]
    }});
    let hash = ChainLink {
        aggregate_type: "finance.journal",
        aggregate_id: id,
        sequence: 1,
        event_type: "JournalPosted",
        event_version: "1",
        payload: &payload,
        previous_hash: GENESIS,
    }
    .hash();
    sqlx::query(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version,
                             payload, metadata, recorded_at)
         VALUES ('finance.journal', $1, 1, 'JournalPosted', '1', $2, $3, $4)",
    )
    .bind(id)
    .bind(&payload)
    .bind(json!({ "subject": "system", "previous_hash": GENESIS, "event_hash": hash }))
    .bind(recorded_at)
    .execute(pool)
    .await
    .expect("insert");
}

#[tokio::test]
async fn the_daily_run_anchors_each_completed_day_once() {
    // Databases only: a running finance process would anchor these days itself.
    let env = crate::harness::TestEnv::new().await;
    let pool = &env.finance;
    // A ledger begun three days ago: one journal recorded at noon on each past day.
    let today = Utc::now().date_naive();
    for days_ago in [3, 2, 1] {
        let noon = (today - chrono::Days::new(days_ago))
            .and_hms_opt(12, 0, 0)
            .expect("noon")
            .and_utc();
        journal_recorded_at(pool, &format!("day-{days_ago}"), noon).await;
    }
    let outcomes = anchor_through(pool, None).await.expect("daily run");
    let anchors: Vec<_> = outcomes.into_iter().map(anchored).collect();
    assert_eq!(
        anchors
            .iter()
            .map(|a| (a.sequence, a.streams, a.events))
            .collect::<Vec<_>>(),
        vec![(1, 1, 1), (2, 2, 2), (3, 3, 3)],
        "one anchor per completed day, each covering what was recorded before its midnight"
    );
    let midnight = today.and_hms_opt(0, 0, 0).expect("midnight").and_utc();
    assert_eq!(anchors[2].cutoff, midnight);
    assert_eq!(anchors[0].cutoff, midnight - Duration::days(2));
    assert_eq!(
        anchor_through(pool, None).await.expect("again"),
        vec![],
        "nothing left to anchor"
    );
    let check = verified(pool).await;
    assert!(check.intact(), "{check:?}");
    assert_eq!(check.anchors, 3);
    env.drop_databases().await;
}
