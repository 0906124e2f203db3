//! Gapless invoice numbering (`finance.invoice_numbering`, one stream per series, id
//! `INV`). Each `InvoiceNumberAssigned` takes the next number; two writers racing for
//! the same number collide on the stream's sequence (optimistic concurrency), and the
//! loser re-decides. The number is appended in the same transaction as the invoice's
//! `InvoiceIssued` and its journal, so a number is never taken without an invoice.
//!
//! The state is the last number alone, so loading the series costs the same after ten
//! invoices as after a million: that an invoice is issued once is the invoice stream's
//! own rule (`InvoiceAlreadyIssued`), checked in the same transaction.

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::{FinanceError, NumberingCommand, NumberingEvent, INVOICE_NUMBERING_AGGREGATE};

/// The id of the customer-invoice number series.
pub const INVOICE_SERIES: &str = "INV";

/// How an invoice number is shown: `INV-000042`.
pub fn invoice_number(series: &str, number: u64) -> String {
    format!("{series}-{number:06}")
}

/// Where the series stands.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceNumbering {
    last: u64,
}

impl InvoiceNumbering {
    /// The last number handed out (nought before the first).
    pub fn last(&self) -> u64 {
        self.last
    }
}

impl Aggregate for InvoiceNumbering {
    const TYPE: &'static str = INVOICE_NUMBERING_AGGREGATE;
    type Command = NumberingCommand;
    type Event = NumberingEvent;
    type Error = FinanceError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        match command {
            NumberingCommand::AssignInvoiceNumber { invoice_id } => {
                let invoice_id = invoice_id.trim().to_string();
                if invoice_id.is_empty() {
                    return Err(FinanceError::Required("invoice id"));
                }
                let event = NumberingEvent::InvoiceNumberAssigned {
                    number: self.last + 1,
                    invoice_id,
                };
                sink.write(event, self).await;
                Ok(())
            }
        }
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            NumberingEvent::InvoiceNumberAssigned { number, .. } => self.last = number,
        }
    }
}

/// Schema 2: the state lost the map of invoices to numbers (schema 1).
impl crate::stored::Stored for InvoiceNumbering {
    const SNAPSHOT_SCHEMA: i32 = 2;
}
