//! Applying events to a projection: a batch of message bodies (up to [`MAX_BATCH`]) → one
//! PostgreSQL transaction, each event recorded as applied beside its change. The consumer
//! that feeds it, shared by a process's projections, is [`crate::ProjectionWorker`].
//!
//! A failure to apply an event is either transient (the connection dropped, a
//! serialization failure or deadlock: retried with back-off, in order) or permanent —
//! the event can never apply (it does not deserialize into the domain's event type, or
//! PostgreSQL refuses its data: SQLSTATE class 22 or 23). A permanent failure would stall
//! the read model for ever if retried, so the event is recorded in
//! `read_model.dead_letters` ([`crate::dead_letters`]) together with its applied-event
//! record, logged, and passed. Which is which, [`ApplyError::is_permanent`] says.

use std::time::Duration;

use async_trait::async_trait;
use constructos_infra::cloudevents::CloudEvent;
use constructos_infra::{kafka, Config};
use rdkafka::message::{BorrowedMessage, Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::Message;
use sqlx::{PgPool, Postgres, Transaction};
use tokio::sync::OnceCell;

use crate::apply_error::{database, ApplyError};

/// A read model kept from one domain's events.
#[async_trait]
pub trait Projection: Send + Sync {
    /// A stable name: the key of its applied-event records and dead letters.
    fn name(&self) -> &'static str;

    /// Applies one event inside the worker's transaction. Events of types the
    /// projection does not know are ignored (return `Ok`).
    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError>;

    /// Replays only: a fresh set-based buffer for this projection's frequent events
    /// (see [`crate::replay::ReplayBatch`]); `None` applies every event on its own.
    fn replay_batch(&self) -> Option<Box<dyn crate::replay::ReplayBatch>> {
        None
    }
}

/// A boxed projection is a projection: what a domain's module lists.
#[async_trait]
impl Projection for Box<dyn Projection> {
    fn name(&self) -> &'static str {
        self.as_ref().name()
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        self.as_ref().apply(tx, event).await
    }

    fn replay_batch(&self) -> Option<Box<dyn crate::replay::ReplayBatch>> {
        self.as_ref().replay_batch()
    }
}

/// Rebuilds a domain event enum (externally tagged, as the event store keeps it) from a
/// CloudEvent's type and data; data that does not match is [`ApplyError::Event`].
pub fn domain_event<E: serde::de::DeserializeOwned>(event: &CloudEvent) -> Result<E, ApplyError> {
    let tagged = serde_json::json!({ event.short_type(): event.data });
    serde_json::from_value(tagged).map_err(|source| ApplyError::Event {
        what: format!("{} does not match its event type", event.id),
        source,
    })
}

/// What happened to a delivered message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The event changed the read model.
    Applied,
    /// The event had been applied before; nothing changed.
    Duplicate,
    /// The message was not a readable CloudEvent; it was logged and skipped.
    Unreadable,
    /// The event can never apply; it was recorded as a dead letter and passed.
    DeadLettered,
}

/// Applies one message body exactly once: the applied-event record and the read-model
/// change commit together or not at all.
pub async fn apply_message(
    pool: &PgPool,
    projection: &dyn Projection,
    body: &[u8],
) -> Result<Applied, ApplyError> {
    let event: CloudEvent = match serde_json::from_slice(body) {
        Ok(event) => event,
        Err(e) => {
            tracing::error!(projection = projection.name(), error = %e, "skipping an unreadable message");
            return Ok(Applied::Unreadable);
        }
    };
    let mut tx = pool
        .begin()
        .await
        .map_err(database("Failed to begin a transaction"))?;
    let applied = match apply_in(&mut tx, projection, &event).await {
        Ok(applied) => applied,
        Err(error) => {
            let _ = tx.rollback().await;
            return Err(error);
        }
    };
    tx.commit()
        .await
        .map_err(database("Failed to commit the read model"))?;
    Ok(applied)
}

/// Applies several message bodies in one transaction, each exactly once (its
/// applied-event record beside its change, as [`apply_message`]): what the worker does
/// with the messages waiting when it looks. Unreadable bodies are skipped; an error
/// stores none of the batch.
pub async fn apply_batch(
    pool: &PgPool,
    projection: &dyn Projection,
    bodies: &[&[u8]],
) -> Result<Vec<Applied>, ApplyError> {
    let mut tx = pool
        .begin()
        .await
        .map_err(database("Failed to begin a transaction"))?;
    let mut outcomes = Vec::with_capacity(bodies.len());
    for body in bodies {
        let event: CloudEvent = match serde_json::from_slice(body) {
            Ok(event) => event,
            Err(e) => {
                tracing::error!(projection = projection.name(), error = %e, "skipping an unreadable message");
                outcomes.push(Applied::Unreadable);
                continue;
            }
        };
        match apply_in(&mut tx, projection, &event).await {
            Ok(outcome) => outcomes.push(outcome),
            Err(error) => {
                // Rolled back now, not when the connection is next used: an idle open
                // transaction would hold back whatever waits for open transactions to end
                // (the ledger anchor does).
                let _ = tx.rollback().await;
                return Err(error);
            }
        }
    }
    tx.commit()
        .await
        .map_err(database("Failed to commit the read model"))?;
    Ok(outcomes)
}

