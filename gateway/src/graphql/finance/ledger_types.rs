//! The finance types of the schema: the `Rand` scalar (amounts as strings with two
//! places, never Float), enums, and the objects the ledger answers with.

use async_graphql::{
    Enum, InputObject, InputValueError, InputValueResult, Scalar, ScalarType, SimpleObject, Value,
    ID,
};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::finance as domain;
use constructos_projections::finance as rows;

/// An amount in South African rand: a string with exactly two decimal places, e.g.
/// `"1234.50"`. Input with more than two places is refused, never rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rand(pub domain::Rand);

#[Scalar(name = "Rand")]
impl ScalarType for Rand {
    /// Checked while the request is validated, so a refusal names the argument's path
    /// (`input.lines.0.amount`).
    fn is_valid(value: &Value) -> bool {
        Self::parse(value.clone()).is_ok()
    }

    fn parse(value: Value) -> InputValueResult<Self> {
        match value {
            Value::String(text) => text
                .parse::<domain::Rand>()
                .map(Rand)
                .map_err(|e| InputValueError::custom(e.to_string())),
            other => Err(InputValueError::custom(format!(
                "an amount is a string such as \"1234.50\", not {other}"
            ))),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

/// Where an account sits in the financial statements.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::AccountType")]
pub enum LedgerAccountType {
    Asset,
    Liability,
    Equity,
    Income,
    Expense,
}

/// The kind of cost a cost-of-sales account collects.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::CostType")]
pub enum CostType {
    Labour,
    Materials,
    Plant,
    Subcontractors,
}

/// Debit or credit.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::Side")]
pub enum Side {
    Debit,
    Credit,
}

/// A new ledger account.
#[derive(InputObject)]
pub struct OpenLedgerAccountInput {
    /// Four digits, e.g. `1000`.
    pub code: String,
    pub name: String,
    pub account_type: LedgerAccountType,
    /// Only for cost-of-sales (expense) accounts.
    pub cost_type: Option<CostType>,
}

/// One line of a journal to post.
#[derive(InputObject)]
pub struct JournalLineInput {
    pub account_code: String,
    pub side: Side,
    /// More than nought, at most two decimal places.
    pub amount: Rand,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
    pub site_id: Option<String>,
}

/// A journal to post: debits must equal credits.
#[derive(InputObject)]
pub struct PostJournalInput {
    /// The accounting date; it decides the period.
    pub date: NaiveDate,
    pub narrative: String,
    pub lines: Vec<JournalLineInput>,
}

/// A finance command was accepted.
#[derive(SimpleObject)]
pub struct FinanceChanged {
    /// The account code, journal id (the reversing journal's, for a reversal) or period.
    pub id: ID,
    pub correlation_id: String,
}

/// An account of the chart, with its all-time totals.
#[derive(SimpleObject)]
pub struct LedgerAccount {
    pub code: String,
    pub name: String,
    /// `ASSET`, `LIABILITY`, `EQUITY`, `INCOME` or `EXPENSE`.
    pub account_type: String,
    pub cost_type: Option<String>,
    /// `OPEN` or `CLOSED`.
    pub status: String,
    pub debits: Rand,
    pub credits: Rand,
}

impl From<rows::LedgerAccountRow> for LedgerAccount {
    fn from(r: rows::LedgerAccountRow) -> Self {
        Self {
            code: r.code,
            name: r.name,
            account_type: r.account_type,
            cost_type: r.cost_type,
            status: r.status,
            debits: Rand(r.debits),
            credits: Rand(r.credits),
        }
    }
}

/// One line of a posted journal.
#[derive(SimpleObject)]
pub struct JournalLine {
    pub line_no: i32,
    pub account_code: String,
    /// `DEBIT` or `CREDIT`.
    pub side: String,
    pub amount: Rand,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
    pub site_id: Option<String>,
}

/// A posted journal.
#[derive(SimpleObject)]
pub struct Journal {
    pub id: ID,
    pub date: NaiveDate,
    /// `YYYY-MM`.
    pub period: String,
    pub narrative: String,
    /// `MANUAL` or `SYSTEM`.
    pub source: String,
    /// The journal this one reverses.
    pub reverses: Option<ID>,
    /// The journal that reversed this one.
    pub reversed_by: Option<ID>,
    pub posted_at: DateTime<Utc>,
    pub posted_by: Option<String>,
    pub correlation_id: Option<String>,
    pub lines: Vec<JournalLine>,
}

impl From<rows::JournalRow> for Journal {
    fn from(r: rows::JournalRow) -> Self {
        Self {
            id: ID(r.id),
            date: r.date,
            period: r.period,
            narrative: r.narrative,
            source: r.source,
            reverses: r.reverses.map(ID),
            reversed_by: r.reversed_by.map(ID),
            posted_at: r.posted_at,
            posted_by: r.posted_by,
            correlation_id: r.correlation_id,
            lines: r
                .lines
                .into_iter()
                .map(|l| JournalLine {
                    line_no: l.line_no,
                    account_code: l.account_code,
                    side: l.side,
                    amount: Rand(l.amount),
                    project_id: l.project_id,
                    cost_code: l.cost_code,
                    site_id: l.site_id,
                })
                .collect(),
        }
    }
}

/// One account's net balance in a trial balance.
#[derive(SimpleObject)]
pub struct TrialBalanceLine {
    pub code: String,
    pub name: String,
    pub account_type: String,
    pub debit: Rand,
    pub credit: Rand,
}

/// The trial balance as at a date; total debits equal total credits.
#[derive(SimpleObject)]
pub struct TrialBalance {
    pub as_at: NaiveDate,
    pub lines: Vec<TrialBalanceLine>,
    pub total_debit: Rand,
    pub total_credit: Rand,
}

impl From<rows::TrialBalance> for TrialBalance {
    fn from(tb: rows::TrialBalance) -> Self {
        Self {
            as_at: tb.as_at,
            lines: tb
                .lines
                .into_iter()
                .map(|l| TrialBalanceLine {
                    code: l.code,
                    name: l.name,
                    account_type: l.account_type,
                    debit: Rand(l.debit),
                    credit: Rand(l.credit),
                })
                .collect(),
            total_debit: Rand(tb.total_debit),
            total_credit: Rand(tb.total_credit),
        }
    }
}

/// One event behind a number: what, to which journal/account/period, who, when, and in
/// which request.
#[derive(SimpleObject)]
pub struct LedgerEvent {
    pub event_id: ID,
    /// The aggregate: `finance.journal`, `finance.invoice`, `finance.payment`, …
    pub aggregate_type: String,
    pub aggregate_id: String,
    pub sequence: i64,
    pub event_type: String,
    pub recorded_at: DateTime<Utc>,
    /// The journal date for journal events, otherwise the day it was recorded.
    pub effective_date: NaiveDate,
    /// Who issued the command (the token's subject).
    pub subject: Option<String>,
    pub correlation_id: Option<String>,
    /// What directly caused it: the request (its correlation id) or the event a
    /// handler reacted to (that event's id, e.g. a ShipmentCompleted).
    pub causation_id: Option<String>,
    /// The event's data as JSON text.
    pub data: String,
}

impl From<rows::HistoryRow> for LedgerEvent {
    fn from(r: rows::HistoryRow) -> Self {
        Self {
            event_id: ID(r.event_id),
            aggregate_type: r.aggregate_type,
            aggregate_id: r.aggregate_id,
            sequence: r.sequence,
            event_type: r.event_type,
            recorded_at: r.recorded_at,
            effective_date: r.effective_date,
            subject: r.subject,
            correlation_id: r.correlation_id,
            causation_id: r.causation_id,
            data: r.data.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_strictly_and_an_overflow_says_so_plainly() {
        assert_eq!(
            Rand::parse(Value::String("1500.50".into())).ok(),
            Some(Rand(domain::Rand::cents(150_050)))
        );
        for lenient in [" 1.00", "1.", ".5", "1e3", "+1"] {
            assert!(
                Rand::parse(Value::String(lenient.into())).is_err(),
                "{lenient:?}"
            );
        }
        let huge = format!("{}.00", "9".repeat(40));
        let message = Rand::parse(Value::String(huge.clone()))
            .err()
            .map(|e| e.into_server_error(Default::default()).message);
        assert_eq!(
            message,
            Some(format!(
                "Failed to parse \"Rand\": '{huge}' is more than the largest amount accepted (999999999999999.99)"
            ))
        );
    }
}

/// The outcome of recomputing every finance hash chain and ledger anchor.
#[derive(SimpleObject)]
pub struct LedgerVerification {
    /// Whether every chain and every anchor holds.
    pub intact: bool,
    /// Streams (aggregates) checked.
    pub streams: u64,
    /// Events checked.
    pub events: u64,
    /// Ledger anchors recomputed.
    pub anchors: u64,
    /// The first broken link of a hash chain: stream, sequence and why.
    pub broken_link: Option<String>,
    /// The first anchor that no longer matches the ledger as at its cutoff.
    pub broken_anchor: Option<String>,
    pub checked_at: DateTime<Utc>,
}

impl From<constructos_services::finance::LedgerVerification> for LedgerVerification {
    fn from(v: constructos_services::finance::LedgerVerification) -> Self {
        Self {
            intact: v.broken.is_none() && v.broken_anchor.is_none(),
            streams: v.streams,
            events: v.events,
            anchors: v.anchors,
            broken_link: v.broken,
            broken_anchor: v.broken_anchor,
            checked_at: v.checked_at,
        }
    }
}
