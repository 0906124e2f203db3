//! The projections of one process share one consumer: each applies the messages of its
//! own topic exactly once — however often a batch is delivered, whole or in part — and
//! a poison message for one of them is dead-lettered while the others apply it and all
//! of them go on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;
use constructos::stack::{self, Tasks};
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use constructos_infra::{kafka, Domain};
use constructos_projections::dead_letters::dead_letters;
use constructos_projections::{ApplyError, Projection};
use constructos_services::Subscription;
use rdkafka::consumer::Consumer;
use rdkafka::producer::FutureRecord;
use serde_json::json;
use sqlx::{PgPool, Postgres, Transaction};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::harness::{eventually, read_messages, TestEnv};

/// Counts how often it applied each event, in `read_model.test_applications`.
struct Counting {
    name: &'static str,
    /// The event it can never apply.
    refuses: Option<Uuid>,
    /// The event it fails on once, transiently, before applying it.
    fails_once: Option<(Uuid, AtomicBool)>,
}

impl Counting {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            refuses: None,
            fails_once: None,
        }
    }
}

#[async_trait]
impl Projection for Counting {
    fn name(&self) -> &'static str {
        self.name
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if self.refuses == Some(event.id) {
            return Err(ApplyError::Unfit {
                what: format!("{} refuses {}", self.name, event.id),
            });
        }
        if let Some((id, failed)) = &self.fails_once {
            if *id == event.id && !failed.swap(true, Ordering::SeqCst) {
                return Err(ApplyError::Command {
                    what: "a transient failure".into(),
                    source: "once".into(),
                });
            }
        }
        sqlx::query(
            "INSERT INTO read_model.test_applications (projection, event_id, times)
             VALUES ($1, $2, 1)
             ON CONFLICT (projection, event_id) DO UPDATE
                SET times = read_model.test_applications.times + 1",
        )
        .bind(self.name)
        .bind(event.id)
        .execute(&mut **tx)
        .await
        .map_err(constructos_projections::database("Failed to count"))?;
        Ok(())
    }
}

fn event(domain: &str, subject: &str) -> CloudEvent {
    CloudEvent::from_stored(
        domain,
        StoredEvent {
            event_id: Uuid::new_v4(),
            aggregate_type: format!("{domain}.thing"),
            aggregate_id: subject.to_string(),
            sequence: 1,
            event_type: "ThingHappened".to_string(),
            event_version: "1".to_string(),
            payload: json!({ "ThingHappened": {} }),
            metadata: json!({}),
            recorded_at: Utc::now(),
        },
    )
}

/// `(projection, event, times)` of every application, sorted.
async fn applications(pool: &PgPool) -> Vec<(String, Uuid, i32)> {
    sqlx::query_as(
        "SELECT projection, event_id, times FROM read_model.test_applications
          ORDER BY projection, event_id",
    )
    .fetch_all(pool)
    .await
    .expect("applications")
}

async fn applied(pool: &PgPool, projection: &str, id: Uuid) -> Option<()> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM read_model.applied_events WHERE projection = $1 AND event_id = $2",
    )
    .bind(projection)
    .bind(id)
    .fetch_one(pool)
    .await
    .expect("applied events");
    (n == 1).then_some(())
}

