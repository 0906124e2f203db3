//! Events of the finance domain; schemas in `schemas/events/finance/`.

use chrono::NaiveDate;
use cqrs_es::DomainEvent;
use serde::{Deserialize, Serialize};

use rust_decimal::Decimal;

use super::{
    AccountType, CostType, Customer, InvoiceLine, InvoiceTotals, JournalLine, JournalSource, Rand,
    ReleaseTaxInvoice, RetentionBasis, Supplier, VatPart,
};

/// Events of the ledger account aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LedgerAccountEvent {
    LedgerAccountOpened {
        code: String,
        name: String,
        account_type: AccountType,
        cost_type: Option<CostType>,
    },
    LedgerAccountRenamed {
        from: String,
        to: String,
    },
    LedgerAccountClosed {},
}

/// Events of the journal aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum JournalEvent {
    JournalPosted {
        date: NaiveDate,
        /// The calendar month the journal falls in, `YYYY-MM`.
        period: String,
        narrative: String,
        source: JournalSource,
        lines: Vec<JournalLine>,
        /// The journal this one reverses, when it is a reversing journal.
        reverses: Option<String>,
    },
    JournalReversed {
        /// The reversing journal's id.
        reversal_id: String,
        date: NaiveDate,
    },
}

/// Events of the period aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PeriodEvent {
    PeriodClosed {
        financial_year: i32,
        period_number: u32,
    },
    PeriodReopened {
        reason: String,
    },
}

impl DomainEvent for LedgerAccountEvent {
    fn event_type(&self) -> String {
        match self {
            LedgerAccountEvent::LedgerAccountOpened { .. } => "LedgerAccountOpened",
            LedgerAccountEvent::LedgerAccountRenamed { .. } => "LedgerAccountRenamed",
            LedgerAccountEvent::LedgerAccountClosed { .. } => "LedgerAccountClosed",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

impl DomainEvent for JournalEvent {
    fn event_type(&self) -> String {
        match self {
            JournalEvent::JournalPosted { .. } => "JournalPosted",
            JournalEvent::JournalReversed { .. } => "JournalReversed",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

impl DomainEvent for PeriodEvent {
    fn event_type(&self) -> String {
        match self {
            PeriodEvent::PeriodClosed { .. } => "PeriodClosed",
            PeriodEvent::PeriodReopened { .. } => "PeriodReopened",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// Events of the customer invoice aggregate.
// An invoice's events are few and short-lived; boxing the raised one buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InvoiceEvent {
    InvoiceRaised {
        customer: Customer,
        supplier: Supplier,
        date: NaiveDate,
        lines: Vec<InvoiceLine>,
        retention_percent: Option<Decimal>,
        totals: InvoiceTotals,
        /// The rule the retention was decided under; absent (v1): the gross rule.
        /// `EXCL_VAT` (v2): SARS's rule.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retention_basis: Option<RetentionBasis>,
        /// SARS's rule: the retained value and its deferred VAT, per treatment.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        retained: Vec<VatPart>,
    },
    InvoiceIssued {
        /// The invoice number, e.g. `INV-000042`.
        number: String,
        /// The journal that posted the invoice.
        journal_id: String,
    },
    /// A payment settled part or all of what was open.
    InvoicePaymentAllocated {
        payment_id: String,
        amount: Rand,
        date: NaiveDate,
    },
    /// A credit note reduced what was open.
    InvoiceCredited {
        credit_note_id: String,
        number: String,
        amount: Rand,
        date: NaiveDate,
    },
    /// Withheld retention (`amount`, excl. VAT under SARS's rule) was released and
    /// fell due. v2 carries the release tax invoice and the VAT now due with it.
    InvoiceRetentionReleased {
        amount: Rand,
        date: NaiveDate,
        journal_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tax_invoice: Option<ReleaseTaxInvoice>,
    },
}

/// Events of an invoice number series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum NumberingEvent {
    InvoiceNumberAssigned { number: u64, invoice_id: String },
}

impl DomainEvent for InvoiceEvent {
    fn event_type(&self) -> String {
        match self {
            InvoiceEvent::InvoiceRaised { .. } => "InvoiceRaised",
            InvoiceEvent::InvoiceIssued { .. } => "InvoiceIssued",
            InvoiceEvent::InvoicePaymentAllocated { .. } => "InvoicePaymentAllocated",
            InvoiceEvent::InvoiceCredited { .. } => "InvoiceCredited",
            InvoiceEvent::InvoiceRetentionReleased { .. } => "InvoiceRetentionReleased",
        }
        .to_string()
    }

    /// v2 for what SARS's rule decided (it carries the rule's fields), v1 otherwise.
    fn event_version(&self) -> String {
        let v2 = match self {
            InvoiceEvent::InvoiceRaised {
                retention_basis, ..
            } => retention_basis.is_some(),
            InvoiceEvent::InvoiceRetentionReleased { tax_invoice, .. } => tax_invoice.is_some(),
            _ => false,
        };
        if v2 { "2" } else { "1" }.to_string()
    }
}

impl DomainEvent for NumberingEvent {
    fn event_type(&self) -> String {
        match self {
            NumberingEvent::InvoiceNumberAssigned { .. } => "InvoiceNumberAssigned",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// Events of a project's budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BudgetEvent {
    BudgetSet {
        project_id: String,
        cost_code: String,
        /// The period the amount is budgeted for, `YYYY-MM`.
        period: String,
        amount: super::Rand,
        /// What was budgeted for the same cost code and period before (nought at first).
        previous: super::Rand,
    },
    /// An amount added to (or, negative, taken from) one line of the budget by another
    /// domain's decision; the line is now `previous + amount`, never below nought.
    BudgetLineAdded {
        project_id: String,
        cost_code: String,
        /// `YYYY-MM`.
        period: String,
        /// The change to the line: positive adds, negative takes (an omission).
        amount: super::Rand,
        /// What the line held before.
        previous: super::Rand,
        /// What the change comes from, e.g. `orders.task/2.1` or `orders.variation/VO-001`;
        /// each source is budgeted once.
        source: String,
    },
}

impl DomainEvent for BudgetEvent {
    fn event_type(&self) -> String {
        match self {
            BudgetEvent::BudgetSet { .. } => "BudgetSet",
            BudgetEvent::BudgetLineAdded { .. } => "BudgetLineAdded",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
