//! The supplier bill types of the schema: recording a bill, the bill as recorded with
//! its three-way match, and what a retention release answers.

use async_graphql::{InputObject, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::finance as commands;
use constructos_domain::finance as domain;
use constructos_projections::finance as rows;

use super::invoice_types::{Decimal, InvoiceParty, RetentionBasis, VatTreatment};
use super::ledger_types::Rand;

/// One line of a supplier's invoice and the account it is costed to.
#[derive(InputObject)]
pub struct BillLineInput {
    /// The account debited, e.g. `5100` (cost of sales: materials).
    pub account_code: String,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
    pub project_id: Option<ID>,
    pub cost_code: Option<String>,
    /// The purchase order line billed (with `purchaseOrderId`): the three-way match
    /// checks it against what was ordered and received.
    pub purchase_order_line_no: Option<u32>,
}

/// A supplier's tax invoice to record.
#[derive(InputObject)]
pub struct RecordBillInput {
    /// The vendor's or subcontractor's account (`NOT_FOUND` when finance does not know
    /// it); the bill shows the account's registered name, VAT number and address.
    pub supplier_account_id: ID,
    /// The supplier's own invoice number; recording it twice is refused.
    pub supplier_reference: String,
    pub date: NaiveDate,
    pub lines: Vec<BillLineInput>,
    /// Retention withheld from the supplier, 0–20 percent of the value excl. VAT (SARS's
    /// rule: the input VAT on it is claimable when it is released).
    pub retention_percent: Option<Decimal>,
    /// Or the retention as an amount excl. VAT; not both.
    pub retention_amount: Option<Rand>,
    /// The approved purchase order the bill is for (`NOT_FOUND` when finance does not
    /// know it; refused when it is another supplier's, not approved, or another
    /// project's than a line's). What it bills is no longer committed on the order.
    pub purchase_order_id: Option<ID>,
}

impl From<RecordBillInput> for commands::RecordBillInput {
    fn from(input: RecordBillInput) -> Self {
        Self {
            supplier_account_id: input.supplier_account_id.0,
            supplier_reference: input.supplier_reference,
            date: input.date,
            lines: input
                .lines
                .into_iter()
                .map(|l| domain::BillLineInput {
                    account_code: l.account_code,
                    description: l.description,
                    quantity: l.quantity.0,
                    unit_price: l.unit_price.0,
                    vat_treatment: l.vat_treatment.into(),
                    project_id: l.project_id.map(|id| id.0),
                    cost_code: l.cost_code,
                    purchase_order_line_no: l.purchase_order_line_no,
                })
                .collect(),
            retention_percent: input.retention_percent.map(|p| p.0),
            retention_amount: input.retention_amount.map(|a| a.0),
            purchase_order_id: input.purchase_order_id.map(|id| id.0),
        }
    }
}

/// One line of a supplier bill.
#[derive(SimpleObject)]
pub struct BillLine {
    pub account_code: String,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
    pub value_excl_vat: Rand,
    pub vat: Rand,
    pub total: Rand,
    pub project_id: Option<ID>,
    pub cost_code: Option<String>,
}

/// A supplier's tax invoice as recorded, with what is still owed on it.
#[derive(SimpleObject)]
pub struct SupplierBill {
    pub id: ID,
    pub supplier: InvoiceParty,
    /// The supplier's own invoice number.
    pub supplier_reference: String,
    pub date: NaiveDate,
    pub lines: Vec<BillLine>,
    pub total_excl_vat: Rand,
    /// Input VAT: the sum of the lines' VAT.
    pub vat: Rand,
    pub total: Rand,
    pub retention_percent: Option<Decimal>,
    /// The rule the retention was decided under.
    pub retention_basis: RetentionBasis,
    /// Withheld (excl. VAT for EXCL_VAT).
    pub retention: Rand,
    /// The input VAT on the retention, claimable only when it is released.
    pub vat_deferred_on_retention: Rand,
    /// The input VAT claimed now: `vat` less the VAT deferred on retention.
    pub vat_now: Rand,
    /// Owed when recorded: total less retention less the VAT deferred on it.
    pub amount_due: Rand,
    /// Still owed now: due, less payments, plus retention released with its VAT.
    pub amount_open: Rand,
    /// Retention still withheld.
    pub retention_held: Rand,
    /// The input VAT claimed so far on released retention.
    pub retention_vat_released: Rand,
    /// The purchase order the bill is for.
    pub purchase_order_id: Option<ID>,
    /// The three-way match per line (empty without an order).
    pub matching: Vec<BillLineMatch>,
    /// Why the match blocks payment, until a finance manager approves (empty: payable).
    pub blocked_for_payment: Vec<String>,
    /// The approval of a blocked bill: reason, who, when.
    pub match_approval: Option<MatchApproval>,
    pub journal_id: ID,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<String>,
}

impl From<rows::BillRow> for SupplierBill {
    fn from(row: rows::BillRow) -> Self {
        let t = row.totals;
        SupplierBill {
            id: ID(row.id),
            supplier: InvoiceParty {
                account_id: Some(ID(row.supplier.account_id)),
                name: row.supplier.name,
                address: row.supplier.address,
                vat_number: row.supplier.vat_number,
            },
            supplier_reference: row.supplier_reference,
            date: row.date,
            lines: row
                .lines
                .into_iter()
                .map(|l| BillLine {
                    account_code: l.account_code,
                    description: l.description,
                    quantity: Decimal(l.quantity),
                    unit_price: Rand(l.unit_price),
                    vat_treatment: l.vat_treatment.into(),
                    value_excl_vat: Rand(l.value_excl_vat),
                    vat: Rand(l.vat),
                    total: Rand(l.total),
                    project_id: l.project_id.map(ID),
                    cost_code: l.cost_code,
                })
                .collect(),
            total_excl_vat: Rand(t.excl_vat),
            vat: Rand(t.vat),
            total: Rand(t.incl_vat),
            retention_percent: row.retention_percent.map(Decimal),
            retention_basis: row.retention_basis.into(),
            retention: Rand(t.retention),
            vat_deferred_on_retention: Rand(row.vat_deferred),
            vat_now: Rand(t.vat - row.vat_deferred),
            amount_due: Rand(t.due),
            amount_open: Rand(row.open),
            retention_held: Rand(row.retention_held),
            retention_vat_released: Rand(row.retention_vat_released),
            purchase_order_id: row.purchase_order_id.map(ID),
            matching: row.matching.into_iter().map(BillLineMatch::from).collect(),
            blocked_for_payment: row.blocked,
            match_approval: row.match_approval.map(|a| MatchApproval {
                reason: a.reason,
                by: a.by,
                at: a.at,
            }),
            journal_id: ID(row.journal_id),
            recorded_at: row.recorded_at,
            recorded_by: row.recorded_by,
        }
    }
}

/// One bill line's three-way match.
#[derive(SimpleObject)]
pub struct BillLineMatch {
    /// The bill line, from 1.
    pub line: u32,
    pub purchase_order_line_no: Option<u32>,
    pub ordered: Decimal,
    pub received: Decimal,
    /// Billed to date on the order line, this bill included.
    pub billed: Decimal,
    pub order_price: Option<Rand>,
    pub billed_price: Rand,
    /// (billed − order price) / order price × 100.
    pub price_variance_percent: Decimal,
    /// MATCHED or BLOCKED.
    pub status: String,
    pub reason: Option<String>,
}

impl From<domain::LineMatch> for BillLineMatch {
    fn from(m: domain::LineMatch) -> Self {
        BillLineMatch {
            line: m.line,
            purchase_order_line_no: m.purchase_order_line_no,
            ordered: Decimal(m.ordered),
            received: Decimal(m.received),
            billed: Decimal(m.billed),
            order_price: m.order_price.map(Rand),
            billed_price: Rand(m.billed_price),
            price_variance_percent: Decimal(m.price_variance_percent),
            status: match m.status {
                domain::MatchStatus::Matched => "MATCHED",
                domain::MatchStatus::Blocked => "BLOCKED",
            }
            .to_string(),
            reason: m.reason,
        }
    }
}

/// A finance manager's release of a bill its three-way match blocked.
#[derive(SimpleObject)]
pub struct MatchApproval {
    pub reason: String,
    pub by: Option<String>,
    pub at: String,
}

/// A retention release as posted (`releaseRetention`).
#[derive(SimpleObject)]
pub struct RetentionReleased {
    /// The journal that posted it.
    pub id: ID,
    /// The release tax invoice's number from the invoice series (customer retention
    /// under SARS's rule); none for a bill or an invoice of the gross rule.
    pub number: Option<String>,
    /// Released, excl. VAT (EXCL_VAT).
    pub amount: Rand,
    /// The VAT now charged (customer) or claimable (supplier) on it.
    pub vat: Rand,
    /// What falls due: amount + VAT.
    pub amount_due: Rand,
    pub correlation_id: String,
}
