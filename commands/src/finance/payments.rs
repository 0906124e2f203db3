//! Payments in and out and their allocations to invoices and bills (retention
//! releases: `retention.rs`). Each command appends every event it causes — the payment's, each settled
//! document's and the journal's — in one transaction: an allocation is accepted only
//! when both the payment (enough unallocated) and the document (enough open) accept it,
//! and a concurrent writer to any of them makes the loser re-decide.

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::finance::{
    fitted_narrative, Bill, BillCommand, FinanceError, Invoice, InvoiceCommand, Journal,
    JournalCommand, JournalLine, JournalSource, Payment, PaymentCommand, PaymentDirection, Rand,
};
use constructos_domain::values::Identifier;
use cqrs_es::persist::SerializedEvent;
use cqrs_es::AggregateError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::failures::rejected;
use super::invoices::derived_id;
use super::service::{FinanceCommands, CONFLICT_RETRIES};
use super::store::Loaded;
use crate::{CommandContext, CommandError};

type Refused = AggregateError<FinanceError>;

/// Part of a payment settling one invoice (money received) or bill (money paid).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocationInput {
    pub document_id: String,
    pub amount: Rand,
}

/// A payment to record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordPaymentInput {
    pub direction: PaymentDirection,
    /// The customer's (money received) or vendor's or subcontractor's (money paid)
    /// account id; the name recorded comes from finance's copy of the account.
    pub counterparty_id: String,
    pub date: NaiveDate,
    pub amount: Rand,
    pub reference: String,
    /// What it settles now; the rest is held on account.
    pub allocations: Vec<AllocationInput>,
}

/// An invoice or a bill being settled.
enum Document {
    Invoice(Loaded<Invoice>),
    Bill(Loaded<Bill>),
}

impl Document {
    fn counterparty(&self) -> (&str, &str) {
        match self {
            Document::Invoice(i) => {
                let c = i.aggregate.customer();
                (&c.account_id, &c.name)
            }
            Document::Bill(b) => {
                let s = b.aggregate.supplier();
                (&s.account_id, &s.name)
            }
        }
    }

    fn number(&self) -> String {
        match self {
            Document::Invoice(i) => i.aggregate.number().unwrap_or_default().to_string(),
            Document::Bill(b) => b.aggregate.reference().to_string(),
        }
    }
}

fn refused(error: FinanceError) -> Refused {
    AggregateError::UserError(error)
}

impl FinanceCommands {
    async fn load_document(
        &self,
        direction: PaymentDirection,
        id: &str,
    ) -> Result<Document, Refused> {
        match direction {
            PaymentDirection::Received => {
                let invoice = self.store.load::<Invoice>(id).await?;
                if !invoice.aggregate.exists() {
                    return Err(refused(FinanceError::InvoiceNotFound));
                }
                Ok(Document::Invoice(invoice))
            }
            PaymentDirection::Made => {
                let bill = self.store.load::<Bill>(id).await?;
                if !bill.aggregate.exists() {
                    return Err(refused(FinanceError::BillNotFound));
                }
                Ok(Document::Bill(bill))
            }
        }
    }

    /// Loads each allocated document once; refuses a document listed twice.
    async fn load_documents(
        &self,
        direction: PaymentDirection,
        allocations: &[AllocationInput],
    ) -> Result<Vec<(Document, Rand)>, Refused> {
        let mut documents = Vec::with_capacity(allocations.len());
        for (index, allocation) in allocations.iter().enumerate() {
            let field = format!("allocations[{index}].documentId");
            let id = Identifier::parse(&field, &allocation.document_id)
                .map_err(|e| refused(e.into()))?;
            let id = id.as_str();
            if allocations[..index]
                .iter()
                .any(|a| a.document_id.trim() == id)
            {
                return Err(refused(FinanceError::DocumentListedTwice(id.to_string())));
            }
            documents.push((self.load_document(direction, id).await?, allocation.amount));
        }
        Ok(documents)
    }

    /// Decides one allocation on both sides: the payment's and the document's events.
    async fn allocate(
        &self,
        ctx: &CommandContext,
        payment: &mut Loaded<Payment>,
        document: &mut Document,
        amount: Rand,
        date: NaiveDate,
    ) -> Result<Vec<SerializedEvent>, Refused> {
        let metadata = ctx.metadata();
        let (owner, _) = document.counterparty();
        if owner != payment.aggregate.counterparty_id() {
            return Err(refused(FinanceError::CounterpartyMismatch {
                payment: payment.aggregate.counterparty_id().to_string(),
                document: owner.to_string(),
            }));
        }
        let allocate = PaymentCommand::AllocatePayment {
            document_id: match document {
                Document::Invoice(i) => i.id.clone(),
                Document::Bill(b) => b.id.clone(),
            },
            document_number: document.number(),
            amount,
            date,
        };
        let mut events = self.store.decide(payment, allocate, &(), &metadata).await?;
        let payment_id = payment.id.clone();
        events.extend(match document {
            Document::Invoice(invoice) => {
                let command = InvoiceCommand::AllocatePayment {
                    payment_id,
                    amount,
                    date,
                };
                self.store.decide(invoice, command, &(), &metadata).await?
            }
            Document::Bill(bill) => {
                let command = BillCommand::AllocatePayment {
                    payment_id,
                    amount,
                    date,
                };
                self.store.decide(bill, command, &(), &metadata).await?
            }
        });
        Ok(events)
    }

