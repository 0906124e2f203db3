//! Replaying an event store into read models: every stored event, in commit order, up to
//! an optional recording time, one transaction per page of events rather than per event.
//! A projection may offer a [`ReplayBatch`] for its most frequent event types: runs of
//! those are buffered and written set-based (a few multi-row statements per page);
//! any other event first flushes the buffer and then goes through the same `apply_in`
//! the live workers use, so the order of effects, and the result, are the live ones.
//! Auditors rebuild the books from the events alone this way; the benchmark times it.

use anyhow::Context;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use sqlx::{PgPool, Postgres, Row, Transaction};

use crate::{apply_in, Applied, ApplyError, Projection};

/// Events read from the store, and applied in one transaction, per round trip.
const PAGE: i64 = 5_000;

/// A set-based writer for runs of one projection's frequent events during a replay.
#[async_trait]
pub trait ReplayBatch: Send {
    /// Whether `event` may wait in the buffer; any other event flushes it first and is
    /// applied on its own through `apply_in`.
    fn accepts(&self, event: &CloudEvent) -> bool;

    /// Buffers an event it accepts.
    fn push(&mut self, event: CloudEvent) -> Result<(), ApplyError>;

    /// Writes the buffered events inside `tx` with exactly the effect `apply_in` would
    /// have had one by one (applied-event records included) and empties the buffer;
    /// returns how many were applied for the first time.
    async fn flush(&mut self, tx: &mut Transaction<'_, Postgres>) -> Result<usize, ApplyError>;
}

/// Applies the events of `source` (a domain's event store) recorded before `until` (all
/// when `None`) to the read models in `target`; returns how many changed them.
pub async fn replay(
    source: &PgPool,
    target: &PgPool,
    domain: &str,
    projection: &dyn Projection,
    until: Option<DateTime<Utc>>,
) -> anyhow::Result<usize> {
    let mut applied = 0;
    let mut cursor: (String, i64) = ("0".to_string(), 0);
    loop {
        // `events.tx_id`, qualified: a bare `tx_id` in ORDER BY names the *output* column,
        // the text cast, which sorts "10" before "9" and disagrees with the keyset in WHERE
        // (rows could be skipped once ids gain a digit; PostgreSQL also sorts the whole
        // table for it instead of walking `events_commit_order`).
        let rows = sqlx::query(
            "SELECT tx_id::text AS tx_id, global_id, event_id, aggregate_type, aggregate_id,
                    sequence, event_type, event_version, payload::jsonb AS payload,
                    metadata::jsonb AS metadata, recorded_at
               FROM events
              WHERE (tx_id, global_id) > ($1::text::xid8, $2)
                AND ($3::timestamptz IS NULL OR recorded_at < $3)
              ORDER BY events.tx_id, events.global_id
              LIMIT $4",
        )
        .bind(&cursor.0)
        .bind(cursor.1)
        .bind(until)
        .bind(PAGE)
        .fetch_all(source)
        .await
        .context("Failed to read the event store")?;
        let Some(last) = rows.last() else {
            return Ok(applied);
        };
        cursor = (last.try_get("tx_id")?, last.try_get("global_id")?);
        let mut tx = target
            .begin()
            .await
            .context("Failed to begin a transaction")?;
        let mut batch = projection.replay_batch();
        for row in &rows {
            let event = CloudEvent::from_stored(
                domain,
                StoredEvent {
                    event_id: row.try_get("event_id")?,
                    aggregate_type: row.try_get("aggregate_type")?,
                    aggregate_id: row.try_get("aggregate_id")?,
                    sequence: row.try_get("sequence")?,
                    event_type: row.try_get("event_type")?,
                    event_version: row.try_get("event_version")?,
                    payload: row.try_get("payload")?,
                    metadata: row.try_get("metadata")?,
                    recorded_at: row.try_get("recorded_at")?,
                },
            );
            match batch.as_mut() {
                Some(buffer) if buffer.accepts(&event) => buffer.push(event)?,
                _ => {
                    if let Some(buffer) = batch.as_mut() {
                        applied += buffer.flush(&mut tx).await?;
                    }
                    let outcome =
                        apply_in(&mut tx, projection, &event)
                            .await
                            .with_context(|| {
                                format!(
                                    "Failed to apply {} {} to {}",
                                    event.event_type,
                                    event.id,
                                    projection.name()
                                )
                            })?;
                    if outcome == Applied::Applied {
                        applied += 1;
                    }
                }
            }
        }
        if let Some(buffer) = batch.as_mut() {
            applied += buffer.flush(&mut tx).await?;
        }
        tx.commit()
            .await
            .context("Failed to commit a page of the replay")?;
    }
}
