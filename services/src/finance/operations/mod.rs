//! The finance operations, one file per area: each its input, its answer, its name and
//! who may ask, and how the service answers it. Commands take the commands crate's
//! input types (e.g. `PostJournalInput`), the ledger history its filter
//! (`HistoryFilter`); a small struct here only where neither has one.

mod bank;
mod bills;
mod budgets;
mod credit_notes;
mod invoices;
mod ledger;
mod payments;
mod reports;

pub use bank::{
    AutoReconcileBank, BankLines, BankReconciliation, ImportBankStatement, ReconcileBankLine,
    UnreconcileBankLine,
};
pub use bills::{ApproveBillMatch, Bill, Bills};
pub use budgets::Budgets;
pub use credit_notes::CreditNotes;
pub use invoices::{Invoice, Invoices};
pub use ledger::{
    CloseLedgerAccount, ClosePeriod, Journal, Journals, LedgerAccounts, LedgerVerification,
    RenameLedgerAccount, ReopenPeriod, ReverseJournal, TrialBalance, VerifyLedger,
};
pub use payments::{Aged, AllocatePayment, Payments, ReleaseRetention};
pub use reports::{BalanceSheet, IncomeStatement, ProjectCostReport, VatReturn};

use constructos_domain::access::{Access, Permission};

/// Every read: `finance.ledger.read`.
const LEDGER_READERS: Access = Access::Requires(Permission::LedgerRead);

/// Everything that posts a journal: `finance.journals.post`.
const JOURNAL_POSTERS: Access = Access::Requires(Permission::JournalsPost);

/// The chart of accounts and budgets: `finance.accounts.manage`.
const ACCOUNT_MANAGERS: Access = Access::Requires(Permission::AccountsManage);
