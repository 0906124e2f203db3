//! Events a projection can never apply, kept in `read_model.dead_letters` of the
//! domain's database: recorded in the same transaction as the applied-event record, so
//! a redelivery is a duplicate, and counted for operators (`dead_letter_count`, and
//! the running count in the error log line).

use constructos_infra::cloudevents::CloudEvent;
use constructos_infra::{read, ReadError};
use sqlx::{PgPool, Postgres, Transaction};

use crate::apply_error::{database, ApplyError};

/// The longest error text kept; a refusal's message is short, a chain may not be.
pub(crate) const MAX_ERROR_CHARS: usize = 2000;

/// Records `event` as a dead letter of `projection`, inside `tx`, and logs it.
pub(crate) async fn record(
    tx: &mut Transaction<'_, Postgres>,
    projection: &str,
    event: &CloudEvent,
    error: &ApplyError,
) -> Result<(), ApplyError> {
    let message: String = error.to_string().chars().take(MAX_ERROR_CHARS).collect();
    let count: i64 = sqlx::query_scalar(
        "WITH added AS (
             INSERT INTO read_model.dead_letters (projection, event_id, event_type, error)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING
             RETURNING 1)
         SELECT count(*) + (SELECT count(*) FROM added)
           FROM read_model.dead_letters WHERE projection = $1",
    )
    .bind(projection)
    .bind(event.id)
    .bind(&event.event_type)
    .bind(&message)
    .fetch_one(&mut **tx)
    .await
    .map_err(database("Failed to record a dead letter"))?;
    tracing::error!(
        projection,
        event_id = %event.id,
        event_type = %event.event_type,
        subject = %event.subject,
        error = %message,
        dead_letters = count,
        "an event can never apply; recorded as a dead letter and passed"
    );
    Ok(())
}

/// A dead letter, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DeadLetter {
    pub projection: String,
    pub event_id: uuid::Uuid,
    pub event_type: String,
    pub error: String,
    pub first_seen: chrono::DateTime<chrono::Utc>,
}

/// How many events `projection` could never apply.
pub async fn dead_letter_count(pool: &PgPool, projection: &str) -> Result<i64, ReadError> {
    sqlx::query_scalar("SELECT count(*) FROM read_model.dead_letters WHERE projection = $1")
        .bind(projection)
        .fetch_one(pool)
        .await
        .map_err(read("Failed to count dead letters"))
}

/// The dead letters of `projection`, oldest first.
pub async fn dead_letters(pool: &PgPool, projection: &str) -> Result<Vec<DeadLetter>, ReadError> {
    sqlx::query_as(
        "SELECT projection, event_id, event_type, error, first_seen
           FROM read_model.dead_letters WHERE projection = $1
          ORDER BY first_seen, event_id",
    )
    .bind(projection)
    .fetch_all(pool)
    .await
    .map_err(read("Failed to read dead letters"))
}
