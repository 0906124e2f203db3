//! The projection applies each event exactly once, however often Kafka delivers it.

use chrono::Utc;
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use constructos_infra::{kafka, Domain};
use constructos_projections::identity::IdentityProjection;
use constructos_projections::{apply_batch, apply_message, Applied};
use rdkafka::producer::FutureRecord;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::harness::{eventually, spawn_app, TestEnv};

fn cloud_event(account: &str, sequence: i64, event_type: &str, data: Value) -> CloudEvent {
    CloudEvent::from_stored(
        "identity",
        StoredEvent {
            event_id: Uuid::new_v4(),
            aggregate_type: "identity.account".to_string(),
            aggregate_id: account.to_string(),
            sequence,
            event_type: event_type.to_string(),
            event_version: "1".to_string(),
            payload: json!({ event_type: data }),
            metadata: json!({}),
            recorded_at: Utc::now(),
        },
    )
}

fn created(account: &str) -> CloudEvent {
    cloud_event(
        account,
        1,
        "AccountCreated",
        json!({ "kind": "CUSTOMER", "name": "First Name", "registration_number": null, "vat_number": null }),
    )
}

fn renamed(account: &str) -> CloudEvent {
    cloud_event(
        account,
        2,
        "AccountDetailsUpdated",
        json!({ "name": "Second Name", "registration_number": null, "vat_number": null }),
    )
}

fn held(account: &str) -> CloudEvent {
    cloud_event(
        account,
        3,
        "AccountStatusChanged",
        json!({ "from": "ACTIVE", "to": "ON_HOLD", "reason": null }),
    )
}

async fn account_row(env: &TestEnv, id: &str) -> Option<(String, String, i64)> {
    sqlx::query_as("SELECT name, status, last_sequence FROM read_model.accounts WHERE id = $1")
        .bind(id)
        .fetch_optional(&env.identity)
        .await
        .expect("read")
}

#[tokio::test]
async fn applying_the_same_message_twice_changes_nothing_the_second_time() {
    let env = TestEnv::new().await;
    let created = serde_json::to_vec(&created("acc-1")).expect("json");
    let renamed = serde_json::to_vec(&renamed("acc-1")).expect("json");
    let projection = IdentityProjection;

    assert_eq!(
        apply_message(&env.identity, &projection, &created)
            .await
            .expect("apply"),
        Applied::Applied
    );
    assert_eq!(
        apply_message(&env.identity, &projection, &renamed)
            .await
            .expect("apply"),
        Applied::Applied
    );
    let after_once = account_row(&env, "acc-1").await;
    assert_eq!(after_once, Some(("Second Name".into(), "ACTIVE".into(), 2)));

    // Redelivered, including out of order.
    assert_eq!(
        apply_message(&env.identity, &projection, &created)
            .await
            .expect("apply"),
        Applied::Duplicate
    );
    assert_eq!(
        apply_message(&env.identity, &projection, &renamed)
            .await
            .expect("apply"),
        Applied::Duplicate
    );
    assert_eq!(account_row(&env, "acc-1").await, after_once);

    assert_eq!(
        apply_message(&env.identity, &projection, b"{not json")
            .await
            .expect("apply"),
        Applied::Unreadable
    );
    env.drop_databases().await;
}

#[tokio::test]
async fn a_batch_redelivered_whole_or_in_part_leaves_the_read_model_as_after_once() {
    let env = TestEnv::new().await;
    let projection = IdentityProjection;
    let body = |event: &CloudEvent| serde_json::to_vec(event).expect("json");
    let (created, renamed, held) = (created("acc-b"), renamed("acc-b"), held("acc-b"));
    // A poison event (its data does not match its type) and an unreadable body ride along.
    let poison = cloud_event("acc-p", 1, "AccountCreated", json!({ "kind": 42 }));
    let first: Vec<Vec<u8>> = vec![
        body(&created),
        body(&renamed),
        body(&poison),
        b"{no".to_vec(),
    ];
    let first: Vec<&[u8]> = first.iter().map(Vec::as_slice).collect();
    let outcomes = apply_batch(&env.identity, &projection, &first)
        .await
        .expect("batch");
    assert_eq!(
        outcomes,
        [
            Applied::Applied,
            Applied::Applied,
            Applied::DeadLettered,
            Applied::Unreadable
        ]
    );
    let after_once = account_row(&env, "acc-b").await;
    assert_eq!(after_once, Some(("Second Name".into(), "ACTIVE".into(), 2)));

    // The same batch again: nothing changes.
    let again = apply_batch(&env.identity, &projection, &first)
        .await
        .expect("batch");
    assert_eq!(
        again[..3],
        [Applied::Duplicate, Applied::Duplicate, Applied::Duplicate]
    );
    assert_eq!(account_row(&env, "acc-b").await, after_once);

    // Part of it again, with what came next: only the new event applies.
    let next: Vec<Vec<u8>> = vec![body(&renamed), body(&held), body(&held)];
    let next: Vec<&[u8]> = next.iter().map(Vec::as_slice).collect();
    let outcomes = apply_batch(&env.identity, &projection, &next)
        .await
        .expect("batch");
    assert_eq!(
        outcomes,
        [Applied::Duplicate, Applied::Applied, Applied::Duplicate]
    );
    assert_eq!(
        account_row(&env, "acc-b").await,
        Some(("Second Name".into(), "ON_HOLD".into(), 3))
    );
    let dead: i64 = sqlx::query_scalar("SELECT count(*) FROM read_model.dead_letters")
        .fetch_one(&env.identity)
        .await
        .expect("count");
    assert_eq!(dead, 1, "the poison event is dead-lettered once");
    env.drop_databases().await;
}

#[tokio::test]
async fn a_message_delivered_twice_through_kafka_leaves_the_read_model_as_after_once() {
    let app = spawn_app().await;
    let producer = kafka::producer(&app.env.config).expect("producer");
    let topic = app.env.config.topic(Domain::Identity);
    let (created, renamed, held) = (created("acc-k"), renamed("acc-k"), held("acc-k"));
    // created, created again, renamed, created again (late redelivery), held.
    for event in [&created, &created, &renamed, &created, &held] {
        let body = serde_json::to_vec(event).expect("json");
        producer
            .send(
                FutureRecord::to(&topic).key("acc-k").payload(&body),
                std::time::Duration::from_secs(10),
            )
            .await
            .map_err(|(e, _)| e)
            .expect("delivered");
    }
    let env = &app.env;
    let row = eventually("the last event applied", || async {
        account_row(env, "acc-k")
            .await
            .filter(|(_, status, _)| status == "ON_HOLD")
    })
    .await;
    assert_eq!(row, ("Second Name".to_string(), "ON_HOLD".to_string(), 3));
    let applied: i64 = sqlx::query_scalar("SELECT count(*) FROM read_model.applied_events")
        .fetch_one(&app.env.identity)
        .await
        .expect("count");
    assert_eq!(applied, 3, "each distinct event recorded once");
    app.stop().await;
}
