//! Finance: the general ledger in rand. A chart of accounts, balanced journals that are
//! never edited (reversed instead), and monthly periods that close.

mod account;
mod aging;
mod anchor;
mod bank;
mod bill;
pub mod chart;
mod commands;
mod credit_note;
mod errors;
mod events;
mod fields;
mod ids;
mod invoice;
mod journal;
mod matching;
mod money;
mod numbering;
mod payment;
mod period;
mod references;
mod retention;
mod settlement;
mod vat;

pub use account::{account_code, AccountStatus, AccountType, CostType, LedgerAccount};
pub use aging::{age_bucket, AgeBucket, AgedAmounts};
pub use anchor::{
    AnchorError, LastAnchor, LedgerAnchor, LedgerAnchorCommand, LedgerAnchorEvent,
    FIRST_PREVIOUS_DIGEST, LEDGER_ANCHOR_STREAM,
};
pub use bank::{
    parse_statement, reference_matches, BankAccount, BankCommand, BankEvent, BankLine,
    OpenBankLine, ReconcileMethod, StatementLine, BANK_ACCOUNT_AGGREGATE, MAX_STATEMENT_LINES,
};
pub use bill::{
    bill_totals, normalized_reference, price_bill_lines, Bill, BillCommand, BillEvent, BillLine,
    BillLineInput, BillSupplier, BILL_AGGREGATE, RETENTION_PAYABLE, TRADE_CREDITORS, VAT_INPUT,
};
pub use commands::{
    InvoiceCommand, JournalCommand, LedgerAccountCommand, NumberingCommand, PeriodCommand,
};
pub use credit_note::{
    CreditNote, CreditNoteCommand, CreditNoteEvent, CREDIT_NOTE_AGGREGATE, CREDIT_NOTE_SERIES,
};
pub use errors::FinanceError;
pub use events::{InvoiceEvent, JournalEvent, LedgerAccountEvent, NumberingEvent, PeriodEvent};
pub use fields::fitted_narrative;
pub use ids::{derived_id, invoice_id_for_claim};
pub use invoice::{
    price_lines, totals, Customer, Invoice, InvoiceLine, InvoiceLineInput, InvoiceTotals, Supplier,
    CONTRACT_REVENUE, RETENTION_RECEIVABLE, TRADE_DEBTORS, VAT_OUTPUT,
};
pub use journal::{Journal, JournalLine, JournalServices, JournalSource, Ledger, Side};
pub use matching::{
    blocked_reasons, match_lines, BilledLine, LineMatch, MatchStatus, MatchTolerance,
    OrderLineFacts,
};
pub use money::{MoneyError, Rand};
pub use numbering::{invoice_number, InvoiceNumbering, INVOICE_SERIES};
pub use payment::{
    Payment, PaymentCommand, PaymentDirection, PaymentEvent, BANK, PAYMENT_AGGREGATE,
};
pub use period::{parse_period, period_of, FinancialCalendar, Period};
pub use references::{address_text, known_account, KnownAccount};
pub use retention::{
    release as release_retention_parts, retention_amount, supplies as vat_supplies,
    withhold as withhold_retention, ReleaseNumber, ReleaseTaxInvoice, ReleasedVat, RetentionAsked,
    RetentionBasis, VatPart,
};
pub use settlement::{check_not_before, OpenBalance};
pub use vat::{
    gross_retention, line_value, line_vat, round_to_cent, VatTreatment, MAX_RETENTION_PERCENT,
};

/// The aggregate type of ledger accounts (id: the account code).
pub const LEDGER_ACCOUNT_AGGREGATE: &str = "finance.ledger_account";
/// The aggregate type of journals (id: a UUIDv7).
pub const JOURNAL_AGGREGATE: &str = "finance.journal";
/// The aggregate type of accounting periods (id: `YYYY-MM`).
pub const PERIOD_AGGREGATE: &str = "finance.period";
/// The aggregate type of customer invoices (id: a UUID, v5 of the source when derived).
pub const INVOICE_AGGREGATE: &str = "finance.invoice";
/// The aggregate type of invoice number series (id: the series, `INV`).
pub const INVOICE_NUMBERING_AGGREGATE: &str = "finance.invoice_numbering";
/// The aggregate type of the daily ledger anchors (one stream, id `ledger`).
pub const LEDGER_ANCHOR_AGGREGATE: &str = "finance.ledger_anchor";

mod books;
mod budget;
mod project_costs;
mod statements;

pub use books::Books;
pub use budget::{phase_over_months, Budget};
pub use commands::{BudgetCommand, BudgetShare};
pub use events::BudgetEvent;
pub use project_costs::{project_cost_report, CostFigure, ProjectCostLine, ProjectCostReport};
pub use statements::{
    balance_sheet, financial_year_start, income_statement, vat_return, AccountBalance,
    BalanceSheet, CostTypeAmount, IncomeStatement, ReportLine, VatReturn, VatSupplies, COST_TYPES,
};

/// The aggregate type of project budgets (id: the project id).
pub const BUDGET_AGGREGATE: &str = "finance.budget";

#[cfg(test)]
mod tests;
