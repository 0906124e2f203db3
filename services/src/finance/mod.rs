//! The finance service: the general ledger — accounts, journals, periods — and its
//! read models (trial balance, ledger history).

pub mod anchoring;
mod arguments;
mod http;
mod local;
mod module;
mod remote;
mod reports;
mod shipments;

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::finance::{
    AllocationInput, BankImport, IssueCreditNoteInput, IssuedCreditNote, IssuedInvoice,
    OpenLedgerAccountInput, PostJournalInput, RaiseInvoiceInput, RecordBillInput,
    RecordPaymentInput,
};
use constructos_commands::CommandError;
use constructos_domain::finance::Rand;
use constructos_projections::finance::{
    AgedReport, AgedSide, BankLineRow, BankReconciliation, BillRow, CreditNoteRow, HistoryFilter,
    HistoryRow, InvoiceRow, JournalRow, LedgerAccountRow, PaymentRow, TrialBalance,
};
use serde::{Deserialize, Serialize};

pub use http::router;
pub use local::LocalFinance;
pub use module::{calendar, local_finance, supplier, MODULE};
pub use remote::RemoteFinance;
pub use reports::{ReportsRequest, ReportsResponse};
pub use shipments::{ShipmentCompleted, ShipmentInvoicing, SHIPMENT_COMPLETED};

use crate::Call;

/// Everything the finance service answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum FinanceRequest {
    OpenLedgerAccount {
        input: OpenLedgerAccountInput,
    },
    RenameLedgerAccount {
        code: String,
        name: String,
    },
    CloseLedgerAccount {
        code: String,
    },
    PostJournal {
        input: PostJournalInput,
    },
    ReverseJournal {
        id: String,
        date: NaiveDate,
        narrative: Option<String>,
    },
    ClosePeriod {
        period: String,
    },
    ReopenPeriod {
        period: String,
        reason: String,
    },
    LedgerAccounts,
    TrialBalance {
        as_at: NaiveDate,
    },
    Journal {
        id: String,
    },
    Journals {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    LedgerHistory {
        filter: HistoryFilter,
    },
    /// Raise and issue an invoice; `id` makes it idempotent (a new id when `None`).
    RaiseInvoice {
        id: Option<String>,
        input: RaiseInvoiceInput,
    },
    Invoice {
        id: String,
    },
    Invoices,
    RecordBill {
        input: RecordBillInput,
    },
    IssueCreditNote {
        input: IssueCreditNoteInput,
    },
    RecordPayment {
        input: RecordPaymentInput,
    },
    AllocatePayment {
        payment_id: String,
        date: NaiveDate,
        allocations: Vec<AllocationInput>,
    },
    ReleaseRetention {
        document_id: String,
        amount: Rand,
        date: NaiveDate,
    },
    Aged {
        side: AgedSide,
        as_at: NaiveDate,
    },
    Bill {
        id: String,
    },
    Bills,
    CreditNotes,
    Payments,
    ImportBankStatement {
        csv: String,
        file_name: String,
    },
    AutoReconcileBank,
    ReconcileBankLine {
        line_id: String,
        payment_id: String,
    },
    UnreconcileBankLine {
        line_id: String,
        reason: String,
    },
    BankLines {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        unreconciled_only: bool,
    },
    BankReconciliation {
        as_at: NaiveDate,
    },
    /// Budgets and the financial reports (`reports.rs`).
    Reports {
        request: ReportsRequest,
    },
}

/// The finance service's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "result", content = "value", rename_all = "snake_case")]
pub enum FinanceResponse {
    Created(String),
    Done,
    LedgerAccounts(Vec<LedgerAccountRow>),
    TrialBalance(TrialBalance),
    Journal(Option<JournalRow>),
    Journals(Vec<JournalRow>),
    LedgerHistory(Vec<HistoryRow>),
    InvoiceIssued(IssuedInvoice),
    Invoice(Option<Box<InvoiceRow>>),
    Invoices(Vec<InvoiceRow>),
    CreditNoteIssued(IssuedCreditNote),
    Aged(AgedReport),
    Bill(Option<Box<BillRow>>),
    Bills(Vec<BillRow>),
    CreditNotes(Vec<CreditNoteRow>),
    Payments(Vec<PaymentRow>),
    BankImported(BankImport),
    BankReconciled(usize),
    BankLines(Vec<BankLineRow>),
    BankReconciliation(Box<BankReconciliation>),
    Reports(Box<ReportsResponse>),
}

/// Answers finance requests, in-process or remotely.
#[async_trait]
pub trait FinanceApi: Send + Sync {
    async fn handle(
        &self,
        call: &Call,
        request: FinanceRequest,
    ) -> Result<FinanceResponse, CommandError>;
}

/// Typed calls over any [`FinanceApi`].
#[derive(Clone)]
pub struct FinanceClient {
    api: std::sync::Arc<dyn FinanceApi>,
}

fn unexpected(response: FinanceResponse) -> CommandError {
    CommandError::Internal(format!("unexpected finance response {response:?}"))
}

impl FinanceClient {
    /// A client over `api`.
    pub fn new(api: std::sync::Arc<dyn FinanceApi>) -> Self {
        Self { api }
    }

    /// Sends a command; returns the id it created, if any.
    pub async fn command(
        &self,
        call: &Call,
        request: FinanceRequest,
    ) -> Result<Option<String>, CommandError> {
        match self.api.handle(call, request).await? {
            FinanceResponse::Created(id) => Ok(Some(id)),
            FinanceResponse::Done => Ok(None),
            other => Err(unexpected(other)),
        }
    }

