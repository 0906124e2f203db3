//! Reads of the finance read models.

use chrono::NaiveDate;
use constructos_domain::finance::{Rand, JOURNAL_AGGREGATE, LEDGER_ACCOUNT_AGGREGATE};
use constructos_infra::{read, ReadError};
use serde::{Deserialize, Serialize};
use sqlx::postgres::PgRow;
use sqlx::PgPool;

use super::bank::{self, BankLineRow, BankReconciliation};
use super::columns::{get, rand};
use super::invoices;
use super::receivables::{self, AgedReport, AgedSide, BillRow, CreditNoteRow, PaymentRow};
use super::rows::{
    HistoryRow, InvoiceRow, JournalLineRow, JournalRow, LedgerAccountRow, TrialBalance,
    TrialBalanceLine,
};

/// Which events `ledger_history` lists: those of a journal; of an account and the
/// journals posting to it; or of a document (invoice, bill, credit note, payment) and
/// what it names — its journals, payments and credit notes, and their journals —
/// optionally only those effective within `from..=to`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HistoryFilter {
    pub journal: Option<String>,
    pub account: Option<String>,
    #[serde(default)]
    pub document: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Reads of the finance database's read models.
#[derive(Clone)]
pub struct FinanceQueries {
    pool: PgPool,
}

const JOURNAL_COLUMNS: &str = "id, journal_date, period, narrative, source, reverses, \
                               reversed_by, posted_at, posted_by, correlation_id";

impl FinanceQueries {
    /// Queries over the finance database.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// One invoice with its tax-invoice document.
    pub async fn invoice(&self, id: &str) -> Result<Option<InvoiceRow>, ReadError> {
        invoices::one(&self.pool, id).await
    }

    /// Invoices, newest first (at most 500).
    pub async fn invoices(&self) -> Result<Vec<InvoiceRow>, ReadError> {
        invoices::all(&self.pool).await
    }

    /// Aged debtors or creditors as at the end of `as_at`.
    pub async fn aged(&self, side: AgedSide, as_at: NaiveDate) -> Result<AgedReport, ReadError> {
        receivables::aged(&self.pool, side, as_at).await
    }

    /// One supplier bill.
    pub async fn bill(&self, id: &str) -> Result<Option<BillRow>, ReadError> {
        receivables::one_bill(&self.pool, id).await
    }

    /// Supplier bills, newest first (at most 500).
    pub async fn bills(&self) -> Result<Vec<BillRow>, ReadError> {
        receivables::bills(&self.pool).await
    }

    /// Credit notes, newest first (at most 500).
    pub async fn credit_notes(&self) -> Result<Vec<CreditNoteRow>, ReadError> {
        receivables::credit_notes(&self.pool).await
    }

    /// Bank statement lines dated within `from..=to`, by date (at most 1000).
    pub async fn bank_lines(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        unreconciled_only: bool,
    ) -> Result<Vec<BankLineRow>, ReadError> {
        bank::lines(&self.pool, from, to, unreconciled_only).await
    }

    /// The bank reconciliation as at the end of `as_at`.
    pub async fn bank_reconciliation(
        &self,
        as_at: NaiveDate,
    ) -> Result<BankReconciliation, ReadError> {
        bank::reconciliation(&self.pool, as_at).await
    }

    /// Payments with their allocations, newest first (at most 500).
    pub async fn payments(&self) -> Result<Vec<PaymentRow>, ReadError> {
        receivables::payments(&self.pool).await
    }

