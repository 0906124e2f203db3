//! Filling a finance event store quickly with realistic, sealed journal events, so the
//! rebuild (not the fill) is what is measured.
//!
//! The events are built in Rust exactly as the command side would write them — the
//! externally tagged payload, metadata with who and which request, and the hash chain
//! (`previous_hash`, `event_hash`) — and written with `COPY … FROM STDIN` in large
//! batches. Journals fall over a year (one financial year from 1 March 2025) with their
//! recording times in order; they carry two to four lines over the seeded chart with
//! project, cost-code and site dimensions; every 50th journal reverses the one before
//! (a `JournalReversed` in the original's stream and a reversing `JournalPosted`), so
//! the replay also meets events it does not batch.

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use constructos_commands::finance::{ChainLink, GENESIS};
use constructos_domain::finance::{
    period_of, JournalEvent, JournalLine, JournalSource, Rand, Side,
};
use serde_json::{json, Value};
use sqlx::PgPool;
use uuid::Uuid;

/// Events per `COPY` (one transaction each).
const BATCH: usize = 20_000;

/// How many events were written and how long it took.
pub struct Filled {
    pub events: usize,
    pub elapsed: Duration,
}

/// A small deterministic generator, so every run fills the same ledger.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

const DEBITS: &[&str] = &["5000", "5100", "5200", "5300", "6000", "1500", "1200"];
const CREDITS: &[&str] = &["2000", "1000", "2200", "2100", "4000"];
const PROJECTS: &[&str] = &[
    "PRJ-2025-001",
    "PRJ-2025-007",
    "PRJ-2025-014",
    "PRJ-2026-002",
];
const NARRATIVES: &[&str] = &[
    "Cement and aggregate, Msunduzi site",
    "Rebar delivery",
    "Excavator hire, week 14",
    "Subcontractor payment certificate",
    "Site labour, fortnight",
    "Diesel for plant",
];

fn line(code: &str, side: Side, cents: i64, rng: &mut Lcg) -> JournalLine {
    let project = PROJECTS[rng.next(PROJECTS.len() as u64) as usize];
    JournalLine {
        account_code: code.to_string(),
        side,
        amount: Rand::cents(cents),
        project_id: Some(project.to_string()),
        cost_code: Some(format!("CC-{}", 100 + rng.next(9) * 100)),
        site_id: (rng.next(3) == 0).then(|| "SITE-PMB".to_string()),
    }
}

/// Two to four balanced lines.
fn lines(rng: &mut Lcg) -> Vec<JournalLine> {
    let debits = 1 + rng.next(3) as usize;
    let mut total = 0;
    let mut out = Vec::with_capacity(debits + 1);
    for _ in 0..debits {
        let cents = 1_000 + rng.next(5_000_000) as i64;
        total += cents;
        let code = DEBITS[rng.next(DEBITS.len() as u64) as usize];
        out.push(line(code, Side::Debit, cents, rng));
    }
    let code = CREDITS[rng.next(CREDITS.len() as u64) as usize];
    out.push(line(code, Side::Credit, total, rng));
    out
}

/// COPY text format: backslash, tab, newline and carriage return escaped.
fn copy_escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// One sealed event, as a COPY line.
struct Sealer {
    buffer: String,
    rows: usize,
}