    /// The chart of accounts with totals.
    pub async fn ledger_accounts(
        &self,
        call: &Call,
    ) -> Result<Vec<LedgerAccountRow>, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::LedgerAccounts)
            .await?
        {
            FinanceResponse::LedgerAccounts(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// The trial balance as at a date.
    pub async fn trial_balance(
        &self,
        call: &Call,
        as_at: NaiveDate,
    ) -> Result<TrialBalance, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::TrialBalance { as_at })
            .await?
        {
            FinanceResponse::TrialBalance(tb) => Ok(tb),
            other => Err(unexpected(other)),
        }
    }

    /// One journal.
    pub async fn journal(
        &self,
        call: &Call,
        id: String,
    ) -> Result<Option<JournalRow>, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::Journal { id })
            .await?
        {
            FinanceResponse::Journal(row) => Ok(row),
            other => Err(unexpected(other)),
        }
    }

    /// Journals dated within a range.
    pub async fn journals(
        &self,
        call: &Call,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<JournalRow>, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::Journals { from, to })
            .await?
        {
            FinanceResponse::Journals(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// Raises and issues an invoice (idempotent on `id` when given).
    pub async fn raise_invoice(
        &self,
        call: &Call,
        id: Option<String>,
        input: RaiseInvoiceInput,
    ) -> Result<IssuedInvoice, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::RaiseInvoice { id, input })
            .await?
        {
            FinanceResponse::InvoiceIssued(issued) => Ok(issued),
            other => Err(unexpected(other)),
        }
    }

    /// Issues a credit note against an invoice.
    pub async fn issue_credit_note(
        &self,
        call: &Call,
        input: IssueCreditNoteInput,
    ) -> Result<IssuedCreditNote, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::IssueCreditNote { input })
            .await?
        {
            FinanceResponse::CreditNoteIssued(issued) => Ok(issued),
            other => Err(unexpected(other)),
        }
    }

    /// Aged debtors or creditors as at a date.
    pub async fn aged(
        &self,
        call: &Call,
        side: AgedSide,
        as_at: NaiveDate,
    ) -> Result<AgedReport, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::Aged { side, as_at })
            .await?
        {
            FinanceResponse::Aged(report) => Ok(report),
            other => Err(unexpected(other)),
        }
    }

    /// One supplier bill.
    pub async fn bill(&self, call: &Call, id: String) -> Result<Option<BillRow>, CommandError> {
        match self.api.handle(call, FinanceRequest::Bill { id }).await? {
            FinanceResponse::Bill(row) => Ok(row.map(|b| *b)),
            other => Err(unexpected(other)),
        }
    }

    /// Supplier bills, newest first.
    pub async fn bills(&self, call: &Call) -> Result<Vec<BillRow>, CommandError> {
        match self.api.handle(call, FinanceRequest::Bills).await? {
            FinanceResponse::Bills(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// Credit notes, newest first.
    pub async fn credit_notes(&self, call: &Call) -> Result<Vec<CreditNoteRow>, CommandError> {
        match self.api.handle(call, FinanceRequest::CreditNotes).await? {
            FinanceResponse::CreditNotes(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// Payments with their allocations, newest first.
    pub async fn payments(&self, call: &Call) -> Result<Vec<PaymentRow>, CommandError> {
        match self.api.handle(call, FinanceRequest::Payments).await? {
            FinanceResponse::Payments(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// Imports a bank statement (CSV) and reconciles what it can.
    pub async fn import_bank_statement(
        &self,
        call: &Call,
        csv: String,
        file_name: String,
    ) -> Result<BankImport, CommandError> {
        let request = FinanceRequest::ImportBankStatement { csv, file_name };
        match self.api.handle(call, request).await? {
            FinanceResponse::BankImported(import) => Ok(import),
            other => Err(unexpected(other)),
        }
    }

    /// Matches unreconciled statement lines to payments; answers how many.
    pub async fn auto_reconcile_bank(&self, call: &Call) -> Result<usize, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::AutoReconcileBank)
            .await?
        {
            FinanceResponse::BankReconciled(count) => Ok(count),
            other => Err(unexpected(other)),
        }
    }

    /// Statement lines dated within a range.
    pub async fn bank_lines(
        &self,
        call: &Call,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        unreconciled_only: bool,
    ) -> Result<Vec<BankLineRow>, CommandError> {
        let request = FinanceRequest::BankLines {
            from,
            to,
            unreconciled_only,
        };
        match self.api.handle(call, request).await? {
            FinanceResponse::BankLines(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// The bank reconciliation as at a date.
    pub async fn bank_reconciliation(
        &self,
        call: &Call,
        as_at: NaiveDate,
    ) -> Result<BankReconciliation, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::BankReconciliation { as_at })
            .await?
        {
            FinanceResponse::BankReconciliation(rec) => Ok(*rec),
            other => Err(unexpected(other)),
        }
    }

    /// One invoice.
    pub async fn invoice(
        &self,
        call: &Call,
        id: String,
    ) -> Result<Option<InvoiceRow>, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::Invoice { id })
            .await?
        {
            FinanceResponse::Invoice(row) => Ok(row.map(|r| *r)),
            other => Err(unexpected(other)),
        }
    }

    /// Invoices, newest first.
    pub async fn invoices(&self, call: &Call) -> Result<Vec<InvoiceRow>, CommandError> {
        match self.api.handle(call, FinanceRequest::Invoices).await? {
            FinanceResponse::Invoices(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// The events behind a journal or an account.
    pub async fn ledger_history(
        &self,
        call: &Call,
        filter: HistoryFilter,
    ) -> Result<Vec<HistoryRow>, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::LedgerHistory { filter })
            .await?
        {
            FinanceResponse::LedgerHistory(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }
}
