//! The bank statement read model (`read_model.bank_lines`) and the bank reconciliation
//! as at a date: the statement's total, the bank account's ledger balance, and what
//! explains the difference — lines without a payment and payments not yet on a
//! statement.

use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::finance::{BankEvent, Rand, BANK};
use constructos_infra::cloudevents::CloudEvent;
use constructos_infra::{read, ReadError};
use serde::{Deserialize, Serialize};
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, Transaction};

use super::columns::{get, rand};
use super::receivables::{payments_where, PaymentRow, PaymentScope};
use crate::rebuild::Schema;
use crate::{database, domain_event, ApplyError};

/// A statement line and what it is reconciled to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankLineRow {
    pub id: String,
    pub statement_id: String,
    pub file_name: String,
    pub date: NaiveDate,
    pub description: String,
    pub reference: String,
    /// Money in positive, money out negative.
    pub amount: Rand,
    pub imported_at: DateTime<Utc>,
    pub payment_id: Option<String>,
    /// `AUTO` or `MANUAL`, once reconciled.
    pub method: Option<String>,
    pub reconciled_at: Option<DateTime<Utc>>,
}

/// The bank reconciliation as at a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankReconciliation {
    pub as_at: NaiveDate,
    /// The sum of the imported statement lines dated on or before `as_at`.
    pub statement_total: Rand,
    /// The bank account's balance in the ledger as at `as_at`.
    pub ledger_balance: Rand,
    /// Statement lines not matched to a payment (bank charges, unknown deposits, …).
    pub unreconciled_lines: Vec<BankLineRow>,
    /// Payments recorded but not yet seen on a statement.
    pub unreconciled_payments: Vec<PaymentRow>,
    /// Ledger balance less (statement total − unreconciled lines + unreconciled
    /// payments): nought when every difference is explained.
    pub difference: Rand,
}

/// Applies a bank account event.
pub(super) async fn apply_bank(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    schema: Schema,
) -> Result<NaiveDate, ApplyError> {
    match domain_event::<BankEvent>(event)? {
        BankEvent::BankStatementImported {
            statement_id,
            file_name,
            lines,
            ..
        } => {
            let mut latest = event.time.date_naive();
            for line in lines {
                latest = line.date;
                sqlx::query(&schema.sql(
                    "INSERT INTO read_model.bank_lines
                         (id, account_code, statement_id, file_name, line_date, description,
                          reference, amount, imported_at, last_sequence)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                     ON CONFLICT (id) DO NOTHING",
                ))
                .bind(&line.id)
                .bind(&event.subject)
                .bind(&statement_id)
                .bind(&file_name)
                .bind(line.date)
                .bind(&line.description)
                .bind(&line.reference)
                .bind(line.amount.as_decimal())
                .bind(event.time)
                .bind(event.sequence)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to insert a bank line"))?;
            }
            Ok(latest)
        }
        BankEvent::BankLineReconciled {
            line_id,
            payment_id,
            method,
        } => {
            sqlx::query(&schema.sql(
                "UPDATE read_model.bank_lines
                    SET payment_id = $2, method = $3, reconciled_at = $4, last_sequence = $5
                  WHERE id = $1 AND last_sequence < $5",
            ))
            .bind(line_id)
            .bind(payment_id)
            .bind(method.as_str())
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to reconcile a bank line"))?;
            Ok(event.time.date_naive())
        }
        BankEvent::BankLineUnreconciled { line_id, .. } => {
            sqlx::query(&schema.sql(
                "UPDATE read_model.bank_lines
                    SET payment_id = NULL, method = NULL, reconciled_at = NULL, last_sequence = $2
                  WHERE id = $1 AND last_sequence < $2",
            ))
            .bind(line_id)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to unreconcile a bank line"))?;
            Ok(event.time.date_naive())
        }
    }
}

fn line(row: &PgRow) -> Result<BankLineRow, ReadError> {
    Ok(BankLineRow {
        id: get(row, "id")?,
        statement_id: get(row, "statement_id")?,
        file_name: get(row, "file_name")?,
        date: get(row, "line_date")?,
        description: get(row, "description")?,
        reference: get(row, "reference")?,
        amount: rand(row, "amount")?,
        imported_at: get(row, "imported_at")?,
        payment_id: get(row, "payment_id")?,
        method: get(row, "method")?,
        reconciled_at: get(row, "reconciled_at")?,
    })
}

const LINE_COLUMNS: &str = "id, statement_id, file_name, line_date, description, reference, \
                            amount, imported_at, payment_id, method, reconciled_at";

/// Statement lines dated within `from..=to` (either end open), by date; at most 1000.
pub(super) async fn lines(
    pool: &PgPool,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    unreconciled_only: bool,
) -> Result<Vec<BankLineRow>, ReadError> {
    let rows = sqlx::query(&format!(
        "SELECT {LINE_COLUMNS} FROM read_model.bank_lines
          WHERE account_code = $1
            AND ($2::date IS NULL OR line_date >= $2) AND ($3::date IS NULL OR line_date <= $3)
            AND (NOT $4 OR payment_id IS NULL)
          ORDER BY line_date, id LIMIT 1000"
    ))
    .bind(BANK)
    .bind(from)
    .bind(to)
    .bind(unreconciled_only)
    .fetch_all(pool)
    .await
    .map_err(read("Failed to read bank lines"))?;
    rows.iter().map(line).collect()
}

/// The bank reconciliation as at the end of `as_at`.
pub(super) async fn reconciliation(
    pool: &PgPool,
    as_at: NaiveDate,
) -> Result<BankReconciliation, ReadError> {
    let totals = sqlx::query(
        "SELECT COALESCE((SELECT SUM(amount) FROM read_model.bank_lines
                           WHERE account_code = $1 AND line_date <= $2), 0) AS statement_total,
                COALESCE((SELECT SUM(CASE side WHEN 'DEBIT' THEN amount ELSE -amount END)
                            FROM read_model.journal_lines
                           WHERE account_code = $1 AND journal_date <= $2), 0) AS ledger_balance",
    )
    .bind(BANK)
    .bind(as_at)
    .fetch_one(pool)
    .await
    .map_err(read("Failed to read bank totals"))?;
    let statement_total = rand(&totals, "statement_total")?;
    let ledger_balance = rand(&totals, "ledger_balance")?;
    let unreconciled_lines: Vec<BankLineRow> = lines(pool, None, Some(as_at), true).await?;
    let unreconciled_payments =
        payments_where(pool, PaymentScope::NotOnAStatement { as_at }).await?;
    let lines_total: Rand = unreconciled_lines.iter().map(|l| l.amount).sum();
    let payments_total: Rand = unreconciled_payments
        .iter()
        .map(|p| p.direction.signed(p.amount))
        .sum();
    Ok(BankReconciliation {
        as_at,
        statement_total,
        ledger_balance,
        difference: ledger_balance - (statement_total - lines_total + payments_total),
        unreconciled_lines,
        unreconciled_payments,
    })
}