/// Records `event` as applied by `projection` and applies it, inside `tx`; an event
/// recorded before changes nothing. Many events may share one transaction (replays do).
pub async fn apply_in(
    tx: &mut Transaction<'_, Postgres>,
    projection: &dyn Projection,
    event: &CloudEvent,
) -> Result<Applied, ApplyError> {
    let first_time = sqlx::query(
        "INSERT INTO read_model.applied_events (projection, event_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING",
    )
    .bind(projection.name())
    .bind(event.id)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to record the applied event"))?
    .rows_affected()
        == 1;
    if !first_time {
        return Ok(Applied::Duplicate);
    }
    // A savepoint, so that an event PostgreSQL refuses leaves the transaction usable
    // for its dead-letter record (and, in a replay, for the rest of the page).
    let mut attempt = sqlx::Connection::begin(&mut **tx)
        .await
        .map_err(database("Failed to open a savepoint"))?;
    match projection.apply(&mut attempt, event).await {
        Ok(()) => {
            attempt
                .commit()
                .await
                .map_err(database("Failed to release the savepoint"))?;
            Ok(Applied::Applied)
        }
        Err(error) if error.is_permanent() => {
            attempt
                .rollback()
                .await
                .map_err(database("Failed to roll back to the savepoint"))?;
            crate::dead_letters::record(tx, projection.name(), event, &error).await?;
            Ok(Applied::DeadLettered)
        }
        Err(error) => {
            // The error names the write, not the event: say which, once per attempt.
            tracing::warn!(
                projection = projection.name(),
                event_id = %event.id,
                event_type = %event.event_type,
                error = %error,
                "Failed to apply an event"
            );
            Err(error)
        }
    }
}

/// The most messages one transaction of the worker applies.
pub const MAX_BATCH: usize = 256;

/// The dead-letter topic of a domain: every message its projections can never apply,
/// as it arrived, with `reason`, `projection` and `source-topic` headers. Published after
/// the batch committed its `read_model.dead_letters` rows, which stay the record: a
/// failed publish is logged, and a redelivery (a duplicate by then) is not published again.
pub struct DeadLetterTopic {
    config: Config,
    topic: String,
    /// Made, with the topic, on the first dead letter: a worker that never meets one
    /// holds no producer and its domain no empty topic.
    producer: OnceCell<FutureProducer>,
}

impl DeadLetterTopic {
    /// The topic `topic` on the broker of `config`.
    pub fn new(config: &Config, topic: String) -> Self {
        Self {
            config: config.clone(),
            topic,
            producer: OnceCell::new(),
        }
    }

    /// Publishes the dead-lettered messages of `batch` (their `outcomes`), each with the
    /// reason `read_model.dead_letters` holds for it.
    pub(crate) async fn publish(
        &self,
        pool: &PgPool,
        projection: &str,
        batch: &[&BorrowedMessage<'_>],
        outcomes: &[Applied],
    ) {
        let dead: Vec<(&BorrowedMessage<'_>, uuid::Uuid)> = batch
            .iter()
            .copied()
            .zip(outcomes)
            .filter(|(_, outcome)| **outcome == Applied::DeadLettered)
            .filter_map(|(message, _)| {
                let event: CloudEvent =
                    serde_json::from_slice(message.payload().unwrap_or_default()).ok()?;
                Some((message, event.id))
            })
            .collect();
        if dead.is_empty() {
            return;
        }
        let producer = match self
            .producer
            .get_or_try_init(|| async {
                kafka::ensure_topics(&self.config, std::slice::from_ref(&self.topic)).await?;
                kafka::producer(&self.config)
            })
            .await
        {
            Ok(producer) => producer,
            Err(e) => {
                tracing::warn!(projection, error = %e, "no producer for the dead-letter topic");
                return;
            }
        };
        let ids: Vec<uuid::Uuid> = dead.iter().map(|(_, id)| *id).collect();
        let reasons: Vec<(uuid::Uuid, String)> = sqlx::query_as(
            "SELECT event_id, error FROM read_model.dead_letters
              WHERE projection = $1 AND event_id = ANY($2)",
        )
        .bind(projection)
        .bind(&ids)
        .fetch_all(pool)
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(projection, error = %e, "cannot read the dead letters' reasons");
            Vec::new()
        });
        for (message, id) in dead {
            let reason = reasons
                .iter()
                .find(|(event_id, _)| *event_id == id)
                .map_or("could not be applied", |(_, reason)| reason.as_str());
            let headers = OwnedHeaders::new()
                .insert(Header {
                    key: "reason",
                    value: Some(reason),
                })
                .insert(Header {
                    key: "projection",
                    value: Some(projection),
                })
                .insert(Header {
                    key: "source-topic",
                    value: Some(message.topic()),
                });
            let mut record = FutureRecord::to(&self.topic)
                .payload(message.payload().unwrap_or_default())
                .headers(headers);
            if let Some(key) = message.key() {
                record = record.key(key);
            }
            if let Err((e, _)) = producer.send(record, Duration::from_secs(10)).await {
                tracing::warn!(projection, event_id = %id, error = %e, "dead letter not published to its topic");
            }
        }
    }
}
