//! Customer invoices.

use async_trait::async_trait;
use constructos_commands::finance::{IssuedInvoice, RaiseInvoiceInput};
use constructos_commands::CommandError;
use constructos_domain::access::Access;
use constructos_projections::finance::InvoiceRow;
use serde::{Deserialize, Serialize};

use super::{JOURNAL_POSTERS, LEDGER_READERS};
use crate::finance::{arguments, FinanceService};
use crate::{Call, Handle, Operation};

/// Raises an invoice under a new id and issues it (its number and journal in the same
/// transaction); answers its id and number.
impl Operation for RaiseInvoiceInput {
    type Service = FinanceService;
    type Answer = IssuedInvoice;
    const NAME: &'static str = "raise_invoice";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<RaiseInvoiceInput> for FinanceService {
    async fn handle(
        &self,
        call: &Call,
        op: RaiseInvoiceInput,
    ) -> Result<IssuedInvoice, CommandError> {
        self.commands.raise_invoice(&call.context, op).await
    }
}

/// One customer invoice.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invoice {
    pub id: String,
}

impl Operation for Invoice {
    type Service = FinanceService;
    type Answer = Option<InvoiceRow>;
    const NAME: &'static str = "invoice";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<Invoice> for FinanceService {
    async fn handle(&self, _: &Call, op: Invoice) -> Result<Option<InvoiceRow>, CommandError> {
        let id = arguments::id("id", &op.id)?;
        self.queries.invoice(&id).await.map_err(CommandError::from)
    }
}

/// Customer invoices, newest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invoices;

impl Operation for Invoices {
    type Service = FinanceService;
    type Answer = Vec<InvoiceRow>;
    const NAME: &'static str = "invoices";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<Invoices> for FinanceService {
    async fn handle(&self, _: &Call, _: Invoices) -> Result<Vec<InvoiceRow>, CommandError> {
        self.queries.invoices().await.map_err(CommandError::from)
    }
}
