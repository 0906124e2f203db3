//! Keeps the finance read models from finance events (invoices in `invoices.rs`). Every event also lands in
//! `read_model.ledger_history` with who, when and in which request.

use async_trait::async_trait;
use constructos_domain::finance::{
    JournalEvent, LedgerAccountEvent, BANK_ACCOUNT_AGGREGATE, BILL_AGGREGATE,
    CREDIT_NOTE_AGGREGATE, INVOICE_AGGREGATE, INVOICE_NUMBERING_AGGREGATE, JOURNAL_AGGREGATE,
    LEDGER_ACCOUNT_AGGREGATE, PAYMENT_AGGREGATE, PERIOD_AGGREGATE,
};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use super::bank::apply_bank;
use super::invoices::apply_invoice;
use super::settlements::{apply_bill, apply_credit_note, apply_payment};
use crate::rebuild::{Rebuild, Schema};
use crate::replay::ReplayBatch;
use crate::{database, domain_event, ApplyError, Projection};

/// The finance projection.
#[derive(Debug, Clone, Copy, Default)]
pub struct FinanceProjection;

type Tx<'a, 'b> = &'a mut Transaction<'b, Postgres>;

async fn apply_account(
    tx: Tx<'_, '_>,
    event: &CloudEvent,
    schema: Schema,
) -> Result<Vec<String>, ApplyError> {
    let sql;
    let query = match domain_event::<LedgerAccountEvent>(event)? {
        LedgerAccountEvent::LedgerAccountOpened {
            code,
            name,
            account_type,
            cost_type,
        } => {
            sql = schema.sql(
                "INSERT INTO read_model.ledger_accounts
                     (code, name, account_type, cost_type, status, opened_at, updated_at,
                      last_sequence)
                 VALUES ($1, $2, $3, $4, 'OPEN', $5, $5, $6)
                 ON CONFLICT (code) DO NOTHING",
            );
            sqlx::query(&sql)
                .bind(code)
                .bind(name)
                .bind(account_type.as_str())
                .bind(cost_type.map(|c| c.as_str()))
                .bind(event.time)
                .bind(event.sequence)
        }
        LedgerAccountEvent::LedgerAccountRenamed { to, .. } => {
            sql = schema.sql(
                "UPDATE read_model.ledger_accounts
                    SET name = $2, updated_at = $3, last_sequence = $4
                  WHERE code = $1 AND last_sequence < $4",
            );
            sqlx::query(&sql)
                .bind(&event.subject)
                .bind(to)
                .bind(event.time)
                .bind(event.sequence)
        }
        LedgerAccountEvent::LedgerAccountClosed {} => {
            sql = schema.sql(
                "UPDATE read_model.ledger_accounts
                    SET status = 'CLOSED', updated_at = $2, last_sequence = $3
                  WHERE code = $1 AND last_sequence < $3",
            );
            sqlx::query(&sql)
                .bind(&event.subject)
                .bind(event.time)
                .bind(event.sequence)
        }
    };
    query
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update ledger accounts"))?;
    Ok(vec![event.subject.clone()])
}

/// A journal with more lines than a line number can count (never posted by the domain).
pub(super) fn too_many_lines(journal_id: &str) -> ApplyError {
    ApplyError::Unfit {
        what: format!("journal {journal_id} has too many lines"),
    }
}

/// Applies a journal event; returns the accounts it touched and its effective date.
async fn apply_journal(
    tx: Tx<'_, '_>,
    event: &CloudEvent,
    schema: Schema,
) -> Result<(Vec<String>, chrono::NaiveDate), ApplyError> {
    match domain_event::<JournalEvent>(event)? {
        JournalEvent::JournalPosted {
            date,
            period,
            narrative,
            source,
            lines,
            reverses,
        } => {
            let inserted = sqlx::query(&schema.sql(
                "INSERT INTO read_model.journals
                     (id, journal_date, period, narrative, source, reverses, posted_at, posted_by,
                      correlation_id, last_sequence)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT (id) DO NOTHING",
            ))
            .bind(&event.subject)
            .bind(date)
            .bind(period)
            .bind(narrative)
            .bind(source.as_str())
            .bind(reverses)
            .bind(event.time)
            .bind(&event.actor)
            .bind(&event.correlationid)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to insert a journal"))?
            .rows_affected()
                == 1;
            let codes = lines.iter().map(|l| l.account_code.clone()).collect();
            if !inserted {
                return Ok((codes, date));
            }
            for (index, line) in lines.iter().enumerate() {
                let line_no =
                    i32::try_from(index + 1).map_err(|_| too_many_lines(&event.subject))?;
                sqlx::query(&schema.sql(
                    "INSERT INTO read_model.journal_lines
                         (journal_id, line_no, account_code, side, amount, journal_date,
                          project_id, cost_code, site_id)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                ))
                .bind(&event.subject)
                .bind(line_no)
                .bind(&line.account_code)
                .bind(line.side.as_str())
                .bind(line.amount.as_decimal())
                .bind(date)
                .bind(&line.project_id)
                .bind(&line.cost_code)
                .bind(&line.site_id)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to insert a journal line"))?;
                let (debit, credit) = match line.side {
                    constructos_domain::finance::Side::Debit => (line.amount, Default::default()),
                    constructos_domain::finance::Side::Credit => (Default::default(), line.amount),
                };
                sqlx::query(&schema.sql(
                    "INSERT INTO read_model.account_balances (account_code, debits, credits)
                     VALUES ($1, $2, $3)
                     ON CONFLICT (account_code) DO UPDATE
                        SET debits = read_model.account_balances.debits + EXCLUDED.debits,
                            credits = read_model.account_balances.credits + EXCLUDED.credits",
                ))
                .bind(&line.account_code)
                .bind(debit.as_decimal())
                .bind(credit.as_decimal())
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to update a balance"))?;
            }
            Ok((codes, date))
        }
        JournalEvent::JournalReversed { reversal_id, date } => {
            sqlx::query(&schema.sql(
                "UPDATE read_model.journals SET reversed_by = $2, last_sequence = $3
                  WHERE id = $1 AND last_sequence < $3",
            ))
            .bind(&event.subject)
            .bind(reversal_id)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to mark a journal reversed"))?;
            Ok((vec![], date))
        }
    }
}

