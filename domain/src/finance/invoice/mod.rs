//! The customer invoice aggregate (`finance.invoice`). An invoice is raised as a draft
//! with its VAT worked out per line, then issued: it receives the next number from the
//! numbering stream (`numbering.rs`) and its journal is posted, all in one transaction
//! by the write side. An issued invoice is never changed.

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::fields;
use super::settlement::{check_not_before, OpenBalance};
use super::vat::{line_value, line_vat, retention, MAX_RETENTION_PERCENT};
use super::{
    FinanceError, InvoiceCommand, InvoiceEvent, JournalLine, Rand, Side, VatTreatment,
    INVOICE_AGGREGATE,
};
use crate::values::Narrative;

/// Trade debtors, debited with what the customer owes now.
pub const TRADE_DEBTORS: &str = "1100";
/// Retention receivable, debited with what the customer withholds until completion.
pub const RETENTION_RECEIVABLE: &str = "1150";
/// VAT output, credited with the invoice's VAT.
pub const VAT_OUTPUT: &str = "2100";
/// Contract revenue, credited with each line's value excluding VAT.
pub const CONTRACT_REVENUE: &str = "4000";

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

/// An invoice's totals: VAT is the sum of the lines' rounded VAT.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceTotals {
    pub excl_vat: Rand,
    pub vat: Rand,
    pub incl_vat: Rand,
    /// Withheld by the customer: round-half-up(incl. VAT × retention %).
    pub retention: Rand,
    /// What the customer owes now: incl. VAT less retention.
    pub due: Rand,
}

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
}

fn trimmed(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
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

/// Sums the lines and works out retention (`percent` of the total incl. VAT).
pub fn totals(lines: &[InvoiceLine], percent: Decimal) -> Result<InvoiceTotals, FinanceError> {
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
    let retention = retention(incl_vat, percent)?;
    Ok(InvoiceTotals {
        excl_vat,
        vat,
        incl_vat,
        retention,
        due: incl_vat - retention,
    })
}

/// A journal line without dimensions.
pub(super) fn line(code: &str, side: Side, amount: Rand, project: Option<String>) -> JournalLine {
    JournalLine {
        account_code: code.to_string(),
        side,
        amount,
        project_id: project,
        cost_code: None,
        site_id: None,
    }
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

    fn issued_on(&self) -> Result<NaiveDate, FinanceError> {
        match (self.raised, &self.number, self.date) {
            (false, _, _) => Err(FinanceError::InvoiceNotFound),
            (true, Some(_), Some(date)) => Ok(date),
            _ => Err(FinanceError::InvoiceNotIssued),
        }
    }

    /// The journal that issuing posts: Dr trade debtors (due) and retention receivable
    /// (retention); Cr contract revenue per line (with its project and cost code) and
    /// Cr VAT output (the invoice's VAT). Nought amounts are left out.
    pub fn journal_lines(&self) -> Vec<JournalLine> {
        let t = self.totals;
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
        if t.vat.is_positive() {
            lines.push(line(VAT_OUTPUT, Side::Credit, t.vat, None));
        }
        lines
    }

    /// The journal that releases `amount` of retention: Dr trade debtors, Cr retention
    /// receivable (the customer now owes it).
    pub fn retention_release_lines(amount: Rand) -> Vec<JournalLine> {
        vec![
            line(TRADE_DEBTORS, Side::Debit, amount, None),
            line(RETENTION_RECEIVABLE, Side::Credit, amount, None),
        ]
    }

    fn decide(&self, command: InvoiceCommand) -> Result<InvoiceEvent, FinanceError> {
        match command {
            InvoiceCommand::RaiseInvoice {
                customer,
                supplier,
                date,
                lines,
                retention_percent,
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
                let percent = retention_percent.unwrap_or(Decimal::ZERO);
                if percent < Decimal::ZERO || percent > MAX_RETENTION_PERCENT {
                    return Err(FinanceError::RetentionOutOfRange(percent.to_string()));
                }
                let lines = price_lines(lines)?;
                let totals = totals(&lines, percent)?;
                Ok(InvoiceEvent::InvoiceRaised {
                    customer,
                    supplier,
                    date,
                    lines,
                    retention_percent: retention_percent.map(|p| p.normalize()),
                    totals,
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
            } => {
                check_not_before(date, self.issued_on()?)?;
                self.balance.check_release(amount)?;
                Ok(InvoiceEvent::InvoiceRetentionReleased {
                    amount,
                    date,
                    journal_id,
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
                ..
            } => {
                self.raised = true;
                self.customer = customer;
                self.date = Some(date);
                self.lines = lines;
                self.totals = totals;
                self.balance = OpenBalance::new(totals.due, totals.retention);
            }
            InvoiceEvent::InvoiceIssued { number, .. } => self.number = Some(number),
            InvoiceEvent::InvoicePaymentAllocated { amount, .. } => {
                self.balance.allocated = self.balance.allocated + amount
            }
            InvoiceEvent::InvoiceCredited { amount, .. } => {
                self.balance.credited = self.balance.credited + amount
            }
            InvoiceEvent::InvoiceRetentionReleased { amount, .. } => {
                self.balance.released = self.balance.released + amount
            }
        }
    }
}

impl crate::stored::Stored for Invoice {}

#[cfg(test)]
mod tests;
