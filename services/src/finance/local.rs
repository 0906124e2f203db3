//! The finance service in-process: permission checks, then the command side or the
//! read models of the finance database.

use async_trait::async_trait;
use constructos_commands::finance::FinanceCommands;
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Permission;
use constructos_domain::finance::{FinancialCalendar, Supplier};
use constructos_projections::finance::FinanceQueries;
use constructos_projections::finance::FinanceReports;
use sqlx::PgPool;

use super::{arguments, FinanceApi, FinanceRequest, FinanceResponse};
use crate::Call;

/// Finance answered from its own database.
#[derive(Clone)]
pub struct LocalFinance {
    commands: FinanceCommands,
    queries: FinanceQueries,
    reports: FinanceReports,
}

impl LocalFinance {
    /// The service over the finance database, with periods grouped by `calendar`.
    pub fn new(pool: PgPool, calendar: FinancialCalendar) -> Self {
        Self {
            commands: FinanceCommands::new(pool.clone(), calendar),
            reports: FinanceReports::new(pool.clone(), calendar),
            queries: FinanceQueries::new(pool),
        }
    }

    /// The same service, showing `supplier` on the tax invoices it raises.
    pub fn with_supplier(mut self, supplier: Supplier) -> Self {
        self.commands = self.commands.with_supplier(supplier);
        self
    }
}

fn read_failed(error: anyhow::Error) -> CommandError {
    CommandError::Internal(format!("{error:#}"))
}

/// Reads need `finance.ledger.read`; checked here, as commands check theirs.
fn may_read(ctx: &CommandContext) -> Result<(), CommandError> {
    ctx.require(Permission::LedgerRead)
}