impl Sealer {
    /// Seals `event` as sequence `sequence` of the journal `id` after `previous`;
    /// returns its hash.
    fn push(
        &mut self,
        id: &str,
        sequence: i64,
        event: &JournalEvent,
        previous: &str,
        recorded_at: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        let payload = serde_json::to_value(event)?;
        let event_type = type_name(event);
        let hash = ChainLink {
            aggregate_type: "finance.journal",
            aggregate_id: id,
            sequence,
            event_type,
            event_version: "1",
            payload: &payload,
            previous_hash: previous,
        }
        .hash();
        let metadata = json!({
            "correlation_id": format!("bench-{id}"),
            "subject": "bench",
            "occurred_at": recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "previous_hash": previous,
            "event_hash": hash,
        });
        let b = &mut self.buffer;
        b.push_str("finance.journal\t");
        b.push_str(id);
        b.push('\t');
        b.push_str(&sequence.to_string());
        b.push('\t');
        b.push_str(event_type);
        b.push_str("\t1\t");
        copy_escape(&Value::to_string(&payload), b);
        b.push('\t');
        copy_escape(&Value::to_string(&metadata), b);
        b.push('\t');
        b.push_str(&recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true));
        b.push('\n');
        self.rows += 1;
        Ok(hash)
    }

    async fn flush(&mut self, pool: &PgPool) -> anyhow::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut conn = pool.acquire().await?;
        let mut copy = conn
            .copy_in_raw(
                "COPY events (aggregate_type, aggregate_id, sequence, event_type, event_version,
                              payload, metadata, recorded_at) FROM STDIN",
            )
            .await
            .context("Failed to start COPY")?;
        copy.send(self.buffer.as_bytes()).await?;
        copy.finish().await.context("Failed to COPY events")?;
        self.buffer.clear();
        self.rows = 0;
        Ok(())
    }
}

/// The event type, as `DomainEvent::event_type` names it.
fn type_name(event: &JournalEvent) -> &'static str {
    match event {
        JournalEvent::JournalPosted { .. } => "JournalPosted",
        JournalEvent::JournalReversed { .. } => "JournalReversed",
    }
}

/// Writes `count` sealed journal events (new journals, every 50th a reversal).
pub async fn fill(pool: &PgPool, count: usize) -> anyhow::Result<Filled> {
    let started = Instant::now();
    let mut rng = Lcg(0x5eed_c0de);
    let first_day = NaiveDate::from_ymd_opt(2025, 3, 1).context("date")?;
    let start = Utc
        .with_ymd_and_hms(2025, 3, 1, 6, 0, 0)
        .single()
        .context("time")?;
    // Recording times spread evenly over 365 days.
    let step = chrono::Duration::microseconds((365 * 24 * 3600 * 1_000_000) / count.max(1) as i64);
    let mut sealer = Sealer {
        buffer: String::with_capacity(BATCH * 1_200),
        rows: 0,
    };
    let mut written = 0;
    let mut journal = 0u64;
    let mut previous: Option<(String, Vec<JournalLine>, String)> = None;
    while written < count {
        journal += 1;
        let recorded_at = start + step * written as i32;
        let date = first_day + chrono::Days::new((recorded_at - start).num_days() as u64);
        let id = Uuid::from_u64_pair(0x0190_0000_0000_7000, journal).to_string();
        let reversal = journal.is_multiple_of(50) && count - written >= 2;
        match (&previous, reversal) {
            (Some((original, original_lines, original_hash)), true) => {
                let reversed = JournalEvent::JournalReversed {
                    reversal_id: id.clone(),
                    date,
                };
                sealer.push(original, 2, &reversed, original_hash, recorded_at)?;
                let reversing = JournalEvent::JournalPosted {
                    date,
                    period: period_of(date),
                    narrative: "Reversal of a mis-posted journal".to_string(),
                    source: JournalSource::Manual,
                    lines: original_lines
                        .iter()
                        .map(|l| JournalLine {
                            side: l.side.opposite(),
                            ..l.clone()
                        })
                        .collect(),
                    reverses: Some(original.clone()),
                };
                sealer.push(&id, 1, &reversing, GENESIS, recorded_at)?;
                written += 2;
                previous = None;
            }
            _ => {
                let lines = lines(&mut rng);
                let posted = JournalEvent::JournalPosted {
                    date,
                    period: period_of(date),
                    narrative: NARRATIVES[rng.next(NARRATIVES.len() as u64) as usize].to_string(),
                    source: if rng.next(4) == 0 {
                        JournalSource::Manual
                    } else {
                        JournalSource::System
                    },
                    lines: lines.clone(),
                    reverses: None,
                };
                let hash = sealer.push(&id, 1, &posted, GENESIS, recorded_at)?;
                written += 1;
                previous = Some((id, lines, hash));
            }
        }
        if sealer.rows >= BATCH {
            sealer.flush(pool).await?;
        }
    }
    sealer.flush(pool).await?;
    Ok(Filled {
        events: written,
        elapsed: started.elapsed(),
    })
}
