//! What the finance read models answer. Amounts are [`Rand`]: exact, two places.

use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::finance::{
    Customer, InvoiceLine, InvoiceTotals, Rand, RetentionBasis, Supplier,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An account of the chart with its all-time totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerAccountRow {
    pub code: String,
    pub name: String,
    pub account_type: String,
    pub cost_type: Option<String>,
    pub status: String,
    pub debits: Rand,
    pub credits: Rand,
}

/// One line of a posted journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalLineRow {
    pub line_no: i32,
    pub account_code: String,
    pub side: String,
    pub amount: Rand,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
    pub site_id: Option<String>,
}

/// A posted journal with its lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalRow {
    pub id: String,
    pub date: NaiveDate,
    pub period: String,
    pub narrative: String,
    pub source: String,
    pub reverses: Option<String>,
    pub reversed_by: Option<String>,
    pub posted_at: DateTime<Utc>,
    pub posted_by: Option<String>,
    pub correlation_id: Option<String>,
    pub lines: Vec<JournalLineRow>,
}

/// One account's line in a trial balance: its net balance on one side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrialBalanceLine {
    pub code: String,
    pub name: String,
    pub account_type: String,
    pub debit: Rand,
    pub credit: Rand,
}

/// The trial balance as at a date: total debits equal total credits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrialBalance {
    pub as_at: NaiveDate,
    pub lines: Vec<TrialBalanceLine>,
    pub total_debit: Rand,
    pub total_credit: Rand,
}

/// One event behind a number: what happened, to what, who did it, when, in which request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub event_id: String,
    pub aggregate_type: String,
    pub aggregate_id: String,
    pub sequence: i64,
    pub event_type: String,
    pub recorded_at: DateTime<Utc>,
    pub effective_date: NaiveDate,
    pub subject: Option<String>,
    pub correlation_id: Option<String>,
    /// The message that directly caused the event.
    pub causation_id: Option<String>,
    pub data: serde_json::Value,
}

/// A customer invoice with everything its tax invoice shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceRow {
    pub id: String,
    /// `None` while a draft.
    pub number: Option<String>,
    pub status: String,
    pub date: NaiveDate,
    pub customer: Customer,
    pub supplier: Supplier,
    pub lines: Vec<InvoiceLine>,
    pub retention_percent: Option<Decimal>,
    /// The rule the retention was decided under (`GROSS` for invoices issued before
    /// SARS's rule).
    pub retention_basis: RetentionBasis,
    /// The VAT deferred on the retention at issue (nought under the gross rule).
    pub vat_deferred: Rand,
    pub totals: InvoiceTotals,
    pub journal_id: Option<String>,
    pub raised_at: DateTime<Utc>,
    pub raised_by: Option<String>,
    pub issued_at: Option<DateTime<Utc>>,
    /// Still owed now: due, less payments and credit notes, plus retention released.
    pub open: Rand,
    /// Retention still withheld.
    pub retention_held: Rand,
    /// The VAT that fell due with the retention released so far.
    pub retention_vat_released: Rand,
}
