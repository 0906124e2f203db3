//! Pricing a supplier bill: the supplier and lines as their tax invoice shows them,
//! priced exactly like customer invoice lines (same rounding, same retention rule).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::super::retention::{RetentionAsked, VatPart};
use super::super::{
    account_code, price_lines, totals, FinanceError, InvoiceLineInput, InvoiceTotals, Rand,
    VatTreatment,
};

/// The supplier as their tax invoice shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillSupplier {
    pub account_id: String,
    pub name: String,
    pub vat_number: Option<String>,
    pub address: Option<String>,
}

/// A bill line as entered: what was bought and which account it costs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BillLineInput {
    /// The account debited, e.g. 5100 cost of sales: materials.
    pub account_code: String,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
    /// The purchase order line billed (three-way match, `matching.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_order_line_no: Option<u32>,
}

/// A bill line as recorded, priced like an invoice line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BillLine {
    pub account_code: String,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
    pub value_excl_vat: Rand,
    pub vat: Rand,
    pub total: Rand,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
    /// The purchase order line billed (three-way match, `matching.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_order_line_no: Option<u32>,
}

/// The supplier's own invoice number as compared for duplicates: trimmed, upper case,
/// inner spaces removed.
pub fn normalized_reference(reference: &str) -> String {
    reference
        .split_whitespace()
        .collect::<String>()
        .to_uppercase()
}

/// Prices bill lines as invoice lines are priced, keeping each line's account.
pub fn price_bill_lines(lines: Vec<BillLineInput>) -> Result<Vec<BillLine>, FinanceError> {
    let mut accounts = Vec::with_capacity(lines.len());
    let mut inputs = Vec::with_capacity(lines.len());
    for l in lines {
        accounts.push((account_code(&l.account_code)?, l.purchase_order_line_no));
        inputs.push(InvoiceLineInput {
            description: l.description,
            quantity: l.quantity,
            unit_price: l.unit_price,
            vat_treatment: l.vat_treatment,
            project_id: l.project_id,
            cost_code: l.cost_code,
        });
    }
    let priced = price_lines(inputs)?;
    Ok(accounts
        .into_iter()
        .zip(priced)
        .map(|((account_code, purchase_order_line_no), l)| BillLine {
            account_code,
            description: l.description,
            quantity: l.quantity,
            unit_price: l.unit_price,
            vat_treatment: l.vat_treatment,
            value_excl_vat: l.value_excl_vat,
            vat: l.vat,
            total: l.total,
            project_id: l.project_id,
            cost_code: l.cost_code,
            purchase_order_line_no,
        })
        .collect())
}

/// A bill's totals, worked out as an invoice's: VAT is the sum of the lines' VAT,
/// retention withheld excl. VAT with its input VAT deferred (SARS's rule).
pub fn bill_totals(
    lines: &[BillLine],
    asked: Option<RetentionAsked>,
) -> Result<(InvoiceTotals, Vec<VatPart>), FinanceError> {
    let priced: Vec<_> = lines
        .iter()
        .map(|l| super::super::InvoiceLine {
            description: l.description.clone(),
            quantity: l.quantity,
            unit_price: l.unit_price,
            vat_treatment: l.vat_treatment,
            value_excl_vat: l.value_excl_vat,
            vat: l.vat,
            total: l.total,
            project_id: None,
            cost_code: None,
        })
        .collect();
    totals(&priced, asked)
}
