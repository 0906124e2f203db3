//! `constructos-bench`: posts balanced journals through the finance command side (the
//! sealed, hash-chained event store) and reports journals/s and events/s beside raw
//! single-row `INSERT` TPS into the same PostgreSQL, measured in the same run; then
//! fills the store with sealed journal events (COPY) and rebuilds the finance read
//! models from it, reporting events/s; then times `verify-ledger` and an anchor over
//! the whole store.
//!
//! It works in a database of its own (`bench_<id>_finance`) and drops it at the end.
//!
//! ```text
//! cargo run --release -p constructos-bench -- --journals 2000 --concurrency 4 --rebuild-events 1000000
//! ```

mod fill;
mod journals;
mod raw;
mod rebuild;

use std::time::Instant;

use clap::Parser;
use constructos_infra::{db, Config, Domain};

/// What to measure.
#[derive(Parser, Debug)]
#[command(name = "constructos-bench")]
struct Args {
    /// Balanced journals to post through the command side.
    #[arg(long, default_value_t = 2000)]
    journals: usize,
    /// Concurrent writers (journals and raw inserts alike).
    #[arg(long, default_value_t = 4)]
    concurrency: usize,
    /// Raw single-row inserts (0: as many as journals).
    #[arg(long, default_value_t = 0)]
    inserts: usize,
    /// Events in the store when the read models are rebuilt (sealed journal events are
    /// added to reach it; 0 skips the rebuild).
    #[arg(long, default_value_t = 100_000)]
    rebuild_events: usize,
    /// Skip timing verify-ledger and an anchor over the filled store.
    #[arg(long)]
    no_verify: bool,
    /// Keep the benchmark database afterwards.
    #[arg(long)]
    keep: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut config = Config::from_env()?;
    config.db_prefix = format!("bench_{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let pool = db::prepare(&config, Domain::Finance, db::migrations::finance()).await?;
    let version: String = sqlx::query_scalar("SHOW server_version")
        .fetch_one(&pool)
        .await?;
    println!(
        "PostgreSQL {version}, database {}",
        config.database_name(Domain::Finance)
    );
    println!("writers: {}", args.concurrency);

    let started = Instant::now();
    let posted = journals::post(&pool, args.journals, args.concurrency).await?;
    println!(
        "journals through the command side: {} in {:.2}s = {:.0} journals/s, {:.0} events/s ({} events stored, events table {})",
        posted.journals,
        posted.elapsed.as_secs_f64(),
        posted.journals as f64 / posted.elapsed.as_secs_f64(),
        posted.events as f64 / posted.elapsed.as_secs_f64(),
        posted.events,
        raw::table_size(&pool, "events").await?,
    );

    let inserts = if args.inserts == 0 {
        args.journals
    } else {
        args.inserts
    };
    let tps = raw::insert_tps(&pool, inserts, args.concurrency).await?;
    println!(
        "raw single-row INSERT (autocommit, json payload): {inserts} in {:.2}s = {:.0} TPS",
        tps.as_secs_f64(),
        inserts as f64 / tps.as_secs_f64()
    );

    if args.rebuild_events > 0 {
        println!("load before the fill and rebuild: {}", raw::load_average());
        let rebuilt = rebuild::run(&pool, args.rebuild_events).await?;
        println!(
            "fill: {} sealed journal events written with COPY in {:.2}s = {:.0} events/s",
            rebuilt.filled.events,
            rebuilt.filled.elapsed.as_secs_f64(),
            rebuilt.filled.events as f64 / rebuilt.filled.elapsed.as_secs_f64(),
        );
        println!(
            "read-model rebuild: {} events in {:.2}s = {:.0} events/s (events table {}, read models {})",
            rebuilt.events,
            rebuilt.elapsed.as_secs_f64(),
            rebuilt.events as f64 / rebuilt.elapsed.as_secs_f64(),
            raw::table_size(&pool, "events").await?,
            raw::schema_size(&pool, "read_model").await?,
        );
        println!("load after the rebuild: {}", raw::load_average());
        if !args.no_verify {
            let started = Instant::now();
            let verification = constructos_commands::finance::verify_ledger(&pool).await?;
            println!(
                "verify-ledger (chains): {} events in {} streams in {:.2}s, intact: {}",
                verification.events,
                verification.streams,
                started.elapsed().as_secs_f64(),
                verification.intact()
            );
            let started = Instant::now();
            let outcome =
                constructos_commands::finance::anchor_ledger_at(&pool, chrono::Utc::now()).await?;
            println!(
                "anchor over the whole store in {:.2}s: {outcome:?}",
                started.elapsed().as_secs_f64()
            );
            let started = Instant::now();
            let verification = constructos_commands::finance::verify_ledger(&pool).await?;
            println!(
                "verify-ledger (chains and {} anchor): {:.2}s, intact: {}",
                verification.anchors,
                started.elapsed().as_secs_f64(),
                verification.intact()
            );
        }
    }
    println!("total {:.1}s", started.elapsed().as_secs_f64());

    pool.close().await;
    if !args.keep {
        let admin = db::connect_url(&config.url_with_database("postgres")?, 1).await?;
        let name = config.database_name(Domain::Finance);
        sqlx::query(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
            .execute(&admin)
            .await?;
    }
    Ok(())
}
