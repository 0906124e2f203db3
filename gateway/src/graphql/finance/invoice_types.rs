//! The invoice types of the schema: a customer invoice as a South African full tax
//! invoice shows it (VAT Act s20(4)), the `Decimal` scalar for quantities and
//! percentages, and the input of `raiseInvoice`.

use async_graphql::{
    Enum, InputObject, InputValueError, InputValueResult, Scalar, ScalarType, SimpleObject, Value,
    ID,
};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::finance as domain;
use constructos_domain::values::strict_decimal;
use constructos_projections::finance::InvoiceRow;

use super::ledger_types::Rand;

/// The most decimal places a `Decimal` input may carry (what `rust_decimal` holds).
const MAX_DECIMAL_SCALE: u32 = 28;

/// An exact decimal number as a string, e.g. `"2.5"` (a quantity or a percentage);
/// never a Float.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal(pub rust_decimal::Decimal);

/// An exact decimal number as a string, e.g. "2.5" (a quantity or a percentage):
/// digits, optionally a point and more digits, an optional leading minus; no spaces,
/// exponent, plus sign or thousands separator; at most 28 digits.
#[Scalar(name = "Decimal")]
impl ScalarType for Decimal {
    /// Checked while the request is validated, so a refusal names the argument's path
    /// (`input.lines.0.quantity`).
    fn is_valid(value: &Value) -> bool {
        Self::parse(value.clone()).is_ok()
    }

    fn parse(value: Value) -> InputValueResult<Self> {
        match value {
            // Strict syntax: `" 1"`, `"1."`, `".5"` and `"1e3"` are refused, not guessed.
            Value::String(text) => strict_decimal("decimal", &text, MAX_DECIMAL_SCALE)
                .map(Decimal)
                .map_err(|e| InputValueError::custom(e.problem.to_string())),
            other => Err(InputValueError::custom(format!(
                "a decimal is a string such as \"2.5\", not {other}"
            ))),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.normalize().to_string())
    }
}

/// How a line is treated for VAT: STANDARD (15%), ZERO_RATED (0%) or EXEMPT.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::VatTreatment")]
pub enum VatTreatment {
    Standard,
    ZeroRated,
    Exempt,
}

/// One line to invoice.
#[derive(InputObject)]
pub struct InvoiceLineInput {
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
    pub project_id: Option<ID>,
    pub cost_code: Option<String>,
}

/// An invoice to raise and issue.
#[derive(InputObject)]
pub struct RaiseInvoiceInput {
    /// The customer's account (`NOT_FOUND` when finance does not know it). The tax
    /// invoice shows the account's registered name, VAT number and address, as
    /// identity last told finance.
    pub customer_account_id: ID,
    pub date: NaiveDate,
    pub lines: Vec<InvoiceLineInput>,
    /// Retention withheld, 0–20 percent of the value excluding VAT (SARS's rule: the
    /// VAT on it is charged when it is released).
    pub retention_percent: Option<Decimal>,
    /// Or the retention as an amount excl. VAT (0 to the value excl. VAT); not both.
    pub retention_amount: Option<Rand>,
}

/// The rule an invoice's or a bill's retention was decided under.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::RetentionBasis")]
pub enum RetentionBasis {
    /// Before SARS's rule: retention on the total incl. VAT, all VAT at issue.
    Gross,
    /// SARS's rule: retention excl. VAT, its VAT due when released.
    ExclVat,
}

impl From<InvoiceLineInput> for domain::InvoiceLineInput {
    fn from(l: InvoiceLineInput) -> Self {
        domain::InvoiceLineInput {
            description: l.description,
            quantity: l.quantity.0,
            unit_price: l.unit_price.0,
            vat_treatment: l.vat_treatment.into(),
            project_id: l.project_id.map(|id| id.0),
            cost_code: l.cost_code,
        }
    }
}

impl From<domain::InvoiceLine> for TaxInvoiceLine {
    fn from(l: domain::InvoiceLine) -> Self {
        TaxInvoiceLine {
            description: l.description,
            quantity: Decimal(l.quantity),
            unit_price: Rand(l.unit_price),
            vat_treatment: l.vat_treatment.into(),
            value_excl_vat: Rand(l.value_excl_vat),
            vat: Rand(l.vat),
            total: Rand(l.total),
            project_id: l.project_id.map(ID),
            cost_code: l.cost_code,
        }
    }
}

impl From<RaiseInvoiceInput> for constructos_commands::finance::RaiseInvoiceInput {
    fn from(input: RaiseInvoiceInput) -> Self {
        Self {
            customer_account_id: input.customer_account_id.0,
            date: input.date,
            lines: input.lines.into_iter().map(Into::into).collect(),
            retention_percent: input.retention_percent.map(|p| p.0),
            retention_amount: input.retention_amount.map(|a| a.0),
        }
    }
}

