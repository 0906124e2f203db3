//! The ledger: accounts, journals and periods, the trial balance and ledger history.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::finance::{OpenLedgerAccountInput, PostJournalInput};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_projections::finance::{
    self as rows, HistoryFilter, HistoryRow, JournalRow, LedgerAccountRow,
};
use serde::{Deserialize, Serialize};

use super::{ACCOUNT_MANAGERS, JOURNAL_POSTERS, LEDGER_READERS};
use crate::finance::{arguments, FinanceService};
use crate::{Call, Handle, Operation};

/// Opens an account in the chart of accounts; answers its code.
impl Operation for OpenLedgerAccountInput {
    type Service = FinanceService;
    type Answer = String;
    const NAME: &'static str = "open_ledger_account";
    const ACCESS: Access = ACCOUNT_MANAGERS;
}

#[async_trait]
impl Handle<OpenLedgerAccountInput> for FinanceService {
    async fn handle(
        &self,
        call: &Call,
        op: OpenLedgerAccountInput,
    ) -> Result<String, CommandError> {
        self.commands.open_ledger_account(&call.context, op).await
    }
}

/// Renames an account; its code never changes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RenameLedgerAccount {
    pub code: String,
    pub name: String,
}

impl Operation for RenameLedgerAccount {
    type Service = FinanceService;
    type Answer = ();
    const NAME: &'static str = "rename_ledger_account";
    const ACCESS: Access = ACCOUNT_MANAGERS;
}

#[async_trait]
impl Handle<RenameLedgerAccount> for FinanceService {
    async fn handle(&self, call: &Call, op: RenameLedgerAccount) -> Result<(), CommandError> {
        self.commands
            .rename_ledger_account(&call.context, &op.code, op.name)
            .await
    }
}

/// Closes an account to new postings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CloseLedgerAccount {
    pub code: String,
}

impl Operation for CloseLedgerAccount {
    type Service = FinanceService;
    type Answer = ();
    const NAME: &'static str = "close_ledger_account";
    const ACCESS: Access = ACCOUNT_MANAGERS;
}

#[async_trait]
impl Handle<CloseLedgerAccount> for FinanceService {
    async fn handle(&self, call: &Call, op: CloseLedgerAccount) -> Result<(), CommandError> {
        self.commands
            .close_ledger_account(&call.context, &op.code)
            .await
    }
}

/// Posts a balanced journal; answers its new id.
impl Operation for PostJournalInput {
    type Service = FinanceService;
    type Answer = String;
    const NAME: &'static str = "post_journal";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<PostJournalInput> for FinanceService {
    async fn handle(&self, call: &Call, op: PostJournalInput) -> Result<String, CommandError> {
        self.commands.post_journal(&call.context, op).await
    }
}

/// Reverses a journal with a new one dated `date`; answers the reversing journal's id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReverseJournal {
    pub id: String,
    pub date: NaiveDate,
    pub narrative: Option<String>,
}

impl Operation for ReverseJournal {
    type Service = FinanceService;
    type Answer = String;
    const NAME: &'static str = "reverse_journal";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<ReverseJournal> for FinanceService {
    async fn handle(&self, call: &Call, op: ReverseJournal) -> Result<String, CommandError> {
        self.commands
            .reverse_journal(&call.context, &op.id, op.date, op.narrative)
            .await
    }
}

/// Closes the period `YYYY-MM`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClosePeriod {
    pub period: String,
}

impl Operation for ClosePeriod {
    type Service = FinanceService;
    type Answer = ();
    const NAME: &'static str = "close_period";
    const ACCESS: Access = Access::Requires(Permission::PeriodsClose);
}

#[async_trait]
impl Handle<ClosePeriod> for FinanceService {
    async fn handle(&self, call: &Call, op: ClosePeriod) -> Result<(), CommandError> {
        self.commands.close_period(&call.context, &op.period).await
    }
}

/// Reopens a closed period, with a reason for the auditors.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReopenPeriod {
    pub period: String,
    pub reason: String,
}

impl Operation for ReopenPeriod {
    type Service = FinanceService;
    type Answer = ();
    const NAME: &'static str = "reopen_period";
    const ACCESS: Access = Access::Requires(Permission::PeriodsReopen);
}

