//! The supplier bill aggregate (`finance.bill`): a supplier's tax invoice as received,
//! with input VAT. Its id is derived from the supplier and the supplier's own invoice
//! number, so the same supplier invoice can only be recorded once. Recording posts the
//! journal in the same transaction; payments and retention releases settle it later.

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::fields;
use super::invoice::line;
use super::settlement::{check_not_before, OpenBalance};
use super::vat::MAX_RETENTION_PERCENT;
use super::{
    account_code, price_lines, totals, FinanceError, InvoiceLineInput, InvoiceTotals, JournalLine,
    Rand, Side, VatTreatment,
};
use crate::values::Reference;

/// The aggregate type of supplier bills.
pub const BILL_AGGREGATE: &str = "finance.bill";
/// Trade creditors, credited with what is owed to suppliers now.
pub const TRADE_CREDITORS: &str = "2000";
/// Retention payable, credited with what is withheld from a subcontractor.
pub const RETENTION_PAYABLE: &str = "2050";
/// VAT input, debited with the VAT a supplier charged.
pub const VAT_INPUT: &str = "1200";

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
}

/// Commands to a supplier bill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BillCommand {
    /// Record the supplier's invoice `supplier_reference`, posted by `journal_id`.
    RecordBill {
        supplier: BillSupplier,
        supplier_reference: String,
        date: NaiveDate,
        lines: Vec<BillLineInput>,
        retention_percent: Option<Decimal>,
        journal_id: String,
    },
    /// Settle part or all of what is open with the payment `payment_id`.
    AllocatePayment {
        payment_id: String,
        amount: Rand,
        date: NaiveDate,
    },
    /// Release retention withheld from the supplier, posted by `journal_id`.
    ReleaseRetention {
        amount: Rand,
        date: NaiveDate,
        journal_id: String,
    },
}

/// Events of a supplier bill.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BillEvent {
    BillRecorded {
        supplier: BillSupplier,
        supplier_reference: String,
        date: NaiveDate,
        lines: Vec<BillLine>,
        retention_percent: Option<Decimal>,
        totals: InvoiceTotals,
        journal_id: String,
    },
    BillPaymentAllocated {
        payment_id: String,
        amount: Rand,
        date: NaiveDate,
    },
    BillRetentionReleased {
        amount: Rand,
        date: NaiveDate,
        journal_id: String,
    },
}

