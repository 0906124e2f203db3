//! The finance replay batch: runs of journal events (`JournalPosted`, `JournalReversed`)
//! written set-based, a handful of multi-row `INSERT … SELECT FROM UNNEST(…)` statements
//! per run instead of a dozen statements per event. Every other finance event flushes
//! the run first and is applied on its own (`projection.rs`), so the order of effects is
//! the live worker's.
//!
//! It must write exactly what `apply_journal` and the history insert in `projection.rs`
//! write for these events (the replay tests compare every read-model table of a replay
//! with the live one): a change to one is a change to both. A run is written as
//! applied-event records, then journals (the first posting of an id wins), their lines
//! and balances, then reversals (one guarded update per journal: in order, only the
//! reversal with the highest sequence can stick), then history. That equals applying
//! one by one because a run never holds a posting of a journal after a reversal of it
//! (such a posting is not accepted, which flushes the run first).

use std::collections::{BTreeMap, HashMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::finance::{JournalEvent, JournalLine, Side, JOURNAL_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use rust_decimal::Decimal;
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::projection::too_many_lines;
use crate::rebuild::Schema;
use crate::replay::ReplayBatch;
use crate::{database, domain_event, ApplyError};

/// One buffered journal event.
struct Buffered {
    id: Uuid,
    journal_id: String,
    sequence: i64,
    time: DateTime<Utc>,
    actor: Option<String>,
    correlation_id: Option<String>,
    causation_id: Option<String>,
    data: serde_json::Value,
    kind: Kind,
}

enum Kind {
    Posted(Posting),
    Reversed {
        reversal_id: String,
        date: NaiveDate,
    },
}

/// What a `JournalPosted` says.
struct Posting {
    date: NaiveDate,
    period: String,
    narrative: String,
    source: &'static str,
    reverses: Option<String>,
    lines: Vec<JournalLine>,
}

impl Buffered {
    fn posting(&self) -> Option<&Posting> {
        match &self.kind {
            Kind::Posted(posting) => Some(posting),
            Kind::Reversed { .. } => None,
        }
    }

    /// The event type, effective date and account codes of its history row.
    fn history(&self) -> (&'static str, NaiveDate, Vec<&str>) {
        match &self.kind {
            Kind::Posted(p) => (
                "JournalPosted",
                p.date,
                p.lines.iter().map(|l| l.account_code.as_str()).collect(),
            ),
            Kind::Reversed { date, .. } => ("JournalReversed", *date, Vec::new()),
        }
    }
}

/// Buffers the journal events of the finance projection `projection`, written into
/// `schema`.
pub(super) struct JournalBatch {
    projection: &'static str,
    schema: Schema,
    events: Vec<Buffered>,
    /// Journals a buffered reversal names: a posting of one of them must wait.
    reversed: HashSet<String>,
}

impl JournalBatch {
    pub(super) fn new(projection: &'static str, schema: Schema) -> Self {
        Self {
            projection,
            schema,
            events: Vec::new(),
            reversed: HashSet::new(),
        }
    }
}

/// Column arrays of the rows one flush writes.
#[derive(Default)]
struct Journals {
    id: Vec<String>,
    date: Vec<NaiveDate>,
    period: Vec<String>,
    narrative: Vec<String>,
    source: Vec<&'static str>,
    reverses: Vec<Option<String>>,
    posted_at: Vec<DateTime<Utc>>,
    posted_by: Vec<Option<String>>,
    correlation_id: Vec<Option<String>>,
    sequence: Vec<i64>,
}

#[derive(Default)]
struct Lines {
    journal_id: Vec<String>,
    line_no: Vec<i32>,
    account_code: Vec<String>,
    side: Vec<&'static str>,
    amount: Vec<Decimal>,
    date: Vec<NaiveDate>,
    project_id: Vec<Option<String>>,
    cost_code: Vec<Option<String>>,
    site_id: Vec<Option<String>>,
}

impl JournalBatch {
    /// Records the buffered events as applied; returns the indexes of those applied for
    /// the first time, in order.
    async fn first_applications(
        &self,
        tx: &mut Transaction<'_, Postgres>,
    ) -> Result<Vec<usize>, ApplyError> {
        let ids: Vec<Uuid> = self.events.iter().map(|p| p.id).collect();
        let fresh: HashSet<Uuid> = sqlx::query_scalar(&self.schema.sql(
            "INSERT INTO read_model.applied_events (projection, event_id)
             SELECT $1, id FROM UNNEST($2::uuid[]) AS t (id)
             ON CONFLICT DO NOTHING
             RETURNING event_id",
        ))
        .bind(self.projection)
        .bind(&ids)
        .fetch_all(&mut **tx)
        .await
        .map_err(database("Failed to record the applied events"))?
        .into_iter()
        .collect();
        Ok((0..self.events.len())
            .filter(|&i| fresh.contains(&self.events[i].id))
            .collect())
    }

    /// Inserts the journals posted by `firsts` not yet in the read model (the first
    /// posting of an id wins, as one by one); returns the indexes whose journal was
    /// inserted.
    async fn insert_journals(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        firsts: &[usize],
    ) -> Result<Vec<usize>, ApplyError> {
        let mut seen = HashSet::new();
        let candidates: Vec<usize> = firsts
            .iter()
            .copied()
            .filter(|&i| self.events[i].posting().is_some())
            .filter(|&i| seen.insert(self.events[i].journal_id.as_str()))
            .collect();
        if candidates.is_empty() {
            return Ok(candidates);
        }
        let mut j = Journals::default();
        for &i in &candidates {
            let e = &self.events[i];
            let Some(p) = e.posting() else { continue };
            j.id.push(e.journal_id.clone());
            j.date.push(p.date);
            j.period.push(p.period.clone());
            j.narrative.push(p.narrative.clone());
            j.source.push(p.source);
            j.reverses.push(p.reverses.clone());
            j.posted_at.push(e.time);
            j.posted_by.push(e.actor.clone());
            j.correlation_id.push(e.correlation_id.clone());
            j.sequence.push(e.sequence);
        }
        let inserted: HashSet<String> = sqlx::query_scalar(&self.schema.sql(
            "INSERT INTO read_model.journals
                 (id, journal_date, period, narrative, source, reverses, posted_at, posted_by,
                  correlation_id, last_sequence)
             SELECT * FROM UNNEST($1::text[], $2::date[], $3::text[], $4::text[], $5::text[],
                                  $6::text[], $7::timestamptz[], $8::text[], $9::text[],
                                  $10::bigint[])
             ON CONFLICT (id) DO NOTHING
             RETURNING id",
        ))
        .bind(&j.id)
        .bind(&j.date)
        .bind(&j.period)
        .bind(&j.narrative)
        .bind(&j.source)
        .bind(&j.reverses)
        .bind(&j.posted_at)
        .bind(&j.posted_by)
        .bind(&j.correlation_id)
        .bind(&j.sequence)
        .fetch_all(&mut **tx)
        .await
        .map_err(database("Failed to insert journals"))?
        .into_iter()
        .collect();
        Ok(candidates
            .into_iter()
            .filter(|&i| inserted.contains(&self.events[i].journal_id))
            .collect())
    }

    /// Inserts the lines of the inserted journals and adds them to the balances, one
    /// upsert per account.
    async fn insert_lines(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        inserted: &[usize],
    ) -> Result<(), ApplyError> {
        let mut l = Lines::default();
        let mut balances: BTreeMap<&str, (Decimal, Decimal)> = BTreeMap::new();
        for &i in inserted {
            let e = &self.events[i];
            let Some(p) = e.posting() else { continue };
            for (index, line) in p.lines.iter().enumerate() {
                l.journal_id.push(e.journal_id.clone());
                l.line_no
                    .push(i32::try_from(index + 1).map_err(|_| too_many_lines(&e.journal_id))?);
                l.account_code.push(line.account_code.clone());
                l.side.push(line.side.as_str());
                l.amount.push(line.amount.as_decimal());
                l.date.push(p.date);
                l.project_id.push(line.project_id.clone());
                l.cost_code.push(line.cost_code.clone());
                l.site_id.push(line.site_id.clone());
                let balance = balances.entry(line.account_code.as_str()).or_default();
                match line.side {
                    Side::Debit => balance.0 += line.amount.as_decimal(),
                    Side::Credit => balance.1 += line.amount.as_decimal(),
                }
            }
        }
        if l.journal_id.is_empty() {
            return Ok(());
        }
        sqlx::query(&self.schema.sql(
            "INSERT INTO read_model.journal_lines
                 (journal_id, line_no, account_code, side, amount, journal_date,
                  project_id, cost_code, site_id)
             SELECT * FROM UNNEST($1::text[], $2::int[], $3::text[], $4::text[], $5::numeric[],
                                  $6::date[], $7::text[], $8::text[], $9::text[])",
        ))
        .bind(&l.journal_id)
        .bind(&l.line_no)
        .bind(&l.account_code)
        .bind(&l.side)
        .bind(&l.amount)
        .bind(&l.date)
        .bind(&l.project_id)
        .bind(&l.cost_code)
        .bind(&l.site_id)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to insert journal lines"))?;
        let codes: Vec<&str> = balances.keys().copied().collect();
        let debits: Vec<Decimal> = balances.values().map(|b| b.0).collect();
        let credits: Vec<Decimal> = balances.values().map(|b| b.1).collect();
        sqlx::query(&self.schema.sql(
            "INSERT INTO read_model.account_balances (account_code, debits, credits)
             SELECT * FROM UNNEST($1::text[], $2::numeric[], $3::numeric[])
             ON CONFLICT (account_code) DO UPDATE
                SET debits = read_model.account_balances.debits + EXCLUDED.debits,
                    credits = read_model.account_balances.credits + EXCLUDED.credits",
        ))
        .bind(&codes)
        .bind(&debits)
        .bind(&credits)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update balances"))?;
        Ok(())
    }

    /// Marks the journals reversed by the reversals among `firsts`. One by one, each
    /// update is guarded by `last_sequence < its sequence`, so of several reversals of
    /// one journal the first with the highest sequence is the one left standing: only
    /// that one is written, under the same guard.
    async fn reverse(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        firsts: &[usize],
    ) -> Result<(), ApplyError> {
        let mut latest: HashMap<&str, (i64, &str)> = HashMap::new();
        for &i in firsts {
            let e = &self.events[i];
            if let Kind::Reversed { reversal_id, .. } = &e.kind {
                let slot = latest
                    .entry(e.journal_id.as_str())
                    .or_insert((e.sequence, reversal_id));
                if e.sequence > slot.0 {
                    *slot = (e.sequence, reversal_id);
                }
            }
        }
        if latest.is_empty() {
            return Ok(());
        }
        let ids: Vec<&str> = latest.keys().copied().collect();
        let by: Vec<&str> = latest.values().map(|v| v.1).collect();
        let sequences: Vec<i64> = latest.values().map(|v| v.0).collect();
        sqlx::query(&self.schema.sql(
            "UPDATE read_model.journals j
                SET reversed_by = r.reversal_id, last_sequence = r.sequence
               FROM UNNEST($1::text[], $2::text[], $3::bigint[]) AS r (id, reversal_id, sequence)
              WHERE j.id = r.id AND j.last_sequence < r.sequence",
        ))
        .bind(&ids)
        .bind(&by)
        .bind(&sequences)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to mark journals reversed"))?;
        Ok(())
    }

    /// The history rows of every event applied for the first time.
    async fn insert_history(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        firsts: &[usize],
    ) -> Result<(), ApplyError> {
        let rows: Vec<&Buffered> = firsts.iter().map(|&i| &self.events[i]).collect();
        let ids: Vec<Uuid> = rows.iter().map(|e| e.id).collect();
        let journal_ids: Vec<&str> = rows.iter().map(|e| e.journal_id.as_str()).collect();
        let sequences: Vec<i64> = rows.iter().map(|e| e.sequence).collect();
        let times: Vec<DateTime<Utc>> = rows.iter().map(|e| e.time).collect();
        let actors: Vec<Option<&str>> = rows.iter().map(|e| e.actor.as_deref()).collect();
        let correlations: Vec<Option<&str>> =
            rows.iter().map(|e| e.correlation_id.as_deref()).collect();
        let causations: Vec<Option<&str>> =
            rows.iter().map(|e| e.causation_id.as_deref()).collect();
        let mut types = Vec::with_capacity(rows.len());
        let mut dates = Vec::with_capacity(rows.len());
        // One array literal of account codes per row: UNNEST cannot take an array of
        // arrays (and a literal is cheaper for PostgreSQL to read than JSON).
        let mut codes = Vec::with_capacity(rows.len());
        for row in &rows {
            let (event_type, date, accounts) = row.history();
            types.push(event_type);
            dates.push(date);
            codes.push(array_literal(&accounts));
        }
        let data: Vec<&serde_json::Value> = rows.iter().map(|e| &e.data).collect();
        sqlx::query(&self.schema.sql(
            "INSERT INTO read_model.ledger_history
                 (event_id, aggregate_type, aggregate_id, sequence, event_type, recorded_at,
                  effective_date, subject, correlation_id, account_codes, data, causation_id)
             SELECT id, $1, aggregate_id, sequence, event_type, recorded_at,
                    effective_date, subject, correlation_id, codes::text[], data, causation_id
               FROM UNNEST($2::uuid[], $3::text[], $4::bigint[], $5::timestamptz[], $6::date[],
                           $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::text[],
                           $12::text[])
                    AS t (id, aggregate_id, sequence, recorded_at, effective_date, subject,
                          correlation_id, codes, data, causation_id, event_type)
             ON CONFLICT DO NOTHING",
        ))
        .bind(JOURNAL_AGGREGATE)
        .bind(&ids)
        .bind(&journal_ids)
        .bind(&sequences)
        .bind(&times)
        .bind(&dates)
        .bind(&actors)
        .bind(&correlations)
        .bind(&codes)
        .bind(&data)
        .bind(&causations)
        .bind(&types)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to record ledger history"))?;
        Ok(())
    }
}

/// `values` as a PostgreSQL array literal (`{"a","b"}`), every element quoted.
fn array_literal(values: &[&str]) -> String {
    let mut out = String::from("{");
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        for c in value.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
    out.push('}');
    out
}

#[async_trait]
impl ReplayBatch for JournalBatch {
    fn accepts(&self, event: &CloudEvent) -> bool {
        event.aggregatetype == JOURNAL_AGGREGATE
            && match event.short_type() {
                "JournalReversed" => true,
                "JournalPosted" => !self.reversed.contains(&event.subject),
                _ => false,
            }
    }

    fn push(&mut self, event: CloudEvent) -> Result<(), ApplyError> {
        let kind = match domain_event::<JournalEvent>(&event)? {
            JournalEvent::JournalPosted {
                date,
                period,
                narrative,
                source,
                lines,
                reverses,
            } => Kind::Posted(Posting {
                date,
                period,
                narrative,
                source: source.as_str(),
                reverses,
                lines,
            }),
            JournalEvent::JournalReversed { reversal_id, date } => {
                self.reversed.insert(event.subject.clone());
                Kind::Reversed { reversal_id, date }
            }
        };
        self.events.push(Buffered {
            id: event.id,
            journal_id: event.subject,
            sequence: event.sequence,
            time: event.time,
            actor: event.actor,
            correlation_id: event.correlationid,
            causation_id: event.causationid,
            data: event.data,
            kind,
        });
        Ok(())
    }

    async fn flush(&mut self, tx: &mut Transaction<'_, Postgres>) -> Result<usize, ApplyError> {
        if self.events.is_empty() {
            return Ok(0);
        }
        let firsts = self.first_applications(tx).await?;
        if !firsts.is_empty() {
            let inserted = self.insert_journals(tx, &firsts).await?;
            self.insert_lines(tx, &inserted).await?;
            self.reverse(tx, &firsts).await?;
            self.insert_history(tx, &firsts).await?;
        }
        self.events.clear();
        self.reversed.clear();
        Ok(firsts.len())
    }
}

#[cfg(test)]
mod tests {
    use super::array_literal;

    #[test]
    fn array_literals_quote_every_element() {
        assert_eq!(array_literal(&[]), "{}");
        assert_eq!(array_literal(&["5100", "2000"]), r#"{"5100","2000"}"#);
        assert_eq!(array_literal(&[r#"a"b\c"#, "x,y"]), r#"{"a\"b\\c","x,y"}"#);
    }
}
