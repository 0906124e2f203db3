//! The customer invoice aggregate (`finance.invoice`). An invoice is raised as a draft
//! with its VAT worked out per line, then issued: it receives the next number from the
//! numbering stream (`numbering.rs`) and its journal is posted, all in one transaction
//! by the write side. An issued invoice is never changed.

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::fields;
use super::retention::ReleaseTaxInvoice;
use super::retention::{self as rule, RetentionBasis, VatPart};
use super::settlement::{check_not_before, OpenBalance};
use super::{
    FinanceError, InvoiceCommand, InvoiceEvent, JournalLine, Rand, Side, INVOICE_AGGREGATE,
};

mod pricing;

pub(in crate::finance) use pricing::{asked, line};
pub use pricing::{
    price_lines, totals, Customer, InvoiceLine, InvoiceLineInput, InvoiceTotals, Supplier,
};

/// Trade debtors, debited with what the customer owes now.
pub const TRADE_DEBTORS: &str = "1100";
/// Retention receivable, debited with what the customer withholds until completion.
pub const RETENTION_RECEIVABLE: &str = "1150";
/// VAT output, credited with the invoice's VAT.
pub const VAT_OUTPUT: &str = "2100";
/// Contract revenue, credited with each line's value excluding VAT.
pub const CONTRACT_REVENUE: &str = "4000";

/// The state an invoice's decisions need.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Invoice {
    raised: bool,
    number: Option<String>,
    date: Option<NaiveDate>,
    customer: Customer,
    lines: Vec<InvoiceLine>,
    totals: InvoiceTotals,
    balance: OpenBalance,
    /// The rule its retention was decided under.
    basis: RetentionBasis,
    /// SARS's rule: the retention still held and its deferred VAT, per treatment.
    held: Vec<VatPart>,
}

