//! The finance service: the general ledger — accounts, journals, periods — invoices,
//! bills, credit notes, payments, bank statements, budgets and the financial reports.
//! Its operations are declared in [`operations`], one file per area; [`endpoint`]
//! serves them as `POST /v1/finance`.
//!
//! Every command needs the permission its command handler checks again (e.g.
//! `finance.journals.post`); every read needs `finance.ledger.read`, and its arguments
//! are checked ([`arguments`]) before any query runs.

pub mod anchoring;
mod arguments;
mod claims;
mod module;
pub mod operations;
mod parking;
mod payroll_costing;
mod project_budgets;
mod shipments;
mod stock_costing;

use constructos_commands::finance::FinanceCommands;
use constructos_domain::finance::{FinancialCalendar, MatchTolerance, Supplier};
use constructos_infra::Domain;
use constructos_projections::finance::{FinanceQueries, FinanceReports};
use sqlx::PgPool;

pub use claims::{
    ClaimInvoicing, Claims, ProgressClaimApproved, ProjectRetentionReleased,
    PROGRESS_CLAIM_APPROVED, PROJECT_RETENTION_RELEASED,
};
pub use module::{calendar, service, supplier, MODULE};
pub use operations::*;
pub use parking::{Attempt, Parkable, Parking, LOUD_AFTER};
pub use payroll_costing::{payroll_journal_of, PayrollCosting, PayrollCosts};
pub use project_budgets::{
    budget_of, ProjectBudgeting, ProjectBudgets, VARIATION_APPROVED, WORK_ITEM_ADDED,
};
pub use shipments::{ShipmentCompleted, ShipmentInvoicing, Shipments, SHIPMENT_COMPLETED};
pub use stock_costing::{
    journal_id_for_movement, journal_of, StockCosting, StockCosts, INVENTORY_ACCOUNT,
};

use crate::{Client, Endpoint, Service};

/// The finance service, answered from the finance database.
pub struct FinanceService {
    /// The finance database itself, for the ledger verification's walk of every chain.
    pool: PgPool,
    commands: FinanceCommands,
    queries: FinanceQueries,
    reports: FinanceReports,
}

/// The finance service as the gateway calls it.
pub type FinanceClient = Client<FinanceService>;

impl Service for FinanceService {
    const DOMAIN: Domain = Domain::Finance;
}

impl FinanceService {
    /// The service over the finance database, with periods grouped by `calendar`,
    /// showing `supplier` on the tax invoices it raises.
    pub fn new(pool: PgPool, calendar: FinancialCalendar, supplier: Supplier) -> Self {
        Self {
            pool: pool.clone(),
            commands: FinanceCommands::new(pool.clone(), calendar, supplier),
            reports: FinanceReports::new(pool.clone(), calendar),
            queries: FinanceQueries::new(pool),
        }
    }

    /// The same service matching bills with `tolerance` (three-way match).
    pub fn with_match_tolerance(mut self, tolerance: MatchTolerance) -> Self {
        self.commands = self.commands.with_match_tolerance(tolerance);
        self
    }
}

/// Every finance operation, served as `POST /v1/finance`.
pub fn endpoint(service: FinanceService) -> Endpoint<FinanceService> {
    use constructos_commands::finance as commands;
    use constructos_projections::finance::HistoryFilter;
    Endpoint::new(service)
        // The ledger.
        .with::<commands::OpenLedgerAccountInput>()
        .with::<RenameLedgerAccount>()
        .with::<CloseLedgerAccount>()
        .with::<commands::PostJournalInput>()
        .with::<ReverseJournal>()
        .with::<ClosePeriod>()
        .with::<ReopenPeriod>()
        .with::<LedgerAccounts>()
        .with::<TrialBalance>()
        .with::<Journal>()
        .with::<Journals>()
        .with::<HistoryFilter>()
        .with::<VerifyLedger>()
        // Invoices, bills and credit notes.
        .with::<commands::RaiseInvoiceInput>()
        .with::<Invoice>()
        .with::<Invoices>()
        .with::<commands::RecordBillInput>()
        .with::<Bill>()
        .with::<Bills>()
        .with::<ApproveBillMatch>()
        .with::<commands::IssueCreditNoteInput>()
        .with::<CreditNotes>()
        // Payments and what is owed.
        .with::<commands::RecordPaymentInput>()
        .with::<AllocatePayment>()
        .with::<ReleaseRetention>()
        .with::<Payments>()
        .with::<Aged>()
        // The bank.
        .with::<ImportBankStatement>()
        .with::<AutoReconcileBank>()
        .with::<ReconcileBankLine>()
        .with::<UnreconcileBankLine>()
        .with::<BankLines>()
        .with::<BankReconciliation>()
        // Budgets and the reports.
        .with::<commands::SetBudgetInput>()
        .with::<Budgets>()
        .with::<IncomeStatement>()
        .with::<BalanceSheet>()
        .with::<VatReturn>()
        .with::<ProjectCostReport>()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every operation is registered, each under its own name (a name registered twice
    /// keeps only the first, so the count would fall short).
    #[tokio::test]
    async fn the_endpoint_answers_every_operation_once() {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .connect_lazy("postgres://localhost/unused")
            .expect("lazy pool");
        let supplier = Supplier {
            name: "Test".into(),
            vat_number: "4000000000".into(),
            address: "1 Test Road".into(),
        };
        let service = FinanceService::new(pool, FinancialCalendar::default(), supplier);
        let names = endpoint(service).names();
        let expected = [
            "aged",
            "allocate_payment",
            "auto_reconcile_bank",
            "balance_sheet",
            "bank_lines",
            "bank_reconciliation",
            "bill",
            "bills",
            "close_ledger_account",
            "close_period",
            "credit_notes",
            "import_bank_statement",
            "income_statement",
            "invoice",
            "invoices",
            "issue_credit_note",
            "journal",
            "journals",
            "ledger_accounts",
            "ledger_history",
            "open_ledger_account",
            "payments",
            "post_journal",
            "project_cost_report",
            "raise_invoice",
            "reconcile_bank_line",
            "record_bill",
            "approve_bill_match",
            "record_payment",
            "release_retention",
            "rename_ledger_account",
            "reopen_period",
            "reverse_journal",
            "set_budget",
            "budgets",
            "trial_balance",
            "unreconcile_bank_line",
            "vat_return",
            "verify_ledger",
        ];
        let mut expected = expected.to_vec();
        expected.sort_unstable();
        assert_eq!(names, expected);
    }
}
