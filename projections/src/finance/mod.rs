//! The finance read models: ledger accounts, journals and lines, balances per account,
//! the trial balance as at any date, and the history behind every number.

mod batch;
mod invoices;
mod projection;
mod queries;
mod rows;

pub use projection::FinanceProjection;
pub use queries::{FinanceQueries, HistoryFilter};
pub use rows::{
    HistoryRow, InvoiceRow, JournalLineRow, JournalRow, LedgerAccountRow, TrialBalance,
    TrialBalanceLine,
};
