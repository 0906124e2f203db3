//! Customer invoices in the schema: `invoices` and `invoice(id)` for ledger readers
//! (`finance.ledger.read`), `raiseInvoice` for those who post journals
//! (`finance.journals.post`): issuing an invoice posts its journal.

use async_graphql::{Context, Object, ID};

use constructos_services::finance::{self as operations, Invoices};

use super::invoice_types::{Invoice, InvoiceRaised, RaiseInvoiceInput};
use crate::graphql::errors::{ask, request_id};

#[derive(Default)]
pub struct InvoiceQuery;

#[Object]
impl InvoiceQuery {
    /// Customer invoices, newest first (at most 500).
    async fn invoices(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Invoice>> {
        let rows = ask(ctx, Invoices).await?;
        Ok(rows.into_iter().map(Invoice::from).collect())
    }

    /// One customer invoice with every field of its tax invoice.
    async fn invoice(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Invoice>> {
        let row = ask(ctx, operations::Invoice { id: id.0 }).await?;
        Ok(row.map(Invoice::from))
    }
}

#[derive(Default)]
pub struct InvoiceMutation;

#[Object]
impl InvoiceMutation {
    /// Raises an invoice and issues it: it takes the next number (no gaps) and its
    /// journal is posted (Dr trade debtors and retention receivable, Cr contract
    /// revenue and VAT output) in the same transaction.
    async fn raise_invoice(
        &self,
        ctx: &Context<'_>,
        input: RaiseInvoiceInput,
    ) -> async_graphql::Result<InvoiceRaised> {
        let input: constructos_commands::finance::RaiseInvoiceInput = input.into();
        let issued = ask(ctx, input).await?;
        Ok(InvoiceRaised {
            id: ID(issued.id),
            number: issued.number,
            correlation_id: request_id(ctx),
        })
    }
}
