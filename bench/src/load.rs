//! The load section: loading one stream (its snapshot and the events after it, with
//! the cache bypassed) at 10 and at 100,000 events. The long stream is written through
//! the store in units of 1,000 events, so its snapshots are the ones the background
//! task takes every `snapshot_every` events, as in production.

use std::time::{Duration, Instant};

use constructos_domain::identity::{Account, AccountEvent, AccountKind};
use constructos_infra::event_store::{Store, Stream, UnitOfWork};
use constructos_infra::{db, Domain};
use cqrs_es::persist::SerializedEvent;
use cqrs_es::{Aggregate, DomainEvent};
use sqlx::PgPool;

use crate::report::{median, Row, Section};
use crate::Bench;

/// Loads timed per stream (the median is reported).
const LOADS: usize = 50;
const UNIT: usize = 1_000;

/// Writes a stream of `events` account events through `store`.
async fn write(store: &Store, id: &str, events: usize) -> anyhow::Result<()> {
    let mut stream = Stream::<Account>::minted(id);
    let mut unit_events = Vec::new();
    let mut previous = 0;
    for n in 0..events {
        let event = if n == 0 {
            AccountEvent::AccountCreated {
                kind: AccountKind::Customer,
                name: "Long Stream (Pty) Ltd".to_string(),
                registration_number: None,
                vat_number: None,
            }
        } else {
            AccountEvent::AccountTradingNameChanged {
                trading_name: Some(format!("Trading as {n}")),
            }
        };
        stream.aggregate.apply(event.clone());
        stream.sequence += 1;
        unit_events.push(SerializedEvent::new(
            id.to_string(),
            stream.sequence,
            Account::TYPE.to_string(),
            event.event_type(),
            event.event_version(),
            serde_json::to_value(&event)?,
            serde_json::json!({ "subject": "bench" }),
        ));
        if unit_events.len() == UNIT || n + 1 == events {
            let mut unit = UnitOfWork::new();
            unit.write(&stream, previous, std::mem::take(&mut unit_events));
            store.append(unit).await?;
            previous = stream.sequence;
        }
    }
    Ok(())
}

/// Waits until the background snapshot of `id` has reached `sequence` (at most 30 s).
async fn until_snapshot(pool: &PgPool, id: &str, sequence: i64) -> anyhow::Result<()> {
    for _ in 0..3_000 {
        let at: Option<i64> = sqlx::query_scalar(
            "SELECT sequence FROM stream_snapshots WHERE aggregate_type = $1 AND aggregate_id = $2",
        )
        .bind(Account::TYPE)
        .bind(id)
        .fetch_optional(pool)
        .await?;
        if at == Some(sequence) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    anyhow::bail!("the snapshot of {id} never reached {sequence}")
}

async fn time_loads(store: &Store, id: &str, events: usize) -> anyhow::Result<f64> {
    let mut times = Vec::with_capacity(LOADS);
    for _ in 0..LOADS {
        let started = Instant::now();
        let stream = store.load_stored::<Account>(id).await?;
        times.push(started.elapsed().as_secs_f64() * 1_000.0);
        anyhow::ensure!(
            stream.sequence == events,
            "loaded {} events",
            stream.sequence
        );
    }
    Ok(median(&mut times))
}

/// Runs the section in an identity database of its own.
pub async fn run(bench: &Bench) -> anyhow::Result<Section> {
    let pool = db::prepare(&bench.config, Domain::Identity, db::migrations::identity()).await?;
    let store = Store::new(pool.clone());
    write(&store, "short", 10).await?;
    let started = Instant::now();
    write(&store, "long", 100_000).await?;
    let written = started.elapsed();
    until_snapshot(&pool, "long", 100_000).await?;
    let short = time_loads(&store, "short", 10).await?;
    let long = time_loads(&store, "long", 100_000).await?;
    let ratio = if short > 0.0 { long / short } else { 0.0 };
    let mut section = Section::default();
    section
        .row(Row::info(
            "a 100,000-event stream written",
            format!("in {:.1}s, units of {UNIT} events", written.as_secs_f64()),
        ))
        .row(Row::target(
            "stream load (snapshot + tail), median",
            format!("10 events {short:.2} ms, 100,000 events {long:.2} ms ({ratio:.2}×)"),
            "≤ 2×",
            ratio <= 2.0,
        ))
        .set("load_ms.events_10", (short * 100.0).round() / 100.0)
        .set("load_ms.events_100000", (long * 100.0).round() / 100.0);
    pool.close().await;
    Ok(section)
}