impl DomainEvent for BillEvent {
    fn event_type(&self) -> String {
        match self {
            BillEvent::BillRecorded { .. } => "BillRecorded",
            BillEvent::BillPaymentAllocated { .. } => "BillPaymentAllocated",
            BillEvent::BillRetentionReleased { .. } => "BillRetentionReleased",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// The state a bill's decisions need.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bill {
    date: Option<NaiveDate>,
    supplier: BillSupplier,
    reference: String,
    lines: Vec<BillLine>,
    totals: InvoiceTotals,
    balance: OpenBalance,
}

/// The supplier's own invoice number as compared for duplicates: trimmed, upper case,
/// inner spaces removed.
pub fn normalized_reference(reference: &str) -> String {
    reference
        .split_whitespace()
        .collect::<String>()
        .to_uppercase()
}

fn clean(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Prices bill lines as invoice lines are priced, keeping each line's account.
pub fn price_bill_lines(lines: Vec<BillLineInput>) -> Result<Vec<BillLine>, FinanceError> {
    let mut accounts = Vec::with_capacity(lines.len());
    let mut inputs = Vec::with_capacity(lines.len());
    for l in lines {
        accounts.push(account_code(&l.account_code)?);
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
        .map(|(account_code, l)| BillLine {
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
        })
        .collect())
}

/// A bill's totals, worked out as an invoice's: VAT is the sum of the lines' VAT,
/// retention `percent` of the total incl. VAT.
pub fn bill_totals(lines: &[BillLine], percent: Decimal) -> Result<InvoiceTotals, FinanceError> {
    let priced: Vec<_> = lines
        .iter()
        .map(|l| super::InvoiceLine {
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
    totals(&priced, percent)
}

impl Bill {
    /// Whether the bill has been recorded.
    pub fn exists(&self) -> bool {
        self.date.is_some()
    }

    /// The supplier as billed.
    pub fn supplier(&self) -> &BillSupplier {
        &self.supplier
    }

    /// The supplier's own invoice number.
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// The bill's totals.
    pub fn totals(&self) -> InvoiceTotals {
        self.totals
    }

    /// What is still owed and withheld.
    pub fn balance(&self) -> OpenBalance {
        self.balance
    }

    /// The journal this bill posts (see [`Bill::journal_lines`]).
    pub fn posting(&self) -> Vec<JournalLine> {
        Self::journal_lines(&self.lines, self.totals)
    }

    /// The journal that records a bill: Dr each line's account (with its project and
    /// cost code) and Dr VAT input; Cr trade creditors (due) and retention payable.
    pub fn journal_lines(lines: &[BillLine], totals: InvoiceTotals) -> Vec<JournalLine> {
        let mut journal: Vec<JournalLine> = lines
            .iter()
            .map(|l| JournalLine {
                cost_code: l.cost_code.clone(),
                ..line(
                    &l.account_code,
                    Side::Debit,
                    l.value_excl_vat,
                    l.project_id.clone(),
                )
            })
            .collect();
        if totals.vat.is_positive() {
            journal.push(line(VAT_INPUT, Side::Debit, totals.vat, None));
        }
        journal.push(line(TRADE_CREDITORS, Side::Credit, totals.due, None));
        if totals.retention.is_positive() {
            journal.push(line(
                RETENTION_PAYABLE,
                Side::Credit,
                totals.retention,
                None,
            ));
        }
        journal
    }

    /// The journal that releases retention to a supplier: Dr retention payable, Cr
    /// trade creditors.
    pub fn retention_release_lines(amount: Rand) -> Vec<JournalLine> {
        vec![
            line(RETENTION_PAYABLE, Side::Debit, amount, None),
            line(TRADE_CREDITORS, Side::Credit, amount, None),
        ]
    }

    fn recorded_on(&self) -> Result<NaiveDate, FinanceError> {
        self.date.ok_or(FinanceError::BillNotFound)
    }

    fn decide(&self, command: BillCommand) -> Result<BillEvent, FinanceError> {
        match command {
            BillCommand::RecordBill {
                supplier,
                supplier_reference,
                date,
                lines,
                retention_percent,
                journal_id,
            } => {
                if self.exists() {
                    let reference = supplier_reference.trim().to_string();
                    return Err(FinanceError::DuplicateSupplierInvoice { reference });
                }
                let reference = supplier_reference.trim();
                if reference.is_empty() {
                    return Err(FinanceError::Required("the supplier's invoice number"));
                }
                let reference = Reference::parse("supplierReference", reference)?.into_string();
                let date = fields::date("date", date)?;
                let supplier = BillSupplier {
                    account_id: supplier.account_id.trim().to_string(),
                    name: supplier.name.trim().to_string(),
                    vat_number: clean(supplier.vat_number),
                    address: clean(supplier.address),
                };
                if supplier.account_id.is_empty() {
                    return Err(FinanceError::Required("supplier account id"));
                }
                if supplier.name.is_empty() {
                    return Err(FinanceError::Required("supplier name"));
                }
                let percent = retention_percent.unwrap_or(Decimal::ZERO);
                if percent < Decimal::ZERO || percent > MAX_RETENTION_PERCENT {
                    return Err(FinanceError::RetentionOutOfRange(percent.to_string()));
                }
                let lines = price_bill_lines(lines)?;
                let totals = bill_totals(&lines, percent)?;
                Ok(BillEvent::BillRecorded {
                    supplier,
                    supplier_reference: reference,
                    date,
                    lines,
                    retention_percent: retention_percent.map(|p| p.normalize()),
                    totals,
                    journal_id,
                })
            }
            BillCommand::AllocatePayment {
                payment_id,
                amount,
                date,
            } => {
                check_not_before(date, self.recorded_on()?)?;
                self.balance.check_settlement(amount)?;
                Ok(BillEvent::BillPaymentAllocated {
                    payment_id,
                    amount,
                    date,
                })
            }
            BillCommand::ReleaseRetention {
                amount,
                date,
                journal_id,
            } => {
                check_not_before(date, self.recorded_on()?)?;
                self.balance.check_release(amount)?;
                Ok(BillEvent::BillRetentionReleased {
                    amount,
                    date,
                    journal_id,
                })
            }
        }
    }
}

impl Aggregate for Bill {
    const TYPE: &'static str = BILL_AGGREGATE;
    type Command = BillCommand;
    type Event = BillEvent;
    type Error = FinanceError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command)?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            BillEvent::BillRecorded {
                supplier,
                supplier_reference,
                date,
                lines,
                totals,
                ..
            } => {
                self.date = Some(date);
                self.supplier = supplier;
                self.reference = supplier_reference;
                self.lines = lines;
                self.totals = totals;
                self.balance = OpenBalance::new(totals.due, totals.retention);
            }
            BillEvent::BillPaymentAllocated { amount, .. } => {
                self.balance.allocated = self.balance.allocated + amount
            }
            BillEvent::BillRetentionReleased { amount, .. } => {
                self.balance.released = self.balance.released + amount
            }
        }
    }
}

impl crate::stored::Stored for Bill {}
