//! Finance in the schema: the ledger, invoices, receivables and payables, the bank, and
//! budgets and the reports, each area its roots and its types. [`FinanceQuery`] and
//! [`FinanceMutation`] merge them, so the schema's roots name finance once. Every
//! resolver asks the finance service (`ask`), which checks the permission and the
//! arguments.

mod bank;
mod invoice_types;
mod invoices;
mod ledger;
mod ledger_types;
pub(crate) mod rand;
mod report_types;
mod reports;
mod settlement_types;
mod settlements;

use async_graphql::MergedObject;

/// Every finance query field.
#[derive(MergedObject, Default)]
pub struct FinanceQuery(
    ledger::LedgerQuery,
    invoices::InvoiceQuery,
    settlements::SettlementQuery,
    bank::BankQuery,
    reports::ReportsQuery,
);

/// Every finance mutation.
#[derive(MergedObject, Default)]
pub struct FinanceMutation(
    ledger::LedgerMutation,
    invoices::InvoiceMutation,
    settlements::SettlementMutation,
    bank::BankMutation,
    reports::ReportsMutation,
);
