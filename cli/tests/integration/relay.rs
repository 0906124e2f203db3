//! The relay reads in commit order and never skips an event whose transaction started
//! earlier but committed later.

use constructos_infra::kafka;
use constructos_infra::relay::Relay;
use constructos_infra::Domain;
use serde_json::json;
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::harness::{eventually, read_messages, TestEnv};

/// Appends an `AccountCreated` row the way postgres-es does, inside `tx`.
async fn insert_event(tx: &mut Transaction<'_, Postgres>, aggregate_id: &str, name: &str) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
         VALUES ('identity.account', $1, 1, 'AccountCreated', '1', $2, '{}')
         RETURNING event_id",
    )
    .bind(aggregate_id)
    .bind(json!({ "AccountCreated": { "kind": "CUSTOMER", "name": name, "registration_number": null, "vat_number": null } }))
    .fetch_one(&mut **tx)
    .await
    .expect("insert event")
}

async fn checkpoint(pool: &PgPool) -> Option<i64> {
    sqlx::query_scalar("SELECT global_id FROM relay_checkpoints")
        .fetch_optional(pool)
        .await
        .expect("checkpoint")
}

#[tokio::test]
async fn a_transaction_that_commits_later_is_waited_for_not_skipped() {
    let env = TestEnv::new().await;
    let topic = env.config.topic(Domain::Identity);
    let relay = Relay::new(
        Domain::Identity,
        env.identity.clone(),
        kafka::producer(&env.config).expect("producer"),
        topic,
    );
    let reader = env.topic_reader();

    // The slow transaction takes the lower global_id and stays open...
    let mut slow = env.identity.begin().await.expect("begin");
    let slow_event = insert_event(&mut slow, "account-slow", "Slow Ltd").await;
    // ...while a fast one appends after it and commits first.
    let mut fast = env.identity.begin().await.expect("begin");
    let fast_event = insert_event(&mut fast, "account-fast", "Fast Ltd").await;
    fast.commit().await.expect("commit fast");

    // The fast event is committed but must wait: publishing it now would move the
    // checkpoint past the slow one.
    assert_eq!(relay.publish_batch().await.expect("publish"), 0);
    assert_eq!(checkpoint(&env.identity).await, None);

    slow.commit().await.expect("commit slow");
    // Transaction ids are cluster-wide: another test's open transaction may hold the
    // relay back a moment longer, so publish until both are out.
    let published = std::sync::atomic::AtomicUsize::new(0);
    eventually("both events published", || async {
        let n = relay.publish_batch().await.expect("publish");
        let total = published.fetch_add(n, std::sync::atomic::Ordering::SeqCst) + n;
        (total >= 2).then_some(())
    })
    .await;
    assert_eq!(published.into_inner(), 2);
    assert_eq!(
        relay.publish_batch().await.expect("publish"),
        0,
        "nothing published twice"
    );
    let last: i64 = sqlx::query_scalar("SELECT max(global_id) FROM events")
        .fetch_one(&env.identity)
        .await
        .expect("max");
    assert_eq!(checkpoint(&env.identity).await, Some(last));

    let messages = read_messages(&reader, |seen| seen.len() >= 2).await;
    let mut ids: Vec<String> = messages
        .iter()
        .map(|(_, b)| b["id"].as_str().expect("id").to_string())
        .collect();
    ids.sort();
    let mut expected = vec![slow_event.to_string(), fast_event.to_string()];
    expected.sort();
    assert_eq!(ids, expected);
    env.drop_databases().await;
}

