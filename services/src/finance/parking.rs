//! Acting on another domain's events exactly once, without losing one that cannot be
//! acted on yet: the mechanism behind finance's workers on the orders topic (shipments
//! `shipments.rs`, progress claims and retention releases `claims.rs`).
//!
//! A [`Parkable`] says which events it acts on, the id of what each asks for, and makes
//! one attempt. [`Parking`] is the projection: an event it cannot act on now — a
//! reference not known yet (`NOT_FOUND`) or any other refusal — is **parked** in
//! `read_model.parked_events` (keyed by the event's type and that id) with the reason,
//! in the same transaction that records the message as applied, and the worker moves
//! on: one unknown account must not stall the partition. [`Parking::run_parked`]
//! (started beside the worker) tries each parked event again with back-off — 200 ms,
//! doubling, at most a minute apart — for as long as it takes; done, it leaves the
//! table. One still parked after [`LOUD_AFTER`] is logged as an error at each retry.
//!
//! Why not wait inside the worker: `apply` runs in a transaction that has already
//! written (the applied-event record), and a transaction held open holds back finance's
//! relay (it never passes an open transaction) and the day's ledger anchor. So the
//! waiting happens outside it, from the parked table.
//!
//! Exactly once also needs the attempt itself to be idempotent on the event's id (an
//! invoice id derived from the source id): if the worker dies after the attempt
//! committed but before the applied record did, the redelivered message finds the work
//! done and only records itself.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::{ApplyError, Projection};
use sqlx::{PgPool, Postgres, Transaction};
use tokio_util::sync::CancellationToken;

/// How long an event may stay parked before each retry is logged as an error.
pub const LOUD_AFTER: Duration = Duration::from_secs(60);

/// The first retry of a parked event; each later one waits twice as long, at most
/// [`RETRY_AT_MOST`].
const FIRST_RETRY: Duration = Duration::from_millis(200);
const RETRY_AT_MOST: Duration = Duration::from_secs(60);

/// How often the parked table is looked at when nothing is known to be parked: a safety
/// net (e.g. rows parked before a restart). While something is parked it is looked at
/// every [`FIRST_RETRY`]. The finance database is not polled more often than that when
/// idle: every statement in flight is an open transaction the daily anchor must wait for.
const IDLE_LOOK: Duration = Duration::from_secs(30);

/// The wait before the retry after `attempts` attempts.
fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    FIRST_RETRY
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(RETRY_AT_MOST)
}

/// What one attempt came to.
pub enum Attempt {
    /// Done (or found done before).
    Done,
    /// Refused for now, with the reason; parked and retried.
    Refused(String),
}

impl Attempt {
    /// A command's answer as an attempt: a refusal parks, anything else outside the
    /// domain (the database) is a transient failure the worker retries.
    pub fn of<T>(result: Result<T, CommandError>, what: String) -> Result<Attempt, ApplyError> {
        match result {
            Ok(_) => Ok(Attempt::Done),
            Err(CommandError::NotFound(reason) | CommandError::Rejected(reason)) => {
                Ok(Attempt::Refused(reason))
            }
            Err(e) => Err(ApplyError::Command {
                what,
                source: Box::new(e),
            }),
        }
    }
}

/// A worker's handling of some event types of another domain's topic.
#[async_trait]
pub trait Parkable: Send + Sync + 'static {
    /// The projection's stable name (its applied-event records, its caller's subject).
    const NAME: &'static str;
    /// The CloudEvent types acted on; others are ignored.
    const TYPES: &'static [&'static str];

    /// The id of what the event asks for (a shipment, a claim, a release), or `None`
    /// when the event breaks its contract (logged; no retry could succeed).
    fn source_id(event: &CloudEvent) -> Option<String>;

    /// One attempt; `Err` is a failure outside the domain, retried by the caller.
    async fn attempt(&self, event: &CloudEvent) -> Result<Attempt, ApplyError>;
}

/// The command context a worker acts in: a system caller with `Finance_User`'s rights,
/// the event's correlation id, caused by the event.
pub fn system_context(name: &'static str, event: &CloudEvent) -> CommandContext {
    crate::acting_on(event, format!("system:{name}"), name, Role::FinanceUser)
}

/// The worker of a [`Parkable`]: a projection on its topic and the retry of what it
/// parked.
pub struct Parking<P> {
    handler: Arc<P>,
    pool: PgPool,
    /// Whether something may be parked: set when this process parks an event, and while
    /// the table holds rows of these types.
    parked: Arc<AtomicBool>,
}

impl<P> Clone for Parking<P> {
    fn clone(&self) -> Self {
        Self {
            handler: self.handler.clone(),
            pool: self.pool.clone(),
            parked: self.parked.clone(),
        }
    }
}

/// The short type a parked row is keyed by: `ShipmentCompleted` of
/// `constructos.orders.ShipmentCompleted.v1`.
fn source_of(event: &CloudEvent) -> String {
    event.short_type().to_string()
}

impl<P: Parkable> Parking<P> {
    /// `handler`'s worker over the finance database `pool`.
    pub fn new(handler: P, pool: PgPool) -> Self {
        Self {
            handler: Arc::new(handler),
            pool,
            parked: Arc::new(AtomicBool::new(true)),
        }
    }

