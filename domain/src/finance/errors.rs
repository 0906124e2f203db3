//! Why the finance domain refuses a command.

use super::Rand;
use crate::values::ValueError;

/// A business refusal; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinanceError {
    /// A field that does not parse into its value type (bounded text, a business date,
    /// a strict decimal); the message names the field.
    #[error(transparent)]
    Invalid(#[from] ValueError),
    #[error("{0} is required")]
    Required(&'static str),
    #[error("'{0}' is not an account code (4 digits, e.g. 1000)")]
    InvalidAccountCode(String),
    #[error("only expense accounts carry a cost type")]
    CostTypeOnNonExpense,
    #[error("the ledger account already exists")]
    AccountAlreadyExists,
    #[error("the ledger account does not exist")]
    AccountNotFound,
    #[error("the ledger account is closed")]
    AccountAlreadyClosed,
    #[error("a journal needs at least two lines")]
    TooFewLines,
    #[error("line {line}: amounts must be more than nought")]
    NonPositiveAmount { line: usize },
    #[error("the journal does not balance: debits {debits}, credits {credits}")]
    Unbalanced { debits: Rand, credits: Rand },
    #[error("account {0} does not exist")]
    UnknownAccount(String),
    #[error("account {0} is closed")]
    ClosedAccount(String),
    #[error("period {0} is closed")]
    PeriodClosed(String),
    #[error("the journal already exists")]
    JournalAlreadyPosted,
    #[error("the journal does not exist")]
    JournalNotFound,
    #[error("the journal has already been reversed")]
    AlreadyReversed,
    #[error("a reversing journal cannot itself be reversed; post a new journal instead")]
    CannotReverseAReversal,
    #[error("'{0}' is not a period (YYYY-MM)")]
    InvalidPeriod(String),
    #[error("period: {period} is outside the business calendar ({earliest} to {latest})")]
    PeriodOutsideCalendar {
        period: String,
        earliest: String,
        latest: String,
    },
    #[error("the period is already closed")]
    PeriodAlreadyClosed,
    #[error("the period is not closed")]
    PeriodNotClosed,
    #[error("an invoice needs at least one line")]
    NoInvoiceLines,
    #[error("line {line}: the quantity must be more than nought")]
    NonPositiveQuantity { line: usize },
    #[error("line {line}: the unit price must be more than nought")]
    NonPositivePrice { line: usize },
    #[error("'{0}' is not a VAT treatment (STANDARD, ZERO_RATED or EXEMPT)")]
    UnknownVatTreatment(String),
    #[error("retention of {0}% is outside 0–20%")]
    RetentionOutOfRange(String),
    #[error("retentionAmount: {asked} is outside nought to the value excl. VAT {subtotal}")]
    RetentionAmountOutOfRange { asked: Rand, subtotal: Rand },
    #[error("retentionAmount: give a retention percentage or an amount, not both")]
    RetentionAskedTwice,
    #[error("purchaseOrderId: no purchase order \"{0}\" is known")]
    PurchaseOrderNotFound(String),
    #[error("purchaseOrderId: {0}")]
    PurchaseOrderMismatch(String),
    #[error("the bill is blocked for payment by its three-way match ({0}); a finance manager may approve it")]
    BillBlocked(String),
    #[error("the bill is not blocked by its three-way match")]
    BillNotBlocked,
    #[error(
        "amount: project {project}'s invoices hold {held} of retention; {asked} cannot be released"
    )]
    ProjectRetentionShort {
        project: String,
        held: Rand,
        asked: Rand,
    },
    #[error("{0} is not a valid amount")]
    InvalidAmount(String),
    #[error("{what} comes to more than the largest amount accepted ({max})")]
    AmountTooLarge { what: String, max: Rand },
    #[error("the invoice already exists")]
    InvoiceAlreadyRaised,
    #[error("the invoice does not exist")]
    InvoiceNotFound,
    #[error("the invoice has already been issued")]
    InvoiceAlreadyIssued,
    #[error("{0} must be more than nought")]
    NotPositive(&'static str),
    #[error("over-allocation: {asked} asked but only {open} is open")]
    OverAllocation { open: Rand, asked: Rand },
    #[error("only {held} of retention is withheld; {asked} cannot be released")]
    OverRelease { held: Rand, asked: Rand },
    #[error("dated {date}, before the document's date {document_date}")]
    DatedBeforeDocument {
        date: chrono::NaiveDate,
        document_date: chrono::NaiveDate,
    },
    #[error("dated {date}, before the date of the journal it reverses {journal_date}")]
    ReversalBeforeJournal {
        date: chrono::NaiveDate,
        journal_date: chrono::NaiveDate,
    },
    #[error("the invoice has not been issued")]
    InvoiceNotIssued,
    #[error("supplier invoice {reference} from this supplier has already been recorded")]
    DuplicateSupplierInvoice { reference: String },
    #[error("the supplier bill does not exist")]
    BillNotFound,
    #[error("the payment already exists")]
    PaymentAlreadyRecorded,
    #[error("the payment does not exist")]
    PaymentNotFound,
    #[error("a payment {direction} cannot settle {document}")]
    WrongDocumentForPayment {
        direction: &'static str,
        document: &'static str,
    },
    #[error("the payment is from {payment}, the document is for {document}")]
    CounterpartyMismatch { payment: String, document: String },
    #[error("document {0} is listed more than once")]
    DocumentListedTwice(String),
    #[error("the credit note already exists")]
    CreditNoteAlreadyIssued,
    #[error("bank statement line {line}: {message}")]
    BankStatement { line: u64, message: String },
    #[error("the bank statement line does not exist")]
    BankLineNotFound,
    #[error("the bank statement line is already reconciled to payment {0}")]
    BankLineAlreadyReconciled(String),
    #[error("the bank statement line is not reconciled")]
    BankLineNotReconciled,
    #[error("the payment is already reconciled to another bank statement line")]
    PaymentAlreadyReconciled,
    #[error("the bank line is {line} but the payment is {payment} (money out is negative)")]
    ReconcileAmountMismatch { line: Rand, payment: Rand },
    #[error("the ledger cannot be consulted: {0}")]
    LedgerUnavailable(String),
    #[error("a budget cannot be negative: {0}")]
    NegativeBudget(Rand),
    #[error("the budget belongs to project {expected}, not {given}")]
    BudgetProjectMismatch { expected: String, given: String },
    #[error("shares: at least one period's amount is needed")]
    NothingToBudget,
    #[error("the budget of {cost_code} for {period} would exceed the largest amount")]
    BudgetTooLarge { cost_code: String, period: String },
    /// Finance knows no such account (from identity's events): NOT_FOUND.
    #[error("there is no customer, vendor or subcontractor account '{0}'")]
    PartyNotFound(String),
    #[error("account '{account}' is a {kind} account: {needed}")]
    WrongPartyKind {
        account: String,
        kind: &'static str,
        needed: &'static str,
    },
    #[error("account '{0}' is archived: no new documents are made out to it")]
    PartyArchived(String),
    /// No such project, or one outside the caller's row-level scope (the same answer,
    /// so a refusal does not reveal that a project exists): NOT_FOUND.
    #[error("there is no project '{0}'")]
    ProjectNotFound(String),
}

impl crate::refusal::Refusal for FinanceError {
    fn kind(&self) -> crate::refusal::RefusalKind {
        use crate::refusal::RefusalKind;
        match self {
            FinanceError::AccountNotFound
            | FinanceError::JournalNotFound
            | FinanceError::InvoiceNotFound
            | FinanceError::BillNotFound
            | FinanceError::PaymentNotFound
            | FinanceError::BankLineNotFound
            | FinanceError::PartyNotFound(_)
            | FinanceError::ProjectNotFound(_)
            | FinanceError::PurchaseOrderNotFound(_) => RefusalKind::NotFound,
            FinanceError::LedgerUnavailable(cause) => RefusalKind::Unavailable(cause.clone()),
            _ => RefusalKind::Rejected,
        }
    }
}
