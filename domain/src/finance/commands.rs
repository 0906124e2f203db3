//! Commands of the finance domain.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use rust_decimal::Decimal;

use super::{
    AccountType, CostType, Customer, InvoiceLineInput, JournalLine, JournalSource, Rand,
    ReleaseNumber, Supplier,
};

/// Commands to a ledger account (one per account code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LedgerAccountCommand {
    /// Open an account in the chart of accounts.
    OpenLedgerAccount {
        code: String,
        name: String,
        account_type: AccountType,
        cost_type: Option<CostType>,
    },
    /// Give the account a new name; its code never changes.
    RenameLedgerAccount { name: String },
    /// Close the account to new postings. Accounts are never deleted.
    CloseLedgerAccount,
}

/// Commands to a journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum JournalCommand {
    /// Post a balanced journal. `reverses` is set only for the reversing journal the
    /// write side posts together with [`JournalCommand::ReverseJournal`].
    PostJournal {
        date: NaiveDate,
        narrative: String,
        source: JournalSource,
        lines: Vec<JournalLine>,
        reverses: Option<String>,
    },
    /// Mark this journal reversed by the journal `reversal_id`, dated `date`.
    ReverseJournal {
        reversal_id: String,
        date: NaiveDate,
    },
}

/// Commands to an accounting period (`YYYY-MM`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PeriodCommand {
    /// Close the period: nothing more may be posted into it.
    ClosePeriod {
        financial_year: i32,
        period_number: u32,
    },
    /// Open a closed period again, with a reason for the auditors.
    ReopenPeriod { reason: String },
}

/// Commands to a customer invoice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InvoiceCommand {
    /// Raise a draft: the customer and supplier as the tax invoice shows them, the
    /// date, the lines and the retention to withhold excl. VAT: a percentage (0–20) or
    /// an amount (0 to the value excl. VAT), not both.
    RaiseInvoice {
        customer: Customer,
        supplier: Supplier,
        date: NaiveDate,
        lines: Vec<InvoiceLineInput>,
        retention_percent: Option<Decimal>,
        retention_amount: Option<Rand>,
    },
    /// Issue the invoice under `number`, posted by the journal `journal_id`.
    IssueInvoice { number: String, journal_id: String },
    /// Settle part or all of what is open with the payment `payment_id`.
    AllocatePayment {
        payment_id: String,
        amount: Rand,
        date: NaiveDate,
    },
    /// Reduce what is open by the credit note `credit_note_id`.
    ApplyCreditNote {
        credit_note_id: String,
        number: String,
        amount: Rand,
        date: NaiveDate,
    },
    /// Release withheld retention (excl. VAT): it falls due, posted by the journal
    /// `journal_id`. Under SARS's rule with its VAT, on the release tax invoice
    /// `tax_invoice` (required then; ignored for an invoice of the gross rule).
    ReleaseRetention {
        amount: Rand,
        date: NaiveDate,
        journal_id: String,
        tax_invoice: Option<ReleaseNumber>,
    },
}

/// Commands to an invoice number series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum NumberingCommand {
    /// Hand the next number to `invoice_id`.
    AssignInvoiceNumber { invoice_id: String },
}

/// Commands to a project's budget (`finance.budget`, one stream per project).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BudgetCommand {
    /// Set the budget of one cost code of the project for one period (`YYYY-MM`),
    /// replacing what was set before; the amount is nought or more.
    SetBudget {
        project_id: String,
        cost_code: String,
        period: String,
        amount: super::Rand,
    },
    /// Add to the cost code's budget what another domain decided (orders' work
    /// breakdown and approved variations): each share is added to what the cost code
    /// holds for its period, never replacing it; a negative share (an omission) takes
    /// from the cost code's latest periods first, no line below nought. `source` names
    /// what the shares come from; a source already budgeted adds nothing.
    AddToBudget {
        project_id: String,
        source: String,
        cost_code: String,
        shares: Vec<BudgetShare>,
    },
}

/// An amount for one period (`YYYY-MM`) of a cost code: positive adds, negative takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetShare {
    pub period: String,
    pub amount: super::Rand,
}
