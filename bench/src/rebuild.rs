//! Rebuilding the finance read models from the event store alone: the store is filled
//! with sealed journal events (`fill.rs`) until it holds the asked number of events, the
//! read models are emptied, and every event is applied again in commit order through
//! `projections::replay` (the code behind `constructos replay`).

use std::time::{Duration, Instant};

use constructos_projections::finance::FinanceProjection;
use constructos_projections::replay::replay;
use sqlx::PgPool;

use crate::fill::{fill, Filled};

/// How the store was filled, how many events were applied and how long it took.
pub struct Rebuilt {
    pub filled: Filled,
    pub events: usize,
    pub elapsed: Duration,
}

/// Fills the store to `target` events, then rebuilds and times it.
pub async fn run(pool: &PgPool, target: usize) -> anyhow::Result<Rebuilt> {
    let have: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(pool)
        .await?;
    let missing = usize::try_from(have)
        .ok()
        .map_or(target, |have| target.saturating_sub(have));
    let filled = fill(pool, missing).await?;
    sqlx::query("ANALYZE events").execute(pool).await?;
    // Empty every finance read model and its applied-event records.
    sqlx::query(
        "DO $$ BEGIN
           EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('read_model.%I', tablename), ', ')
                     FROM pg_tables WHERE schemaname = 'read_model');
         END $$",
    )
    .execute(pool)
    .await?;
    let started = Instant::now();
    let events = replay(pool, pool, "finance", &FinanceProjection, None).await?;
    Ok(Rebuilt {
        filled,
        events,
        elapsed: started.elapsed(),
    })
}
