//! Finance: the general ledger in rand. A chart of accounts, balanced journals that are
//! never edited (reversed instead), and monthly periods that close.

mod account;
pub mod chart;
mod commands;
mod errors;
mod events;
mod journal;
#[cfg(test)]
mod journal_tests;
mod money;
mod period;

pub use account::{account_code, AccountStatus, AccountType, CostType, LedgerAccount};
pub use commands::{JournalCommand, LedgerAccountCommand, PeriodCommand};
pub use errors::FinanceError;
pub use events::{JournalEvent, LedgerAccountEvent, PeriodEvent};
pub use journal::{Journal, JournalLine, JournalServices, JournalSource, Ledger, Side};
pub use money::{MoneyError, Rand};
pub use period::{parse_period, period_of, FinancialCalendar, Period};

/// The aggregate type of ledger accounts (id: the account code).
pub const LEDGER_ACCOUNT_AGGREGATE: &str = "finance.ledger_account";
/// The aggregate type of journals (id: a UUIDv7).
pub const JOURNAL_AGGREGATE: &str = "finance.journal";
/// The aggregate type of accounting periods (id: `YYYY-MM`).
pub const PERIOD_AGGREGATE: &str = "finance.period";
