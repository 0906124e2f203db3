//! The finance replay batch: runs of `JournalPosted` written set-based, a handful of
//! multi-row `INSERT … SELECT FROM UNNEST(…)` statements per run instead of a dozen
//! statements per event. Every other finance event flushes the run first and is applied
//! on its own (`projection.rs`), so the order of effects is the live worker's.
//!
//! It must write exactly what `apply_journal` and the history insert in `projection.rs`
//! write for a `JournalPosted` (the replay tests compare every read-model table of a
//! replay with the live one): a change to one is a change to both.

use std::collections::{BTreeMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::finance::{JournalEvent, JournalLine, Side, JOURNAL_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use rust_decimal::Decimal;
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::projection::too_many_lines;
use crate::replay::ReplayBatch;
use crate::{database, domain_event, ApplyError};

/// One buffered `JournalPosted`.
struct Posted {
    id: Uuid,
    journal_id: String,
    sequence: i64,
    time: DateTime<Utc>,
    actor: Option<String>,
    correlation_id: Option<String>,
    causation_id: Option<String>,
    data: serde_json::Value,
    date: NaiveDate,
    period: String,
    narrative: String,
    source: &'static str,
    reverses: Option<String>,
    lines: Vec<JournalLine>,
}

/// Buffers `JournalPosted` events for the finance projection `projection`.
pub(super) struct JournalBatch {
    projection: &'static str,
    posted: Vec<Posted>,
}

impl JournalBatch {
    pub(super) fn new(projection: &'static str) -> Self {
        Self {
            projection,
            posted: Vec::new(),
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
        let ids: Vec<Uuid> = self.posted.iter().map(|p| p.id).collect();
        let fresh: HashSet<Uuid> = sqlx::query_scalar(
            "INSERT INTO read_model.applied_events (projection, event_id)
             SELECT $1, id FROM UNNEST($2::uuid[]) AS t (id)
             ON CONFLICT DO NOTHING
             RETURNING event_id",
        )
        .bind(self.projection)
        .bind(&ids)
        .fetch_all(&mut **tx)
        .await
        .map_err(database("Failed to record the applied events"))?
        .into_iter()
        .collect();
        Ok((0..self.posted.len())
            .filter(|&i| fresh.contains(&self.posted[i].id))
            .collect())
    }

    /// Inserts the journals of `firsts` not yet in the read model (the first posting of
    /// an id wins, as one by one); returns the indexes whose journal was inserted.
    async fn insert_journals(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        firsts: &[usize],
    ) -> Result<Vec<usize>, ApplyError> {
        let mut seen = HashSet::new();
        let candidates: Vec<usize> = firsts
            .iter()
            .copied()
            .filter(|&i| seen.insert(self.posted[i].journal_id.as_str()))
            .collect();
        let mut j = Journals::default();
        for &i in &candidates {
            let p = &self.posted[i];
            j.id.push(p.journal_id.clone());
            j.date.push(p.date);
            j.period.push(p.period.clone());
            j.narrative.push(p.narrative.clone());
            j.source.push(p.source);
            j.reverses.push(p.reverses.clone());
            j.posted_at.push(p.time);
            j.posted_by.push(p.actor.clone());
            j.correlation_id.push(p.correlation_id.clone());
            j.sequence.push(p.sequence);
        }
        let inserted: HashSet<String> = sqlx::query_scalar(
            "INSERT INTO read_model.journals
                 (id, journal_date, period, narrative, source, reverses, posted_at, posted_by,
                  correlation_id, last_sequence)
             SELECT * FROM UNNEST($1::text[], $2::date[], $3::text[], $4::text[], $5::text[],
                                  $6::text[], $7::timestamptz[], $8::text[], $9::text[],
                                  $10::bigint[])
             ON CONFLICT (id) DO NOTHING
             RETURNING id",
        )
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
            .filter(|&i| inserted.contains(&self.posted[i].journal_id))
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
            let p = &self.posted[i];
            for (index, line) in p.lines.iter().enumerate() {
                l.journal_id.push(p.journal_id.clone());
                l.line_no
                    .push(i32::try_from(index + 1).map_err(|_| too_many_lines(&p.journal_id))?);
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
        sqlx::query(
            "INSERT INTO read_model.journal_lines
                 (journal_id, line_no, account_code, side, amount, journal_date,
                  project_id, cost_code, site_id)
             SELECT * FROM UNNEST($1::text[], $2::int[], $3::text[], $4::text[], $5::numeric[],
                                  $6::date[], $7::text[], $8::text[], $9::text[])",
        )
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
        sqlx::query(
            "INSERT INTO read_model.account_balances (account_code, debits, credits)
             SELECT * FROM UNNEST($1::text[], $2::numeric[], $3::numeric[])
             ON CONFLICT (account_code) DO UPDATE
                SET debits = read_model.account_balances.debits + EXCLUDED.debits,
                    credits = read_model.account_balances.credits + EXCLUDED.credits",
        )
        .bind(&codes)
        .bind(&debits)
        .bind(&credits)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update balances"))?;
        Ok(())
    }

    /// The history rows of every event applied for the first time.
    async fn insert_history(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        firsts: &[usize],
    ) -> Result<(), ApplyError> {
        let rows: Vec<&Posted> = firsts.iter().map(|&i| &self.posted[i]).collect();
        let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
        let journal_ids: Vec<&str> = rows.iter().map(|p| p.journal_id.as_str()).collect();
        let sequences: Vec<i64> = rows.iter().map(|p| p.sequence).collect();
        let times: Vec<DateTime<Utc>> = rows.iter().map(|p| p.time).collect();
        let dates: Vec<NaiveDate> = rows.iter().map(|p| p.date).collect();
        let actors: Vec<Option<&str>> = rows.iter().map(|p| p.actor.as_deref()).collect();
        let correlations: Vec<Option<&str>> =
            rows.iter().map(|p| p.correlation_id.as_deref()).collect();
        let causations: Vec<Option<&str>> =
            rows.iter().map(|p| p.causation_id.as_deref()).collect();
        // One JSON array of account codes per row: UNNEST cannot take an array of arrays.
        let codes: Vec<serde_json::Value> = rows
            .iter()
            .map(|p| {
                serde_json::Value::from(
                    p.lines
                        .iter()
                        .map(|l| l.account_code.as_str())
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        let data: Vec<&serde_json::Value> = rows.iter().map(|p| &p.data).collect();
        sqlx::query(
            "INSERT INTO read_model.ledger_history
                 (event_id, aggregate_type, aggregate_id, sequence, event_type, recorded_at,
                  effective_date, subject, correlation_id, account_codes, data, causation_id)
             SELECT id, $1, aggregate_id, sequence, 'JournalPosted', recorded_at,
                    effective_date, subject, correlation_id,
                    ARRAY(SELECT jsonb_array_elements_text(codes)), data, causation_id
               FROM UNNEST($2::uuid[], $3::text[], $4::bigint[], $5::timestamptz[], $6::date[],
                           $7::text[], $8::text[], $9::jsonb[], $10::jsonb[], $11::text[])
                    AS t (id, aggregate_id, sequence, recorded_at, effective_date, subject,
                          correlation_id, codes, data, causation_id)
             ON CONFLICT (event_id) DO NOTHING",
        )
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
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to record ledger history"))?;
        Ok(())
    }
}

#[async_trait]
impl ReplayBatch for JournalBatch {
    fn accepts(&self, event: &CloudEvent) -> bool {
        event.aggregatetype == JOURNAL_AGGREGATE && event.short_type() == "JournalPosted"
    }

    fn push(&mut self, event: CloudEvent) -> Result<(), ApplyError> {
        let JournalEvent::JournalPosted {
            date,
            period,
            narrative,
            source,
            lines,
            reverses,
        } = domain_event::<JournalEvent>(&event)?
        else {
            return Err(ApplyError::Unfit {
                what: format!("{} is not a JournalPosted", event.id),
            });
        };
        self.posted.push(Posted {
            id: event.id,
            journal_id: event.subject,
            sequence: event.sequence,
            time: event.time,
            actor: event.actor,
            correlation_id: event.correlationid,
            causation_id: event.causationid,
            data: event.data,
            date,
            period,
            narrative,
            source: source.as_str(),
            reverses,
            lines,
        });
        Ok(())
    }

    async fn flush(&mut self, tx: &mut Transaction<'_, Postgres>) -> Result<usize, ApplyError> {
        if self.posted.is_empty() {
            return Ok(0);
        }
        let firsts = self.first_applications(tx).await?;
        if !firsts.is_empty() {
            let inserted = self.insert_journals(tx, &firsts).await?;
            self.insert_lines(tx, &inserted).await?;
            self.insert_history(tx, &firsts).await?;
        }
        self.posted.clear();
        Ok(firsts.len())
    }
}
