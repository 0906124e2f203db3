//! Issuing tax credit notes against issued invoices. One transaction appends the
//! credit note, its number from the `CN` series (gapless, like invoice numbers), its
//! journal and the invoice's `InvoiceCredited`: a credit note can never exceed what is
//! open on the invoice, even against a payment allocated at the same moment.

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::finance::{
    invoice_number, CreditNote, CreditNoteCommand, FinanceError, Invoice, InvoiceCommand,
    InvoiceLineInput, InvoiceNumbering, NumberingCommand, CREDIT_NOTE_SERIES,
};
use constructos_domain::values::Identifier;
use cqrs_es::AggregateError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::invoices::derived_id;
use super::service::FinanceCommands;
use crate::{CommandContext, CommandError};

/// Every credit note contends for the one number series, as invoices do.
const CREDIT_NOTE_RETRIES: usize = 10;

/// A credit note to issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueCreditNoteInput {
    pub invoice_id: String,
    pub date: NaiveDate,
    /// Why the customer is credited (shown on the credit note).
    pub reason: String,
    /// What is credited, priced as invoice lines are.
    pub lines: Vec<InvoiceLineInput>,
}

/// An issued credit note: its id and number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCreditNote {
    pub id: String,
    pub number: String,
}

impl FinanceCommands {
    /// Issues a credit note against an issued invoice.
    pub async fn issue_credit_note(
        &self,
        ctx: &CommandContext,
        input: IssueCreditNoteInput,
    ) -> Result<IssuedCreditNote, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        Identifier::parse("invoiceId", &input.invoice_id)?;
        self.check_projects(ctx, input.lines.iter().map(|l| l.project_id.as_deref()))
            .await?;
        let id = Uuid::now_v7().to_string();
        self.retrying(ctx, "finance.credit_note", &id, CREDIT_NOTE_RETRIES, || {
            self.try_issue_credit_note(ctx, &id, input.clone())
        })
        .await
    }

    async fn try_issue_credit_note(
        &self,
        ctx: &CommandContext,
        id: &str,
        input: IssueCreditNoteInput,
    ) -> Result<IssuedCreditNote, AggregateError<FinanceError>> {
        let metadata = ctx.metadata();
        let mut invoice = self.store.load::<Invoice>(input.invoice_id.trim()).await?;
        if !invoice.aggregate.exists() {
            return Err(AggregateError::UserError(FinanceError::InvoiceNotFound));
        }
        let invoice_number_shown = invoice
            .aggregate
            .number()
            .ok_or(AggregateError::UserError(FinanceError::InvoiceNotIssued))?
            .to_string();
        let mut numbering = self
            .store
            .load::<InvoiceNumbering>(CREDIT_NOTE_SERIES)
            .await?;
        let mut events = self
            .store
            .decide(
                &mut numbering,
                NumberingCommand::AssignInvoiceNumber {
                    invoice_id: id.to_string(),
                },
                &(),
                &metadata,
            )
            .await?;
        let number = invoice_number(CREDIT_NOTE_SERIES, numbering.aggregate.last());
        let journal_id = derived_id("credit-note", id);
        let mut note = self.store.load::<CreditNote>(id).await?;
        let issue = CreditNoteCommand::IssueCreditNote {
            invoice_id: invoice.id.clone(),
            invoice_number: invoice_number_shown.clone(),
            number: number.clone(),
            customer: invoice.aggregate.customer().clone(),
            supplier: self.supplier.clone(),
            date: input.date,
            reason: input.reason,
            lines: input.lines,
            journal_id: journal_id.clone(),
        };
        events.extend(self.store.decide(&mut note, issue, &(), &metadata).await?);
        let amount = note
            .aggregate
            .totals()
            .ok_or(AggregateError::UserError(FinanceError::NoInvoiceLines))?
            .incl_vat;
        let credit = InvoiceCommand::ApplyCreditNote {
            credit_note_id: id.to_string(),
            number: number.clone(),
            amount,
            date: input.date,
        };
        events.extend(
            self.store
                .decide(&mut invoice, credit, &(), &metadata)
                .await?,
        );
        events.extend(
            self.system_journal(
                ctx,
                &journal_id,
                input.date,
                format!("Credit note {number} against {invoice_number_shown}"),
                note.aggregate.journal_lines(),
            )
            .await?,
        );
        self.store.commit_all(&events).await?;
        Ok(IssuedCreditNote {
            id: id.to_string(),
            number,
        })
    }
}
