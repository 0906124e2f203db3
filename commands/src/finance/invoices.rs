//! Raising and issuing customer invoices. One transaction appends the invoice's
//! `InvoiceRaised` and `InvoiceIssued`, the number series' `InvoiceNumberAssigned` and
//! the invoice's `JournalPosted`: a number is never taken without its invoice and
//! journal (no gaps), and two writers racing for a number collide on the series'
//! sequence (no duplicates) — the loser re-decides on the new state.
//!
//! Raising is idempotent on the invoice id: an invoice already issued is answered as it
//! stands. With an id derived from its source (a shipment, [`invoice_id_for_shipment`])
//! a retried or redelivered request raises nothing new.

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::finance::{
    invoice_number, Customer, FinanceError, Invoice, InvoiceCommand, InvoiceLineInput,
    InvoiceNumbering, Journal, JournalCommand, JournalSource, NumberingCommand, Rand,
    INVOICE_SERIES,
};
use cqrs_es::AggregateError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::failures::{logged, rejected};
use super::service::FinanceCommands;
use crate::{CommandContext, CommandError};

/// How often raising is re-decided after losing a race: every invoice contends for the
/// one number series, so more often than other commands.
const INVOICE_RETRIES: usize = 10;

/// An id derived from another (UUID v5, `domain::finance::derived_id`): the same `kind`
/// and `key` always give the same id, so a retried request finds what it already wrote.
pub(super) fn derived_id(kind: &str, key: &str) -> String {
    constructos_domain::finance::derived_id(kind, key)
}

/// The invoice raised for a shipment: the same shipment always gives the same id.
pub fn invoice_id_for_shipment(shipment_id: &str) -> String {
    derived_id("shipment", shipment_id)
}

/// The journal that posts an invoice: the same invoice always gives the same id.
fn journal_id_for_invoice(invoice_id: &str) -> String {
    derived_id("invoice", invoice_id)
}

/// An invoice to raise and issue. The caller names the customer's account only: the
/// recipient's name, VAT number and address come from finance's copy of the account
/// (see `references.rs`), never from the caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaiseInvoiceInput {
    pub customer_account_id: String,
    pub date: NaiveDate,
    pub lines: Vec<InvoiceLineInput>,
    /// Retention withheld excl. VAT: a percentage (0–20) of the value excl. VAT…
    pub retention_percent: Option<Decimal>,
    /// …or an amount (e.g. a progress claim's, capped by orders); not both.
    #[serde(default)]
    pub retention_amount: Option<Rand>,
}

/// An issued invoice: its id, number and journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedInvoice {
    pub id: String,
    pub number: String,
    /// Whether it had already been issued before this request (nothing was appended).
    pub already_issued: bool,
}

impl FinanceCommands {
    /// Raises an invoice under a new id and issues it; returns its id and number.
    pub async fn raise_invoice(
        &self,
        ctx: &CommandContext,
        input: RaiseInvoiceInput,
    ) -> Result<IssuedInvoice, CommandError> {
        let id = Uuid::now_v7().to_string();
        self.raise_invoice_with_id(ctx, &id, input).await
    }

    /// Raises the invoice `id` and issues it, or answers it when already issued.
    pub async fn raise_invoice_with_id(
        &self,
        ctx: &CommandContext,
        id: &str,
        input: RaiseInvoiceInput,
    ) -> Result<IssuedInvoice, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        // An invoice already issued is answered as it stands, whatever became of its
        // account since (a redelivered shipment must not be refused).
        if let Some(number) = self
            .store
            .load::<Invoice>(id)
            .await
            .map_err(CommandError::from)?
            .aggregate
            .number()
        {
            return Ok(IssuedInvoice {
                id: id.to_string(),
                number: number.to_string(),
                already_issued: true,
            });
        }
        let customer = self
            .known_account("input.customerAccountId", &input.customer_account_id)
            .await?
            .invoice_recipient()
            .map_err(rejected)?;
        self.check_projects(ctx, input.lines.iter().map(|l| l.project_id.as_deref()))
            .await?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = self
                .try_raise(ctx, id, customer.clone(), input.clone())
                .await
                .map_err(CommandError::from);
            match result {
                Err(CommandError::Conflict) if attempt < INVOICE_RETRIES => continue,
                other => return other.map_err(|e| logged(e, "finance.invoice", id, ctx)),
            }
        }
    }

    async fn try_raise(
        &self,
        ctx: &CommandContext,
        id: &str,
        customer: Customer,
        input: RaiseInvoiceInput,
    ) -> Result<IssuedInvoice, AggregateError<FinanceError>> {
        let metadata = ctx.metadata();
        let mut invoice = self.store.load::<Invoice>(id).await?;
        if let Some(number) = invoice.aggregate.number() {
            return Ok(IssuedInvoice {
                id: id.to_string(),
                number: number.to_string(),
                already_issued: true,
            });
        }
        let mut events = Vec::new();
        if !invoice.aggregate.exists() {
            let raise = InvoiceCommand::RaiseInvoice {
                customer,
                supplier: self.supplier.clone(),
                date: input.date,
                lines: input.lines,
                retention_percent: input.retention_percent,
                retention_amount: input.retention_amount,
            };
            events.extend(
                self.store
                    .decide(&mut invoice, raise, &(), &metadata)
                    .await?,
            );
        }
        let mut numbering = self.store.load::<InvoiceNumbering>(INVOICE_SERIES).await?;
        let assign = NumberingCommand::AssignInvoiceNumber {
            invoice_id: id.to_string(),
        };
        events.extend(
            self.store
                .decide(&mut numbering, assign, &(), &metadata)
                .await?,
        );
        let number = invoice_number(INVOICE_SERIES, numbering.aggregate.last());
        let journal_id = journal_id_for_invoice(id);
        let mut journal = self.store.load::<Journal>(&journal_id).await?;
        let date = invoice
            .aggregate
            .date()
            .ok_or(AggregateError::UserError(FinanceError::InvoiceNotFound))?;
        let post = JournalCommand::PostJournal {
            date,
            narrative: format!("Tax invoice {number}"),
            source: JournalSource::System,
            lines: invoice.aggregate.journal_lines(),
            reverses: None,
        };
        events.extend(
            self.store
                .decide(&mut journal, post, &self.services, &metadata)
                .await?,
        );
        let issue = InvoiceCommand::IssueInvoice {
            number: number.clone(),
            journal_id,
        };
        events.extend(
            self.store
                .decide(&mut invoice, issue, &(), &metadata)
                .await?,
        );
        self.store.commit_all(&events).await?;
        Ok(IssuedInvoice {
            id: id.to_string(),
            number,
            already_issued: false,
        })
    }
}
