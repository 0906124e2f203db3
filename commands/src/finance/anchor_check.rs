//! Recomputing every ledger anchor from the stored events, in one pass over the finance
//! events in recording order: what a per-stream chain cannot see (a stream's tail or a
//! whole stream removed, an event slipped in with a back-dated `recorded_at`, a stream
//! re-hashed from an edit to its end) changes an anchor's counts or digest.

use std::fmt;

use anyhow::Context;
use chrono::{DateTime, Utc};
use constructos_domain::finance::{LedgerAnchorEvent, LEDGER_ANCHOR_AGGREGATE};
use futures::TryStreamExt;
use sqlx::{PgPool, Row};

use super::anchor::{anchor_digest, cutoff_text, Heads};
use super::chain::GENESIS;

/// The first anchor that no longer matches the ledger, and what differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenAnchor {
    /// Its sequence in the anchor stream.
    pub sequence: i64,
    pub cutoff: DateTime<Utc>,
    pub reason: String,
}

impl fmt::Display for BrokenAnchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} sequence {} (cutoff {}): {}",
            LEDGER_ANCHOR_AGGREGATE,
            constructos_domain::finance::LEDGER_ANCHOR_STREAM,
            self.sequence,
            cutoff_text(self.cutoff),
            self.reason
        )
    }
}

/// The outcome of checking the anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorCheck {
    /// Anchors checked (up to and including a broken one).
    pub anchors: usize,
    pub broken: Option<BrokenAnchor>,
}

/// One stored anchor.
struct StoredAnchor {
    sequence: i64,
    cutoff: DateTime<Utc>,
    streams: u64,
    events: u64,
    digest: String,
    previous_digest: String,
}

async fn stored_anchors(pool: &PgPool) -> anyhow::Result<Vec<StoredAnchor>> {
    let rows = sqlx::query(
        "SELECT sequence, payload::text AS payload FROM events
          WHERE aggregate_type = $1 ORDER BY aggregate_id, sequence",
    )
    .bind(LEDGER_ANCHOR_AGGREGATE)
    .fetch_all(pool)
    .await
    .context("Failed to read the ledger anchors")?;
    let mut anchors = Vec::with_capacity(rows.len());
    for row in rows {
        let sequence: i64 = row.try_get("sequence")?;
        let payload: String = row.try_get("payload")?;
        let LedgerAnchorEvent::LedgerAnchored {
            cutoff,
            streams,
            events,
            digest,
            previous_digest,
        } = serde_json::from_str(&payload)
            .with_context(|| format!("Ledger anchor {sequence} is not a LedgerAnchored event"))?;
        anchors.push(StoredAnchor {
            sequence,
            cutoff,
            streams,
            events,
            digest,
            previous_digest,
        });
    }
    Ok(anchors)
}

/// Compares one stored anchor with the ledger as recomputed at its cutoff.
fn compare(anchor: &StoredAnchor, previous: &str, heads: &Heads, events: u64) -> Option<String> {
    let streams = heads.len() as u64;
    if anchor.previous_digest != previous {
        return Some("previous_digest does not match the anchor before it".to_string());
    }
    if anchor.streams != streams || anchor.events != events {
        return Some(format!(
            "anchored {} streams and {} events; the ledger as at the cutoff now has {} streams \
             and {} events: {}",
            anchor.streams,
            anchor.events,
            streams,
            events,
            if streams < anchor.streams {
                "a whole stream was removed"
            } else if events < anchor.events {
                "events were removed"
            } else {
                "events were added with a back-dated recording time"
            }
        ));
    }
    if anchor_digest(anchor.cutoff, events, &anchor.previous_digest, heads) != anchor.digest {
        return Some(
            "the counts match but the digest does not: a stream's head as at the cutoff was \
             changed, replaced or re-hashed"
                .to_string(),
        );
    }
    None
}

/// Recomputes every anchor, in order, and names the first that does not match.
pub async fn check_anchors(pool: &PgPool) -> anyhow::Result<AnchorCheck> {
    let anchors = stored_anchors(pool).await?;
    if anchors.is_empty() {
        return Ok(AnchorCheck {
            anchors: 0,
            broken: None,
        });
    }
    let mut rows = sqlx::query(
        "SELECT aggregate_type, aggregate_id, sequence,
                coalesce(metadata->>'event_hash', '') AS event_hash, recorded_at
           FROM events
          WHERE aggregate_type LIKE 'finance.%' AND aggregate_type <> $1
          ORDER BY recorded_at",
    )
    .bind(LEDGER_ANCHOR_AGGREGATE)
    .fetch(pool);
    let mut heads = Heads::new();
    let mut events: u64 = 0;
    let mut previous = GENESIS.to_string();
    let mut pending = anchors.iter().peekable();
    let mut settle = |anchor: &StoredAnchor, heads: &Heads, events: u64| {
        let problem = compare(anchor, &previous, heads, events);
        previous = anchor.digest.clone();
        problem.map(|reason| BrokenAnchor {
            sequence: anchor.sequence,
            cutoff: anchor.cutoff,
            reason,
        })
    };
    while let Some(row) = rows.try_next().await.context("Failed to read events")? {
        let recorded_at: DateTime<Utc> = row.try_get("recorded_at")?;
        while let Some(anchor) = pending.next_if(|a| a.cutoff <= recorded_at) {
            if let Some(broken) = settle(anchor, &heads, events) {
                return Ok(AnchorCheck {
                    anchors: check_count(&anchors, anchor),
                    broken: Some(broken),
                });
            }
        }
        events += 1;
        let sequence: i64 = row.try_get("sequence")?;
        let head = heads
            .entry((row.try_get("aggregate_type")?, row.try_get("aggregate_id")?))
            .or_insert((0, String::new()));
        if sequence > head.0 {
            *head = (sequence, row.try_get("event_hash")?);
        }
    }
    for anchor in pending {
        if let Some(broken) = settle(anchor, &heads, events) {
            return Ok(AnchorCheck {
                anchors: check_count(&anchors, anchor),
                broken: Some(broken),
            });
        }
    }
    Ok(AnchorCheck {
        anchors: anchors.len(),
        broken: None,
    })
}

/// How many anchors were checked when `broken` was found (anchors are in order).
fn check_count(anchors: &[StoredAnchor], broken: &StoredAnchor) -> usize {
    anchors
        .iter()
        .position(|a| a.sequence == broken.sequence)
        .map_or(anchors.len(), |i| i + 1)
}
