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
use super::invoice::{asked, line};
use super::matching::{blocked_reasons, LineMatch};
use super::retention::{self as rule, ReleasedVat, RetentionBasis, VatPart};
use super::settlement::{check_not_before, OpenBalance};
use super::{FinanceError, InvoiceTotals, JournalLine, Rand, Side};
use crate::values::{Reason, Reference};

mod pricing;

pub use pricing::{
    bill_totals, normalized_reference, price_bill_lines, BillLine, BillLineInput, BillSupplier,
};

/// The aggregate type of supplier bills.
pub const BILL_AGGREGATE: &str = "finance.bill";
/// Trade creditors, credited with what is owed to suppliers now.
pub const TRADE_CREDITORS: &str = "2000";
/// Retention payable, credited with what is withheld from a subcontractor.
pub const RETENTION_PAYABLE: &str = "2050";
/// VAT input, debited with the VAT a supplier charged.
pub const VAT_INPUT: &str = "1200";

/// Commands to a supplier bill.
// A bill's commands are short-lived; boxing the record command buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BillCommand {
    /// Record the supplier's invoice `supplier_reference`, posted by `journal_id`.
    RecordBill {
        supplier: BillSupplier,
        supplier_reference: String,
        date: NaiveDate,
        lines: Vec<BillLineInput>,
        /// Withheld excl. VAT: a percentage (0–20) or an amount, not both.
        retention_percent: Option<Decimal>,
        retention_amount: Option<Rand>,
        journal_id: String,
        /// The approved purchase order the bill is for (checked against finance's copy
        /// of orders' purchase orders by the write side), if any.
        purchase_order_id: Option<String>,
        /// Its three-way match, worked out by the write side from finance's copies of
        /// the order and its receipts (`matching.rs`); a blocked line blocks payment.
        matching: Vec<LineMatch>,
    },
    /// A finance manager releases a bill the match blocked, with the reason.
    ApproveMatch { reason: String },
    /// Settle part or all of what is open with the payment `payment_id`.
    AllocatePayment {
        payment_id: String,
        amount: Rand,
        date: NaiveDate,
    },
    /// Release retention withheld from the supplier (excl. VAT under SARS's rule, with
    /// the input VAT on it), posted by `journal_id`.
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
        /// Absent (v1): the gross rule; `EXCL_VAT` (v2): SARS's rule.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retention_basis: Option<RetentionBasis>,
        /// SARS's rule: the retained value and its deferred input VAT, per treatment.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        retained: Vec<VatPart>,
        /// v2: the purchase order the bill is for; what it bills is no longer committed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        purchase_order_id: Option<String>,
        /// v2: the three-way match per line, when it names an order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        matching: Vec<LineMatch>,
    },
    /// A bill the match blocked was released for payment by a finance manager.
    BillMatchApproved { reason: String },
    BillPaymentAllocated {
        payment_id: String,
        amount: Rand,
        date: NaiveDate,
    },
    BillRetentionReleased {
        amount: Rand,
        date: NaiveDate,
        journal_id: String,
        /// v2 (SARS's rule): the input VAT now claimable on the released amount.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        input_vat: Option<ReleasedVat>,
    },
}

impl DomainEvent for BillEvent {
    fn event_type(&self) -> String {
        match self {
            BillEvent::BillRecorded { .. } => "BillRecorded",
            BillEvent::BillPaymentAllocated { .. } => "BillPaymentAllocated",
            BillEvent::BillRetentionReleased { .. } => "BillRetentionReleased",
            BillEvent::BillMatchApproved { .. } => "BillMatchApproved",
        }
        .to_string()
    }

