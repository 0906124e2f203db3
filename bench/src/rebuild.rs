//! Rebuilding the finance read models from the event store alone: the posted journals
//! are copied (new aggregate ids) until the store holds the asked number of events, the
//! read models are emptied, and every event is applied again in commit order.

use std::time::{Duration, Instant};

use constructos_projections::finance::FinanceProjection;
use constructos_projections::replay::replay;
use sqlx::PgPool;

/// How many events were applied and how long it took.
pub struct Rebuilt {
    pub events: usize,
    pub elapsed: Duration,
}

/// Fills the store to `target` events, then rebuilds and times it.
pub async fn run(pool: &PgPool, target: usize) -> anyhow::Result<Rebuilt> {
    fill(pool, target).await?;
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
        events,
        elapsed: started.elapsed(),
    })
}

/// Copies posted journal events under new aggregate ids until `target` events exist.
async fn fill(pool: &PgPool, target: usize) -> anyhow::Result<()> {
    // The append-only trigger guards updates and deletes only; inserts are what we do.
    loop {
        let have: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
            .fetch_one(pool)
            .await?;
        let missing = i64::try_from(target)? - have;
        if missing <= 0 {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
             SELECT aggregate_type, gen_random_uuid()::text, sequence, event_type, event_version, payload, metadata
               FROM events WHERE aggregate_type = 'finance.journal' AND sequence = 1
              LIMIT $1",
        )
        .bind(missing.min(50_000))
        .execute(pool)
        .await?;
    }
}
