//! The append section: commands/s through the command side beside raw single-row
//! autocommitted INSERTs of the same payload, at 1, 4 and 8 clients, in one run on one
//! server. Each round times every workload for `--round-seconds`, the order rotating
//! from round to round (so drift in the machine does not favour one); the medians of
//! `--rounds` rounds are compared.
//!
//! - identity: `createAccount` through `IdentityCommands` (the generic cqrs-es path over
//!   the project's store), beside INSERTs of an `AccountCreated` payload;
//! - journal: a 3-line `postJournal` through `FinanceCommands` (sealed, hash-chained,
//!   with its read set), beside INSERTs of a `JournalPosted` payload, at 8 clients.
//!
//! The yardsticks are (a) a plain table `(id bigserial, payload json)` and (b) a copy of
//! the events table with its indexes; the ratios in the JSON are against (a).

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use constructos_commands::identity::{CreateAccountInput, IdentityCommands};
use constructos_domain::access::Role;
use constructos_domain::identity::{AccountEvent, AccountKind};
use constructos_infra::{db, Domain};
use sqlx::PgPool;

use crate::report::{median, Row, Section};
use crate::{caller, journals, raw, Bench};

/// Client counts measured for the identity command.
const CLIENTS: [usize; 3] = [1, 4, 8];

/// Runs `op` from `clients` tasks until `seconds` have passed; returns operations/s.
async fn rate<F, Fut>(clients: usize, seconds: u64, op: F) -> anyhow::Result<f64>
where
    F: Fn(usize) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send,
{
    let done = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (op, done) = (op.clone(), done.clone());
            tokio::spawn(async move {
                while Instant::now() < deadline {
                    let n = done.fetch_add(1, Ordering::Relaxed);
                    op(n).await?;
                }
                anyhow::Ok(())
            })
        })
        .collect();
    for task in futures::future::join_all(tasks).await {
        task??;
    }
    Ok(done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64())
}

/// One workload of a comparison.
#[derive(Clone, Copy, PartialEq)]
enum Work {
    Command,
    Plain,
    EventsCopy,
}

/// Medians of rounds of the command beside both yardsticks at `clients`.
struct Compared {
    command: f64,
    plain: f64,
    events_copy: f64,
}

async fn compare<C, Fut>(
    bench: &Bench,
    pool: &PgPool,
    clients: usize,
    payload: &str,
    command: C,
) -> anyhow::Result<Compared>
where
    C: Fn(usize) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send,
{
    let metadata = serde_json::to_string(&caller::context(Role::Admin, "bench").metadata())?;
    let payload: Arc<str> = payload.into();
    let metadata: Arc<str> = metadata.into();
    let works = [Work::Command, Work::Plain, Work::EventsCopy];
    let (mut commands, mut plains, mut copies) = (Vec::new(), Vec::new(), Vec::new());
    // A short warm-up of each, untimed: connections open, caches and plans warm.
    for round in 0..=bench.args.rounds {
        let seconds = if round == 0 {
            1
        } else {
            bench.args.round_seconds
        };
        for offset in 0..works.len() {
            let work = works[(round + offset) % works.len()];
            let measured = match work {
                Work::Command => rate(clients, seconds, command.clone()).await?,
                Work::Plain => {
                    let (pool, payload) = (pool.clone(), payload.clone());
                    rate(clients, seconds, move |_| {
                        let (pool, payload) = (pool.clone(), payload.clone());
                        async move { raw::insert_plain(&pool, &payload).await }
                    })
                    .await?
                }
                Work::EventsCopy => {
                    let (pool, payload, metadata) =
                        (pool.clone(), payload.clone(), metadata.clone());
                    rate(clients, seconds, move |_| {
                        let (pool, payload, metadata) =
                            (pool.clone(), payload.clone(), metadata.clone());
                        async move { raw::insert_event(&pool, &payload, &metadata).await }
                    })
                    .await?
                }
            };
            if round > 0 {
                match work {
                    Work::Command => commands.push(measured),
                    Work::Plain => plains.push(measured),
                    Work::EventsCopy => copies.push(measured),
                }
            }
        }
    }
    Ok(Compared {
        command: median(&mut commands),
        plain: median(&mut plains),
        events_copy: median(&mut copies),
    })
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        ((a / b) * 100.0).round() / 100.0
    } else {
        0.0
    }
}

