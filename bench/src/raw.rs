//! The yardstick: raw single-row inserts into the same database, one transaction each,
//! and the sizes and load averages printed beside the figures.

use sqlx::PgPool;

/// The two yardsticks: a plain table, and a copy of the event store's table with its
/// indexes (primary key, commit order, event id) and defaults, without its triggers.
pub async fn create_tables(pool: &PgPool) -> anyhow::Result<()> {
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, payload json NOT NULL)",
    )
    .execute(pool)
    .await?;
    sqlx::query("CREATE TABLE IF NOT EXISTS bench_events (LIKE events INCLUDING ALL)")
        .execute(pool)
        .await?;
    Ok(())
}

/// One autocommitted single-row INSERT of `payload` into the plain table.
pub async fn insert_plain(pool: &PgPool, payload: &str) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO bench_raw (payload) VALUES ($1::json)")
        .bind(payload)
        .execute(pool)
        .await?;
    Ok(())
}

/// One autocommitted single-row INSERT of an event with `payload` into the events copy,
/// with ids that rise with time as the store's own (a random id would put each insert
/// on a random index page and make the yardstick slower than it need be).
pub async fn insert_event(pool: &PgPool, payload: &str, metadata: &str) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO bench_events (aggregate_type, aggregate_id, sequence, event_type,
                                   event_version, payload, metadata, event_id)
         VALUES ('bench', $3, 1, 'Benched', '1', $1::json, $2::json, $4)",
    )
    .bind(payload)
    .bind(metadata)
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(uuid::Uuid::now_v7())
    .execute(pool)
    .await?;
    Ok(())
}

/// The size of a table with its indexes, as PostgreSQL prints it.
pub async fn table_size(pool: &PgPool, table: &str) -> anyhow::Result<String> {
    Ok(
        sqlx::query_scalar("SELECT pg_size_pretty(pg_total_relation_size($1::regclass))")
            .bind(table)
            .fetch_one(pool)
            .await?,
    )
}

/// The machine's load averages (1, 5, 15 minutes), from `/proc/loadavg`.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}
