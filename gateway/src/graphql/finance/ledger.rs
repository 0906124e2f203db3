//! The general ledger in the schema: accounts, journals, the trial balance and ledger
//! history for readers (`finance.ledger.read`), and the finance commands.

use async_graphql::{Context, Object, ID};
use chrono::NaiveDate;
use constructos_commands::finance::{
    OpenLedgerAccountInput as OpenCommand, PostJournalInput as PostCommand,
};
use constructos_domain::finance as domain;
use constructos_projections::finance::HistoryFilter;
use constructos_services::finance::{
    self as operations, CloseLedgerAccount, ClosePeriod, Journals, LedgerAccounts,
    RenameLedgerAccount, ReopenPeriod, ReverseJournal,
};

use super::ledger_types::{
    FinanceChanged, Journal, LedgerAccount, LedgerEvent, LedgerVerification,
    OpenLedgerAccountInput, PostJournalInput, TrialBalance,
};
use crate::graphql::errors::{ask, error, request_id, ErrorCode};

/// What a finance command answers: the id it created or named, and the request's id.
pub(super) fn changed(ctx: &Context<'_>, id: String) -> FinanceChanged {
    FinanceChanged {
        id: ID(id),
        correlation_id: request_id(ctx),
    }
}

#[derive(Default)]
pub struct LedgerQuery;

#[Object]
impl LedgerQuery {
    /// The chart of accounts, by code, with all-time debit and credit totals.
    async fn ledger_accounts(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<LedgerAccount>> {
        let rows = ask(ctx, LedgerAccounts).await?;
        Ok(rows.into_iter().map(LedgerAccount::from).collect())
    }

    /// The trial balance as at the end of `asAt`: journals dated on or before it.
    async fn trial_balance(
        &self,
        ctx: &Context<'_>,
        as_at: NaiveDate,
    ) -> async_graphql::Result<TrialBalance> {
        let tb = ask(ctx, operations::TrialBalance { as_at }).await?;
        Ok(tb.into())
    }

    /// One journal with its lines.
    async fn journal(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Journal>> {
        let row = ask(ctx, operations::Journal { id: id.0 }).await?;
        Ok(row.map(Journal::from))
    }

    /// Journals dated within `from`..=`to` (either end open), by date; at most 500.
    async fn journals(
        &self,
        ctx: &Context<'_>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> async_graphql::Result<Vec<Journal>> {
        let rows = ask(ctx, Journals { from, to }).await?;
        Ok(rows.into_iter().map(Journal::from).collect())
    }

    /// The events behind a number, effective within `from`..=`to`, with who, when,
    /// which request and what caused each: those of a journal; of an account (its own
    /// and every journal posting to it); or of a document — an invoice, bill, credit
    /// note or payment with the journals, payments and credit notes that touched it.
    async fn ledger_history(
        &self,
        ctx: &Context<'_>,
        journal: Option<ID>,
        account: Option<String>,
        document: Option<ID>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> async_graphql::Result<Vec<LedgerEvent>> {
        let given = [journal.is_some(), account.is_some(), document.is_some()];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(error(
                ErrorCode::BadUserInput,
                "give exactly one of journal, account or document",
            ));
        }
        let filter = HistoryFilter {
            journal: journal.map(|id| id.0),
            account,
            document: document.map(|id| id.0),
            from,
            to,
        };
        let rows = ask(ctx, filter).await?;
        Ok(rows.into_iter().map(LedgerEvent::from).collect())
    }

    /// Recomputes every finance hash chain from the stored events and every ledger
    /// anchor, and names the first broken link or anchor (as `constructos verify-ledger`).
    async fn ledger_verification(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<LedgerVerification> {
        let verification = ask(ctx, operations::VerifyLedger).await?;
        Ok(verification.into())
    }
}

#[derive(Default)]
pub struct LedgerMutation;

#[Object]
impl LedgerMutation {
    /// Opens an account in the chart of accounts.
    async fn open_ledger_account(
        &self,
        ctx: &Context<'_>,
        input: OpenLedgerAccountInput,
    ) -> async_graphql::Result<FinanceChanged> {
        let input = OpenCommand {
            code: input.code,
            name: input.name,
            account_type: input.account_type.into(),
            cost_type: input.cost_type.map(Into::into),
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Renames an account; its code never changes.
    async fn rename_ledger_account(
        &self,
        ctx: &Context<'_>,
        code: String,
        name: String,
    ) -> async_graphql::Result<FinanceChanged> {
        ask(
            ctx,
            RenameLedgerAccount {
                code: code.clone(),
                name,
            },
        )
        .await?;
        Ok(changed(ctx, code))
    }

    /// Closes an account to new postings (accounts are never deleted).
    async fn close_ledger_account(
        &self,
        ctx: &Context<'_>,
        code: String,
    ) -> async_graphql::Result<FinanceChanged> {
        ask(ctx, CloseLedgerAccount { code: code.clone() }).await?;
        Ok(changed(ctx, code))
    }

    /// Posts a balanced journal; answers its id.
    async fn post_journal(
        &self,
        ctx: &Context<'_>,
        input: PostJournalInput,
    ) -> async_graphql::Result<FinanceChanged> {
        let input = PostCommand {
            date: input.date,
            narrative: input.narrative,
            source: domain::JournalSource::Manual,
            lines: input
                .lines
                .into_iter()
                .map(|l| domain::JournalLine {
                    account_code: l.account_code,
                    side: l.side.into(),
                    amount: l.amount.0,
                    project_id: l.project_id,
                    cost_code: l.cost_code,
                    site_id: l.site_id,
                })
                .collect(),
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Reverses a journal with a new journal dated `date` (debits and credits swapped);
    /// answers the reversing journal's id.
    async fn reverse_journal(
        &self,
        ctx: &Context<'_>,
        id: ID,
        date: NaiveDate,
        narrative: Option<String>,
    ) -> async_graphql::Result<FinanceChanged> {
        let reverse = ReverseJournal {
            id: id.0,
            date,
            narrative,
        };
        Ok(changed(ctx, ask(ctx, reverse).await?))
    }

    /// Closes the period `YYYY-MM`: nothing more may be posted into it.
    async fn close_period(
        &self,
        ctx: &Context<'_>,
        period: String,
    ) -> async_graphql::Result<FinanceChanged> {
        ask(
            ctx,
            ClosePeriod {
                period: period.clone(),
            },
        )
        .await?;
        Ok(changed(ctx, period))
    }

    /// Reopens a closed period, with a reason for the auditors.
    async fn reopen_period(
        &self,
        ctx: &Context<'_>,
        period: String,
        reason: String,
    ) -> async_graphql::Result<FinanceChanged> {
        let reopen = ReopenPeriod {
            period: period.clone(),
            reason,
        };
        ask(ctx, reopen).await?;
        Ok(changed(ctx, period))
    }
}
