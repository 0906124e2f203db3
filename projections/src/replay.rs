//! Replaying an event store into read models: every stored event, in commit order, up to
//! an optional recording time, one transaction per page of events rather than per event.
//! A task reads the next pages while the current one is written ([`read_ahead`]).
//! A projection may offer a [`ReplayBatch`] for its most frequent event types: runs of
//! those are buffered and written set-based (a few multi-row statements per page);
//! any other event first flushes the buffer and then goes through the same `apply_in`
//! the live workers use, so the order of effects, and the result, are the live ones.
//!
//! [`replay`] writes into the live tables, as they are; [`crate::rebuild`] builds fresh
//! tables and swaps them in, which is what `constructos replay` and the benchmark use.

use anyhow::Context;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use sqlx::{PgPool, Postgres, Row, Transaction};
use tokio::sync::mpsc;

use crate::{apply_in, Applied, ApplyError, Projection};

/// Events read from the store, and applied in one transaction, per round trip.
const PAGE: i64 = 5_000;

/// Pages read ahead of the writer: enough to hide a read behind a write, few enough that
/// memory stays a few pages.
const AHEAD: usize = 2;

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

/// A position in commit order: `(tx_id, global_id)` of an event (`tx_id` as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    tx_id: String,
    global_id: i64,
}

impl Cursor {
    /// Before the first event.
    pub fn start() -> Self {
        Self {
            tx_id: "0".to_string(),
            global_id: 0,
        }
    }
}

/// Which events a read takes.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// Only events recorded before this time (all when `None`).
    pub until: Option<DateTime<Utc>>,
    /// Only events of transactions older than every transaction of this database still
    /// running: one that commits later cannot land behind the cursor. (Not the
    /// cluster-wide `pg_snapshot_xmin`, which the relay uses: a long transaction in any
    /// other database would hold the whole load back, into the swap. Transactions of
    /// this database are found by the lock each holds on its own id, which `pg_locks`
    /// shows to every role.)
    pub settled_only: bool,
}

/// A page of events in commit order and the position of its last one.
pub struct Page {
    pub events: Vec<CloudEvent>,
    pub last: Cursor,
}

/// Reads the page of events after `after` within `window`; `None` at the end.
pub async fn read_page(
    source: &PgPool,
    domain: &str,
    after: &Cursor,
    window: Window,
) -> anyhow::Result<Option<Page>> {
    // `events.tx_id`, qualified: a bare `tx_id` in ORDER BY names the *output* column,
    // the text cast, which sorts "10" before "9" and disagrees with the keyset in WHERE
    // (rows could be skipped once ids gain a digit; PostgreSQL also sorts the whole
    // table for it instead of walking `events_commit_order`). `payload` and `metadata`
    // are read as stored (`json`, text): a cast to jsonb would only be parsed twice.
    let rows = sqlx::query(
        "SELECT tx_id::text AS tx_id, global_id, event_id, aggregate_type, aggregate_id,
                sequence, event_type, event_version, payload, metadata, recorded_at
           FROM events
          WHERE (tx_id, global_id) > ($1::text::xid8, $2)
            AND ($3::timestamptz IS NULL OR recorded_at < $3)
            AND (NOT $4 OR tx_id < (
                  SELECT coalesce(min(x), pg_snapshot_xmax(pg_current_snapshot()))
                    FROM pg_snapshot_xip(pg_current_snapshot()) AS x
                   WHERE (x::text::bigint % 4294967296)::text::xid IN (
                         SELECT l.transactionid FROM pg_locks l JOIN pg_stat_activity a USING (pid)
                          WHERE l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock'
                            AND a.datname = current_database())))
          ORDER BY events.tx_id, events.global_id
          LIMIT $5",
    )
    .bind(&after.tx_id)
    .bind(after.global_id)
    .bind(window.until)
    .bind(window.settled_only)
    .bind(PAGE)
    .fetch_all(source)
    .await
    .context("Failed to read the event store")?;
    let Some(last) = rows.last() else {
        return Ok(None);
    };
    let last = Cursor {
        tx_id: last.try_get("tx_id")?,
        global_id: last.try_get("global_id")?,
    };
    let mut events = Vec::with_capacity(rows.len());
    for row in rows {
        events.push(CloudEvent::from_stored(
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
        ));
    }
    Ok(Some(Page { events, last }))
}

/// Reads pages after `after` in a task of its own, at most [`AHEAD`] pages ahead of
/// the receiver; the channel closes after the last page or the first error. Dropping
/// the receiver stops the task.
pub fn read_ahead(
    source: PgPool,
    domain: String,
    after: Cursor,
    window: Window,
) -> mpsc::Receiver<anyhow::Result<Page>> {
    let (pages, receiver) = mpsc::channel(AHEAD);
    tokio::spawn(async move {
        let mut cursor = after;
        loop {
            match read_page(&source, &domain, &cursor, window).await {
                Ok(Some(page)) => {
                    cursor = page.last.clone();
                    if pages.send(Ok(page)).await.is_err() {
                        return;
                    }
                }
                Ok(None) => return,
                Err(error) => {
                    // The receiver reports it; if it has gone, nobody needs it.
                    let _ = pages.send(Err(error)).await;
                    return;
                }
            }
        }
    });
    receiver
}

/// Applies the events of `source` (a domain's event store) recorded before `until` (all
/// when `None`) to the read models in `target`, in place; returns how many changed them.
pub async fn replay(
    source: &PgPool,
    target: &PgPool,
    domain: &str,
    projection: &dyn Projection,
    until: Option<DateTime<Utc>>,
) -> anyhow::Result<usize> {
    let window = Window {
        until,
        settled_only: false,
    };
    let mut pages = read_ahead(source.clone(), domain.to_string(), Cursor::start(), window);
    let mut applied = 0;
    while let Some(page) = pages.recv().await {
        let page = page?;
        let mut tx = target
            .begin()
            .await
            .context("Failed to begin a transaction")?;
        let mut batch = projection.replay_batch();
        for event in page.events {
            match batch.as_mut() {
                Some(buffer) if buffer.accepts(&event) => buffer.push(event)?,
                _ => {
                    if let Some(buffer) = batch.as_mut() {
                        applied += buffer.flush(&mut tx).await?;
                    }
                    let outcome = apply_in(&mut tx, projection, &event)
                        .await
                        .with_context(|| failed_to_apply(&event, projection.name()))?;
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
    Ok(applied)
}

/// The context of an event that failed to apply.
pub(crate) fn failed_to_apply(event: &CloudEvent, projection: &str) -> String {
    format!(
        "Failed to apply {} {} to {projection}",
        event.event_type, event.id
    )
}