/// Runs the section in an identity and a finance database of its own.
pub async fn run(bench: &Bench) -> anyhow::Result<Section> {
    let mut section = Section::default();
    let identity = db::prepare(&bench.config, Domain::Identity, db::migrations::identity()).await?;
    raw::create_tables(&identity).await?;
    let commands = Arc::new(IdentityCommands::new(identity.clone()));
    let ctx = Arc::new(caller::context(Role::Admin, "bench"));
    let account_payload = serde_json::to_string(&AccountEvent::AccountCreated {
        kind: AccountKind::Customer,
        name: "Bench Customer 000000".to_string(),
        registration_number: None,
        vat_number: None,
    })?;
    for clients in CLIENTS {
        let (commands, ctx) = (commands.clone(), ctx.clone());
        let create = move |n: usize| {
            let (commands, ctx) = (commands.clone(), ctx.clone());
            async move {
                let input = CreateAccountInput {
                    kind: AccountKind::Customer,
                    name: format!("Bench Customer {n:06}"),
                    registration_number: None,
                    vat_number: None,
                };
                commands
                    .create_account(&ctx, input)
                    .await
                    .map(|_| ())
                    .map_err(|e| anyhow::anyhow!("createAccount: {e}"))
            }
        };
        let compared = compare(bench, &identity, clients, &account_payload, create).await?;
        let r = ratio(compared.command, compared.plain);
        let row = format!(
            "{:.0}/s vs plain INSERT {:.0}/s ({r:.2}×), events-copy INSERT {:.0}/s ({:.2}×)",
            compared.command,
            compared.plain,
            compared.events_copy,
            ratio(compared.command, compared.events_copy)
        );
        let name = format!("createAccount at {clients} client(s)");
        if clients == 8 {
            section.row(Row::target(name, row, "≥ 1.0× plain", r >= 1.0));
        } else {
            section.row(Row::info(name, row));
        }
        section
            .set(&format!("append.ratio_vs_raw_insert.c{clients}"), r)
            .set(
                &format!("append.ratio_vs_events_copy_insert.c{clients}"),
                ratio(compared.command, compared.events_copy),
            )
            .set(
                &format!("append.commands_per_s.c{clients}"),
                compared.command.round(),
            )
            .set(
                &format!("append.raw_insert_per_s.c{clients}"),
                compared.plain.round(),
            )
            .set(
                &format!("append.events_copy_insert_per_s.c{clients}"),
                compared.events_copy.round(),
            );
    }
    section.row(Row::info(
        "identity events table",
        raw::table_size(&identity, "events").await?,
    ));

    let finance = db::prepare(&bench.config, Domain::Finance, db::migrations::finance()).await?;
    raw::create_tables(&finance).await?;
    let (ledger, finance_ctx) = journals::prepare(&finance).await?;
    let (ledger, finance_ctx) = (Arc::new(ledger), Arc::new(finance_ctx));
    let journal_payload = serde_json::to_string(&serde_json::json!({ "JournalPosted": {
        "date": "2026-11-25", "period": "2026-11", "narrative": "Cement on credit",
        "source": "SYSTEM", "reverses": null,
        "lines": journals::journal().lines,
    }}))?;
    let post = move |_: usize| {
        let (ledger, ctx) = (ledger.clone(), finance_ctx.clone());
        async move {
            ledger
                .post_journal(&ctx, journals::journal())
                .await
                .map(|_| ())
                .map_err(|e| anyhow::anyhow!("postJournal: {e}"))
        }
    };
    let compared = compare(bench, &finance, 8, &journal_payload, post).await?;
    let r = ratio(compared.command, compared.plain);
    section
        .row(Row::target(
            "postJournal (3 lines) at 8 clients",
            format!(
                "{:.0}/s vs plain INSERT {:.0}/s ({r:.2}×), events-copy INSERT {:.0}/s ({:.2}×)",
                compared.command,
                compared.plain,
                compared.events_copy,
                ratio(compared.command, compared.events_copy)
            ),
            "≥ 0.8× plain",
            r >= 0.8,
        ))
        .row(Row::info(
            "finance events table",
            raw::table_size(&finance, "events").await?,
        ))
        .set("append.journal_ratio_vs_raw_insert.c8", r)
        .set(
            "append.journal_ratio_vs_events_copy_insert.c8",
            ratio(compared.command, compared.events_copy),
        )
        .set("append.journals_per_s.c8", compared.command.round())
        .set("append.journal_raw_insert_per_s.c8", compared.plain.round());
    identity.close().await;
    finance.close().await;
    Ok(section)
}
