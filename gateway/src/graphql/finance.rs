//! The general ledger in the schema: accounts, journals, the trial balance and ledger
//! history for readers (`finance.ledger.read`), and the finance commands.

use async_graphql::{Context, Object, ID};
use chrono::NaiveDate;
use constructos_commands::finance::{
    OpenLedgerAccountInput as OpenCommand, PostJournalInput as PostCommand,
};
use constructos_domain::finance as domain;
use constructos_projections::finance::HistoryFilter;
use constructos_services::finance::{FinanceClient, FinanceRequest};

use super::errors::{call, error, request_id, service, ErrorCode};
use super::finance_types::{
    FinanceChanged, Journal, LedgerAccount, LedgerEvent, OpenLedgerAccountInput, PostJournalInput,
    TrialBalance,
};

/// The finance client the schema was built with.
pub(super) fn finance<'a>(ctx: &'a Context<'_>) -> async_graphql::Result<&'a FinanceClient> {
    ctx.data::<FinanceClient>()
}

#[derive(Default)]
pub struct FinanceQuery;

#[Object]
impl FinanceQuery {
    /// The chart of accounts, by code, with all-time debit and credit totals.
    async fn ledger_accounts(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<LedgerAccount>> {
        let rows = finance(ctx)?
            .ledger_accounts(call(ctx)?)
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(rows.into_iter().map(LedgerAccount::from).collect())
    }

    /// The trial balance as at the end of `asAt`: journals dated on or before it.
    async fn trial_balance(
        &self,
        ctx: &Context<'_>,
        as_at: NaiveDate,
    ) -> async_graphql::Result<TrialBalance> {
        let tb = finance(ctx)?
            .trial_balance(call(ctx)?, as_at)
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(tb.into())
    }

    /// One journal with its lines.
    async fn journal(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Journal>> {
        let row = finance(ctx)?
            .journal(call(ctx)?, id.0)
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(row.map(Journal::from))
    }

    /// Journals dated within `from`..=`to` (either end open), by date; at most 500.
    async fn journals(
        &self,
        ctx: &Context<'_>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> async_graphql::Result<Vec<Journal>> {
        let rows = finance(ctx)?
            .journals(call(ctx)?, from, to)
            .await
            .map_err(|e| service(ctx, e))?;
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
        let rows = finance(ctx)?
            .ledger_history(call(ctx)?, filter)
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(rows.into_iter().map(LedgerEvent::from).collect())
    }
}

#[derive(Default)]
pub struct FinanceMutation;

/// Sends a finance command; answers the id it created, else `id`.
pub(super) async fn send(
    ctx: &Context<'_>,
    request: FinanceRequest,
    id: Option<String>,
) -> async_graphql::Result<FinanceChanged> {
    let created = finance(ctx)?
        .command(call(ctx)?, request)
        .await
        .map_err(|e| service(ctx, e))?;
    Ok(FinanceChanged {
        id: ID(created.or(id).unwrap_or_default()),
        correlation_id: request_id(ctx),
    })
}

#[Object]
impl FinanceMutation {
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
        send(ctx, FinanceRequest::OpenLedgerAccount { input }, None).await
    }

    /// Renames an account; its code never changes.
    async fn rename_ledger_account(
        &self,
        ctx: &Context<'_>,
        code: String,
        name: String,
    ) -> async_graphql::Result<FinanceChanged> {
        let id = Some(code.clone());
        send(ctx, FinanceRequest::RenameLedgerAccount { code, name }, id).await
    }

    /// Closes an account to new postings (accounts are never deleted).
    async fn close_ledger_account(
        &self,
        ctx: &Context<'_>,
        code: String,
    ) -> async_graphql::Result<FinanceChanged> {
        let id = Some(code.clone());
        send(ctx, FinanceRequest::CloseLedgerAccount { code }, id).await
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
        send(ctx, FinanceRequest::PostJournal { input }, None).await
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
        let request = FinanceRequest::ReverseJournal {
            id: id.0,
            date,
            narrative,
        };
        send(ctx, request, None).await
    }

    /// Closes the period `YYYY-MM`: nothing more may be posted into it.
    async fn close_period(
        &self,
        ctx: &Context<'_>,
        period: String,
    ) -> async_graphql::Result<FinanceChanged> {
        let id = Some(period.clone());
        send(ctx, FinanceRequest::ClosePeriod { period }, id).await
    }

    /// Reopens a closed period, with a reason for the auditors.
    async fn reopen_period(
        &self,
        ctx: &Context<'_>,
        period: String,
        reason: String,
    ) -> async_graphql::Result<FinanceChanged> {
        let id = Some(period.clone());
        send(ctx, FinanceRequest::ReopenPeriod { period, reason }, id).await
    }
}
