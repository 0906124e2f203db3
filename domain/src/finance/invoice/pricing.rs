//! Pricing a customer invoice: its parties and lines as the tax invoice shows them,
//! each line's value and VAT, and the totals with retention under SARS's rule (the
//! rounding itself is `vat.rs`, the retention `retention.rs`).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::super::fields;
use super::super::retention::{self as rule, RetentionAsked, VatPart};
use super::super::vat::{line_value, line_vat};
use super::super::{FinanceError, JournalLine, Rand, Side, VatTreatment};
use crate::values::Narrative;

/// The customer as the tax invoice must show them: a snapshot taken when the invoice is
/// raised (the identity domain owns the account itself).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub account_id: String,
    pub name: String,
    pub vat_number: Option<String>,
    pub address: Option<String>,
}

/// The supplier (this company) as the tax invoice must show it, from configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supplier {
    pub name: String,
    pub vat_number: String,
    pub address: String,
}

/// A line as asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceLineInput {
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
}

/// A line as invoiced, with its value excluding VAT, its VAT and its total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceLine {
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
    pub value_excl_vat: Rand,
    pub vat: Rand,
    pub total: Rand,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
}

/// An invoice's totals: VAT is the sum of the lines' rounded VAT (on the whole
/// subtotal, whenever it is due).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceTotals {
    pub excl_vat: Rand,
    pub vat: Rand,
    pub incl_vat: Rand,
    /// Withheld by the customer. SARS's rule: excl. VAT (round(excl. VAT × %) or an
    /// amount given); the gross rule of old documents: round(incl. VAT × %).
    pub retention: Rand,
    /// What the customer owes now. SARS's rule: excl. VAT less retention, plus the VAT
    /// on that (incl. VAT − retention − the VAT deferred); the gross rule: incl. VAT
    /// less retention.
    pub due: Rand,
}

/// Prices each line; refuses an empty invoice and nought or negative quantities/prices.
pub fn price_lines(lines: Vec<InvoiceLineInput>) -> Result<Vec<InvoiceLine>, FinanceError> {
    if lines.is_empty() {
        return Err(FinanceError::NoInvoiceLines);
    }
    let mut priced = Vec::with_capacity(lines.len());
    for (index, line) in lines.into_iter().enumerate() {
        let number = index + 1;
        let field = |name: &str| format!("lines[{index}].{name}");
        let description = Narrative::parse(&field("description"), &line.description)?.into_string();
        let project_id = fields::identifier(&field("projectId"), line.project_id)?;
        let cost_code = fields::code(&field("costCode"), line.cost_code)?;
        if line.quantity <= Decimal::ZERO {
            return Err(FinanceError::NonPositiveQuantity { line: number });
        }
        if !line.unit_price.is_positive() {
            return Err(FinanceError::NonPositivePrice { line: number });
        }
        let value_excl_vat = line_value(line.quantity, line.unit_price).map_err(|_| {
            FinanceError::AmountTooLarge {
                what: format!("lines[{index}]: quantity × unit price"),
                max: Rand::LARGEST,
            }
        })?;
        if !value_excl_vat.is_positive() {
            return Err(FinanceError::NonPositiveAmount { line: number });
        }
        let vat = line_vat(value_excl_vat, line.vat_treatment)?;
        priced.push(InvoiceLine {
            description,
            quantity: line.quantity.normalize(),
            unit_price: line.unit_price,
            vat_treatment: line.vat_treatment,
            value_excl_vat,
            vat,
            total: value_excl_vat + vat,
            project_id,
            cost_code,
        });
    }
    Ok(priced)
}

/// Sums the lines and withholds retention under SARS's rule: the retention on the
/// value excl. VAT (a percentage of it, or the amount asked) and, per treatment, the
/// retained value with its deferred VAT (`retention.rs`).
pub fn totals(
    lines: &[InvoiceLine],
    asked: Option<RetentionAsked>,
) -> Result<(InvoiceTotals, Vec<VatPart>), FinanceError> {
    let excl_vat: Rand = lines.iter().map(|l| l.value_excl_vat).sum();
    let vat: Rand = lines.iter().map(|l| l.vat).sum();
    let incl_vat = excl_vat + vat;
    // Every amount a document carries fits the read models' numeric(18,2), as each
    // line's does: a total past the largest amount is refused, not stored.
    if !incl_vat.abs_le_largest() {
        return Err(FinanceError::AmountTooLarge {
            what: format!("the total incl. VAT {incl_vat}"),
            max: Rand::LARGEST,
        });
    }
    let retention = rule::retention_amount(excl_vat, asked)?;
    let retained = rule::withhold(&rule::supplies(lines), retention)?;
    let deferred = rule::vat_of(&retained);
    let totals = InvoiceTotals {
        excl_vat,
        vat,
        incl_vat,
        retention,
        due: incl_vat - retention - deferred,
    };
    Ok((totals, retained))
}

/// What a command asks to withhold: a percentage or an amount, not both.
pub(in crate::finance) fn asked(
    percent: Option<Decimal>,
    amount: Option<Rand>,
) -> Result<Option<RetentionAsked>, FinanceError> {
    match (percent, amount) {
        (Some(_), Some(_)) => Err(FinanceError::RetentionAskedTwice),
        (Some(p), None) => Ok(Some(RetentionAsked::Percent(p))),
        (None, Some(a)) => Ok(Some(RetentionAsked::Amount(a))),
        (None, None) => Ok(None),
    }
}

/// A journal line without dimensions.
pub(in crate::finance) fn line(
    code: &str,
    side: Side,
    amount: Rand,
    project: Option<String>,
) -> JournalLine {
    JournalLine {
        account_code: code.to_string(),
        side,
        amount,
        project_id: project,
        cost_code: None,
        site_id: None,
    }
}
