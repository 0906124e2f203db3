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
