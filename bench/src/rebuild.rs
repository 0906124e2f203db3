//! Rebuilding the finance read models from the event store alone: the store is filled
//! with sealed journal events (`fill.rs`) until it holds the asked number of events,
//! then `projections::rebuild` (the code behind `constructos replay`) applies every
//! event in commit order to fresh tables and swaps them in for the live ones. What is
//! timed is the whole rebuild: load, finish (logging, indexes) and swap.

use std::time::{Duration, Instant};

use constructos_infra::{db, Domain};
use constructos_projections::finance::FinanceProjection;
use constructos_projections::rebuild::{rebuild as rebuild_read_model, Rebuilt as Steps};
use sqlx::PgPool;

use crate::fill::{fill, Filled};
use crate::report::{Row, Section};
use crate::{raw, Bench};

/// The rebuild must take under this long for the target.
const TARGET_SECONDS: f64 = 60.0;

/// Runs the section: a finance database of its own, filled to `--rebuild-events`.
pub async fn run(bench: &Bench) -> anyhow::Result<Section> {
    let pool = db::prepare(&bench.config, Domain::Finance, db::migrations::finance()).await?;
    let rebuilt = rebuild(&pool, bench.args.rebuild_events).await?;
    let seconds = rebuilt.elapsed.as_secs_f64();
    let mut section = Section::default();
    section
        .row(Row::info(
            "fill (COPY of sealed journal events)",
            format!(
                "{} events in {:.1}s",
                rebuilt.filled.events,
                rebuilt.filled.elapsed.as_secs_f64()
            ),
        ))
        .row(Row::info(
            "rebuild steps",
            format!(
                "load {:.1}s (waiting for reads {:.1}s), finish {:.1}s, swap {:.1}s ({} events)",
                rebuilt.steps.load.as_secs_f64(),
                rebuilt.steps.waited_for_reads.as_secs_f64(),
                rebuilt.steps.finish.as_secs_f64(),
                rebuilt.steps.swap.as_secs_f64(),
                rebuilt.steps.applied_in_swap
            ),
        ))
        .row(Row::target(
            "finance rebuild",
            format!(
                "{} events in {seconds:.1}s = {:.0} events/s (events table {})",
                rebuilt.events,
                rebuilt.events as f64 / seconds.max(f64::EPSILON),
                raw::table_size(&pool, "events").await?
            ),
            format!("< {TARGET_SECONDS:.0}s"),
            seconds < TARGET_SECONDS,
        ))
        .set("rebuild.events", rebuilt.events)
        .set("rebuild.seconds", (seconds * 10.0).round() / 10.0)
        .set(
            "rebuild.load_seconds",
            (rebuilt.steps.load.as_secs_f64() * 10.0).round() / 10.0,
        )
        .set(
            "rebuild.finish_seconds",
            (rebuilt.steps.finish.as_secs_f64() * 10.0).round() / 10.0,
        );
    // What an auditor runs over the same store: the hash chains recomputed.
    let started = std::time::Instant::now();
    let verification = constructos_commands::finance::verify_ledger(&pool).await?;
    let verified = started.elapsed().as_secs_f64();
    section
        .row(Row::info(
            "verify-ledger (chains)",
            format!(
                "{} events in {} streams in {verified:.1}s, intact: {}",
                verification.events,
                verification.streams,
                verification.intact()
            ),
        ))
        .set("verify_ledger.seconds", (verified * 10.0).round() / 10.0)
        .set("verify_ledger.intact", verification.intact());
    pool.close().await;
    Ok(section)
}

/// How the store was filled, how many events were applied and how long it took.
pub struct Rebuilt {
    pub filled: Filled,
    pub events: usize,
    pub elapsed: Duration,
    /// The rebuild's own account of its steps.
    pub steps: Steps,
}

/// Fills the store to `target` events, then rebuilds and times it.
pub async fn rebuild(pool: &PgPool, target: usize) -> anyhow::Result<Rebuilt> {
    let have: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(pool)
        .await?;
    let missing = usize::try_from(have)
        .ok()
        .map_or(target, |have| target.saturating_sub(have));
    let filled = fill(pool, missing).await?;
    sqlx::query("ANALYZE events").execute(pool).await?;
    // The rebuild replaces whatever the read models hold (a previous run's rebuild).
    let started = Instant::now();
    let steps = rebuild_read_model(pool, pool, "finance", &FinanceProjection, None).await?;
    let elapsed = started.elapsed();
    Ok(Rebuilt {
        filled,
        events: steps.events,
        elapsed,
        steps,
    })
}