/// The read-model tables the finance projection alone writes; a rebuild replaces them.
/// Every other `read_model` table of the finance database is shared
/// (`applied_events`, `dead_letters`) or kept from other domains' topics
/// ([`super::FOREIGN_FACT_TABLES`]); a test holds that the lists cover the migrations.
pub const FINANCE_TABLES: &[&str] = &[
    "ledger_accounts",
    "journals",
    "journal_lines",
    "account_balances",
    "ledger_history",
    "invoices",
    "budgets",
    "open_items",
    "settlements",
    "bills",
    "credit_notes",
    "payments",
    "payment_allocations",
    "bank_lines",
];

#[async_trait]
impl Projection for FinanceProjection {
    fn name(&self) -> &'static str {
        "finance.read_model"
    }

    /// Replays write runs of journal events set-based (`batch.rs`): what `apply_journal`
    /// and the history insert below write for one must be written there too.
    fn replay_batch(&self) -> Option<Box<dyn ReplayBatch>> {
        self.batch_in(Schema::LIVE)
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        self.apply_to(tx, event, Schema::LIVE).await
    }
}

#[async_trait]
impl Rebuild for FinanceProjection {
    fn tables(&self) -> &'static [&'static str] {
        FINANCE_TABLES
    }

    /// Lines are only ever inserted, and history only inserted with `ON CONFLICT DO
    /// NOTHING` (no arbiter): neither key is consulted while the events are applied.
    fn keys_after_load(&self) -> &'static [&'static str] {
        &["journal_lines", "ledger_history"]
    }

    fn batch_in(&self, schema: Schema) -> Option<Box<dyn ReplayBatch>> {
        Some(Box::new(super::batch::JournalBatch::new(
            self.name(),
            schema,
        )))
    }

    async fn apply_to(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
        schema: Schema,
    ) -> Result<(), ApplyError> {
        let recorded_on = event.time.date_naive();
        let (codes, effective_date) = match event.aggregatetype.as_str() {
            LEDGER_ACCOUNT_AGGREGATE => (apply_account(tx, event, schema).await?, recorded_on),
            JOURNAL_AGGREGATE => apply_journal(tx, event, schema).await?,
            PERIOD_AGGREGATE | INVOICE_NUMBERING_AGGREGATE => (vec![], recorded_on),
            INVOICE_AGGREGATE => (vec![], apply_invoice(tx, event, schema).await?),
            BILL_AGGREGATE => (vec![], apply_bill(tx, event, schema).await?),
            CREDIT_NOTE_AGGREGATE => (vec![], apply_credit_note(tx, event, schema).await?),
            PAYMENT_AGGREGATE => (vec![], apply_payment(tx, event, schema).await?),
            BANK_ACCOUNT_AGGREGATE => (vec![], apply_bank(tx, event, schema).await?),
            // Ledger anchors touch no read model; auditors see them in the history.
            constructos_domain::finance::LEDGER_ANCHOR_AGGREGATE => (vec![], recorded_on),
            constructos_domain::finance::BUDGET_AGGREGATE => (
                vec![],
                super::budgets::apply_budget(tx, event, schema).await?,
            ),
            _ => return Ok(()),
        };
        // `ON CONFLICT` without a target: the event id is the table's only key, and a
        // rebuild builds that key after its load (`keys_after_load`).
        sqlx::query(&schema.sql(
            "INSERT INTO read_model.ledger_history
                 (event_id, aggregate_type, aggregate_id, sequence, event_type, recorded_at,
                  effective_date, subject, correlation_id, account_codes, data, causation_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT DO NOTHING",
        ))
        .bind(event.id)
        .bind(&event.aggregatetype)
        .bind(&event.subject)
        .bind(event.sequence)
        .bind(event.short_type())
        .bind(event.time)
        .bind(effective_date)
        .bind(&event.actor)
        .bind(&event.correlationid)
        .bind(codes)
        .bind(&event.data)
        .bind(&event.causationid)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to record ledger history"))?;
        Ok(())
    }
}