    /// Decides a system journal with the id `id`.
    pub(super) async fn system_journal(
        &self,
        ctx: &CommandContext,
        id: &str,
        date: NaiveDate,
        narrative: String,
        lines: Vec<JournalLine>,
    ) -> Result<Vec<SerializedEvent>, Refused> {
        let mut journal = self.store.load::<Journal>(id).await?;
        let post = JournalCommand::PostJournal {
            date,
            narrative: fitted_narrative(&narrative),
            source: JournalSource::System,
            lines,
            reverses: None,
        };
        self.store
            .decide(&mut journal, post, &self.services, &ctx.metadata())
            .await
    }

    /// Records a payment, allocates what the input says and posts its journal; returns
    /// the payment's id. What is not allocated is held on account.
    pub async fn record_payment(
        &self,
        ctx: &CommandContext,
        input: RecordPaymentInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        let account = self
            .known_account("input.counterpartyId", &input.counterparty_id)
            .await?;
        let name = account
            .payment_counterparty(input.direction)
            .map_err(rejected)?;
        let input = RecordPaymentInput {
            counterparty_id: account.id,
            ..input
        };
        let id = Uuid::now_v7().to_string();
        self.retrying(ctx, "finance.payment", &id, CONFLICT_RETRIES, || {
            self.try_record_payment(ctx, &id, &name, input.clone())
        })
        .await?;
        Ok(id)
    }

    async fn try_record_payment(
        &self,
        ctx: &CommandContext,
        id: &str,
        name: &str,
        input: RecordPaymentInput,
    ) -> Result<(), Refused> {
        let mut documents = self
            .load_documents(input.direction, &input.allocations)
            .await?;
        let journal_id = derived_id("payment", id);
        let narrative = match input.direction {
            PaymentDirection::Received => format!("Payment received from {name}"),
            PaymentDirection::Made => format!("Payment made to {name}"),
        };
        let narrative = match input.reference.trim() {
            "" => narrative,
            reference => format!("{narrative}: {reference}"),
        };
        let mut payment = self.store.load::<Payment>(id).await?;
        let record = PaymentCommand::RecordPayment {
            direction: input.direction,
            counterparty_id: input.counterparty_id,
            counterparty_name: name.to_string(),
            date: input.date,
            amount: input.amount,
            reference: input.reference,
            journal_id: journal_id.clone(),
        };
        let mut events = self
            .store
            .decide(&mut payment, record, &(), &ctx.metadata())
            .await?;
        for (document, amount) in documents.iter_mut() {
            events.extend(
                self.allocate(ctx, &mut payment, document, *amount, input.date)
                    .await?,
            );
        }
        events.extend(
            self.system_journal(
                ctx,
                &journal_id,
                input.date,
                narrative,
                Payment::journal_lines(input.direction, input.amount),
            )
            .await?,
        );
        self.store.commit_all(&events).await
    }

    /// Allocates money held on account on the payment `payment_id` to documents.
    pub async fn allocate_payment(
        &self,
        ctx: &CommandContext,
        payment_id: &str,
        date: NaiveDate,
        allocations: Vec<AllocationInput>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::JournalsPost)?;
        let payment_id = Identifier::parse("paymentId", payment_id)?;
        let payment_id = payment_id.as_str();
        self.retrying(ctx, "finance.payment", payment_id, CONFLICT_RETRIES, || {
            self.try_allocate(ctx, payment_id, date, allocations.clone())
        })
        .await
    }

    async fn try_allocate(
        &self,
        ctx: &CommandContext,
        payment_id: &str,
        date: NaiveDate,
        allocations: Vec<AllocationInput>,
    ) -> Result<(), Refused> {
        if allocations.is_empty() {
            return Err(refused(FinanceError::Required("an allocation")));
        }
        let mut payment = self.store.load::<Payment>(payment_id).await?;
        let direction = payment
            .aggregate
            .direction()
            .ok_or(refused(FinanceError::PaymentNotFound))?;
        let mut documents = self.load_documents(direction, &allocations).await?;
        let mut events = Vec::new();
        for (document, amount) in documents.iter_mut() {
            events.extend(
                self.allocate(ctx, &mut payment, document, *amount, date)
                    .await?,
            );
        }
        self.store.commit_all(&events).await
    }
}