    /// Tries every parked event of these types that is due once; returns how many were
    /// done (and left the table).
    pub async fn retry_parked(&self) -> anyhow::Result<usize> {
        let sources: Vec<String> = P::TYPES
            .iter()
            .filter_map(|t| t.rsplit_once(".v").map(|(head, _)| head))
            .filter_map(|t| t.rsplit_once('.').map(|(_, name)| name.to_string()))
            .collect();
        let parked: Vec<(String, String, serde_json::Value, i32, bool)> = sqlx::query_as(
            "SELECT source, source_id, event, attempts, parked_at < now() - $2::interval
               FROM read_model.parked_events
              WHERE source = ANY($1) AND next_try_at <= now()
              ORDER BY parked_at",
        )
        .bind(&sources)
        .bind(format!("{} seconds", LOUD_AFTER.as_secs()))
        .fetch_all(&self.pool)
        .await
        .map_err(|e| anyhow::anyhow!("Failed to read parked events: {e}"))?;
        let mut done = 0;
        let tried = parked.len();
        for (source, source_id, event, attempts, overdue) in parked {
            let event: CloudEvent = serde_json::from_value(event)
                .map_err(|e| anyhow::anyhow!("parked {source} {source_id} is unreadable: {e}"))?;
            match self.handler.attempt(&event).await? {
                Attempt::Done => {
                    sqlx::query(
                        "DELETE FROM read_model.parked_events WHERE source = $1 AND source_id = $2",
                    )
                    .bind(&source)
                    .bind(&source_id)
                    .execute(&self.pool)
                    .await
                    .map_err(|e| anyhow::anyhow!("Failed to unpark {source} {source_id}: {e}"))?;
                    done += 1;
                }
                Attempt::Refused(reason) => {
                    if overdue {
                        tracing::error!(
                            worker = P::NAME,
                            source,
                            source_id,
                            reason,
                            attempts,
                            "parked event still not done"
                        );
                    } else {
                        tracing::info!(
                            worker = P::NAME,
                            source,
                            source_id,
                            reason,
                            "parked event not done yet"
                        );
                    }
                    let wait = backoff(attempts + 1);
                    sqlx::query(
                        "UPDATE read_model.parked_events
                            SET reason = $3, attempts = attempts + 1, last_tried_at = now(),
                                next_try_at = now() + $4::interval
                          WHERE source = $1 AND source_id = $2",
                    )
                    .bind(&source)
                    .bind(&source_id)
                    .bind(&reason)
                    .bind(format!("{} milliseconds", wait.as_millis()))
                    .execute(&self.pool)
                    .await
                    .map_err(|e| anyhow::anyhow!("Failed to note a parked event: {e}"))?;
                }
            }
        }
        if tried == done {
            // Nothing was due and still parked; are rows waiting for a later retry?
            let waiting: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM read_model.parked_events WHERE source = ANY($1))",
            )
            .bind(&sources)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| anyhow::anyhow!("Failed to read parked events: {e}"))?;
            self.parked.store(waiting, Ordering::Relaxed);
        }
        Ok(done)
    }

    /// Tries the parked events as they fall due, until `shutdown`.
    pub async fn run_parked(self, shutdown: CancellationToken) -> anyhow::Result<()> {
        let mut idle = Duration::ZERO;
        loop {
            tokio::select! {
                _ = shutdown.cancelled() => return Ok(()),
                _ = tokio::time::sleep(FIRST_RETRY) => {}
            }
            idle += FIRST_RETRY;
            if !self.parked.load(Ordering::Relaxed) && idle < IDLE_LOOK {
                continue;
            }
            idle = Duration::ZERO;
            match self.retry_parked().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(worker = P::NAME, done = n, "parked events done"),
                Err(e) => {
                    tracing::error!(worker = P::NAME, error = ?e, "retrying parked events failed")
                }
            }
        }
    }
}

/// Records an event that could not be acted on, in the worker's transaction. A failure
/// to park is retried, as a failed attempt is ([`ApplyError::Command`]).
async fn park(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    source_id: &str,
    reason: &str,
) -> Result<(), ApplyError> {
    let source = source_of(event);
    tracing::warn!(event_id = %event.id, source, source_id, reason, "not done yet: parked and retried");
    let body = serde_json::to_value(event).map_err(|source| ApplyError::Event {
        what: format!("Failed to encode {source_id}'s event"),
        source,
    })?;
    sqlx::query(
        "INSERT INTO read_model.parked_events
             (source, source_id, event, reason, attempts, parked_at, last_tried_at, next_try_at)
         VALUES ($1, $2, $3, $4, 1, now(), now(), now() + $5::interval)
         ON CONFLICT (source, source_id) DO NOTHING",
    )
    .bind(&source)
    .bind(source_id)
    .bind(body)
    .bind(reason)
    .bind(format!("{} milliseconds", FIRST_RETRY.as_millis()))
    .execute(&mut **tx)
    .await
    .map_err(|e| ApplyError::Command {
        what: format!("Failed to park {source} {source_id}"),
        source: Box::new(e),
    })?;
    Ok(())
}

#[async_trait]
impl<P: Parkable> Projection for Parking<P> {
    fn name(&self) -> &'static str {
        P::NAME
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if !P::TYPES.contains(&event.event_type.as_str()) {
            return Ok(());
        }
        let Some(source_id) = P::source_id(event) else {
            return Ok(());
        };
        match self.handler.attempt(event).await? {
            Attempt::Done => Ok(()),
            Attempt::Refused(reason) => {
                self.parked.store(true, Ordering::Relaxed);
                park(tx, event, &source_id, &reason).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_200_ms_to_a_minute() {
        assert_eq!(backoff(1), Duration::from_millis(200));
        assert_eq!(backoff(2), Duration::from_millis(400));
        assert_eq!(backoff(5), Duration::from_millis(3200));
        assert_eq!(backoff(12), Duration::from_secs(60));
        assert_eq!(backoff(i32::MAX), Duration::from_secs(60));
        assert_eq!(backoff(0), Duration::from_millis(200));
    }
}
