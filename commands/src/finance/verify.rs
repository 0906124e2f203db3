//! `constructos verify-ledger`: recomputes every finance hash chain from the stored
//! events and names the first broken link; then recomputes every ledger anchor and
//! names the first that no longer matches (`anchor_check.rs`).

use std::fmt;

use anyhow::Context;
use constructos_domain::metadata::{EVENT_HASH, PREVIOUS_HASH};
use futures::TryStreamExt;
use serde_json::Value;
use sqlx::{PgPool, Row};

use super::anchor_check::{check_anchors, BrokenAnchor};
use super::chain::{ChainLink, GENESIS};

/// Where a chain breaks, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub aggregate_type: String,
    pub aggregate_id: String,
    pub sequence: i64,
    pub reason: String,
}

impl fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} sequence {}: {}",
            self.aggregate_type, self.aggregate_id, self.sequence, self.reason
        )
    }
}

/// The outcome of a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Streams (aggregates) checked.
    pub streams: usize,
    /// Events checked.
    pub events: usize,
    /// The first broken link, in (aggregate type, aggregate id, sequence) order.
    pub broken: Option<BrokenLink>,
    /// Ledger anchors recomputed.
    pub anchors: usize,
    /// The first anchor that no longer matches the ledger as at its cutoff.
    pub broken_anchor: Option<BrokenAnchor>,
}

impl Verification {
    /// Whether every chain and every anchor holds.
    pub fn intact(&self) -> bool {
        self.broken.is_none() && self.broken_anchor.is_none()
    }
}

/// Where the walk is: the stream and the last link checked in it.
struct Cursor {
    stream: (String, String),
    sequence: i64,
    hash: String,
}

/// Walks every finance stream in order, recomputing each event's hash from its stored
/// content and checking it links to the event before it; then recomputes every anchor.
pub async fn verify_ledger(pool: &PgPool) -> anyhow::Result<Verification> {
    let mut verification = verify_chains(pool).await?;
    let anchors = check_anchors(pool).await?;
    verification.anchors = anchors.anchors;
    verification.broken_anchor = anchors.broken;
    Ok(verification)
}

/// The per-stream hash chains only.
async fn verify_chains(pool: &PgPool) -> anyhow::Result<Verification> {
    let mut rows = sqlx::query(
        "SELECT aggregate_type, aggregate_id, sequence, event_type, event_version,
                payload::text AS payload, metadata::text AS metadata
           FROM events
          WHERE aggregate_type LIKE 'finance.%'
          ORDER BY aggregate_type, aggregate_id, sequence",
    )
    .fetch(pool);
    let mut verification = Verification {
        streams: 0,
        events: 0,
        broken: None,
        anchors: 0,
        broken_anchor: None,
    };
    let mut cursor: Option<Cursor> = None;
    while let Some(row) = rows.try_next().await.context("Failed to read events")? {
        let aggregate_type: String = row.try_get("aggregate_type")?;
        let aggregate_id: String = row.try_get("aggregate_id")?;
        let sequence: i64 = row.try_get("sequence")?;
        let stream = (aggregate_type.clone(), aggregate_id.clone());
        let (expected_sequence, previous) = match &cursor {
            Some(c) if c.stream == stream => (c.sequence + 1, c.hash.clone()),
            _ => {
                verification.streams += 1;
                (1, GENESIS.to_string())
            }
        };
        verification.events += 1;
        let broken = |reason: &str| BrokenLink {
            aggregate_type: aggregate_type.clone(),
            aggregate_id: aggregate_id.clone(),
            sequence,
            reason: reason.to_string(),
        };
        let payload: Value = serde_json::from_str(&row.try_get::<String, _>("payload")?)
            .context("A stored payload is not JSON")?;
        let metadata: Value = serde_json::from_str(&row.try_get::<String, _>("metadata")?)
            .context("Stored metadata is not JSON")?;
        let stored_hash = metadata.get(EVENT_HASH).and_then(Value::as_str);
        let stored_previous = metadata.get(PREVIOUS_HASH).and_then(Value::as_str);
        let event_type: String = row.try_get("event_type")?;
        let event_version: String = row.try_get("event_version")?;
        let recomputed = ChainLink {
            aggregate_type: &aggregate_type,
            aggregate_id: &aggregate_id,
            sequence,
            event_type: &event_type,
            event_version: &event_version,
            payload: &payload,
            previous_hash: &previous,
        }
        .hash();
        let problem = if sequence != expected_sequence {
            Some(format!(
                "expected sequence {expected_sequence}: an event is missing"
            ))
        } else if stored_hash.is_none() || stored_previous.is_none() {
            Some("the event carries no hash".to_string())
        } else if stored_previous != Some(previous.as_str()) {
            Some("previous_hash does not match the event before it".to_string())
        } else if stored_hash != Some(recomputed.as_str()) {
            Some("the content does not match its hash: the event was changed".to_string())
        } else {
            None
        };
        if let Some(reason) = problem {
            verification.broken = Some(broken(&reason));
            return Ok(verification);
        }
        cursor = Some(Cursor {
            stream,
            sequence,
            hash: recomputed,
        });
    }
    Ok(verification)
}
