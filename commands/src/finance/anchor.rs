//! Writing the ledger anchor: at a cutoff, the digest over every finance stream's head
//! (its last sequence and `event_hash` among the events recorded before the cutoff),
//! appended as a `LedgerAnchored` event in its own hash-chained stream.
//!
//! The digest is the lowercase hex SHA-256 of UTF-8 text, one canonical JSON array per
//! line, each line ending in `\n`:
//!
//! ```text
//! ["constructos.ledger_anchor.v1","2026-03-02T00:00:00.000000Z",<streams>,<events>,"<previous_digest>"]
//! ["finance.invoice","0190…",2,"<event_hash of its sequence 2>"]
//! ["finance.journal","0190…",1,"<event_hash>"]
//! …
//! ```
//!
//! streams sorted by (aggregate type, aggregate id) as bytes. The anchor stream itself
//! is not covered (it is chained on its own and each anchor names the previous digest).
//! An event is covered when `recorded_at < cutoff`; `recorded_at` is the start of the
//! inserting transaction, so a cutoff is only anchored once no transaction that began
//! before it is still open in this database ([`anchor_ledger_at`] checks).

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use chrono::{DateTime, Duration, NaiveTime, SecondsFormat, Utc};
use constructos_domain::finance::{
    LedgerAnchor, LedgerAnchorCommand, LEDGER_ANCHOR_AGGREGATE, LEDGER_ANCHOR_STREAM,
};
use constructos_domain::metadata;
use cqrs_es::AggregateError;
use futures::TryStreamExt;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::{PgPool, Row};

use super::store::ChainedStore;

/// The first line's tag: the version of the digest's form.
const DIGEST_FORM: &str = "constructos.ledger_anchor.v1";

/// The subject recorded on anchors: the system, not a person.
pub const ANCHOR_SUBJECT: &str = "system:ledger-anchor";

/// How often an anchor is re-decided after another anchorer appended first.
const ANCHOR_RETRIES: usize = 3;

/// A stream's head as at a cutoff: its last covered sequence and that event's hash.
pub type Heads = BTreeMap<(String, String), (i64, String)>;

/// The cutoff as the digest writes it (microseconds, as PostgreSQL keeps time).
pub fn cutoff_text(cutoff: DateTime<Utc>) -> String {
    cutoff.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// `cutoff` truncated to whole microseconds, so it compares exactly in PostgreSQL.
pub fn to_micros(cutoff: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(cutoff.timestamp_micros()).unwrap_or(cutoff)
}

/// The anchor digest over `heads` (see the module documentation for the form).
pub fn anchor_digest(
    cutoff: DateTime<Utc>,
    events: u64,
    previous_digest: &str,
    heads: &Heads,
) -> String {
    let mut hasher = Sha256::new();
    let header = Value::Array(vec![
        Value::from(DIGEST_FORM),
        Value::from(cutoff_text(cutoff)),
        Value::from(heads.len() as u64),
        Value::from(events),
        Value::from(previous_digest),
    ]);
    hasher.update(header.to_string().as_bytes());
    hasher.update(b"\n");
    for ((aggregate_type, aggregate_id), (sequence, hash)) in heads {
        let line = Value::Array(vec![
            Value::from(aggregate_type.as_str()),
            Value::from(aggregate_id.as_str()),
            Value::from(*sequence),
            Value::from(hash.as_str()),
        ]);
        hasher.update(line.to_string().as_bytes());
        hasher.update(b"\n");
    }
    hex::encode(hasher.finalize())
}

/// The finance ledger as at a cutoff: every stream's head and how many events.
pub struct Coverage {
    pub heads: Heads,
    pub events: u64,
}

/// Reads every finance stream's head among the events recorded before `cutoff`.
pub async fn coverage_at(pool: &PgPool, cutoff: DateTime<Utc>) -> anyhow::Result<Coverage> {
    let mut rows = sqlx::query(
        "SELECT DISTINCT ON (aggregate_type, aggregate_id)
                aggregate_type, aggregate_id, sequence,
                coalesce(metadata->>'event_hash', '') AS event_hash,
                count(*) OVER (PARTITION BY aggregate_type, aggregate_id) AS covered
           FROM events
          WHERE aggregate_type LIKE 'finance.%' AND aggregate_type <> $1
            AND recorded_at < $2
          ORDER BY aggregate_type, aggregate_id, sequence DESC",
    )
    .bind(LEDGER_ANCHOR_AGGREGATE)
    .bind(cutoff)
    .fetch(pool);
    let mut coverage = Coverage {
        heads: Heads::new(),
        events: 0,
    };
    while let Some(row) = rows
        .try_next()
        .await
        .context("Failed to read stream heads")?
    {
        let covered: i64 = row.try_get("covered")?;
        coverage.events += u64::try_from(covered)?;
        coverage.heads.insert(
            (row.try_get("aggregate_type")?, row.try_get("aggregate_id")?),
            (row.try_get("sequence")?, row.try_get("event_hash")?),
        );
    }
    Ok(coverage)
}

/// An anchor written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchored {
    /// Its sequence in the anchor stream (1 for the first anchor).
    pub sequence: u64,
    pub cutoff: DateTime<Utc>,
    pub streams: u64,
    pub events: u64,
    pub digest: String,
}