/// What `raiseInvoice` answers: the invoice's id and its number.
#[derive(SimpleObject)]
pub struct InvoiceRaised {
    pub id: ID,
    pub number: String,
    /// The request's correlation id, recorded with every event it caused.
    pub correlation_id: String,
}

/// A party to the invoice: name, address and VAT registration number.
#[derive(SimpleObject)]
pub struct InvoiceParty {
    /// The customer's account id (none for the supplier).
    pub account_id: Option<ID>,
    pub name: String,
    pub address: Option<String>,
    pub vat_number: Option<String>,
}

/// One line of a tax invoice.
#[derive(SimpleObject)]
pub struct TaxInvoiceLine {
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
    /// Quantity × unit price, rounded half up to the cent.
    pub value_excl_vat: Rand,
    /// Value excl. VAT × 15% (STANDARD), rounded half up to the cent.
    pub vat: Rand,
    pub total: Rand,
    pub project_id: Option<ID>,
    pub cost_code: Option<String>,
}

/// A customer invoice with every field of a full tax invoice.
#[derive(SimpleObject)]
pub struct Invoice {
    pub id: ID,
    /// The words the document carries: "Tax Invoice".
    pub title: String,
    /// The sequential invoice number, e.g. `INV-000042` (none while a draft).
    pub number: Option<String>,
    /// DRAFT or ISSUED.
    pub status: String,
    pub date: NaiveDate,
    pub supplier: InvoiceParty,
    pub recipient: InvoiceParty,
    pub lines: Vec<TaxInvoiceLine>,
    pub total_excl_vat: Rand,
    /// The sum of the lines' VAT.
    pub vat: Rand,
    pub total: Rand,
    pub retention_percent: Option<Decimal>,
    /// The rule the retention was decided under.
    pub retention_basis: RetentionBasis,
    /// Withheld. EXCL_VAT: value excl. VAT × retention % (or the amount given);
    /// GROSS: total incl. VAT × retention %; rounded half up.
    pub retention: Rand,
    /// The VAT on the retention, deferred until it is released (nought for GROSS).
    pub vat_deferred_on_retention: Rand,
    /// The VAT charged and declared now: `vat` less the VAT deferred on retention.
    pub vat_now: Rand,
    /// What the customer pays now: total less retention less the VAT deferred on it.
    pub amount_due: Rand,
    /// Still owed now: amount due, less payments and credit notes, plus retention
    /// released with its VAT.
    pub amount_open: Rand,
    /// Retention still withheld (excl. VAT for EXCL_VAT).
    pub retention_held: Rand,
    /// The VAT charged so far on released retention (on its release tax invoices).
    pub retention_vat_released: Rand,
    pub journal_id: Option<ID>,
    pub raised_at: DateTime<Utc>,
    pub raised_by: Option<String>,
    pub issued_at: Option<DateTime<Utc>>,
}

impl From<InvoiceRow> for Invoice {
    fn from(row: InvoiceRow) -> Self {
        let t = row.totals;
        Invoice {
            id: ID(row.id),
            title: "Tax Invoice".to_string(),
            number: row.number,
            status: row.status,
            date: row.date,
            supplier: InvoiceParty {
                account_id: None,
                name: row.supplier.name,
                address: Some(row.supplier.address),
                vat_number: Some(row.supplier.vat_number),
            },
            recipient: InvoiceParty {
                account_id: Some(ID(row.customer.account_id)),
                name: row.customer.name,
                address: row.customer.address,
                vat_number: row.customer.vat_number,
            },
            lines: row.lines.into_iter().map(TaxInvoiceLine::from).collect(),
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
            journal_id: row.journal_id.map(ID),
            raised_at: row.raised_at,
            raised_by: row.raised_by,
            issued_at: row.issued_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_strictly() {
        assert_eq!(
            Decimal::parse(Value::String("2.5".into())).ok(),
            Some(Decimal(rust_decimal::Decimal::new(25, 1)))
        );
        for lenient in [" 1.00", "1.", ".5", "1e3", "+1", "1,5", ""] {
            assert!(
                Decimal::parse(Value::String(lenient.into())).is_err(),
                "{lenient:?}"
            );
        }
        let huge = "9".repeat(40);
        let message = Decimal::parse(Value::String(huge.clone()))
            .err()
            .map(|e| e.into_server_error(Default::default()).message);
        assert_eq!(
            message,
            Some(format!(
                "Failed to parse \"Decimal\": '{huge}' is too large"
            ))
        );
    }
}