#[tokio::test]
async fn projections_sharing_a_consumer_apply_each_message_once_and_dead_letter_apart() {
    let env = TestEnv::new().await;
    let pool = env.orders.clone();
    sqlx::query(
        "CREATE TABLE read_model.test_applications
             (projection text, event_id uuid, times int NOT NULL,
              PRIMARY KEY (projection, event_id))",
    )
    .execute(&pool)
    .await
    .expect("table");
    // One key: one partition, so the messages are consumed in the order sent and the
    // last one applied says all before it were handled.
    let identity: Vec<CloudEvent> = (0..5).map(|_| event("identity", "thing")).collect();
    let poison = identity[2].id;
    let hr = event("hr", "thing");
    let second = Counting {
        refuses: Some(poison),
        fails_once: Some((identity[3].id, AtomicBool::new(false))),
        ..Counting::new("test.second")
    };
    let shutdown = CancellationToken::new();
    let mut tasks = Tasks::new();
    stack::spawn_subscriptions(
        &mut tasks,
        &env.config,
        Domain::Orders,
        pool.clone(),
        vec![
            Subscription::new(Domain::Identity, Counting::new("test.first")),
            Subscription::new(Domain::Identity, second),
            Subscription::new(Domain::Hr, Counting::new("test.hr")),
        ],
        &shutdown,
    )
    .expect("worker");

    let producer = kafka::producer(&env.config).expect("producer");
    let send = |domain: Domain, events: Vec<CloudEvent>| {
        let producer = producer.clone();
        let topic = env.config.topic(domain);
        async move {
            for event in events {
                let body = serde_json::to_vec(&event).expect("json");
                producer
                    .send(
                        FutureRecord::to(&topic).key("thing").payload(&body),
                        Duration::from_secs(10),
                    )
                    .await
                    .map_err(|(e, _)| e)
                    .expect("delivered");
            }
        }
    };
    // Delivered once, then the whole batch again, then a part of it, then a marker.
    send(Domain::Identity, identity.clone()).await;
    send(Domain::Hr, vec![hr.clone()]).await;
    send(Domain::Identity, identity.clone()).await;
    send(Domain::Hr, vec![hr.clone()]).await;
    send(
        Domain::Identity,
        vec![identity[1].clone(), identity[4].clone()],
    )
    .await;
    let marker = event("identity", "thing");
    send(Domain::Identity, vec![marker.clone()]).await;
    for projection in ["test.first", "test.second"] {
        eventually("the marker applied", || {
            applied(&pool, projection, marker.id)
        })
        .await;
    }
    eventually("the hr event applied", || applied(&pool, "test.hr", hr.id)).await;

    let mut expected: Vec<(String, Uuid, i32)> = Vec::new();
    for event in identity.iter().chain([&marker]) {
        expected.push(("test.first".into(), event.id, 1));
        if event.id != poison {
            expected.push(("test.second".into(), event.id, 1));
        }
    }
    expected.push(("test.hr".into(), hr.id, 1));
    expected.sort();
    assert_eq!(
        applications(&pool).await,
        expected,
        "each projection applied each event of its own topic once"
    );
    let letters = dead_letters(&pool, "test.second").await.expect("letters");
    assert_eq!(
        letters.iter().map(|l| l.event_id).collect::<Vec<_>>(),
        [poison]
    );
    assert!(dead_letters(&pool, "test.first")
        .await
        .expect("letters")
        .is_empty());

    // On orders' dead-letter topic once, with its reason, not again for the redeliveries.
    let group = format!("{}dead-letter-reader", env.config.topic_namespace);
    let reader = kafka::consumer(&env.config, &group).expect("consumer");
    reader
        .subscribe(&[&env.config.dead_letter_topic(Domain::Orders)])
        .expect("subscribe");
    let seen = read_messages(&reader, |seen| !seen.is_empty()).await;
    assert_eq!(seen[0].1["id"], json!(poison.to_string()));
    let header = |name: &str| {
        seen[0]
            .0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    assert_eq!(header("projection"), "test.second");
    assert_eq!(header("source-topic"), env.config.topic(Domain::Identity));
    assert!(header("reason").contains("refuses"), "{:?}", seen[0].0);
    assert!(
        tokio::time::timeout(Duration::from_secs(2), reader.recv())
            .await
            .is_err(),
        "a redelivered poison message is not dead-lettered again"
    );

    shutdown.cancel();
    while let Some(done) = tasks.join_next().await {
        done.expect("no panic").expect("stopped cleanly");
    }
    env.drop_databases().await;
}
