//! What a journal's decision read but does not write — its period and its accounts —
//! must still hold when the journal commits, or a `closePeriod` (`closeLedgerAccount`)
//! committing in between would let a journal into a closed period (account) with both
//! commands succeeding.
//!
//! Every finance commit ([`super::store::ChainedStore::commit_all`]) takes, inside its
//! transaction and before it inserts, a PostgreSQL advisory lock per stream of that
//! kind it touches: **shared** for the period and each account a `JournalPosted` names,
//! **exclusive** for the period a `PeriodClosed`/`PeriodReopened` changes and the
//! account a `LedgerAccountClosed` closes. Locks are taken in key order, so two commits
//! never wait on each other in a circle. Holding the shared locks, the commit checks
//! again, from the event store, that each period is open and each account not closed;
//! if one no longer is, it stores nothing and answers a conflict, and the command
//! decides again — now seeing the close, and refusing with its usual message. A close
//! that commits first makes the journal see it; a journal that holds its locks first
//! commits before the close. Journals never wait for each other (shared locks).

use std::collections::BTreeMap;

use constructos_domain::finance::{
    JournalEvent, JOURNAL_AGGREGATE, LEDGER_ACCOUNT_AGGREGATE, PERIOD_AGGREGATE,
};
use cqrs_es::persist::SerializedEvent;
use sha2::{Digest, Sha256};
use sqlx::{Postgres, Transaction};

/// The locks and checks one commit needs.
#[derive(Debug, Default)]
pub(crate) struct Guards {
    /// Lock key → exclusive?
    locks: BTreeMap<i64, bool>,
    /// Periods that must be open at commit.
    open_periods: Vec<String>,
    /// Accounts that must not be closed at commit.
    open_accounts: Vec<String>,
}

