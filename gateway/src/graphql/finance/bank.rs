//! Bank statements in the schema: `importBankStatement` (CSV text in the documented
//! format, docs/finance.md), reconciliation of statement lines with payments, and the
//! bank reconciliation as at a date. Reads need `finance.ledger.read`; changes need
//! `finance.journals.post`.

use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_projections::finance as rows;
use constructos_services::finance::{
    self as operations, AutoReconcileBank, BankLines, ImportBankStatement, ReconcileBankLine,
    UnreconcileBankLine,
};

use super::ledger::changed;
use super::ledger_types::{FinanceChanged, Rand};
use super::settlement_types::Payment;
use crate::graphql::errors::{ask, request_id};

/// One line of an imported bank statement.
#[derive(SimpleObject)]
pub struct BankLine {
    pub id: ID,
    pub statement_id: ID,
    pub file_name: String,
    pub date: NaiveDate,
    pub description: String,
    pub reference: String,
    /// Money in positive, money out negative.
    pub amount: Rand,
    pub imported_at: DateTime<Utc>,
    /// The payment it is reconciled to, if any.
    pub payment_id: Option<ID>,
    /// `AUTO` or `MANUAL`, once reconciled.
    pub method: Option<String>,
    pub reconciled_at: Option<DateTime<Utc>>,
}

impl From<rows::BankLineRow> for BankLine {
    fn from(r: rows::BankLineRow) -> Self {
        BankLine {
            id: ID(r.id),
            statement_id: ID(r.statement_id),
            file_name: r.file_name,
            date: r.date,
            description: r.description,
            reference: r.reference,
            amount: Rand(r.amount),
            imported_at: r.imported_at,
            payment_id: r.payment_id.map(ID),
            method: r.method,
            reconciled_at: r.reconciled_at,
        }
    }
}

/// What an import did.
#[derive(SimpleObject)]
pub struct BankImport {
    pub statement_id: ID,
    /// Lines new to the bank account.
    pub imported: u64,
    /// Lines imported before, by this or an overlapping statement: skipped.
    pub duplicates: u64,
    /// Lines matched to recorded payments by this import.
    pub reconciled: u64,
    pub correlation_id: String,
}

/// The bank reconciliation as at a date.
#[derive(SimpleObject)]
pub struct BankReconciliation {
    pub as_at: NaiveDate,
    /// The imported statement lines dated on or before `asAt`, summed.
    pub statement_total: Rand,
    /// The bank account (1000) in the ledger as at `asAt`.
    pub ledger_balance: Rand,
    /// Statement lines not matched to a payment.
    pub unreconciled_lines: Vec<BankLine>,
    /// Payments recorded but not yet on a statement.
    pub unreconciled_payments: Vec<Payment>,
    /// Ledger balance less (statement total − unreconciled lines + unreconciled
    /// payments): nought when everything is explained.
    pub difference: Rand,
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

#[derive(Default)]
pub struct BankQuery;

#[Object]
impl BankQuery {
    /// Bank statement lines dated within `from`..=`to`, by date (at most 1000).
    async fn bank_lines(
        &self,
        ctx: &Context<'_>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        #[graphql(default)] unreconciled_only: bool,
    ) -> async_graphql::Result<Vec<BankLine>> {
        let lines = BankLines {
            from,
            to,
            unreconciled_only,
        };
        let rows = ask(ctx, lines).await?;
        Ok(rows.into_iter().map(BankLine::from).collect())
    }

    /// The bank reconciliation as at the end of `asAt`, listing what is unreconciled.
    async fn bank_reconciliation(
        &self,
        ctx: &Context<'_>,
        as_at: NaiveDate,
    ) -> async_graphql::Result<BankReconciliation> {
        let r = ask(ctx, operations::BankReconciliation { as_at }).await?;
        Ok(BankReconciliation {
            as_at: r.as_at,
            statement_total: Rand(r.statement_total),
            ledger_balance: Rand(r.ledger_balance),
            unreconciled_lines: r
                .unreconciled_lines
                .into_iter()
                .map(BankLine::from)
                .collect(),
            unreconciled_payments: r
                .unreconciled_payments
                .into_iter()
                .map(Payment::from)
                .collect(),
            difference: Rand(r.difference),
        })
    }
}

#[derive(Default)]
pub struct BankMutation;

#[Object]
impl BankMutation {
    /// Imports a bank statement: CSV with a header naming `date` (YYYY-MM-DD),
    /// `description`, `amount` (money in positive, out negative) and optionally
    /// `reference`. Lines imported before are skipped; new lines are matched to
    /// recorded payments of the same amount within 5 days, a matching reference first.
    async fn import_bank_statement(
        &self,
        ctx: &Context<'_>,
        csv: String,
        #[graphql(default)] file_name: String,
    ) -> async_graphql::Result<BankImport> {
        let import = ask(ctx, ImportBankStatement { csv, file_name }).await?;
        Ok(BankImport {
            statement_id: ID(import.statement_id),
            imported: count(import.imported),
            duplicates: count(import.duplicates),
            reconciled: count(import.reconciled),
            correlation_id: request_id(ctx),
        })
    }

    /// Matches every unreconciled statement line it can to a recorded payment (e.g.
    /// after recording payments the statement already showed); answers how many.
    async fn auto_reconcile_bank(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        let matched = ask(ctx, AutoReconcileBank).await?;
        Ok(count(matched))
    }

    /// Reconciles a statement line with a payment of the same signed amount.
    async fn reconcile_bank_line(
        &self,
        ctx: &Context<'_>,
        line_id: ID,
        payment_id: ID,
    ) -> async_graphql::Result<FinanceChanged> {
        let reconcile = ReconcileBankLine {
            line_id: line_id.0.clone(),
            payment_id: payment_id.0,
        };
        ask(ctx, reconcile).await?;
        Ok(changed(ctx, line_id.0))
    }

    /// Undoes a reconciliation made in error, with a reason for the auditors.
    async fn unreconcile_bank_line(
        &self,
        ctx: &Context<'_>,
        line_id: ID,
        reason: String,
    ) -> async_graphql::Result<FinanceChanged> {
        let unreconcile = UnreconcileBankLine {
            line_id: line_id.0.clone(),
            reason,
        };
        ask(ctx, unreconcile).await?;
        Ok(changed(ctx, line_id.0))
    }
}
