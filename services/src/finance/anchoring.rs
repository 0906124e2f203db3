//! The daily ledger anchor: `constructos anchor-ledger` and the task every finance
//! process runs beside its projection worker.
//!
//! A UTC day is anchored once it is over *and* no transaction that began before its
//! midnight is still open in the finance database: `recorded_at` is the start of the
//! inserting transaction, so such a transaction could still commit an event the anchor
//! ought to cover. The check reads `pg_stat_activity` (and `pg_prepared_xacts`); as the
//! application role may not see other roles' sessions there, the daily task also waits
//! a safety margin ([`ANCHOR_MARGIN`]) past midnight. Should a transaction outlive both,
//! `verify-ledger` reports the anchor as not matching: a false alarm, never a silent gap.

use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use constructos_commands::finance::{
    anchor_days_through, anchor_ledger_at, cutoff_text, AnchorOutcome, Anchored,
};
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;

/// How long after midnight the daily task waits before anchoring the day just ended.
pub const ANCHOR_MARGIN: chrono::Duration = chrono::Duration::minutes(10);

/// How often the daily task looks for a completed day to anchor.
const CHECK_EVERY: Duration = Duration::from_secs(5 * 60);

/// How long `anchor-ledger` waits for transactions begun before a cutoff to finish.
const WAIT_FOR_OPEN: Duration = Duration::from_secs(30);

/// One line per outcome, for the terminal and the log.
pub fn describe(outcome: &AnchorOutcome) -> String {
    match outcome {
        AnchorOutcome::Anchored(Anchored {
            sequence,
            cutoff,
            streams,
            events,
            digest,
        }) => format!(
            "anchor {sequence} at {}: {streams} streams, {events} events, digest {digest}",
            cutoff_text(*cutoff)
        ),
        AnchorOutcome::AlreadyAnchored { through } => {
            format!("already anchored through {}", cutoff_text(*through))
        }
        AnchorOutcome::NotYet { pid, since, doing } => format!(
            "not yet: a transaction open since {} (pid {pid}, {doing}) began before the cutoff",
            cutoff_text(*since)
        ),
    }
}

/// Anchors as at `cutoff`, waiting up to [`WAIT_FOR_OPEN`] for older transactions.
pub async fn anchor_at(pool: &PgPool, cutoff: DateTime<Utc>) -> anyhow::Result<AnchorOutcome> {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_OPEN;
    loop {
        let outcome = anchor_ledger_at(pool, cutoff).await?;
        if !matches!(outcome, AnchorOutcome::NotYet { .. })
            || tokio::time::Instant::now() >= deadline
        {
            return Ok(outcome);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Anchors every completed UTC day up to and including `through` (yesterday when
/// `None`) not yet anchored, waiting a while for older transactions.
pub async fn anchor_through(
    pool: &PgPool,
    through: Option<NaiveDate>,
) -> anyhow::Result<Vec<AnchorOutcome>> {
    let today = Utc::now().date_naive();
    let last_day = match through {
        Some(day) => {
            // A day outside the business calendar is refused by name, not looped to.
            constructos_domain::values::BusinessDate::parse("--through", day)?;
            anyhow::ensure!(
                day < today,
                "{day} is not over yet (UTC); anchor it tomorrow"
            );
            day
        }
        None => today.pred_opt().context("a day before today")?,
    };
    let end = last_day
        .succ_opt()
        .context("the date is at the end of the calendar")?
        .and_time(NaiveTime::MIN)
        .and_utc();
    let deadline = tokio::time::Instant::now() + WAIT_FOR_OPEN;
    let mut outcomes = Vec::new();
    loop {
        let round = anchor_days_through(pool, end).await?;
        let waiting = matches!(round.last(), Some(AnchorOutcome::NotYet { .. }));
        if waiting && tokio::time::Instant::now() < deadline {
            outcomes.extend(
                round
                    .into_iter()
                    .filter(|o| !matches!(o, AnchorOutcome::NotYet { .. })),
            );
            tokio::time::sleep(Duration::from_millis(500)).await;
            continue;
        }
        outcomes.extend(round);
        return Ok(outcomes);
    }
}

/// Runs until `shutdown`: every few minutes, anchors each UTC day that ended more than
/// [`ANCHOR_MARGIN`] ago and is not anchored yet. Failures are logged and retried.
pub async fn run_daily(pool: PgPool, shutdown: CancellationToken) -> anyhow::Result<()> {
    tracing::info!("daily ledger anchoring started");
    loop {
        let through = Utc::now() - ANCHOR_MARGIN;
        match anchor_days_through(&pool, through).await {
            Ok(outcomes) => {
                for outcome in &outcomes {
                    match outcome {
                        AnchorOutcome::Anchored(_) => {
                            tracing::info!(anchor = %describe(outcome), "ledger anchored")
                        }
                        _ => tracing::debug!(anchor = %describe(outcome), "ledger anchoring"),
                    }
                }
            }
            Err(e) => tracing::error!(error = ?e, "ledger anchoring failed; retrying later"),
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(CHECK_EVERY) => {}
        }
    }
    tracing::info!("daily ledger anchoring stopped");
    Ok(())
}
