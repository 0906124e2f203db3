//! The credit note aggregate (`finance.credit_note`): a tax credit note against one
//! issued invoice, numbered from its own gapless series (`CN`). Issuing posts the
//! reversing entries (Dr contract revenue per line, Dr VAT output, Cr trade debtors)
//! and reduces what is open on the invoice, all in one transaction.

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

use super::invoice::line;
use super::{
    price_lines, totals, Customer, FinanceError, InvoiceLine, InvoiceLineInput, InvoiceTotals,
    JournalLine, Side, Supplier, CONTRACT_REVENUE, TRADE_DEBTORS, VAT_OUTPUT,
};

use crate::values::Reason;

/// The aggregate type of credit notes.
pub const CREDIT_NOTE_AGGREGATE: &str = "finance.credit_note";
/// The id of the credit-note number series: `CN-000001`.
pub const CREDIT_NOTE_SERIES: &str = "CN";

/// Commands to a credit note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CreditNoteCommand {
    /// Issue the credit note `number` against the invoice, posted by `journal_id`.
    IssueCreditNote {
        invoice_id: String,
        invoice_number: String,
        number: String,
        customer: Customer,
        supplier: Supplier,
        date: NaiveDate,
        reason: String,
        lines: Vec<InvoiceLineInput>,
        journal_id: String,
    },
}

/// Events of a credit note.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CreditNoteEvent {
    CreditNoteIssued {
        invoice_id: String,
        invoice_number: String,
        number: String,
        customer: Customer,
        supplier: Supplier,
        date: NaiveDate,
        reason: String,
        lines: Vec<InvoiceLine>,
        totals: InvoiceTotals,
        journal_id: String,
    },
}

impl DomainEvent for CreditNoteEvent {
    fn event_type(&self) -> String {
        match self {
            CreditNoteEvent::CreditNoteIssued { .. } => "CreditNoteIssued",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// The state a credit note's decisions need.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditNote {
    lines: Vec<InvoiceLine>,
    totals: Option<InvoiceTotals>,
}

impl CreditNote {
    /// The credit note's totals, once issued.
    pub fn totals(&self) -> Option<InvoiceTotals> {
        self.totals
    }

    /// The journal a credit note posts: Dr contract revenue per line (with its project
    /// and cost code), Dr VAT output, Cr trade debtors with the total incl. VAT.
    pub fn journal_lines(&self) -> Vec<JournalLine> {
        let Some(t) = self.totals else {
            return Vec::new();
        };
        let mut journal: Vec<JournalLine> = self
            .lines
            .iter()
            .map(|l| JournalLine {
                cost_code: l.cost_code.clone(),
                ..line(
                    CONTRACT_REVENUE,
                    Side::Debit,
                    l.value_excl_vat,
                    l.project_id.clone(),
                )
            })
            .collect();
        if t.vat.is_positive() {
            journal.push(line(VAT_OUTPUT, Side::Debit, t.vat, None));
        }
        journal.push(line(TRADE_DEBTORS, Side::Credit, t.incl_vat, None));
        journal
    }
}

impl Aggregate for CreditNote {
    const TYPE: &'static str = CREDIT_NOTE_AGGREGATE;
    type Command = CreditNoteCommand;
    type Event = CreditNoteEvent;
    type Error = FinanceError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let CreditNoteCommand::IssueCreditNote {
            invoice_id,
            invoice_number,
            number,
            customer,
            supplier,
            date,
            reason,
            lines,
            journal_id,
        } = command;
        if self.totals.is_some() {
            return Err(FinanceError::CreditNoteAlreadyIssued);
        }
        if reason.trim().is_empty() {
            return Err(FinanceError::Required("the reason for the credit"));
        }
        let reason = Reason::parse("reason", &reason)?.into_string();
        let date = super::fields::date("date", date)?;
        let lines = price_lines(lines)?;
        let (totals, _) = totals(&lines, None)?;
        let event = CreditNoteEvent::CreditNoteIssued {
            invoice_id,
            invoice_number,
            number,
            customer,
            supplier,
            date,
            reason,
            lines,
            totals,
            journal_id,
        };
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        let CreditNoteEvent::CreditNoteIssued { lines, totals, .. } = event;
        self.lines = lines;
        self.totals = Some(totals);
    }
}

impl crate::stored::Stored for CreditNote {}
