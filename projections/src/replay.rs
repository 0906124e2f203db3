//! Replaying an event store into read models: every stored event, in commit order, up to
//! an optional recording time, through the same `apply_in` the live workers use — one
//! transaction per page of events rather than per event.
//! Auditors rebuild the books from the events alone this way; the benchmark times it.

use anyhow::Context;
use chrono::{DateTime, Utc};
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use sqlx::{PgPool, Row};

use crate::{apply_in, Applied, Projection};

/// Events read from the store, and applied in one transaction, per round trip.
const PAGE: i64 = 1_000;

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
        let rows = sqlx::query(
            "SELECT tx_id::text AS tx_id, global_id, event_id, aggregate_type, aggregate_id,
                    sequence, event_type, event_version, payload::jsonb AS payload,
                    metadata::jsonb AS metadata, recorded_at
               FROM events
              WHERE (tx_id, global_id) > ($1::text::xid8, $2)
                AND ($3::timestamptz IS NULL OR recorded_at < $3)
              ORDER BY tx_id, global_id
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
            if apply_in(&mut tx, projection, &event).await? == Applied::Applied {
                applied += 1;
            }
        }
        tx.commit()
            .await
            .context("Failed to commit a page of the replay")?;
    }
}
