//! The finance command service: permission check, then the aggregate decides and its
//! events are sealed into the hash chain and appended (see `store.rs`).

use std::sync::Arc;

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::finance::{
    account_code, fitted_narrative, parse_period, AccountType, CostType, FinanceError,
    FinancialCalendar, Journal, JournalCommand, JournalLine, JournalServices, JournalSource,
    LedgerAccount, LedgerAccountCommand, MatchTolerance, Period, PeriodCommand, Supplier,
};
use constructos_domain::stored::Stored;
use constructos_domain::values::{Identifier, Narrative};
use cqrs_es::AggregateError;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use super::ledger::EventStoreLedger;
use super::store::{read_set, ChainedStore};
use crate::{CommandContext, CommandError};

/// How often a command is re-decided after losing an optimistic-concurrency race.
pub(super) const CONFLICT_RETRIES: usize = 3;

/// A new ledger account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpenLedgerAccountInput {
    pub code: String,
    pub name: String,
    pub account_type: AccountType,
    pub cost_type: Option<CostType>,
}

/// A journal to post.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PostJournalInput {
    pub date: NaiveDate,
    pub narrative: String,
    pub source: JournalSource,
    pub lines: Vec<JournalLine>,
}

/// Executes finance commands against the finance event store.
#[derive(Clone)]
pub struct FinanceCommands {
    pub(super) store: ChainedStore,
    pub(super) services: JournalServices,
    calendar: FinancialCalendar,
    pub(super) supplier: Supplier,
    /// How far a bill may differ from its purchase order and receipts (three-way match).
    pub(super) tolerance: MatchTolerance,
}

use super::failures::{logged, rejected};

impl FinanceCommands {
    /// Command handling over the finance database, with periods grouped by `calendar`,
    /// showing `supplier` (the configured company) on the tax invoices it raises.
    pub fn new(pool: PgPool, calendar: FinancialCalendar, supplier: Supplier) -> Self {
        let store = ChainedStore::new(pool);
        let ledger = EventStoreLedger {
            store: store.clone(),
        };
        Self {
            services: JournalServices::new(Arc::new(ledger)),
            store,
            calendar,
            supplier,
            tolerance: MatchTolerance::default(),
        }
    }

    /// The same commands matching bills with `tolerance` (`CONSTRUCTOS_MATCH_*`).
    pub fn with_match_tolerance(mut self, tolerance: MatchTolerance) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The finance database these commands write to.
    pub fn pool(&self) -> &PgPool {
        self.store.pool()
    }

    /// Runs `attempt` (load, decide, append as one unit) again while it loses
    /// optimistic-concurrency races, at most `retries` times, and once more when it was
    /// refused on a cached stream another process has moved on from; logs internal
    /// failures. Each attempt records its own read set ([`read_set`]).
    pub(super) async fn retrying<T, F, Fut>(
        &self,
        ctx: &CommandContext,
        aggregate: &str,
        id: &str,
        retries: usize,
        mut attempt: F,
    ) -> Result<T, CommandError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, AggregateError<FinanceError>>>,
    {
        let mut tries = 0;
        let mut rechecked = false;
        loop {
            tries += 1;
            let (result, stale) = read_set::recording(async {
                let result = attempt().await;
                let stale = match &result {
                    Err(AggregateError::UserError(_)) if !rechecked => {
                        self.store.read_anything_stale().await
                    }
                    _ => false,
                };
                (result, stale)
            })
            .await;
            if stale {
                rechecked = true;
                continue;
            }
            match result.map_err(CommandError::from) {
                Err(CommandError::Conflict) if tries < retries => continue,
                other => return other.map_err(|e| logged(e, aggregate, id, ctx)),
            }
        }
    }

    /// Decides and appends one command to one aggregate, re-deciding on a conflict.
    pub(super) async fn execute<A>(
        &self,
        ctx: &CommandContext,
        id: &str,
        command: A::Command,
        services: &A::Services,
    ) -> Result<(), CommandError>
    where
        A: Stored<Error = FinanceError>,
        A::Command: Clone,
    {
        self.retrying(ctx, A::TYPE, id, CONFLICT_RETRIES, || async {
            let mut loaded = self.store.load::<A>(id).await?;
            let events = self
                .store
                .decide(&mut loaded, command.clone(), services, &ctx.metadata())
                .await?;
            self.store.commit::<A>(&events).await
        })
        .await
    }