    /// The chart of accounts by code, with all-time totals.
    pub async fn ledger_accounts(&self) -> Result<Vec<LedgerAccountRow>, ReadError> {
        let rows = sqlx::query(
            "SELECT a.code, a.name, a.account_type, a.cost_type, a.status,
                    COALESCE(b.debits, 0) AS debits, COALESCE(b.credits, 0) AS credits
               FROM read_model.ledger_accounts a
               LEFT JOIN read_model.account_balances b ON b.account_code = a.code
              ORDER BY a.code",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read ledger accounts"))?;
        rows.iter()
            .map(|r| {
                Ok(LedgerAccountRow {
                    code: get(r, "code")?,
                    name: get(r, "name")?,
                    account_type: get(r, "account_type")?,
                    cost_type: get(r, "cost_type")?,
                    status: get(r, "status")?,
                    debits: rand(r, "debits")?,
                    credits: rand(r, "credits")?,
                })
            })
            .collect()
    }

    /// The trial balance as at the end of `as_at`: every line of journals dated on or
    /// before it, netted per account onto its debit or credit side.
    pub async fn trial_balance(&self, as_at: NaiveDate) -> Result<TrialBalance, ReadError> {
        let rows = sqlx::query(
            "SELECT l.account_code AS code, COALESCE(a.name, '') AS name,
                    COALESCE(a.account_type, '') AS account_type,
                    COALESCE(SUM(l.amount) FILTER (WHERE l.side = 'DEBIT'), 0) AS debits,
                    COALESCE(SUM(l.amount) FILTER (WHERE l.side = 'CREDIT'), 0) AS credits
               FROM read_model.journal_lines l
               LEFT JOIN read_model.ledger_accounts a ON a.code = l.account_code
              WHERE l.journal_date <= $1
              GROUP BY l.account_code, a.name, a.account_type
              ORDER BY l.account_code",
        )
        .bind(as_at)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the trial balance"))?;
        let mut lines = Vec::with_capacity(rows.len());
        for r in &rows {
            let net = rand(r, "debits")? - rand(r, "credits")?;
            let (debit, credit) = if net.is_positive() {
                (net, Rand::ZERO)
            } else {
                (Rand::ZERO, -net)
            };
            lines.push(TrialBalanceLine {
                code: get(r, "code")?,
                name: get(r, "name")?,
                account_type: get(r, "account_type")?,
                debit,
                credit,
            });
        }
        Ok(TrialBalance {
            as_at,
            total_debit: lines.iter().map(|l| l.debit).sum(),
            total_credit: lines.iter().map(|l| l.credit).sum(),
            lines,
        })
    }

    /// One journal with its lines.
    pub async fn journal(&self, id: &str) -> Result<Option<JournalRow>, ReadError> {
        let rows = sqlx::query(&format!(
            "SELECT {JOURNAL_COLUMNS} FROM read_model.journals WHERE id = $1"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read a journal"))?;
        Ok(self.with_lines(rows).await?.pop())
    }

    /// Journals dated within `from..=to` (either end open), by date.
    pub async fn journals(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<JournalRow>, ReadError> {
        let rows = sqlx::query(&format!(
            "SELECT {JOURNAL_COLUMNS} FROM read_model.journals
              WHERE ($1::date IS NULL OR journal_date >= $1)
                AND ($2::date IS NULL OR journal_date <= $2)
              ORDER BY journal_date, id
              LIMIT 500"
        ))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read journals"))?;
        self.with_lines(rows).await
    }

    async fn with_lines(&self, rows: Vec<PgRow>) -> Result<Vec<JournalRow>, ReadError> {
        let mut journals = Vec::with_capacity(rows.len());
        for r in &rows {
            journals.push(JournalRow {
                id: get(r, "id")?,
                date: get(r, "journal_date")?,
                period: get(r, "period")?,
                narrative: get(r, "narrative")?,
                source: get(r, "source")?,
                reverses: get(r, "reverses")?,
                reversed_by: get(r, "reversed_by")?,
                posted_at: get(r, "posted_at")?,
                posted_by: get(r, "posted_by")?,
                correlation_id: get(r, "correlation_id")?,
                lines: vec![],
            });
        }
        let ids: Vec<String> = journals.iter().map(|j| j.id.clone()).collect();
        let lines = sqlx::query(
            "SELECT journal_id, line_no, account_code, side, amount, project_id, cost_code, site_id
               FROM read_model.journal_lines WHERE journal_id = ANY($1)
              ORDER BY journal_id, line_no",
        )
        .bind(&ids)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read journal lines"))?;
        for r in &lines {
            let journal_id: String = get(r, "journal_id")?;
            let line = JournalLineRow {
                line_no: get(r, "line_no")?,
                account_code: get(r, "account_code")?,
                side: get(r, "side")?,
                amount: rand(r, "amount")?,
                project_id: get(r, "project_id")?,
                cost_code: get(r, "cost_code")?,
                site_id: get(r, "site_id")?,
            };
            if let Some(journal) = journals.iter_mut().find(|j| j.id == journal_id) {
                journal.lines.push(line);
            }
        }
        Ok(journals)
    }

    /// The events behind a journal or an account, oldest first.
    pub async fn ledger_history(
        &self,
        filter: &HistoryFilter,
    ) -> Result<Vec<HistoryRow>, ReadError> {
        let rows = sqlx::query(
            "WITH RECURSIVE linked(id, depth) AS (
                 SELECT $7::text, 0 WHERE $7::text IS NOT NULL
                 UNION
                 SELECT ref, l.depth + 1
                   FROM linked l
                   JOIN read_model.ledger_history h ON h.aggregate_id = l.id
                  -- From the document: everything it names; further on, only journals
                  -- (a payment's other invoices are not this document's history).
                  CROSS JOIN LATERAL (VALUES (h.data ->> 'journal_id'),
                         (CASE WHEN l.depth = 0 THEN h.data ->> 'payment_id' END),
                         (CASE WHEN l.depth = 0 THEN h.data ->> 'credit_note_id' END),
                         (CASE WHEN l.depth = 0 THEN h.data ->> 'invoice_id' END),
                         (CASE WHEN l.depth = 0 THEN h.data ->> 'document_id' END)) AS refs(ref)
                  WHERE ref IS NOT NULL AND l.depth < 2
             )
             SELECT event_id::text AS event_id, aggregate_type, aggregate_id, sequence, event_type,
                    recorded_at, effective_date, subject, correlation_id, causation_id, data
               FROM read_model.ledger_history
              WHERE ($1::text IS NULL OR (aggregate_type = $5 AND aggregate_id = $1))
                AND ($7::text IS NULL OR aggregate_id IN (SELECT id FROM linked))
                AND ($2::text IS NULL OR $2 = ANY (account_codes)
                     OR (aggregate_type = $6 AND aggregate_id = $2))
                AND ($3::date IS NULL OR effective_date >= $3)
                AND ($4::date IS NULL OR effective_date <= $4)
              ORDER BY effective_date, recorded_at, aggregate_id, sequence
              LIMIT 1000",
        )
        .bind(&filter.journal)
        .bind(&filter.account)
        .bind(filter.from)
        .bind(filter.to)
        .bind(JOURNAL_AGGREGATE)
        .bind(LEDGER_ACCOUNT_AGGREGATE)
        .bind(&filter.document)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read ledger history"))?;
        rows.iter()
            .map(|r| {
                Ok(HistoryRow {
                    event_id: get(r, "event_id")?,
                    aggregate_type: get(r, "aggregate_type")?,
                    aggregate_id: get(r, "aggregate_id")?,
                    sequence: get(r, "sequence")?,
                    event_type: get(r, "event_type")?,
                    recorded_at: get(r, "recorded_at")?,
                    effective_date: get(r, "effective_date")?,
                    subject: get(r, "subject")?,
                    correlation_id: get(r, "correlation_id")?,
                    causation_id: get(r, "causation_id")?,
                    data: get(r, "data")?,
                })
            })
            .collect()
    }
}