#[tokio::test]
async fn events_are_published_in_commit_order_per_aggregate() {
    let env = TestEnv::new().await;
    let relay = Relay::new(
        Domain::Identity,
        env.identity.clone(),
        kafka::producer(&env.config).expect("producer"),
        env.config.topic(Domain::Identity),
    );
    let reader = env.topic_reader();
    // One aggregate, many transactions: its messages must arrive in sequence order.
    for sequence in 1..=20_i64 {
        sqlx::query(
            "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
             VALUES ('identity.account', 'one', $1, 'AccountDetailsUpdated', '1', $2, '{}')",
        )
        .bind(sequence)
        .bind(json!({ "AccountDetailsUpdated": { "name": format!("Name {sequence}"), "registration_number": null, "vat_number": null } }))
        .execute(&env.identity)
        .await
        .expect("insert");
    }
    // An open transaction elsewhere in the cluster (another test's) can make a batch
    // come back empty before all twenty are out: publish until they are.
    let published = std::sync::atomic::AtomicUsize::new(0);
    eventually("all twenty events published", || async {
        let n = relay.publish_batch().await.expect("publish");
        let total = published.fetch_add(n, std::sync::atomic::Ordering::SeqCst) + n;
        (total >= 20).then_some(())
    })
    .await;
    let messages = read_messages(&reader, |seen| seen.len() >= 20).await;
    let sequences: Vec<i64> = messages
        .iter()
        .map(|(_, b)| b["sequence"].as_i64().expect("sequence"))
        .collect();
    assert_eq!(sequences, (1..=20).collect::<Vec<_>>());
    env.drop_databases().await;
}

#[tokio::test]
async fn commit_order_compares_transaction_ids_as_numbers_not_text() {
    let env = TestEnv::new().await;
    let relay = Relay::new(
        Domain::Identity,
        env.identity.clone(),
        kafka::producer(&env.config).expect("producer"),
        env.config.topic(Domain::Identity),
    );
    let reader = env.topic_reader();
    // Two long-committed transactions whose ids gain a digit: 9 commits before 10, but
    // as text "10" sorts first. Written with explicit ids (the column's default is the
    // inserting transaction's), the later one first so global_id cannot hide the order.
    // One stream, so both land on one partition: the topic keeps the relay's order only
    // within a partition.
    for (name, sequence, tx_id) in [("ten", 1_i64, "10"), ("nine", 2, "9")] {
        sqlx::query(
            "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version,
                                 payload, metadata, tx_id)
             VALUES ('identity.account', 'txids', $1, 'AccountCreated', '1', $2, '{}', $3::text::xid8)",
        )
        .bind(sequence)
        .bind(json!({ "AccountCreated": { "kind": "CUSTOMER", "name": name, "registration_number": null, "vat_number": null } }))
        .bind(tx_id)
        .execute(&env.identity)
        .await
        .expect("insert");
    }
    let published = std::sync::atomic::AtomicUsize::new(0);
    eventually("both events published", || async {
        let n = relay.publish_batch().await.expect("publish");
        let total = published.fetch_add(n, std::sync::atomic::Ordering::SeqCst) + n;
        (total >= 2).then_some(())
    })
    .await;
    assert_eq!(
        relay.publish_batch().await.expect("publish"),
        0,
        "an event behind the checkpoint in text order would be published again"
    );
    assert_eq!(published.into_inner(), 2);
    let messages = read_messages(&reader, |seen| seen.len() >= 2).await;
    let names: Vec<&str> = messages
        .iter()
        .map(|(_, b)| b["data"]["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        names,
        ["nine", "ten"],
        "transaction 9 before transaction 10"
    );
    env.drop_databases().await;
}

#[tokio::test]
async fn stored_events_cannot_be_changed_or_deleted() {
    let env = TestEnv::new().await;
    let mut tx = env.identity.begin().await.expect("begin");
    insert_event(&mut tx, "account-1", "Fixed Ltd").await;
    tx.commit().await.expect("commit");
    let update = sqlx::query("UPDATE events SET payload = '{}'")
        .execute(&env.identity)
        .await;
    assert!(update.is_err(), "update refused");
    let delete = sqlx::query("DELETE FROM events")
        .execute(&env.identity)
        .await;
    assert!(delete.is_err(), "delete refused");
    env.drop_databases().await;
}