#[async_trait]
impl Handle<ReopenPeriod> for FinanceService {
    async fn handle(&self, call: &Call, op: ReopenPeriod) -> Result<(), CommandError> {
        self.commands
            .reopen_period(&call.context, &op.period, op.reason)
            .await
    }
}

/// The chart of accounts with all-time totals.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LedgerAccounts;

impl Operation for LedgerAccounts {
    type Service = FinanceService;
    type Answer = Vec<LedgerAccountRow>;
    const NAME: &'static str = "ledger_accounts";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<LedgerAccounts> for FinanceService {
    async fn handle(
        &self,
        _: &Call,
        _: LedgerAccounts,
    ) -> Result<Vec<LedgerAccountRow>, CommandError> {
        self.queries
            .ledger_accounts()
            .await
            .map_err(CommandError::from)
    }
}

/// The trial balance as at the end of a date.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrialBalance {
    pub as_at: NaiveDate,
}

impl Operation for TrialBalance {
    type Service = FinanceService;
    type Answer = rows::TrialBalance;
    const NAME: &'static str = "trial_balance";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<TrialBalance> for FinanceService {
    async fn handle(&self, _: &Call, op: TrialBalance) -> Result<rows::TrialBalance, CommandError> {
        let as_at = arguments::day("asAt", op.as_at)?;
        self.queries
            .trial_balance(as_at)
            .await
            .map_err(CommandError::from)
    }
}

/// One journal with its lines.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Journal {
    pub id: String,
}

impl Operation for Journal {
    type Service = FinanceService;
    type Answer = Option<JournalRow>;
    const NAME: &'static str = "journal";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<Journal> for FinanceService {
    async fn handle(&self, _: &Call, op: Journal) -> Result<Option<JournalRow>, CommandError> {
        let id = arguments::id("id", &op.id)?;
        self.queries.journal(&id).await.map_err(CommandError::from)
    }
}

/// Journals dated within `from..=to` (either end open).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Journals {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Operation for Journals {
    type Service = FinanceService;
    type Answer = Vec<JournalRow>;
    const NAME: &'static str = "journals";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<Journals> for FinanceService {
    async fn handle(&self, _: &Call, op: Journals) -> Result<Vec<JournalRow>, CommandError> {
        let from = arguments::maybe_day("from", op.from)?;
        let to = arguments::maybe_day("to", op.to)?;
        self.queries
            .journals(from, to)
            .await
            .map_err(CommandError::from)
    }
}

/// The events behind a journal, an account or a document.
impl Operation for HistoryFilter {
    type Service = FinanceService;
    type Answer = Vec<HistoryRow>;
    const NAME: &'static str = "ledger_history";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<HistoryFilter> for FinanceService {
    async fn handle(&self, _: &Call, op: HistoryFilter) -> Result<Vec<HistoryRow>, CommandError> {
        let filter = arguments::history(op)?;
        self.queries
            .ledger_history(&filter)
            .await
            .map_err(CommandError::from)
    }
}

/// Recomputes every finance hash chain and ledger anchor, as `constructos verify-ledger`
/// does, for an auditor on screen.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct VerifyLedger;

/// What the verification found: how much it checked and the first broken link or anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerVerification {
    pub streams: u64,
    pub events: u64,
    pub anchors: u64,
    /// The first broken link of a hash chain, described.
    pub broken: Option<String>,
    /// The first anchor that no longer matches the ledger, described.
    pub broken_anchor: Option<String>,
    pub checked_at: chrono::DateTime<chrono::Utc>,
}

impl Operation for VerifyLedger {
    type Service = FinanceService;
    type Answer = LedgerVerification;
    const NAME: &'static str = "verify_ledger";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<VerifyLedger> for FinanceService {
    async fn handle(&self, _: &Call, _: VerifyLedger) -> Result<LedgerVerification, CommandError> {
        let verification = constructos_commands::finance::verify_ledger(&self.pool)
            .await
            .map_err(|e| CommandError::Internal(format!("{e:#}")))?;
        let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        Ok(LedgerVerification {
            streams: count(verification.streams),
            events: count(verification.events),
            anchors: count(verification.anchors),
            broken: verification.broken.as_ref().map(ToString::to_string),
            broken_anchor: verification.broken_anchor.as_ref().map(ToString::to_string),
            checked_at: chrono::Utc::now(),
        })
    }
}
