//! Retention releases. Under SARS's rule (`domain/src/finance/retention.rs`) releasing
//! customer retention is a supply of its own: one transaction appends the release tax
//! invoice's number from the `INV` series (`InvoiceNumberAssigned` for the release id),
//! each released invoice's `InvoiceRetentionReleased` v2 (the amount, the VAT now due
//! and that number) and one journal: Dr trade debtors (released + VAT), Cr retention
//! receivable (released), Cr VAT output (the VAT). A supplier's retention release
//! makes its input VAT claimable: Dr retention payable, Dr VAT input, Cr trade
//! creditors. Documents of the gross rule release as before: no VAT, no number.

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::finance::{
    invoice_number, Bill, BillCommand, FinanceError, Invoice, InvoiceCommand, InvoiceNumbering,
    Journal, NumberingCommand, Rand, ReleaseNumber, RetentionBasis, INVOICE_SERIES,
};
use constructos_domain::values::Identifier;
use cqrs_es::persist::SerializedEvent;
use cqrs_es::AggregateError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::invoices::derived_id;
use super::service::FinanceCommands;
use crate::{CommandContext, CommandError};

type Refused = AggregateError<FinanceError>;

/// A customer release takes the next number of the one `INV` series, so it is
/// re-decided as often as raising an invoice.
const RELEASE_RETRIES: usize = 10;

/// The invoice raised for an approved progress claim: the same claim, the same id.
pub fn invoice_id_for_claim(claim_id: &str) -> String {
    constructos_domain::finance::invoice_id_for_claim(claim_id)
}

/// The release tax invoice of a project's retention release (orders' release id): the
/// same release, the same id, and so the same journal.
pub fn release_id_for_project_release(release_id: &str) -> String {
    derived_id("project-retention-release", release_id)
}

/// A retention release as posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleasedRetention {
    /// The release's id (for a release asked by hand, its journal's id).
    pub release_id: String,
    pub journal_id: String,
    /// The release tax invoice's number (customer retention under SARS's rule).
    pub number: Option<String>,
    /// Released, excl. VAT.
    pub amount: Rand,
    /// The VAT now due (customer) or claimable (supplier) on it.
    pub vat: Rand,
    /// Whether it had been posted before this request (nothing was appended; the
    /// number and amounts are then not repeated).
    #[serde(default)]
    pub already_released: bool,
}

