//! The daily ledger anchor (`finance.ledger_anchor`, one stream, id `ledger`).
//!
//! A per-stream hash chain proves nothing inside a stream changed, but not that a
//! stream's last events, or a whole stream, are still there, nor that no event was
//! slipped in afterwards with a back-dated position. An anchor closes that gap: at a
//! cutoff (the end of a UTC day for the daily job) it records how many finance streams
//! and events existed and a digest over every stream's head (last sequence and
//! `event_hash`) as at the cutoff, chained to the previous anchor's digest. The digest
//! itself is computed by the write side (`commands/src/finance/anchor.rs`, documented in
//! `docs/finance.md`); this aggregate keeps the anchors in order and refuses one that
//! would hide a shrinking ledger.

use chrono::{DateTime, Utc};
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

use super::LEDGER_ANCHOR_AGGREGATE;

/// The id of the one anchor stream.
pub const LEDGER_ANCHOR_STREAM: &str = "ledger";

/// The `previous_digest` of the first anchor: 64 zeros.
pub const FIRST_PREVIOUS_DIGEST: &str =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// Anchor the ledger as it stood at a cutoff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LedgerAnchorCommand {
    AnchorLedger {
        /// Events recorded before this instant are covered.
        cutoff: DateTime<Utc>,
        /// Finance streams with at least one covered event.
        streams: u64,
        /// Covered events.
        events: u64,
        /// SHA-256 (lowercase hex) over the cutoff, the counts, `previous_digest` and
        /// every covered stream's head.
        digest: String,
        /// The digest the caller chained to: must be the last anchor's.
        previous_digest: String,
    },
}

/// Events of the ledger anchor stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LedgerAnchorEvent {
    LedgerAnchored {
        cutoff: DateTime<Utc>,
        streams: u64,
        events: u64,
        digest: String,
        previous_digest: String,
    },
}

impl DomainEvent for LedgerAnchorEvent {
    fn event_type(&self) -> String {
        match self {
            LedgerAnchorEvent::LedgerAnchored { .. } => "LedgerAnchored",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// Why an anchor is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnchorError {
    #[error("the ledger is already anchored through {0}")]
    AlreadyAnchored(DateTime<Utc>),
    #[error("'{0}' is not a SHA-256 digest (64 lowercase hex digits)")]
    InvalidDigest(String),
    #[error("the anchor does not chain to the last anchor's digest")]
    PreviousDigestMismatch,
    #[error(
        "the ledger shrank since the last anchor: {streams} streams and {events} events then, \
         {now_streams} and {now_events} now — events were removed"
    )]
    LedgerShrank {
        streams: u64,
        events: u64,
        now_streams: u64,
        now_events: u64,
    },
}

/// The last anchor: what the next one must chain to and not fall below.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastAnchor {
    pub cutoff: DateTime<Utc>,
    pub streams: u64,
    pub events: u64,
    pub digest: String,
}

/// The anchors so far.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerAnchor {
    last: Option<LastAnchor>,
    count: u64,
}

impl LedgerAnchor {
    /// The last anchor, if any.
    pub fn last(&self) -> Option<&LastAnchor> {
        self.last.as_ref()
    }

    /// The digest the next anchor chains to.
    pub fn previous_digest(&self) -> &str {
        self.last
            .as_ref()
            .map_or(FIRST_PREVIOUS_DIGEST, |l| l.digest.as_str())
    }

    /// How many anchors were written.
    pub fn count(&self) -> u64 {
        self.count
    }
}