/// What asking for an anchor did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorOutcome {
    /// A new anchor was appended.
    Anchored(Anchored),
    /// The ledger is already anchored at or after the cutoff; nothing was appended.
    AlreadyAnchored { through: DateTime<Utc> },
    /// A transaction that began before the cutoff is still open (it could still commit
    /// events recorded before it); nothing was appended, ask again later.
    NotYet {
        pid: i32,
        since: DateTime<Utc>,
        /// The transaction's state and its last statement (shortened), to find who holds it.
        doing: String,
    },
}

/// The oldest transaction in this database (other than ours) that began before `cutoff`
/// and may still commit: an open one, or a prepared one; with its state and last
/// statement. Only client sessions count: an autovacuum worker's transaction (which a
/// busy machine can keep open for long on a fresh database) never appends events.
async fn open_before(
    pool: &PgPool,
    cutoff: DateTime<Utc>,
) -> anyhow::Result<Option<(i32, DateTime<Utc>, String)>> {
    let open = sqlx::query_as::<_, (i32, DateTime<Utc>, String)>(
        "SELECT pid, xact_start,
                coalesce(state, '?') || ': ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 160)
           FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND backend_type = 'client backend'
            AND xact_start IS NOT NULL AND xact_start < $1
         UNION ALL
         SELECT 0, prepared, 'prepared: ' || gid FROM pg_prepared_xacts
          WHERE database = current_database()
          ORDER BY 2 LIMIT 1",
    )
    .bind(cutoff)
    .fetch_optional(pool)
    .await
    .context("Failed to look for open transactions")?;
    Ok(open)
}

/// Anchors the ledger as at `cutoff` (any instant not in the future): idempotent, a
/// cutoff at or before the last anchor's appends nothing.
pub async fn anchor_ledger_at(
    pool: &PgPool,
    cutoff: DateTime<Utc>,
) -> anyhow::Result<AnchorOutcome> {
    let cutoff = to_micros(cutoff);
    anyhow::ensure!(
        cutoff <= Utc::now(),
        "the cutoff {} is in the future",
        cutoff_text(cutoff)
    );
    let store = ChainedStore::new(pool.clone());
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut loaded = store
            .load::<LedgerAnchor>(LEDGER_ANCHOR_STREAM)
            .await
            .map_err(|e| anyhow::anyhow!("Failed to load the ledger anchors: {e}"))?;
        if let Some(last) = loaded.aggregate.last() {
            if last.cutoff >= cutoff {
                return Ok(AnchorOutcome::AlreadyAnchored {
                    through: last.cutoff,
                });
            }
        }
        if let Some((pid, since, doing)) = open_before(pool, cutoff).await? {
            return Ok(AnchorOutcome::NotYet { pid, since, doing });
        }
        let coverage = coverage_at(pool, cutoff).await?;
        let previous_digest = loaded.aggregate.previous_digest().to_string();
        let digest = anchor_digest(cutoff, coverage.events, &previous_digest, &coverage.heads);
        let command = LedgerAnchorCommand::AnchorLedger {
            cutoff,
            streams: coverage.heads.len() as u64,
            events: coverage.events,
            digest: digest.clone(),
            previous_digest,
        };
        let meta = HashMap::from([
            (
                metadata::CORRELATION_ID.to_string(),
                uuid::Uuid::now_v7().to_string(),
            ),
            (metadata::SUBJECT.to_string(), ANCHOR_SUBJECT.to_string()),
            (
                metadata::OCCURRED_AT.to_string(),
                Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
            ),
        ]);
        let appended = async {
            let events = store.decide(&mut loaded, command, &(), &meta).await?;
            store.commit::<LedgerAnchor>(&events).await
        }
        .await;
        match appended {
            Ok(()) => {
                return Ok(AnchorOutcome::Anchored(Anchored {
                    sequence: loaded.aggregate.count(),
                    cutoff,
                    streams: coverage.heads.len() as u64,
                    events: coverage.events,
                    digest,
                }))
            }
            Err(AggregateError::AggregateConflict) if attempt < ANCHOR_RETRIES => continue,
            Err(e) => return Err(anyhow::anyhow!("Failed to anchor the ledger: {e}")),
        }
    }
}

