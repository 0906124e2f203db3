//! The finance read models: ledger accounts, journals and lines, balances per account,
//! the trial balance as at any date, and the history behind every number.

mod bank;
mod batch;
mod budgets;
mod columns;
mod invoices;
mod projection;
mod purchase_orders;
mod queries;
mod receivables;
mod references;
mod reports;
mod rows;
mod settlements;

pub use bank::{BankLineRow, BankReconciliation};
pub use projection::{FinanceProjection, FINANCE_TABLES};
pub use purchase_orders::{
    PurchaseOrderFactsProjection, PurchaseOrderLine, PURCHASE_ORDER_AGGREGATE,
};
pub use queries::{FinanceQueries, HistoryFilter};
pub use receivables::{
    AgedLine, AgedReport, AgedSide, AllocationRow, BillRow, CreditNoteRow, MatchApproval, OpenItem,
    PaymentRow,
};
pub use references::{IdentityFactsProjection, ProjectFactsProjection, FOREIGN_FACT_TABLES};
pub use reports::{BudgetRow, FinanceReports};
pub use rows::{
    HistoryRow, InvoiceRow, JournalLineRow, JournalRow, LedgerAccountRow, TrialBalance,
    TrialBalanceLine,
};