fn is_digest(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Aggregate for LedgerAnchor {
    const TYPE: &'static str = LEDGER_ANCHOR_AGGREGATE;
    type Command = LedgerAnchorCommand;
    type Event = LedgerAnchorEvent;
    type Error = AnchorError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        match command {
            LedgerAnchorCommand::AnchorLedger {
                cutoff,
                streams,
                events,
                digest,
                previous_digest,
            } => {
                if let Some(last) = &self.last {
                    if cutoff <= last.cutoff {
                        return Err(AnchorError::AlreadyAnchored(last.cutoff));
                    }
                    if streams < last.streams || events < last.events {
                        return Err(AnchorError::LedgerShrank {
                            streams: last.streams,
                            events: last.events,
                            now_streams: streams,
                            now_events: events,
                        });
                    }
                }
                if !is_digest(&digest) {
                    return Err(AnchorError::InvalidDigest(digest));
                }
                if previous_digest != self.previous_digest() {
                    return Err(AnchorError::PreviousDigestMismatch);
                }
                let event = LedgerAnchorEvent::LedgerAnchored {
                    cutoff,
                    streams,
                    events,
                    digest,
                    previous_digest,
                };
                sink.write(event, self).await;
                Ok(())
            }
        }
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            LedgerAnchorEvent::LedgerAnchored {
                cutoff,
                streams,
                events,
                digest,
                ..
            } => {
                self.last = Some(LastAnchor {
                    cutoff,
                    streams,
                    events,
                    digest,
                });
                self.count += 1;
            }
        }
    }
}

impl crate::stored::Stored for LedgerAnchor {}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use cqrs_es::test::TestFramework;

    use super::*;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, 0, 0, 0)
            .single()
            .expect("time")
    }

    fn anchored(day: u32, events: u64, digest: char, previous: &str) -> LedgerAnchorEvent {
        LedgerAnchorEvent::LedgerAnchored {
            cutoff: at(day),
            streams: 2,
            events,
            digest: digest.to_string().repeat(64),
            previous_digest: previous.to_string(),
        }
    }

    fn anchor(day: u32, events: u64, digest: &str, previous: &str) -> LedgerAnchorCommand {
        LedgerAnchorCommand::AnchorLedger {
            cutoff: at(day),
            streams: 2,
            events,
            digest: digest.to_string(),
            previous_digest: previous.to_string(),
        }
    }

    #[test]
    fn the_first_anchor_chains_to_zeros() {
        TestFramework::<LedgerAnchor>::with(())
            .given_no_previous_events()
            .when(anchor(2, 5, &"a".repeat(64), FIRST_PREVIOUS_DIGEST))
            .then_expect_events(vec![anchored(2, 5, 'a', FIRST_PREVIOUS_DIGEST)]);
    }

    #[test]
    fn the_next_anchor_chains_to_the_last() {
        TestFramework::<LedgerAnchor>::with(())
            .given(vec![anchored(2, 5, 'a', FIRST_PREVIOUS_DIGEST)])
            .when(anchor(3, 7, &"b".repeat(64), &"a".repeat(64)))
            .then_expect_events(vec![anchored(3, 7, 'b', &"a".repeat(64))]);
    }

    #[test]
    fn a_cutoff_not_after_the_last_is_already_anchored() {
        TestFramework::<LedgerAnchor>::with(())
            .given(vec![anchored(3, 5, 'a', FIRST_PREVIOUS_DIGEST)])
            .when(anchor(3, 5, &"b".repeat(64), &"a".repeat(64)))
            .then_expect_error(AnchorError::AlreadyAnchored(at(3)));
    }

    #[test]
    fn an_anchor_chained_elsewhere_is_refused() {
        TestFramework::<LedgerAnchor>::with(())
            .given(vec![anchored(2, 5, 'a', FIRST_PREVIOUS_DIGEST)])
            .when(anchor(3, 5, &"b".repeat(64), FIRST_PREVIOUS_DIGEST))
            .then_expect_error(AnchorError::PreviousDigestMismatch);
    }

    #[test]
    fn a_shrinking_ledger_is_refused() {
        TestFramework::<LedgerAnchor>::with(())
            .given(vec![anchored(2, 5, 'a', FIRST_PREVIOUS_DIGEST)])
            .when(anchor(3, 4, &"b".repeat(64), &"a".repeat(64)))
            .then_expect_error(AnchorError::LedgerShrank {
                streams: 2,
                events: 5,
                now_streams: 2,
                now_events: 4,
            });
    }

    #[test]
    fn a_digest_must_be_sha256_hex() {
        TestFramework::<LedgerAnchor>::with(())
            .given_no_previous_events()
            .when(anchor(2, 5, "ABC", FIRST_PREVIOUS_DIGEST))
            .then_expect_error(AnchorError::InvalidDigest("ABC".to_string()));
    }
}
