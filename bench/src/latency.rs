//! The `latency` section: commit → read model through the real broker. An identity
//! database of its own with its relay and its projection worker running in this process
//! (`constructos::stack`, as `constructos serve identity` runs them), topics of its own;
//! `createAccount` commands are issued through the identity command side at a steady
//! `--latency-rate` for `--latency-seconds` (open loop: each on its own schedule, not
//! after the previous one), and for each the time from the command's return (its commit)
//! until a reader polling `read_model.accounts` sees its row.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use constructos::modules;
use constructos::stack::{self, Tasks};
use constructos_commands::identity::{CreateAccountInput, IdentityCommands};
use constructos_domain::access::Role;
use constructos_domain::identity::AccountKind;
use constructos_infra::{db, Domain};
use sqlx::PgPool;
use tokio::sync::{mpsc, Semaphore};
use tokio::time::Instant;

use crate::report::{quantile, Row, Section};
use crate::{caller, Bench};

/// The target for the p99.
const TARGET_P99_MS: f64 = 100.0;
/// Commands in flight at most; past it the generator falls behind (and says so).
const MAX_IN_FLIGHT: usize = 256;
/// How long to wait for the last rows after the last command.
const DRAIN: Duration = Duration::from_secs(30);

/// Runs the section.
pub async fn run(bench: &Bench) -> anyhow::Result<Section> {
    // The relay's and the worker's logs, when asked for (`RUST_LOG=...`).
    if std::env::var_os("RUST_LOG").is_some() {
        constructos_infra::telemetry::init(false);
    }
    let mut config = bench.config.clone();
    config.topic_namespace = format!("{}.", config.db_prefix);
    let pool = db::prepare(&config, Domain::Identity, db::migrations::identity()).await?;
    stack::create_topics(&config, &[Domain::Identity]).await?;
    // A tokio_util CancellationToken (the type the stack takes), named by inference.
    let shutdown = Default::default();
    let mut tasks = Tasks::new();
    stack::spawn_relay(
        &mut tasks,
        &config,
        Domain::Identity,
        pool.clone(),
        &shutdown,
    )?;
    stack::spawn_projection_reading(
        &mut tasks,
        &config,
        modules::module(Domain::Identity)?,
        pool.clone(),
        &[Domain::Identity],
        &shutdown,
    )?;
    // Commands and the reader on pools of their own: they must not queue behind the
    // relay and the worker for connections, nor these behind them.
    let commands = IdentityCommands::new(db::connect(&config, Domain::Identity).await?);
    let reader = db::connect(&config, Domain::Identity).await?;
    let measured = measure(bench, &commands, &reader).await;
    shutdown.cancel();
    while let Some(done) = tasks.join_next().await {
        if let Ok(Err(e)) = done {
            println!("a background task ended with an error: {e:#}");
        }
    }
    reader.close().await;
    pool.close().await;
    let Measured {
        mut latencies_ms,
        issued,
        refused,
        seconds,
        unseen,
    } = measured?;
    let p50 = quantile(&mut latencies_ms, 0.50);
    let p99 = quantile(&mut latencies_ms, 0.99);
    let max = quantile(&mut latencies_ms, 1.0);
    let mut section = Section::default();
    section
        .row(Row::info(
            "latency load",
            format!(
                "{issued} createAccount in {seconds:.1}s = {:.0}/s (asked {}/s), {refused} failed, {unseen} never seen",
                issued as f64 / seconds.max(f64::EPSILON),
                bench.args.latency_rate
            ),
        ))
        .row(Row::info(
            "commit → read model p50",
            format!("{p50:.1} ms"),
        ))
        .row(Row::target(
            "commit → read model p99",
            format!("{p99:.1} ms (max {max:.1} ms)"),
            format!("p99 < {TARGET_P99_MS:.0} ms"),
            p99 < TARGET_P99_MS && unseen == 0,
        ))
        .set("latency_ms.commit_to_read_model.p50", round(p50))
        .set("latency_ms.commit_to_read_model.p99", round(p99))
        .set("latency_ms.commit_to_read_model.max", round(max))
        .set("latency_ms.commit_to_read_model.events", latencies_ms.len())
        .set(
            "latency_ms.commit_to_read_model.rate",
            round(issued as f64 / seconds.max(f64::EPSILON)),
        );
    Ok(section)
}

fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// What one run saw.
struct Measured {
    latencies_ms: Vec<f64>,
    issued: usize,
    refused: usize,
    seconds: f64,
    unseen: usize,
}

fn input(n: usize) -> CreateAccountInput {
    CreateAccountInput {
        kind: AccountKind::Customer,
        name: format!("Latency Bench {n} (Pty) Ltd"),
        registration_number: None,
        vat_number: None,
    }
}

/// Warms up (the consumer joins its group; the first row is waited for), then issues
/// the steady load while a reader records when each row appears.
async fn measure(
    bench: &Bench,
    commands: &IdentityCommands,
    reader: &PgPool,
) -> anyhow::Result<Measured> {
    let ctx = caller::context(Role::Admin, "bench-latency");
    let first = commands.create_account(&ctx, input(0)).await?;
    let warm = Instant::now();
    while !visible(reader, std::slice::from_ref(&first))
        .await?
        .contains(&first)
    {
        anyhow::ensure!(
            warm.elapsed() < Duration::from_secs(60),
            "the read model did not follow within 60 s (is the broker running?)"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "(read model following after {:.1}s; measuring)",
        warm.elapsed().as_secs_f64()
    );

    let rate = bench.args.latency_rate.max(1);
    let total = usize::try_from(rate * bench.args.latency_seconds)?;
    let interval = Duration::from_secs_f64(1.0 / rate as f64);
    let (committed_tx, mut committed) = mpsc::unbounded_channel::<(String, Instant)>();
    let permits = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let commands = Arc::new(commands.clone());
    let started = Instant::now();
    let mut generator = Some({
        let permits = permits.clone();
        tokio::spawn(async move {
            let mut handles = Vec::with_capacity(total);
            for n in 1..=total {
                tokio::time::sleep_until(started + interval * u32::try_from(n).unwrap_or(u32::MAX))
                    .await;
                let Ok(permit) = permits.clone().acquire_owned().await else {
                    break;
                };
                let commands = commands.clone();
                let committed_tx = committed_tx.clone();
                handles.push(tokio::spawn(async move {
                    let outcome = commands
                        .create_account(&caller::context(Role::Admin, "bench-latency"), input(n))
                        .await;
                    drop(permit);
                    match outcome {
                        Ok(id) => {
                            let _ = committed_tx.send((id, Instant::now()));
                            true
                        }
                        Err(_) => false,
                    }
                }));
            }
            let mut refused = 0;
            for handle in handles {
                if !matches!(handle.await, Ok(true)) {
                    refused += 1;
                }
            }
            (total, refused, started.elapsed())
        })
    });

    // The reader: every committed id is looked for until its row is there.
    let mut pending: HashMap<String, Instant> = HashMap::new();
    let mut latencies_ms = Vec::with_capacity(total);
    let mut generated = None;
    let mut drain_deadline = None;
    loop {
        while let Ok((id, at)) = committed.try_recv() {
            pending.insert(id, at);
        }
        if let Some(done) = generator.take_if(|g| g.is_finished()) {
            generated = Some(done.await?);
            drain_deadline = Some(Instant::now() + DRAIN);
            // Anything sent before the generator ended is in the channel now.
            while let Ok((id, at)) = committed.try_recv() {
                pending.insert(id, at);
            }
        }
        if pending.is_empty() {
            if generated.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
            continue;
        }
        if drain_deadline.is_some_and(|deadline| Instant::now() > deadline) {
            break;
        }
        let ids: Vec<String> = pending.keys().cloned().collect();
        let seen = visible(reader, &ids).await?;
        let now = Instant::now();
        for id in seen {
            if let Some(at) = pending.remove(&id) {
                latencies_ms.push(now.saturating_duration_since(at).as_secs_f64() * 1000.0);
            }
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let (issued, refused, elapsed) = generated.unwrap_or((0, 0, started.elapsed()));
    Ok(Measured {
        latencies_ms,
        issued,
        refused,
        seconds: elapsed.as_secs_f64(),
        unseen: pending.len(),
    })
}

/// Which of `ids` the read model shows now.
async fn visible(reader: &PgPool, ids: &[String]) -> anyhow::Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM read_model.accounts WHERE id = ANY($1)")
            .bind(ids)
            .fetch_all(reader)
            .await?,
    )
}
