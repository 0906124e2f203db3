//! The receivables and payables types of the schema: tax credit notes, payments with
//! their allocations, and aged debtors and creditors (supplier bills: `bill_types.rs`).

use async_graphql::{Enum, InputObject, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::finance as commands;
use constructos_domain::finance as domain;
use constructos_projections::finance as rows;

use super::invoice_types::{InvoiceLineInput, InvoiceParty, TaxInvoiceLine};
use super::ledger_types::Rand;

pub use super::bill_types::{RecordBillInput, RetentionReleased, SupplierBill};

/// A credit note to issue against an issued invoice.
#[derive(InputObject)]
pub struct IssueCreditNoteInput {
    pub invoice_id: ID,
    pub date: NaiveDate,
    /// Why the customer is credited; shown on the credit note.
    pub reason: String,
    /// What is credited, priced like invoice lines.
    pub lines: Vec<InvoiceLineInput>,
}

impl From<IssueCreditNoteInput> for commands::IssueCreditNoteInput {
    fn from(input: IssueCreditNoteInput) -> Self {
        Self {
            invoice_id: input.invoice_id.0,
            date: input.date,
            reason: input.reason,
            lines: input.lines.into_iter().map(Into::into).collect(),
        }
    }
}

/// Money in (from a customer) or out (to a supplier).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::PaymentDirection")]
pub enum PaymentDirection {
    Received,
    Made,
}

/// Part of a payment settling one invoice (money received) or bill (money paid).
#[derive(InputObject)]
pub struct AllocationInput {
    pub document_id: ID,
    pub amount: Rand,
}

impl From<AllocationInput> for commands::AllocationInput {
    fn from(a: AllocationInput) -> Self {
        Self {
            document_id: a.document_id.0,
            amount: a.amount.0,
        }
    }
}

/// A payment to record.
#[derive(InputObject)]
pub struct RecordPaymentInput {
    pub direction: PaymentDirection,
    /// The customer's account (money received) or the vendor's or subcontractor's
    /// (money paid); `NOT_FOUND` when finance does not know it. The name recorded is
    /// the account's.
    pub counterparty_id: ID,
    pub date: NaiveDate,
    pub amount: Rand,
    /// The bank reference, e.g. `EFT 0042 MSUNDUZI`.
    #[graphql(default)]
    pub reference: String,
    /// What it settles now; the rest is held on account.
    #[graphql(default)]
    pub allocations: Vec<AllocationInput>,
}

impl From<RecordPaymentInput> for commands::RecordPaymentInput {
    fn from(input: RecordPaymentInput) -> Self {
        Self {
            direction: input.direction.into(),
            counterparty_id: input.counterparty_id.0,
            date: input.date,
            amount: input.amount.0,
            reference: input.reference,
            allocations: input.allocations.into_iter().map(Into::into).collect(),
        }
    }
}

/// What `issueCreditNote` answers.
#[derive(SimpleObject)]
pub struct CreditNoteIssued {
    pub id: ID,
    /// The sequential credit note number, e.g. `CN-000007`.
    pub number: String,
    pub correlation_id: String,
}

/// A tax credit note with every field SARS asks of one.
#[derive(SimpleObject)]
pub struct CreditNote {
    pub id: ID,
    /// The words the document carries: "Tax Credit Note".
    pub title: String,
    pub number: String,
    pub invoice_id: ID,
    /// The tax invoice it credits.
    pub invoice_number: String,
    pub date: NaiveDate,
    pub supplier: InvoiceParty,
    pub recipient: InvoiceParty,
    pub reason: String,
    pub lines: Vec<TaxInvoiceLine>,
    pub total_excl_vat: Rand,
    pub vat: Rand,
    pub total: Rand,
    pub journal_id: ID,
    pub issued_at: DateTime<Utc>,
    pub issued_by: Option<String>,
}

impl From<rows::CreditNoteRow> for CreditNote {
    fn from(row: rows::CreditNoteRow) -> Self {
        let t = row.totals;
        CreditNote {
            id: ID(row.id),
            title: "Tax Credit Note".to_string(),
            number: row.number,
            invoice_id: ID(row.invoice_id),
            invoice_number: row.invoice_number,
            date: row.date,
            supplier: InvoiceParty {
                account_id: None,
                name: row.supplier.name,
                address: Some(row.supplier.address),
                vat_number: Some(row.supplier.vat_number),
            },
            recipient: InvoiceParty {
                account_id: Some(ID(row.customer.account_id)),
                name: row.customer.name,
                address: row.customer.address,
                vat_number: row.customer.vat_number,
            },
            reason: row.reason,
            lines: row.lines.into_iter().map(TaxInvoiceLine::from).collect(),
            total_excl_vat: Rand(t.excl_vat),
            vat: Rand(t.vat),
            total: Rand(t.incl_vat),
            journal_id: ID(row.journal_id),
            issued_at: row.issued_at,
            issued_by: row.issued_by,
        }
    }
}

/// Part of a payment settling one document.
#[derive(SimpleObject)]
pub struct Allocation {
    pub document_id: ID,
    /// The invoice number, or the supplier's invoice number for a bill.
    pub document_number: String,
    pub amount: Rand,
    pub date: NaiveDate,
}

/// A payment with its allocations.
#[derive(SimpleObject)]
pub struct Payment {
    pub id: ID,
    pub direction: PaymentDirection,
    pub counterparty_id: ID,
    pub counterparty_name: String,
    pub date: NaiveDate,
    pub amount: Rand,
    pub reference: String,
    pub allocations: Vec<Allocation>,
    /// Not yet allocated: held on the customer's or supplier's account.
    pub unallocated: Rand,
    pub journal_id: ID,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<String>,
}

impl From<rows::PaymentRow> for Payment {
    fn from(row: rows::PaymentRow) -> Self {
        Payment {
            id: ID(row.id),
            direction: row.direction.into(),
            counterparty_id: ID(row.counterparty_id),
            counterparty_name: row.counterparty_name,
            date: row.date,
            amount: Rand(row.amount),
            reference: row.reference,
            allocations: row
                .allocations
                .into_iter()
                .map(|a| Allocation {
                    document_id: ID(a.document_id),
                    document_number: a.document_number,
                    amount: Rand(a.amount),
                    date: a.date,
                })
                .collect(),
            unallocated: Rand(row.unallocated),
            journal_id: ID(row.journal_id),
            recorded_at: row.recorded_at,
            recorded_by: row.recorded_by,
        }
    }
}

/// How old an open amount is, from its document's date.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::AgeBucket")]
pub enum AgeBucket {
    /// 0–29 days.
    Current,
    /// 30–59 days.
    Days30,
    /// 60–89 days.
    Days60,
    /// 90–119 days.
    Days90,
    /// 120 days and more.
    Days120Plus,
}

/// Open amounts by age, less what is held on account.
#[derive(SimpleObject)]
pub struct AgedAmounts {
    pub current: Rand,
    pub days30: Rand,
    pub days60: Rand,
    pub days90: Rand,
    pub days120_plus: Rand,
    /// Received (or paid) and not yet allocated.
    pub on_account: Rand,
    /// Every bucket less what is on account.
    pub total: Rand,
}

impl From<domain::AgedAmounts> for AgedAmounts {
    fn from(a: domain::AgedAmounts) -> Self {
        AgedAmounts {
            current: Rand(a.current),
            days30: Rand(a.days30),
            days60: Rand(a.days60),
            days90: Rand(a.days90),
            days120_plus: Rand(a.days120_plus),
            on_account: Rand(a.on_account),
            total: Rand(a.total()),
        }
    }
}

/// An invoice or bill with something still open.
#[derive(SimpleObject)]
pub struct OpenItem {
    pub document_id: ID,
    pub number: String,
    pub date: NaiveDate,
    pub open: Rand,
    pub bucket: AgeBucket,
}

/// One customer's or supplier's line.
#[derive(SimpleObject)]
pub struct AgedLine {
    pub counterparty_id: ID,
    pub counterparty_name: String,
    pub amounts: AgedAmounts,
    pub items: Vec<OpenItem>,
}

/// Aged debtors or creditors as at a date.
#[derive(SimpleObject)]
pub struct AgedReport {
    pub as_at: NaiveDate,
    pub lines: Vec<AgedLine>,
    pub totals: AgedAmounts,
}

impl From<rows::AgedReport> for AgedReport {
    fn from(r: rows::AgedReport) -> Self {
        AgedReport {
            as_at: r.as_at,
            lines: r
                .lines
                .into_iter()
                .map(|l| AgedLine {
                    counterparty_id: ID(l.counterparty_id),
                    counterparty_name: l.counterparty_name,
                    amounts: l.amounts.into(),
                    items: l
                        .items
                        .into_iter()
                        .map(|i| OpenItem {
                            document_id: ID(i.document_id),
                            number: i.number,
                            date: i.document_date,
                            open: Rand(i.open),
                            bucket: i.bucket.into(),
                        })
                        .collect(),
                })
                .collect(),
            totals: r.totals.into(),
        }
    }
}
