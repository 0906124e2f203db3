//! The event relay: publishes a domain's committed events to its Kafka topic, in commit
//! order, and only then advances its checkpoint.
//!
//! It pipelines: batch N+1 is read and queued while batch N's acknowledgements are
//! awaited (at most two batches in flight; one produce request per connection keeps them in order).
//! The read position lives in memory; the checkpoint in `relay_checkpoints` follows the
//! acknowledged position, written when the pipeline drains or at least every
//! [`CHECKPOINT_EVERY`] while it is busy, never ahead of what the broker acknowledged.
//! A failed delivery drops what is in flight and reads again from the acknowledged
//! position (duplicates, never gaps).
//!
//! Commit order comes from the `(tx_id, global_id)` columns of the event store. A row is
//! read only once every transaction older than it has finished
//! (`tx_id < pg_snapshot_xmin(pg_current_snapshot())`), so a transaction that took a
//! lower `global_id` but commits later is waited for, never skipped. Publishing happens
//! before the checkpoint moves: a crash in between republishes, and consumers
//! deduplicate on the CloudEvent id. Nothing is lost; duplicates are harmless.

use std::collections::VecDeque;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{DeliveryFuture, FutureProducer, FutureRecord};
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tokio::sync::{watch, Mutex};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::cloudevents::{CloudEvent, StoredEvent, CONTENT_TYPE};
use crate::event_store::CHANNEL;
use crate::kafka::{self, CORRELATION_HEADER};
use crate::Domain;

/// How long to wait for a notification before looking anyway.
const IDLE_POLL: Duration = Duration::from_millis(500);
/// While batches keep coming, the checkpoint is written at least this often.
pub const CHECKPOINT_EVERY: Duration = Duration::from_millis(100);

/// Publishes one domain's event store to one topic.
pub struct Relay {
    domain: Domain,
    pool: PgPool,
    producer: FutureProducer,
    topic: String,
    batch_size: i64,
    /// The acknowledged position, once read from `relay_checkpoints` ([`Relay::publish_batch`]).
    acknowledged: Mutex<Option<Cursor>>,
}

/// A batch queued on the producer: its deliveries and the position after it.
struct InFlight {
    to: Cursor,
    deliveries: Vec<DeliveryFuture>,
}

/// The position of the last published event.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cursor {
    /// `xid8` as text: sqlx has no type for it.
    tx_id: String,
    global_id: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    global_id: i64,
    tx_id: String,
    event_id: Uuid,
    aggregate_type: String,
    aggregate_id: String,
    sequence: i64,
    event_type: String,
    event_version: String,
    payload: serde_json::Value,
    metadata: serde_json::Value,
    recorded_at: DateTime<Utc>,
}

impl Relay {
    /// A relay from `pool` (the domain's database) to `topic`.
    pub fn new(domain: Domain, pool: PgPool, producer: FutureProducer, topic: String) -> Self {
        Self {
            domain,
            pool,
            producer,
            topic,
            batch_size: 500,
            acknowledged: Mutex::new(None),
        }
    }