#[async_trait]
impl FinanceApi for LocalFinance {
    async fn handle(
        &self,
        call: &Call,
        request: FinanceRequest,
    ) -> Result<FinanceResponse, CommandError> {
        let ctx = &call.context;
        let c = &self.commands;
        let created = |id: String| FinanceResponse::Created(id);
        let done = |_: ()| FinanceResponse::Done;
        match request {
            FinanceRequest::OpenLedgerAccount { input } => {
                c.open_ledger_account(ctx, input).await.map(created)
            }
            FinanceRequest::RenameLedgerAccount { code, name } => {
                c.rename_ledger_account(ctx, &code, name).await.map(done)
            }
            FinanceRequest::CloseLedgerAccount { code } => {
                c.close_ledger_account(ctx, &code).await.map(done)
            }
            FinanceRequest::PostJournal { input } => c.post_journal(ctx, input).await.map(created),
            FinanceRequest::ReverseJournal {
                id,
                date,
                narrative,
            } => c
                .reverse_journal(ctx, &id, date, narrative)
                .await
                .map(created),
            FinanceRequest::ClosePeriod { period } => c.close_period(ctx, &period).await.map(done),
            FinanceRequest::ReopenPeriod { period, reason } => {
                c.reopen_period(ctx, &period, reason).await.map(done)
            }
            FinanceRequest::RaiseInvoice { id, input } => match id {
                Some(id) => c.raise_invoice_with_id(ctx, &id, input).await,
                None => c.raise_invoice(ctx, input).await,
            }
            .map(FinanceResponse::InvoiceIssued),
            FinanceRequest::Invoice { id } => {
                may_read(ctx)?;
                let id = arguments::id("id", &id)?;
                self.queries
                    .invoice(&id)
                    .await
                    .map(|row| FinanceResponse::Invoice(row.map(Box::new)))
                    .map_err(read_failed)
            }
            FinanceRequest::RecordBill { input } => c.record_bill(ctx, input).await.map(created),
            FinanceRequest::IssueCreditNote { input } => c
                .issue_credit_note(ctx, input)
                .await
                .map(FinanceResponse::CreditNoteIssued),
            FinanceRequest::RecordPayment { input } => {
                c.record_payment(ctx, input).await.map(created)
            }
            FinanceRequest::AllocatePayment {
                payment_id,
                date,
                allocations,
            } => c
                .allocate_payment(ctx, &payment_id, date, allocations)
                .await
                .map(done),
            FinanceRequest::ReleaseRetention {
                document_id,
                amount,
                date,
            } => c
                .release_retention(ctx, &document_id, amount, date)
                .await
                .map(created),
            FinanceRequest::Aged { side, as_at } => {
                may_read(ctx)?;
                let as_at = arguments::day("asAt", as_at)?;
                let q = &self.queries;
                q.aged(side, as_at)
                    .await
                    .map(FinanceResponse::Aged)
                    .map_err(read_failed)
            }
            FinanceRequest::Bill { id } => {
                may_read(ctx)?;
                let id = arguments::id("id", &id)?;
                let q = &self.queries;
                q.bill(&id)
                    .await
                    .map(|row| FinanceResponse::Bill(row.map(Box::new)))
                    .map_err(read_failed)
            }
            FinanceRequest::Bills => {
                may_read(ctx)?;
                let q = &self.queries;
                q.bills()
                    .await
                    .map(FinanceResponse::Bills)
                    .map_err(read_failed)
            }
            FinanceRequest::CreditNotes => {
                may_read(ctx)?;
                let q = &self.queries;
                q.credit_notes()
                    .await
                    .map(FinanceResponse::CreditNotes)
                    .map_err(read_failed)
            }
            FinanceRequest::Payments => {
                may_read(ctx)?;
                let q = &self.queries;
                q.payments()
                    .await
                    .map(FinanceResponse::Payments)
                    .map_err(read_failed)
            }
            FinanceRequest::ImportBankStatement { csv, file_name } => c
                .import_bank_statement(ctx, &csv, &file_name)
                .await
                .map(FinanceResponse::BankImported),
            FinanceRequest::AutoReconcileBank => c
                .auto_reconcile_bank(ctx)
                .await
                .map(FinanceResponse::BankReconciled),
            FinanceRequest::ReconcileBankLine {
                line_id,
                payment_id,
            } => c
                .reconcile_bank_line(ctx, &line_id, &payment_id)
                .await
                .map(done),
            FinanceRequest::UnreconcileBankLine { line_id, reason } => c
                .unreconcile_bank_line(ctx, &line_id, reason)
                .await
                .map(done),
            FinanceRequest::BankLines {
                from,
                to,
                unreconciled_only,
            } => {
                may_read(ctx)?;
                let from = arguments::maybe_day("from", from)?;
                let to = arguments::maybe_day("to", to)?;
                let q = &self.queries;
                q.bank_lines(from, to, unreconciled_only)
                    .await
                    .map(FinanceResponse::BankLines)
                    .map_err(read_failed)
            }
            FinanceRequest::BankReconciliation { as_at } => {
                may_read(ctx)?;
                let as_at = arguments::day("asAt", as_at)?;
                let q = &self.queries;
                q.bank_reconciliation(as_at)
                    .await
                    .map(|r| FinanceResponse::BankReconciliation(Box::new(r)))
                    .map_err(read_failed)
            }
            FinanceRequest::Invoices => {
                may_read(ctx)?;
                self.queries
                    .invoices()
                    .await
                    .map(FinanceResponse::Invoices)
                    .map_err(read_failed)
            }
            FinanceRequest::LedgerAccounts => {
                may_read(ctx)?;
                self.queries
                    .ledger_accounts()
                    .await
                    .map(FinanceResponse::LedgerAccounts)
                    .map_err(read_failed)
            }
            FinanceRequest::TrialBalance { as_at } => {
                may_read(ctx)?;
                let as_at = arguments::day("asAt", as_at)?;
                self.queries
                    .trial_balance(as_at)
                    .await
                    .map(FinanceResponse::TrialBalance)
                    .map_err(read_failed)
            }
            FinanceRequest::Journal { id } => {
                may_read(ctx)?;
                let id = arguments::id("id", &id)?;
                self.queries
                    .journal(&id)
                    .await
                    .map(FinanceResponse::Journal)
                    .map_err(read_failed)
            }
            FinanceRequest::Journals { from, to } => {
                may_read(ctx)?;
                let from = arguments::maybe_day("from", from)?;
                let to = arguments::maybe_day("to", to)?;
                self.queries
                    .journals(from, to)
                    .await
                    .map(FinanceResponse::Journals)
                    .map_err(read_failed)
            }
            FinanceRequest::LedgerHistory { filter } => {
                may_read(ctx)?;
                let filter = arguments::history(filter)?;
                self.queries
                    .ledger_history(&filter)
                    .await
                    .map(FinanceResponse::LedgerHistory)
                    .map_err(read_failed)
            }
            FinanceRequest::Reports { request } => {
                super::reports::handle(c, &self.reports, ctx, request)
                    .await
                    .map(|r| FinanceResponse::Reports(Box::new(r)))
            }
        }
    }
}
