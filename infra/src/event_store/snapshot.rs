//! Snapshots: a stream's state at a sequence (`stream_snapshots`), so that a load costs
//! the snapshot plus the events after it. Taken by a background task after an append
//! passes a multiple of `snapshot_every`; ignored when its schema is not the
//! aggregate's [`Stored::SNAPSHOT_SCHEMA`] or it does not deserialize.

use std::any::Any;
use std::sync::Arc;

use constructos_domain::stored::Stored;
use serde_json::Value;
use sqlx::{PgPool, Row};
use tokio::sync::mpsc;

use super::cache::StreamKey;
use super::{LoadError, Stream};

/// A snapshot to write: the cached state (serialized by the task, off the command path).
pub struct SnapshotJob {
    pub key: StreamKey,
    pub sequence: usize,
    pub schema: i32,
    pub last_hash: Option<String>,
    pub entry: Arc<dyn Any + Send + Sync>,
    pub serialize: fn(&(dyn Any + Send + Sync)) -> Option<Value>,
}

/// The background snapshot writer of one database.
pub struct Snapshots;

impl Snapshots {
    /// Starts the task; it ends when the sender is dropped.
    pub fn spawn(pool: PgPool) -> mpsc::UnboundedSender<SnapshotJob> {
        let (sender, mut jobs) = mpsc::unbounded_channel::<SnapshotJob>();
        tokio::spawn(async move {
            while let Some(job) = jobs.recv().await {
                if let Err(e) = write(&pool, &job).await {
                    tracing::warn!(
                        aggregate_type = %job.key.aggregate_type,
                        aggregate_id = %job.key.aggregate_id,
                        error = %e,
                        "a snapshot was not written; loads replay more events until the next"
                    );
                }
            }
        });
        sender
    }
}

/// Writes `job`, replacing an older snapshot of the stream (or one of another schema).
pub async fn write(pool: &PgPool, job: &SnapshotJob) -> Result<(), sqlx::Error> {
    let Some(state) = (job.serialize)(job.entry.as_ref()) else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO stream_snapshots (aggregate_type, aggregate_id, sequence, schema, state, last_hash)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE
            SET sequence = EXCLUDED.sequence, schema = EXCLUDED.schema, state = EXCLUDED.state,
                last_hash = EXCLUDED.last_hash, taken_at = now()
          WHERE stream_snapshots.sequence < EXCLUDED.sequence
             OR stream_snapshots.schema <> EXCLUDED.schema",
    )
    .bind(&job.key.aggregate_type)
    .bind(&job.key.aggregate_id)
    .bind(job.sequence as i64)
    .bind(job.schema)
    .bind(state)
    .bind(&job.last_hash)
    .execute(pool)
    .await?;
    Ok(())
}

/// Loads a stream: its snapshot of the current schema (if any) and the events after
/// it, in one round trip; a snapshot that does not deserialize is passed over and the
/// whole stream replayed.
pub async fn load<A: Stored>(
    pool: &PgPool,
    id: &str,
    hash_key: &str,
) -> Result<Stream<A>, LoadError> {
    match load_from(pool, id, hash_key, Some(A::SNAPSHOT_SCHEMA)).await? {
        Some(stream) => Ok(stream),
        None => Ok(load_from(pool, id, hash_key, None)
            .await?
            .unwrap_or_else(|| Stream::minted(id))),
    }
}

/// `None` when the snapshot read did not deserialize.
async fn load_from<A: Stored>(
    pool: &PgPool,
    id: &str,
    hash_key: &str,
    schema: Option<i32>,
) -> Result<Option<Stream<A>>, LoadError> {
    let database = |source| LoadError::Database {
        aggregate_type: A::TYPE,
        aggregate_id: id.to_string(),
        source,
    };
    // Part 0 is the snapshot (when `schema` is given), part 1 the events after it.
    let rows = sqlx::query(
        "WITH snap AS (
             SELECT sequence, state::text AS body, last_hash
               FROM stream_snapshots
              WHERE aggregate_type = $1 AND aggregate_id = $2 AND schema = $3
         )
         SELECT 0 AS part, sequence, body, last_hash AS hash FROM snap
         UNION ALL
         SELECT 1, e.sequence, e.payload::text, e.metadata ->> $4
           FROM events e
          WHERE e.aggregate_type = $1 AND e.aggregate_id = $2
            AND e.sequence > coalesce((SELECT sequence FROM snap), 0)
         ORDER BY part, sequence",
    )
    .bind(A::TYPE)
    .bind(id)
    .bind(schema)
    .bind(hash_key)
    .fetch_all(pool)
    .await
    .map_err(database)?;
    let mut stream = Stream::<A>::minted(id);
    for row in rows {
        let part: i32 = row.try_get("part").map_err(database)?;
        let sequence: i64 = row.try_get("sequence").map_err(database)?;
        let body: String = row.try_get("body").map_err(database)?;
        let hash: Option<String> = row.try_get("hash").map_err(database)?;
        if part == 0 {
            match serde_json::from_str::<A>(&body) {
                Ok(state) => stream.aggregate = state,
                Err(e) => {
                    tracing::warn!(
                        aggregate_type = A::TYPE,
                        aggregate_id = id,
                        error = %e,
                        "a snapshot does not deserialize; replaying the stream"
                    );
                    return Ok(None);
                }
            }
        } else {
            let event: A::Event =
                serde_json::from_str(&body).map_err(|source| LoadError::Event {
                    aggregate_type: A::TYPE,
                    aggregate_id: id.to_string(),
                    sequence,
                    source,
                })?;
            cqrs_es::Aggregate::apply(&mut stream.aggregate, event);
        }
        stream.sequence = usize::try_from(sequence).unwrap_or_default();
        if hash.is_some() {
            stream.last_hash = hash;
        }
    }
    Ok(Some(stream))
}