/// The advisory-lock key of one stream.
fn key(aggregate_type: &str, id: &str) -> i64 {
    let digest = Sha256::digest(format!("{aggregate_type}/{id}").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(bytes)
}

impl Guards {
    /// What `events` need: their journals' periods and accounts held open, the periods
    /// and accounts they close or reopen held alone.
    pub fn of(events: &[SerializedEvent]) -> Self {
        let mut guards = Guards::default();
        for event in events {
            match (event.aggregate_type.as_str(), event.event_type.as_str()) {
                (JOURNAL_AGGREGATE, "JournalPosted") => {
                    // Stored as the event enum serializes: `{"JournalPosted": {...}}`.
                    if let Ok(JournalEvent::JournalPosted { period, lines, .. }) =
                        serde_json::from_value::<JournalEvent>(event.payload.clone())
                    {
                        guards.share(PERIOD_AGGREGATE, &period);
                        guards.open_periods.push(period);
                        for line in lines {
                            guards.share(LEDGER_ACCOUNT_AGGREGATE, &line.account_code);
                            guards.open_accounts.push(line.account_code);
                        }
                    }
                }
                (PERIOD_AGGREGATE, "PeriodClosed" | "PeriodReopened")
                | (LEDGER_ACCOUNT_AGGREGATE, "LedgerAccountClosed") => {
                    guards
                        .locks
                        .insert(key(&event.aggregate_type, &event.aggregate_id), true);
                }
                _ => {}
            }
        }
        guards.open_periods.sort_unstable();
        guards.open_periods.dedup();
        guards.open_accounts.sort_unstable();
        guards.open_accounts.dedup();
        guards
    }

    fn share(&mut self, aggregate_type: &str, id: &str) {
        self.locks.entry(key(aggregate_type, id)).or_insert(false);
    }

    /// Takes the locks (in key order) inside `tx`, then answers whether every period
    /// and account the journals read is still open.
    pub async fn hold(&self, tx: &mut Transaction<'_, Postgres>) -> Result<bool, sqlx::Error> {
        for (key, exclusive) in &self.locks {
            let lock = if *exclusive {
                "SELECT pg_advisory_xact_lock($1)"
            } else {
                "SELECT pg_advisory_xact_lock_shared($1)"
            };
            sqlx::query(lock).bind(key).execute(&mut **tx).await?;
        }
        if !self.open_periods.is_empty() {
            // A period is closed when its latest close/reopen is a close.
            let closed: bool = sqlx::query_scalar(
                "SELECT EXISTS (
                   SELECT 1 FROM (
                     SELECT DISTINCT ON (aggregate_id) event_type
                       FROM events
                      WHERE aggregate_type = $1 AND aggregate_id = ANY($2)
                        AND event_type IN ('PeriodClosed', 'PeriodReopened')
                      ORDER BY aggregate_id, sequence DESC) latest
                    WHERE event_type = 'PeriodClosed')",
            )
            .bind(PERIOD_AGGREGATE)
            .bind(&self.open_periods)
            .fetch_one(&mut **tx)
            .await?;
            if closed {
                return Ok(false);
            }
        }
        if !self.open_accounts.is_empty() {
            let closed: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM events
                                 WHERE aggregate_type = $1 AND aggregate_id = ANY($2)
                                   AND event_type = 'LedgerAccountClosed')",
            )
            .bind(LEDGER_ACCOUNT_AGGREGATE)
            .bind(&self.open_accounts)
            .fetch_one(&mut **tx)
            .await?;
            if closed {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use constructos_domain::finance::{JournalLine, JournalSource, Rand, Side};
    use serde_json::json;

    use super::*;

    fn event(
        aggregate_type: &str,
        id: &str,
        event_type: &str,
        payload: serde_json::Value,
    ) -> SerializedEvent {
        SerializedEvent::new(
            id.to_string(),
            1,
            aggregate_type.to_string(),
            event_type.to_string(),
            "1".to_string(),
            payload,
            json!({}),
        )
    }

    fn posted(period: &str, accounts: &[&str]) -> SerializedEvent {
        let lines = accounts
            .iter()
            .map(|code| JournalLine {
                account_code: code.to_string(),
                side: Side::Debit,
                amount: Rand::cents(100),
                project_id: None,
                cost_code: None,
                site_id: None,
            })
            .collect();
        let posted = JournalEvent::JournalPosted {
            date: NaiveDate::from_ymd_opt(2026, 3, 1).expect("date"),
            period: period.to_string(),
            narrative: "n".to_string(),
            source: JournalSource::Manual,
            lines,
            reverses: None,
        };
        let payload = serde_json::to_value(posted).expect("payload");
        event(JOURNAL_AGGREGATE, "j-1", "JournalPosted", payload)
    }

    #[test]
    fn a_journal_holds_its_period_and_accounts_shared() {
        let guards = Guards::of(&[posted("2026-03", &["1000", "3000", "1000"])]);
        assert_eq!(guards.open_periods, ["2026-03"]);
        assert_eq!(guards.open_accounts, ["1000", "3000"]);
        assert_eq!(guards.locks.len(), 3);
        assert!(guards.locks.values().all(|exclusive| !exclusive));
    }

    #[test]
    fn a_close_holds_its_stream_alone_and_shares_the_key_a_journal_uses() {
        let close = event(PERIOD_AGGREGATE, "2026-03", "PeriodClosed", json!({}));
        let both = Guards::of(&[posted("2026-03", &["1000"]), close.clone()]);
        assert_eq!(
            both.locks.get(&key(PERIOD_AGGREGATE, "2026-03")),
            Some(&true)
        );
        let alone = Guards::of(&[close]);
        assert_eq!(alone.locks.len(), 1);
        assert!(alone.open_periods.is_empty());
        let other = Guards::of(&[event(
            PERIOD_AGGREGATE,
            "2026-03",
            "PeriodOpened",
            json!({}),
        )]);
        assert!(other.locks.is_empty());
    }
}
