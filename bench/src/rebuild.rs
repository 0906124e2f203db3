//! Rebuilding the finance read models from the event store alone: the posted journals
//! are copied (new aggregate ids) until the store holds the asked number of events, the
//! read models are emptied, and every event is applied again in commit order.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use constructos_projections::finance::FinanceProjection;
use constructos_projections::{apply_message, Applied};
use sqlx::{PgPool, Row};

/// How many events were applied and how long it took.
pub struct Rebuilt {
    pub events: usize,
    pub elapsed: Duration,
}

const PAGE: i64 = 5_000;

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
    let mut applied = 0;
    let mut cursor = 0_i64;
    loop {
        let rows = sqlx::query(
            "SELECT global_id, event_id, aggregate_type, aggregate_id, sequence, event_type,
                    event_version, payload::jsonb AS payload, metadata::jsonb AS metadata, recorded_at
               FROM events WHERE global_id > $1 ORDER BY global_id LIMIT $2",
        )
        .bind(cursor)
        .bind(PAGE)
        .fetch_all(pool)
        .await?;
        let Some(last) = rows.last() else { break };
        cursor = last.try_get("global_id")?;
        for row in &rows {
            let event = CloudEvent::from_stored(
                "finance",
                StoredEvent {
                    event_id: row.try_get("event_id")?,
                    aggregate_type: row.try_get("aggregate_type")?,
                    aggregate_id: row.try_get("aggregate_id")?,
                    sequence: row.try_get("sequence")?,
                    event_type: row.try_get("event_type")?,
                    event_version: row.try_get("event_version")?,
                    payload: row.try_get("payload")?,
                    metadata: row.try_get("metadata")?,
                    recorded_at: row.try_get::<DateTime<Utc>, _>("recorded_at")?,
                },
            );
            let body = serde_json_bytes(&event)?;
            if apply_message(pool, &FinanceProjection, &body).await? == Applied::Applied {
                applied += 1;
            }
        }
    }
    Ok(Rebuilt {
        events: applied,
        elapsed: started.elapsed(),
    })
}

fn serde_json_bytes(event: &CloudEvent) -> anyhow::Result<Vec<u8>> {
    Ok(serde_json::to_vec(event)?)
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