    /// Opens a ledger account; returns its code.
    pub async fn open_ledger_account(
        &self,
        ctx: &CommandContext,
        input: OpenLedgerAccountInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::AccountsManage)?;
        let code = account_code(&input.code).map_err(rejected)?;
        let command = LedgerAccountCommand::OpenLedgerAccount {
            code: code.clone(),
            name: input.name,
            account_type: input.account_type,
            cost_type: input.cost_type,
        };
        self.execute::<LedgerAccount>(ctx, &code, command, &())
            .await?;
        Ok(code)
    }

    /// Renames a ledger account.
    pub async fn rename_ledger_account(
        &self,
        ctx: &CommandContext,
        code: &str,
        name: String,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::AccountsManage)?;
        let code = account_code(code).map_err(rejected)?;
        let command = LedgerAccountCommand::RenameLedgerAccount { name };
        self.execute::<LedgerAccount>(ctx, &code, command, &())
            .await
    }

    /// Closes a ledger account to new postings.
    pub async fn close_ledger_account(
        &self,
        ctx: &CommandContext,
        code: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::AccountsManage)?;
        let code = account_code(code).map_err(rejected)?;
        self.execute::<LedgerAccount>(ctx, &code, LedgerAccountCommand::CloseLedgerAccount, &())
            .await
    }

    /// Posts a journal; returns its new id.
    pub async fn post_journal(
        &self,
        ctx: &CommandContext,
        input: PostJournalInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        self.check_projects(ctx, input.lines.iter().map(|l| l.project_id.as_deref()))
            .await?;
        let id = Uuid::now_v7().to_string();
        let command = JournalCommand::PostJournal {
            date: input.date,
            narrative: input.narrative,
            source: input.source,
            lines: input.lines,
            reverses: None,
        };
        self.store.mint::<Journal>(&id);
        self.execute::<Journal>(ctx, &id, command, &self.services)
            .await?;
        Ok(id)
    }

    /// Posts a journal under `id`, an id derived from what it records (a stock movement's
    /// event), so that posting it again does nothing: answers whether it was posted now.
    pub async fn post_journal_once(
        &self,
        ctx: &CommandContext,
        id: &str,
        input: PostJournalInput,
    ) -> Result<bool, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        if self.journal_exists(id).await? {
            return Ok(false);
        }
        self.check_projects(ctx, input.lines.iter().map(|l| l.project_id.as_deref()))
            .await?;
        let command = JournalCommand::PostJournal {
            date: input.date,
            narrative: input.narrative,
            source: input.source,
            lines: input.lines,
            reverses: None,
        };
        match self
            .execute::<Journal>(ctx, id, command, &self.services)
            .await
        {
            Ok(()) => Ok(true),
            // Another worker posted it between the look and the append.
            Err(e) => match self.journal_exists(id).await {
                Ok(true) => Ok(false),
                _ => Err(e),
            },
        }
    }

    async fn journal_exists(&self, id: &str) -> Result<bool, CommandError> {
        self.store
            .load::<Journal>(id)
            .await
            .map(|journal| journal.sequence > 0)
            .map_err(|e| CommandError::Internal(format!("Failed to load journal {id}: {e}")))
    }

    /// Reverses a journal: marks it reversed and posts the reversing journal (debits
    /// and credits swapped) dated `date`, both in one transaction. Returns the new id.
    pub async fn reverse_journal(
        &self,
        ctx: &CommandContext,
        journal_id: &str,
        date: NaiveDate,
        narrative: Option<String>,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        let journal_id = Identifier::parse("id", journal_id)?;
        let journal_id = journal_id.as_str();
        let narrative = Narrative::parse_optional("narrative", narrative.as_deref())?;
        let narrative = narrative.map(String::from);
        let reversal_id = Uuid::now_v7().to_string();
        self.retrying(ctx, "finance.journal", journal_id, CONFLICT_RETRIES, || {
            self.try_reverse(ctx, journal_id, &reversal_id, date, narrative.clone())
        })
        .await?;
        Ok(reversal_id)
    }

    async fn try_reverse(
        &self,
        ctx: &CommandContext,
        journal_id: &str,
        reversal_id: &str,
        date: NaiveDate,
        narrative: Option<String>,
    ) -> Result<(), AggregateError<FinanceError>> {
        let metadata = ctx.metadata();
        let mut original = self.store.load::<Journal>(journal_id).await?;
        let mut events = self
            .store
            .decide(
                &mut original,
                JournalCommand::ReverseJournal {
                    reversal_id: reversal_id.to_string(),
                    date,
                },
                &self.services,
                &metadata,
            )
            .await?;
        let narrative = narrative.unwrap_or_else(|| {
            fitted_narrative(&format!("Reversal of: {}", original.aggregate.narrative()))
        });
        let mut reversal = self.store.load::<Journal>(reversal_id).await?;
        let command = JournalCommand::PostJournal {
            date,
            narrative,
            source: JournalSource::Manual,
            lines: original.aggregate.reversing_lines(),
            reverses: Some(original.id.clone()),
        };
        events.extend(
            self.store
                .decide(&mut reversal, command, &self.services, &metadata)
                .await?,
        );
        self.store.commit::<Journal>(&events).await
    }

    /// Closes the period `YYYY-MM`.
    pub async fn close_period(
        &self,
        ctx: &CommandContext,
        period: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::PeriodsClose)?;
        let first_day = parse_period(period).map_err(rejected)?;
        let command = PeriodCommand::ClosePeriod {
            financial_year: self.calendar.financial_year(first_day),
            period_number: self.calendar.period_number(first_day),
        };
        self.execute::<Period>(ctx, period.trim(), command, &())
            .await
    }

    /// Reopens the closed period `YYYY-MM`.
    pub async fn reopen_period(
        &self,
        ctx: &CommandContext,
        period: &str,
        reason: String,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::PeriodsReopen)?;
        parse_period(period).map_err(rejected)?;
        self.execute::<Period>(
            ctx,
            period.trim(),
            PeriodCommand::ReopenPeriod { reason },
            &(),
        )
        .await
    }
}
