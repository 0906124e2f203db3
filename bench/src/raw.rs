//! The yardstick: raw single-row inserts into the same database, one transaction each.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::PgPool;

/// Inserts `count` rows of about an event's size from `writers` tasks; returns the time.
pub async fn insert_tps(pool: &PgPool, count: usize, writers: usize) -> anyhow::Result<Duration> {
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, payload json NOT NULL)",
    )
    .execute(pool)
    .await?;
    let payload = r#"{"JournalPosted":{"date":"2026-11-25","narrative":"Cement on credit","lines":[{"account_code":"5100","side":"DEBIT","amount":"10000.00"},{"account_code":"1200","side":"DEBIT","amount":"1500.00"},{"account_code":"2000","side":"CREDIT","amount":"11500.00"}]}}"#;
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..writers.max(1))
        .map(|_| {
            let (pool, next) = (pool.clone(), next.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < count {
                    sqlx::query("INSERT INTO bench_raw (payload) VALUES ($1::json)")
                        .bind(payload)
                        .execute(&pool)
                        .await?;
                }
                anyhow::Ok(())
            })
        })
        .collect();
    for task in futures::future::join_all(tasks).await {
        task??;
    }
    Ok(started.elapsed())
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

/// The size of every table and index in a schema, as PostgreSQL prints it.
pub async fn schema_size(pool: &PgPool, schema: &str) -> anyhow::Result<String> {
    Ok(sqlx::query_scalar(
        "SELECT pg_size_pretty(coalesce(sum(pg_total_relation_size(format('%I.%I', schemaname, tablename)::regclass)), 0)::bigint)
           FROM pg_tables WHERE schemaname = $1",
    )
    .bind(schema)
    .fetch_one(pool)
    .await?)
}

/// The machine's load averages (1, 5, 15 minutes), from `/proc/loadavg`.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}