/// The first midnight (UTC) strictly after `instant`.
pub fn next_midnight(instant: DateTime<Utc>) -> Option<DateTime<Utc>> {
    Some(
        instant
            .date_naive()
            .succ_opt()?
            .and_time(NaiveTime::MIN)
            .and_utc(),
    )
}

/// Anchors every completed UTC day not yet anchored whose end is at or before
/// `through`: one anchor per midnight, from the day of the first finance event (or the
/// last anchor) on. Stops early, without error, when a transaction that began before a
/// midnight is still open. Returns what each midnight's request did.
pub async fn anchor_days_through(
    pool: &PgPool,
    through: DateTime<Utc>,
) -> anyhow::Result<Vec<AnchorOutcome>> {
    let store = ChainedStore::new(pool.clone());
    let anchors = store
        .load::<LedgerAnchor>(LEDGER_ANCHOR_STREAM)
        .await
        .map_err(|e| anyhow::anyhow!("Failed to load the ledger anchors: {e}"))?;
    let start = match anchors.aggregate.last() {
        Some(last) => last.cutoff,
        None => {
            let first: Option<DateTime<Utc>> = sqlx::query_scalar(
                "SELECT min(recorded_at) FROM events
                  WHERE aggregate_type LIKE 'finance.%' AND aggregate_type <> $1",
            )
            .bind(LEDGER_ANCHOR_AGGREGATE)
            .fetch_one(pool)
            .await
            .context("Failed to find the first finance event")?;
            match first {
                Some(first) => first,
                None => return Ok(vec![]),
            }
        }
    };
    let mut outcomes = Vec::new();
    let mut midnight = next_midnight(start).context("the date is at the end of the calendar")?;
    while midnight <= through {
        let outcome = anchor_ledger_at(pool, midnight).await?;
        let stop = matches!(outcome, AnchorOutcome::NotYet { .. });
        outcomes.push(outcome);
        if stop {
            break;
        }
        midnight += Duration::days(1);
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn heads(entries: &[(&str, &str, i64, &str)]) -> Heads {
        entries
            .iter()
            .map(|(t, i, s, h)| ((t.to_string(), i.to_string()), (*s, h.to_string())))
            .collect()
    }

    #[test]
    fn the_digest_covers_every_head_and_the_header() {
        let cutoff = Utc
            .with_ymd_and_hms(2026, 3, 2, 0, 0, 0)
            .single()
            .expect("time");
        let zero = "0".repeat(64);
        let base = heads(&[
            ("finance.journal", "j-1", 2, "aa"),
            ("finance.ledger_account", "1000", 1, "bb"),
        ]);
        let digest = anchor_digest(cutoff, 3, &zero, &base);
        assert_eq!(digest.len(), 64);
        // The documented form, computed by hand.
        let text = format!(
            "[\"constructos.ledger_anchor.v1\",\"2026-03-02T00:00:00.000000Z\",2,3,\"{zero}\"]\n\
             [\"finance.journal\",\"j-1\",2,\"aa\"]\n[\"finance.ledger_account\",\"1000\",1,\"bb\"]\n"
        );
        assert_eq!(digest, hex::encode(Sha256::digest(text.as_bytes())));
        // A shorter stream, a missing stream, another count or previous digest all differ.
        let shorter = heads(&[
            ("finance.journal", "j-1", 1, "cc"),
            ("finance.ledger_account", "1000", 1, "bb"),
        ]);
        assert_ne!(digest, anchor_digest(cutoff, 2, &zero, &shorter));
        let missing = heads(&[("finance.journal", "j-1", 2, "aa")]);
        assert_ne!(digest, anchor_digest(cutoff, 3, &zero, &missing));
        assert_ne!(digest, anchor_digest(cutoff, 4, &zero, &base));
        assert_ne!(digest, anchor_digest(cutoff, 3, &"1".repeat(64), &base));
    }

    #[test]
    fn midnights_follow_any_instant() {
        let noon = Utc
            .with_ymd_and_hms(2026, 3, 2, 12, 0, 0)
            .single()
            .expect("time");
        let midnight = Utc
            .with_ymd_and_hms(2026, 3, 3, 0, 0, 0)
            .single()
            .expect("time");
        assert_eq!(next_midnight(noon), Some(midnight));
        assert_eq!(
            next_midnight(midnight),
            Some(midnight + Duration::days(1)),
            "strictly after"
        );
    }
}
