//! Finance in the schema: the ledger, invoices, receivables and payables, the bank, and
//! budgets and the reports, each area its roots and its types. [`FinanceQuery`] and
//! [`FinanceMutation`] merge them, so the schema's roots name finance once. Every
//! resolver asks the finance service (`ask`), which checks the permission and the
//! arguments.

mod bank;
pub(crate) mod invoice_types;
mod invoices;
mod ledger;
mod ledger_types;
mod report_types;
mod reports;
mod settlement_types;
mod settlements;

/// The amount and decimal scalars, which the other domains' types use too.
pub(crate) use invoice_types::Decimal;
pub(crate) use ledger_types::Rand;

use async_graphql::MergedObject;
use constructos_domain::access::{Access, Permission};

/// Every finance query field.
#[derive(MergedObject, Default)]
pub struct FinanceQuery(
    ledger::LedgerQuery,
    invoices::InvoiceQuery,
    settlements::SettlementQuery,
    bank::BankQuery,
    reports::ReportsQuery,
);

/// Every finance mutation.
#[derive(MergedObject, Default)]
pub struct FinanceMutation(
    ledger::LedgerMutation,
    invoices::InvoiceMutation,
    settlements::SettlementMutation,
    bank::BankMutation,
    reports::ReportsMutation,
);

/// What each of finance's root fields needs (checked by the field guard before it runs).
pub const RULES: &[(&str, Access)] = &[
    (
        "Mutation.openLedgerAccount",
        Access::Requires(Permission::AccountsManage),
    ),
    (
        "Mutation.renameLedgerAccount",
        Access::Requires(Permission::AccountsManage),
    ),
    (
        "Mutation.closeLedgerAccount",
        Access::Requires(Permission::AccountsManage),
    ),
    (
        "Query.ledgerAccounts",
        Access::Requires(Permission::LedgerRead),
    ),
    (
        "Query.trialBalance",
        Access::Requires(Permission::LedgerRead),
    ),
    ("Query.journal", Access::Requires(Permission::LedgerRead)),
    ("Query.journals", Access::Requires(Permission::LedgerRead)),
    (
        "Query.ledgerHistory",
        Access::Requires(Permission::LedgerRead),
    ),
    (
        "Query.ledgerVerification",
        Access::Requires(Permission::LedgerRead),
    ),
    (
        "Mutation.postJournal",
        Access::Requires(Permission::JournalsPost),
    ),
    (
        "Mutation.reverseJournal",
        Access::Requires(Permission::JournalsPost),
    ),
    (
        "Mutation.closePeriod",
        Access::Requires(Permission::PeriodsClose),
    ),
    (
        "Mutation.reopenPeriod",
        Access::Requires(Permission::PeriodsReopen),
    ),
    ("Query.invoices", Access::Requires(Permission::LedgerRead)),
    ("Query.invoice", Access::Requires(Permission::LedgerRead)),
    (
        "Mutation.raiseInvoice",
        Access::Requires(Permission::JournalsPost),
    ),
    (
        "Query.agedDebtors",
        Access::Requires(Permission::LedgerRead),
    ),
    (
        "Query.agedCreditors",
        Access::Requires(Permission::LedgerRead),
    ),
    ("Query.bills", Access::Requires(Permission::LedgerRead)),
    ("Query.bill", Access::Requires(Permission::LedgerRead)),
    (
        "Query.creditNotes",
        Access::Requires(Permission::LedgerRead),
    ),
    ("Query.payments", Access::Requires(Permission::LedgerRead)),
    (
        "Mutation.recordBill",
        Access::Requires(Permission::JournalsPost),
    ),
    (
        "Mutation.issueCreditNote",
        Access::Requires(Permission::JournalsPost),
    ),
    (
        "Mutation.recordPayment",
        Access::Requires(Permission::JournalsPost),
    ),
    (
        "Mutation.allocatePayment",
        Access::Requires(Permission::JournalsPost),
    ),
    (
        "Mutation.releaseRetention",
        Access::Requires(Permission::JournalsPost),
    ),
    ("Query.bankLines", Access::Requires(Permission::LedgerRead)),
    (
        "Query.bankReconciliation",
        Access::Requires(Permission::LedgerRead),
    ),
    (
        "Mutation.importBankStatement",
        Access::Requires(Permission::JournalsPost),
    ),
    (
        "Mutation.autoReconcileBank",
        Access::Requires(Permission::JournalsPost),
    ),
    (
        "Mutation.reconcileBankLine",
        Access::Requires(Permission::JournalsPost),
    ),
    (
        "Mutation.unreconcileBankLine",
        Access::Requires(Permission::JournalsPost),
    ),
    // Financial reports and budgets (`finance_reports.rs`).
    (
        "Query.incomeStatement",
        Access::Requires(Permission::LedgerRead),
    ),
    (
        "Query.balanceSheet",
        Access::Requires(Permission::LedgerRead),
    ),
    ("Query.vatReturn", Access::Requires(Permission::LedgerRead)),
    (
        "Query.projectCostReport",
        Access::Requires(Permission::LedgerRead),
    ),
    ("Query.budgets", Access::Requires(Permission::LedgerRead)),
    (
        "Mutation.setBudget",
        Access::Requires(Permission::AccountsManage),
    ),
];