    /// Runs until `shutdown` is cancelled. Only one relay per topic and database
    /// publishes at a time (a PostgreSQL advisory lock); others wait as hot standbys.
    pub async fn run(self, shutdown: CancellationToken) -> anyhow::Result<()> {
        let mut lock = self
            .pool
            .acquire()
            .await
            .context("Failed to get a connection")?;
        loop {
            let locked: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock(hashtext($1))")
                .bind(format!("relay:{}", self.topic))
                .fetch_one(&mut *lock)
                .await
                .context("Failed to take the relay lock")?;
            if locked {
                break;
            }
            tokio::select! {
                _ = shutdown.cancelled() => return Ok(()),
                _ = tokio::time::sleep(Duration::from_secs(2)) => {}
            }
        }
        let mut listener = PgListener::connect_with(&self.pool)
            .await
            .context("Failed to open the relay's notification listener")?;
        listener.listen(CHANNEL).await.context("Failed to LISTEN")?;
        let mut committed = crate::event_store::committed(&self.pool);
        tracing::info!(domain = %self.domain, topic = %self.topic, "relay started");
        while !shutdown.is_cancelled() {
            if let Err(e) = self
                .pipeline(&shutdown, &mut listener, &mut committed)
                .await
            {
                tracing::error!(error = ?e, topic = %self.topic, "relay batch failed; retrying");
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = tokio::time::sleep(IDLE_POLL) => {}
                }
            }
        }
        tracing::info!(topic = %self.topic, "relay stopped");
        Ok(())
    }

    /// Publishes from the checkpoint on, pipelined, until shut down or a failure (then
    /// the caller starts again from the checkpoint, which never passed an unacknowledged
    /// event).
    async fn pipeline(
        &self,
        shutdown: &CancellationToken,
        listener: &mut PgListener,
        committed: &mut watch::Receiver<()>,
    ) -> anyhow::Result<()> {
        let mut written = self.checkpoint().await?;
        let mut acknowledged = written.clone();
        let mut read = written.clone();
        let mut in_flight: VecDeque<InFlight> = VecDeque::with_capacity(2);
        let mut last_write = Instant::now();
        while !shutdown.is_cancelled() {
            let rows = self.read(&read).await?;
            let got = !rows.is_empty();
            if let Some(last) = rows.last() {
                let to = Cursor {
                    tx_id: last.tx_id.clone(),
                    global_id: last.global_id,
                };
                in_flight.push_back(InFlight {
                    to: to.clone(),
                    deliveries: self.send(rows)?,
                });
                read = to;
            }
            // Keep the batch just queued in flight while the next one is read; when
            // nothing new came, wait for all.
            let keep = usize::from(got);
            let mut published = 0;
            while in_flight.len() > keep {
                let Some(batch) = in_flight.pop_front() else {
                    break;
                };
                published += batch.deliveries.len();
                Self::acknowledged(batch.deliveries).await?;
                acknowledged = batch.to;
            }
            if published > 0 {
                kafka::announce(&self.topic);
                tracing::debug!(topic = %self.topic, count = published, "published events");
            }
            if acknowledged != written
                && (in_flight.is_empty() || last_write.elapsed() >= CHECKPOINT_EVERY)
            {
                self.advance(&acknowledged).await?;
                written = acknowledged.clone();
                last_write = Instant::now();
            }
            if !got && in_flight.is_empty() {
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = listener.recv() => {}
                    _ = committed.changed() => {}
                    _ = tokio::time::sleep(IDLE_POLL) => {}
                }
            }
        }
        Ok(())
    }

    /// Publishes the next batch of committed events, waits for every acknowledgement and
    /// writes the checkpoint; returns how many were published. Stop-and-wait: what tests
    /// and tools call; [`Relay::run`] pipelines the same steps.
    pub async fn publish_batch(&self) -> anyhow::Result<usize> {
        let mut acknowledged = self.acknowledged.lock().await;
        let cursor = match acknowledged.as_ref() {
            Some(cursor) => cursor.clone(),
            None => self.checkpoint().await?,
        };
        let rows = self.read(&cursor).await?;
        let Some(last) = rows.last() else {
            *acknowledged = Some(cursor);
            return Ok(0);
        };
        let next = Cursor {
            tx_id: last.tx_id.clone(),
            global_id: last.global_id,
        };
        let count = rows.len();
        Self::acknowledged(self.send(rows)?).await?;
        self.advance(&next).await?;
        kafka::announce(&self.topic);
        *acknowledged = Some(next);
        tracing::debug!(topic = %self.topic, count, "published events");
        Ok(count)
    }

    /// The next committed events after `cursor`, in commit order.
    async fn read(&self, cursor: &Cursor) -> anyhow::Result<Vec<Row>> {
        // `events.tx_id`, qualified: a bare `tx_id` in ORDER BY names the *output* column,
        // the text cast, which sorts "10" before "9" and disagrees with the keyset in WHERE.
        sqlx::query_as(
            "SELECT global_id, tx_id::text AS tx_id, event_id, aggregate_type, aggregate_id,
                    sequence, event_type, event_version, payload, metadata, recorded_at
               FROM events
              WHERE (tx_id, global_id) > ($1::text::xid8, $2)
                AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
              ORDER BY events.tx_id, events.global_id
              LIMIT $3",
        )
        .bind(&cursor.tx_id)
        .bind(cursor.global_id)
        .bind(self.batch_size)
        .fetch_all(&self.pool)
        .await
        .context("Failed to read committed events")
    }

    /// Waits until the broker has acknowledged every one of `deliveries`.
    async fn acknowledged(deliveries: Vec<DeliveryFuture>) -> anyhow::Result<()> {
        for delivery in deliveries {
            match delivery.await {
                Ok(Ok(_)) => {}
                Ok(Err((e, _))) => return Err(e).context("Kafka refused an event"),
                Err(_) => anyhow::bail!("the Kafka producer dropped a delivery"),
            }
        }
        Ok(())
    }

    /// Queues every row on the producer, in order; returns their deliveries.
    fn send(&self, rows: Vec<Row>) -> anyhow::Result<Vec<DeliveryFuture>> {
        let mut deliveries = Vec::with_capacity(rows.len());
        for row in rows {
            let key = row.aggregate_id.clone();
            let event = CloudEvent::from_stored(
                self.domain.name(),
                StoredEvent {
                    event_id: row.event_id,
                    aggregate_type: row.aggregate_type,
                    aggregate_id: row.aggregate_id,
                    sequence: row.sequence,
                    event_type: row.event_type,
                    event_version: row.event_version,
                    payload: row.payload,
                    metadata: row.metadata,
                    recorded_at: row.recorded_at,
                },
            );
            let body = serde_json::to_vec(&event).context("Failed to encode a CloudEvent")?;
            // Structured content mode of the CloudEvents Kafka binding: the whole event
            // is the value and `content-type` says so; the correlation id rides along
            // for tracing without parsing. No `ce_*` attribute headers (those are binary
            // mode's): tansu stores every header as a row of its own, and four headers
            // made each message cost the broker five inserts.
            let mut headers = OwnedHeaders::new().insert(Header {
                key: "content-type",
                value: Some(CONTENT_TYPE),
            });
            if let Some(correlation) = &event.correlationid {
                headers = headers.insert(Header {
                    key: CORRELATION_HEADER,
                    value: Some(correlation),
                });
            }
            let record = FutureRecord::to(&self.topic)
                .key(&key)
                .payload(&body)
                .headers(headers);
            let delivery = self
                .producer
                .send_result(record)
                .map_err(|(e, _)| e)
                .context("Failed to queue an event for Kafka")?;
            deliveries.push(delivery);
        }
        Ok(deliveries)
    }

    async fn checkpoint(&self) -> anyhow::Result<Cursor> {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT tx_id::text, global_id FROM relay_checkpoints WHERE topic = $1")
                .bind(&self.topic)
                .fetch_optional(&self.pool)
                .await
                .context("Failed to read the relay checkpoint")?;
        Ok(row.map_or(
            Cursor {
                tx_id: "0".to_string(),
                global_id: 0,
            },
            |(tx_id, global_id)| Cursor { tx_id, global_id },
        ))
    }

    async fn advance(&self, to: &Cursor) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO relay_checkpoints (topic, tx_id, global_id, updated_at)
             VALUES ($1, $2::text::xid8, $3, now())
             ON CONFLICT (topic) DO UPDATE
                SET tx_id = EXCLUDED.tx_id, global_id = EXCLUDED.global_id, updated_at = now()",
        )
        .bind(&self.topic)
        .bind(&to.tx_id)
        .bind(to.global_id)
        .execute(&self.pool)
        .await
        .context("Failed to advance the relay checkpoint")?;
        Ok(())
    }
}