    /// v2 for what SARS's rule decided (it carries the rule's fields), v1 otherwise.
    fn event_version(&self) -> String {
        let v2 = match self {
            BillEvent::BillRecorded {
                retention_basis, ..
            } => retention_basis.is_some(),
            BillEvent::BillRetentionReleased { input_vat, .. } => input_vat.is_some(),
            BillEvent::BillPaymentAllocated { .. } | BillEvent::BillMatchApproved { .. } => false,
        };
        if v2 { "2" } else { "1" }.to_string()
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
    basis: RetentionBasis,
    /// SARS's rule: the retention still held and its deferred input VAT, per treatment.
    held: Vec<VatPart>,
    /// Why the three-way match blocks payment (empty: it does not).
    #[serde(default)]
    blocked: Vec<String>,
    #[serde(default)]
    match_approved: bool,
}

fn clean(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
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

    /// The rule its retention was decided under.
    pub fn basis(&self) -> RetentionBasis {
        self.basis
    }

    /// Why the three-way match blocks its payment, until a finance manager approves it
    /// (empty: payable).
    pub fn blocked_for_payment(&self) -> &[String] {
        if self.match_approved {
            &[]
        } else {
            &self.blocked
        }
    }

    /// The input VAT still deferred on the retention held (nought under the gross rule).
    pub fn vat_deferred(&self) -> Rand {
        rule::vat_of(&self.held)
    }

    /// The input VAT releasing `amount` makes claimable (nought under the gross rule).
    /// Refuses more than is held.
    pub fn release_vat(&self, amount: Rand) -> Result<Rand, FinanceError> {
        match self.basis {
            RetentionBasis::Gross => Ok(Rand::ZERO),
            RetentionBasis::ExclVat => Ok(rule::vat_of(&rule::release(&self.held, amount)?)),
        }
    }

    /// The journal this bill posts (see [`Bill::journal_lines`]).
    pub fn posting(&self) -> Vec<JournalLine> {
        Self::journal_lines(&self.lines, self.totals, self.vat_deferred())
    }

    /// The journal that records a bill: Dr each line's account (with its project and
    /// cost code) and Dr VAT input (the bill's VAT less `deferred`, the input VAT on the
    /// retention, claimable only at release); Cr trade creditors (due) and retention
    /// payable (excl. VAT).
    pub fn journal_lines(
        lines: &[BillLine],
        totals: InvoiceTotals,
        deferred: Rand,
    ) -> Vec<JournalLine> {
        let vat_now = totals.vat - deferred;
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
        if vat_now.is_positive() {
            journal.push(line(VAT_INPUT, Side::Debit, vat_now, None));
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

    /// The journal that releases retention to a supplier: Dr retention payable (the
    /// amount), Dr VAT input (`vat`, now claimable; nought under the gross rule), Cr
    /// trade creditors (both).
    pub fn retention_release_lines(amount: Rand, vat: Rand) -> Vec<JournalLine> {
        let mut lines = vec![line(RETENTION_PAYABLE, Side::Debit, amount, None)];
        if vat.is_positive() {
            lines.push(line(VAT_INPUT, Side::Debit, vat, None));
        }
        lines.push(line(TRADE_CREDITORS, Side::Credit, amount + vat, None));
        lines
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
                retention_amount,
                journal_id,
                purchase_order_id,
                matching,
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
                let asked = asked(retention_percent, retention_amount)?;
                let lines = price_bill_lines(lines)?;
                let (totals, retained) = bill_totals(&lines, asked)?;
                Ok(BillEvent::BillRecorded {
                    supplier,
                    supplier_reference: reference,
                    date,
                    lines,
                    retention_percent: retention_percent.map(|p| p.normalize()),
                    totals,
                    journal_id,
                    retention_basis: Some(RetentionBasis::ExclVat),
                    retained,
                    purchase_order_id,
                    matching,
                })
            }
            BillCommand::AllocatePayment {
                payment_id,
                amount,
                date,
            } => {
                check_not_before(date, self.recorded_on()?)?;
                if !self.blocked_for_payment().is_empty() {
                    return Err(FinanceError::BillBlocked(self.blocked.join("; ")));
                }
                self.balance.check_settlement(amount)?;
                Ok(BillEvent::BillPaymentAllocated {
                    payment_id,
                    amount,
                    date,
                })
            }
            BillCommand::ApproveMatch { reason } => {
                self.recorded_on()?;
                if self.blocked_for_payment().is_empty() {
                    return Err(FinanceError::BillNotBlocked);
                }
                let reason = Reason::parse("reason", &reason)?.into_string();
                Ok(BillEvent::BillMatchApproved { reason })
            }
            BillCommand::ReleaseRetention {
                amount,
                date,
                journal_id,
            } => {
                check_not_before(date, self.recorded_on()?)?;
                self.balance.check_release(amount)?;
                let input_vat = match self.basis {
                    RetentionBasis::Gross => None,
                    RetentionBasis::ExclVat => {
                        let parts = rule::release(&self.held, amount)?;
                        Some(ReleasedVat {
                            vat: rule::vat_of(&parts),
                            parts,
                        })
                    }
                };
                Ok(BillEvent::BillRetentionReleased {
                    amount,
                    date,
                    journal_id,
                    input_vat,
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
                retention_basis,
                retained,
                matching,
                ..
            } => {
                self.blocked = blocked_reasons(&matching);
                self.date = Some(date);
                self.supplier = supplier;
                self.reference = supplier_reference;
                self.lines = lines;
                self.totals = totals;
                self.balance = OpenBalance::new(totals.due, totals.retention);
                self.basis = retention_basis.unwrap_or_default();
                self.held = retained;
            }
            BillEvent::BillPaymentAllocated { amount, .. } => {
                self.balance.allocated = self.balance.allocated + amount
            }
            BillEvent::BillMatchApproved { .. } => self.match_approved = true,
            BillEvent::BillRetentionReleased {
                amount, input_vat, ..
            } => {
                self.balance.released = self.balance.released + amount;
                if let Some(v) = input_vat {
                    self.balance.released_vat = self.balance.released_vat + v.vat;
                    self.held = rule::less(&self.held, &v.parts);
                }
            }
        }
    }
}

impl crate::stored::Stored for Bill {
    // 2: the retention basis and the retention held per treatment (SARS's rule);
    // 3: the three-way match's block.
    const SNAPSHOT_SCHEMA: i32 = 3;
}
