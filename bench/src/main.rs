//! `constructos-bench`: the figures issue 11 asks for, in one run on one database
//! server, printed as a table and written to `bench/results.json`.
//!
//! Sections (all by default, or `--only a,b`):
//! - `append`: commands/s at 1, 4 and 8 clients beside raw single-row INSERTs of the
//!   same payload into a plain table and into a copy of the events table, alternating,
//!   medians of timed rounds; for an identity command and for a 3-line journal;
//! - `latency`: commit → read model p50/p99 at a steady rate through the real broker;
//! - `gateway`: a GraphQL `accounts` page beside a bare axum handler running the same SQL;
//! - `stock_check`: a quote's synchronous stock check, p50/p99 over 3,000 calls to
//!   `constructos serve inventory` on loopback, beside the same call in process;
//! - `load`: aggregate load time at 10 and 100,000 events in one stream;
//! - `rebuild`: the finance read models rebuilt from a filled store;
//! - `idle`: the CPU an idle stack uses (broker and constructos), over 30 s.
//!
//! It needs PostgreSQL and the broker (`scripts/broker.sh start`), makes databases of
//! its own (`bench_<id>_<domain>`) and drops them at the end.
//!
//! ```text
//! cargo run --release -p constructos-bench
//! cargo run --release -p constructos-bench -- --only append,load --round-seconds 5
//! ```

mod append;
mod caller;
mod fill;
mod gateway;
mod idle;
mod journals;
mod latency;
mod load;
mod raw;
mod rebuild;
mod report;
mod stock_check;

use std::time::Instant;

use clap::Parser;
use constructos_infra::{db, Config};
use serde_json::{Map, Value};

use report::{Row, Section};

/// mimalloc instead of glibc's malloc: the rebuild and the command path allocate a lot
/// of short-lived JSON, and glibc's free lists showed up in their profiles.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Every section, in the order they run.
const SECTIONS: [&str; 7] = [
    "append",
    "load",
    "gateway",
    "stock_check",
    "latency",
    "rebuild",
    "idle",
];

/// What to measure.
#[derive(Parser, Debug, Clone)]
#[command(name = "constructos-bench")]
pub struct Args {
    /// The sections to run, comma-separated (all when absent).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Seconds per timed round of the append section (at least 5 for the issue's figures).
    #[arg(long, default_value_t = 5)]
    round_seconds: u64,
    /// Timed rounds per measurement (medians are reported).
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Events in the store when the finance read models are rebuilt.
    #[arg(long, default_value_t = 1_000_000)]
    rebuild_events: usize,
    /// Events per second the latency section commits at.
    #[arg(long, default_value_t = 1_000)]
    latency_rate: u64,
    /// Seconds the latency section runs for.
    #[arg(long, default_value_t = 60)]
    latency_seconds: u64,
    /// Seconds the idle section samples the CPU for.
    #[arg(long, default_value_t = 30)]
    idle_seconds: u64,
    /// Where the JSON results go.
    #[arg(long, default_value = "bench/results.json")]
    out: String,
    /// Keep the benchmark databases afterwards.
    #[arg(long)]
    keep: bool,
}

/// What every section gets: the arguments and a configuration whose databases are the
/// benchmark's own.
pub struct Bench {
    pub args: Args,
    pub config: Config,
}

impl Args {
    fn runs(&self, section: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s == section)
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if let Some(unknown) = args.only.iter().find(|s| !SECTIONS.contains(&s.as_str())) {
        anyhow::bail!("unknown section {unknown}; the sections are {SECTIONS:?}");
    }
    let mut config = Config::from_env()?;
    config.db_prefix = format!("bench_{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let bench = Bench { args, config };
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    // The sections that start `constructos` need its binary; when cargo has to build it,
    // that happens here, before anything is timed, not in the middle of the run.
    if bench.args.runs("stock_check") || bench.args.runs("idle") {
        idle::constructos_binary().await?;
    }
    let started = Instant::now();
    let load_at_start = raw::load_average();
    let admin = db::connect_url(&bench.config.url_with_database("postgres")?, 1).await?;
    let version: String = sqlx::query_scalar("SHOW server_version")
        .fetch_one(&admin)
        .await?;
    println!(
        "constructos-bench: {profile} build, PostgreSQL {version}, load average {load_at_start}, databases {}_*",
        bench.config.db_prefix
    );

    let mut rows = vec![
        Row::info("build profile", profile),
        Row::info("load average at start", load_at_start.clone()),
    ];
    let mut json = Map::new();
    json.insert("profile".into(), Value::from(profile));
    json.insert("postgres".into(), Value::from(version));
    json.insert("load_average_start".into(), Value::from(load_at_start));
    let mut failures = Vec::new();
    for name in SECTIONS {
        if !bench.args.runs(name) {
            continue;
        }
        println!("== {name}");
        let section_started = Instant::now();
        let outcome: anyhow::Result<Section> = match name {
            "append" => append::run(&bench).await,
            "load" => load::run(&bench).await,
            "gateway" => gateway::run(&bench).await,
            "stock_check" => stock_check::run(&bench).await,
            "latency" => latency::run(&bench).await,
            "rebuild" => rebuild::run(&bench).await,
            "idle" => idle::run(&bench).await,
            _ => unreachable!("the names come from SECTIONS"),
        };
        match outcome {
            Ok(section) => {
                report::print(&section.rows);
                rows.extend(section.rows);
                report::merge(&mut json, section.json);
            }
            Err(e) => {
                println!("{name} failed: {e:#}");
                failures.push(format!("{name}: {e:#}"));
            }
        }
        println!("({name}: {:.1}s)", section_started.elapsed().as_secs_f64());
    }
    let load_at_end = raw::load_average();
    rows.push(Row::info("load average at end", load_at_end.clone()));
    rows.push(Row::info(
        "total",
        format!("{:.0}s", started.elapsed().as_secs_f64()),
    ));
    json.insert("load_average_end".into(), Value::from(load_at_end));
    json.insert(
        "seconds".into(),
        Value::from(started.elapsed().as_secs_f64().round()),
    );
    if !failures.is_empty() {
        json.insert("failures".into(), Value::from(failures.clone()));
    }

    println!("\n== results");
    report::print(&rows);
    std::fs::write(
        &bench.args.out,
        serde_json::to_string_pretty(&Value::Object(json))? + "\n",
    )?;
    println!("wrote {}", bench.args.out);

    if !bench.args.keep {
        drop_databases(&admin, &bench.config.db_prefix).await?;
    }
    if !failures.is_empty() {
        anyhow::bail!("{} section(s) failed", failures.len());
    }
    Ok(())
}

/// Drops every database the run made.
async fn drop_databases(admin: &sqlx::PgPool, prefix: &str) -> anyhow::Result<()> {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE $1 || '\\_%'")
            .bind(prefix)
            .fetch_all(admin)
            .await?;
    for name in names {
        sqlx::query(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
            .execute(admin)
            .await?;
    }
    Ok(())
}