fn trimmed(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl Invoice {
    /// Whether the invoice has been raised.
    pub fn exists(&self) -> bool {
        self.raised
    }

    /// The number, once issued.
    pub fn number(&self) -> Option<&str> {
        self.number.as_deref()
    }

    /// The invoice date.
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
    }

    /// The invoice's totals.
    pub fn totals(&self) -> InvoiceTotals {
        self.totals
    }

    /// The customer as invoiced.
    pub fn customer(&self) -> &Customer {
        &self.customer
    }

    /// What is still owed and withheld.
    pub fn balance(&self) -> OpenBalance {
        self.balance
    }

    /// The rule its retention was decided under.
    pub fn basis(&self) -> RetentionBasis {
        self.basis
    }

    /// The VAT still deferred on the retention held (nought under the gross rule).
    pub fn vat_deferred(&self) -> Rand {
        rule::vat_of(&self.held)
    }

    fn issued_on(&self) -> Result<NaiveDate, FinanceError> {
        match (self.raised, &self.number, self.date) {
            (false, _, _) => Err(FinanceError::InvoiceNotFound),
            (true, Some(_), Some(date)) => Ok(date),
            _ => Err(FinanceError::InvoiceNotIssued),
        }
    }

    /// The journal that issuing posts: Dr trade debtors (due) and retention receivable
    /// (retention); Cr contract revenue per line (with its project and cost code) and
    /// Cr VAT output (the VAT due now: under SARS's rule the invoice's VAT less what is
    /// deferred on the retention). Nought amounts are left out.
    pub fn journal_lines(&self) -> Vec<JournalLine> {
        let t = self.totals;
        let vat_now = t.vat - self.vat_deferred();
        let mut lines = vec![line(TRADE_DEBTORS, Side::Debit, t.due, None)];
        if t.retention.is_positive() {
            lines.push(line(RETENTION_RECEIVABLE, Side::Debit, t.retention, None));
        }
        for l in &self.lines {
            lines.push(JournalLine {
                cost_code: l.cost_code.clone(),
                ..line(
                    CONTRACT_REVENUE,
                    Side::Credit,
                    l.value_excl_vat,
                    l.project_id.clone(),
                )
            });
        }
        if vat_now.is_positive() {
            lines.push(line(VAT_OUTPUT, Side::Credit, vat_now, None));
        }
        lines
    }

    /// The journal that releases `amount` of retention with `vat` due on it: Dr trade
    /// debtors (both), Cr retention receivable (the amount), Cr VAT output (the VAT;
    /// nought under the gross rule, whose VAT was declared at issue).
    pub fn retention_release_lines(amount: Rand, vat: Rand) -> Vec<JournalLine> {
        let mut lines = vec![
            line(TRADE_DEBTORS, Side::Debit, amount + vat, None),
            line(RETENTION_RECEIVABLE, Side::Credit, amount, None),
        ];
        if vat.is_positive() {
            lines.push(line(VAT_OUTPUT, Side::Credit, vat, None));
        }
        lines
    }

    /// What releasing `amount` makes due, per treatment with its VAT (SARS's rule;
    /// empty under the gross rule). Refuses more than is held.
    pub fn release_parts(&self, amount: Rand) -> Result<Vec<VatPart>, FinanceError> {
        match self.basis {
            RetentionBasis::Gross => Ok(Vec::new()),
            RetentionBasis::ExclVat => rule::release(&self.held, amount),
        }
    }

    fn decide(&self, command: InvoiceCommand) -> Result<InvoiceEvent, FinanceError> {
        match command {
            InvoiceCommand::RaiseInvoice {
                customer,
                supplier,
                date,
                lines,
                retention_percent,
                retention_amount,
            } => {
                if self.raised {
                    return Err(FinanceError::InvoiceAlreadyRaised);
                }
                let date = fields::date("date", date)?;
                let customer = Customer {
                    account_id: customer.account_id.trim().to_string(),
                    name: customer.name.trim().to_string(),
                    vat_number: trimmed(customer.vat_number),
                    address: trimmed(customer.address),
                };
                if customer.account_id.is_empty() {
                    return Err(FinanceError::Required("customer account id"));
                }
                if customer.name.is_empty() {
                    return Err(FinanceError::Required("customer name"));
                }
                let asked = asked(retention_percent, retention_amount)?;
                let lines = price_lines(lines)?;
                let (totals, retained) = totals(&lines, asked)?;
                Ok(InvoiceEvent::InvoiceRaised {
                    customer,
                    supplier,
                    date,
                    lines,
                    retention_percent: retention_percent.map(|p| p.normalize()),
                    totals,
                    retention_basis: Some(RetentionBasis::ExclVat),
                    retained,
                })
            }
            InvoiceCommand::IssueInvoice { number, journal_id } => {
                if !self.raised {
                    return Err(FinanceError::InvoiceNotFound);
                }
                if self.number.is_some() {
                    return Err(FinanceError::InvoiceAlreadyIssued);
                }
                Ok(InvoiceEvent::InvoiceIssued { number, journal_id })
            }
            InvoiceCommand::AllocatePayment {
                payment_id,
                amount,
                date,
            } => {
                check_not_before(date, self.issued_on()?)?;
                self.balance.check_settlement(amount)?;
                Ok(InvoiceEvent::InvoicePaymentAllocated {
                    payment_id,
                    amount,
                    date,
                })
            }
            InvoiceCommand::ApplyCreditNote {
                credit_note_id,
                number,
                amount,
                date,
            } => {
                check_not_before(date, self.issued_on()?)?;
                self.balance.check_settlement(amount)?;
                Ok(InvoiceEvent::InvoiceCredited {
                    credit_note_id,
                    number,
                    amount,
                    date,
                })
            }
            InvoiceCommand::ReleaseRetention {
                amount,
                date,
                journal_id,
                tax_invoice,
            } => {
                check_not_before(date, self.issued_on()?)?;
                self.balance.check_release(amount)?;
                let tax_invoice = match (self.basis, tax_invoice) {
                    (RetentionBasis::Gross, _) => None,
                    (RetentionBasis::ExclVat, None) => {
                        return Err(FinanceError::Required("the release's tax invoice number"))
                    }
                    (RetentionBasis::ExclVat, Some(n)) => {
                        let parts = self.release_parts(amount)?;
                        Some(ReleaseTaxInvoice {
                            release_id: n.release_id,
                            number: n.number,
                            vat: rule::vat_of(&parts),
                            parts,
                        })
                    }
                };
                Ok(InvoiceEvent::InvoiceRetentionReleased {
                    amount,
                    date,
                    journal_id,
                    tax_invoice,
                })
            }
        }
    }
}

impl Aggregate for Invoice {
    const TYPE: &'static str = INVOICE_AGGREGATE;
    type Command = InvoiceCommand;
    type Event = InvoiceEvent;
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
            InvoiceEvent::InvoiceRaised {
                customer,
                date,
                lines,
                totals,
                retention_basis,
                retained,
                ..
            } => {
                self.raised = true;
                self.customer = customer;
                self.date = Some(date);
                self.lines = lines;
                self.totals = totals;
                self.balance = OpenBalance::new(totals.due, totals.retention);
                self.basis = retention_basis.unwrap_or_default();
                self.held = retained;
            }
            InvoiceEvent::InvoiceIssued { number, .. } => self.number = Some(number),
            InvoiceEvent::InvoicePaymentAllocated { amount, .. } => {
                self.balance.allocated = self.balance.allocated + amount
            }
            InvoiceEvent::InvoiceCredited { amount, .. } => {
                self.balance.credited = self.balance.credited + amount
            }
            InvoiceEvent::InvoiceRetentionReleased {
                amount,
                tax_invoice,
                ..
            } => {
                self.balance.released = self.balance.released + amount;
                if let Some(t) = tax_invoice {
                    self.balance.released_vat = self.balance.released_vat + t.vat;
                    self.held = rule::less(&self.held, &t.parts);
                }
            }
        }
    }
}

impl crate::stored::Stored for Invoice {
    // 2: the retention basis and the retention held per treatment (SARS's rule).
    const SNAPSHOT_SCHEMA: i32 = 2;
}

#[cfg(test)]
mod tests;