impl FinanceCommands {
    /// Releases `amount` (excl. VAT under SARS's rule) of the retention withheld on an
    /// invoice (it falls due from the customer, on a release tax invoice) or on a bill
    /// (it falls due to the supplier).
    pub async fn release_retention(
        &self,
        ctx: &CommandContext,
        document_id: &str,
        amount: Rand,
        date: NaiveDate,
    ) -> Result<ReleasedRetention, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        let document_id = Identifier::parse("documentId", document_id)?;
        let document_id = document_id.as_str();
        let release_id = Uuid::now_v7().to_string();
        let items = [(document_id.to_string(), amount)];
        self.retrying(
            ctx,
            "finance.retention",
            document_id,
            RELEASE_RETRIES,
            || self.try_release(ctx, &release_id, &release_id, &items, date),
        )
        .await
    }

    /// Releases customer retention on several invoices as one release: one tax invoice
    /// number, one journal (`journal_id`), each invoice's release in the same
    /// transaction. `items` are (invoice id, amount excl. VAT).
    pub async fn release_invoices_retention(
        &self,
        ctx: &CommandContext,
        release_id: &str,
        journal_id: &str,
        items: &[(String, Rand)],
        date: NaiveDate,
    ) -> Result<ReleasedRetention, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        self.retrying(
            ctx,
            "finance.retention",
            release_id,
            RELEASE_RETRIES,
            || self.try_release(ctx, release_id, journal_id, items, date),
        )
        .await
    }

    /// Releases `amount` (excl. VAT) of the retention held on `project_id`'s invoices to
    /// `customer_account_id`, oldest first, as one release (id derived from orders'
    /// `release_id`, so a redelivered release posts nothing more). Refuses more than the
    /// project's invoices hold. The candidates are read from the invoices read model;
    /// what each holds is its own aggregate's figure.
    pub async fn release_project_retention(
        &self,
        ctx: &CommandContext,
        release_id: &str,
        project_id: &str,
        customer_account_id: &str,
        amount: Rand,
        date: NaiveDate,
    ) -> Result<ReleasedRetention, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        let id = release_id_for_project_release(release_id);
        let journal_id = derived_id("retention-release-journal", &id);
        if self
            .store
            .load::<Journal>(&journal_id)
            .await?
            .aggregate
            .exists()
        {
            return Ok(ReleasedRetention {
                release_id: id,
                journal_id,
                number: None,
                amount,
                vat: Rand::ZERO,
                already_released: true,
            });
        }
        let candidates: Vec<String> = sqlx::query_scalar(
            "SELECT i.id FROM read_model.invoices i
              WHERE i.status = 'ISSUED' AND i.customer_id = $2
                AND EXISTS (SELECT 1 FROM jsonb_array_elements(i.document->'lines') l
                             WHERE l->>'project_id' = $1)
              ORDER BY i.invoice_date, i.number",
        )
        .bind(project_id)
        .bind(customer_account_id)
        .fetch_all(self.pool())
        .await
        .map_err(|e| {
            CommandError::Internal(format!("Failed to read the project's invoices: {e}"))
        })?;
        self.retrying(ctx, "finance.retention", &id, RELEASE_RETRIES, || async {
            let mut items = Vec::new();
            let (mut left, mut held) = (amount, Rand::ZERO);
            for invoice_id in &candidates {
                let invoice = self.store.load::<Invoice>(invoice_id).await?;
                let here = invoice.aggregate.balance().retention_held();
                held = held + here;
                let take = if here < left { here } else { left };
                if take.is_positive() {
                    items.push((invoice_id.clone(), take));
                    left = left - take;
                }
            }
            if left.is_positive() || !amount.is_positive() {
                return Err(AggregateError::UserError(
                    FinanceError::ProjectRetentionShort {
                        project: project_id.to_string(),
                        held,
                        asked: amount,
                    },
                ));
            }
            self.try_release(ctx, &id, &journal_id, &items, date).await
        })
        .await
    }

    async fn try_release(
        &self,
        ctx: &CommandContext,
        release_id: &str,
        journal_id: &str,
        items: &[(String, Rand)],
        date: NaiveDate,
    ) -> Result<ReleasedRetention, Refused> {
        let Some((first, _)) = items.first() else {
            return Err(AggregateError::UserError(FinanceError::Required(
                "a document to release retention on",
            )));
        };
        if !self.store.load::<Invoice>(first).await?.aggregate.exists() {
            if items.len() != 1 {
                return Err(AggregateError::UserError(FinanceError::InvoiceNotFound));
            }
            return self
                .release_bill(ctx, first, journal_id, items[0].1, date)
                .await;
        }
        let metadata = ctx.metadata();
        let mut invoices = Vec::with_capacity(items.len());
        for (id, amount) in items {
            let invoice = self.store.load::<Invoice>(id).await?;
            if !invoice.aggregate.exists() {
                return Err(AggregateError::UserError(FinanceError::InvoiceNotFound));
            }
            invoices.push((invoice, *amount));
        }
        let mut events: Vec<SerializedEvent> = Vec::new();
        let sars = invoices
            .iter()
            .any(|(i, _)| i.aggregate.basis() == RetentionBasis::ExclVat);
        let number = if sars {
            let mut numbering = self.store.load::<InvoiceNumbering>(INVOICE_SERIES).await?;
            let assign = NumberingCommand::AssignInvoiceNumber {
                invoice_id: release_id.to_string(),
            };
            events.extend(
                self.store
                    .decide(&mut numbering, assign, &(), &metadata)
                    .await?,
            );
            Some(invoice_number(INVOICE_SERIES, numbering.aggregate.last()))
        } else {
            None
        };
        let (mut amount, mut vat) = (Rand::ZERO, Rand::ZERO);
        let mut labels = Vec::with_capacity(invoices.len());
        for (invoice, released) in invoices.iter_mut() {
            let parts = invoice
                .aggregate
                .release_parts(*released)
                .map_err(AggregateError::UserError)?;
            vat = vat + parts.iter().map(|p| p.vat).sum();
            amount = amount + *released;
            labels.push(invoice.aggregate.number().unwrap_or_default().to_string());
            let release = InvoiceCommand::ReleaseRetention {
                amount: *released,
                date,
                journal_id: journal_id.to_string(),
                tax_invoice: number.clone().map(|number| ReleaseNumber {
                    release_id: release_id.to_string(),
                    number,
                }),
            };
            events.extend(self.store.decide(invoice, release, &(), &metadata).await?);
        }
        let narrative = match &number {
            Some(n) => format!(
                "Tax invoice {n}: retention released on {}",
                labels.join(", ")
            ),
            None => format!("Retention released: {}", labels.join(", ")),
        };
        let lines = Invoice::retention_release_lines(amount, vat);
        events.extend(
            self.system_journal(ctx, journal_id, date, narrative, lines)
                .await?,
        );
        self.store.commit_all(&events).await?;
        Ok(ReleasedRetention {
            release_id: release_id.to_string(),
            journal_id: journal_id.to_string(),
            number,
            amount,
            vat,
            already_released: false,
        })
    }

    async fn release_bill(
        &self,
        ctx: &CommandContext,
        id: &str,
        journal_id: &str,
        amount: Rand,
        date: NaiveDate,
    ) -> Result<ReleasedRetention, Refused> {
        let mut bill = self.store.load::<Bill>(id).await?;
        if !bill.aggregate.exists() {
            return Err(AggregateError::UserError(FinanceError::InvoiceNotFound));
        }
        let vat = bill
            .aggregate
            .release_vat(amount)
            .map_err(AggregateError::UserError)?;
        let release = BillCommand::ReleaseRetention {
            amount,
            date,
            journal_id: journal_id.to_string(),
        };
        let mut events = self
            .store
            .decide(&mut bill, release, &(), &ctx.metadata())
            .await?;
        let label = format!(
            "{} {}",
            bill.aggregate.supplier().name,
            bill.aggregate.reference()
        );
        let lines = Bill::retention_release_lines(amount, vat);
        events.extend(
            self.system_journal(
                ctx,
                journal_id,
                date,
                format!("Retention released: {label}"),
                lines,
            )
            .await?,
        );
        self.store.commit_all(&events).await?;
        Ok(ReleasedRetention {
            release_id: journal_id.to_string(),
            journal_id: journal_id.to_string(),
            number: None,
            amount,
            vat,
            already_released: false,
        })
    }
}
