//! Finance commands: ledger accounts, journals and periods, every event sealed into a
//! per-stream SHA-256 hash chain; the daily ledger anchor over all streams; and the
//! verifier that recomputes the chains and the anchors.

mod anchor;
mod anchor_check;
mod bank;
mod bills;
mod budgets;
mod chain;
mod credit_notes;
mod failures;
mod invoices;
mod ledger;
mod matching;
mod payments;
mod references;
mod retention;
mod service;
mod store;
mod verify;

pub use anchor::{
    anchor_days_through, anchor_digest, anchor_ledger_at, coverage_at, cutoff_text, next_midnight,
    AnchorOutcome, Anchored, Coverage, Heads, ANCHOR_SUBJECT,
};
pub use anchor_check::{check_anchors, AnchorCheck, BrokenAnchor};
pub use bank::{BankImport, MATCH_WINDOW_DAYS};
pub use bills::{bill_id, RecordBillInput};
pub use budgets::{AddToBudgetInput, SetBudgetInput};
pub use chain::{canonical_json, ChainLink, GENESIS};
pub use credit_notes::{IssueCreditNoteInput, IssuedCreditNote};
pub use invoices::{invoice_id_for_shipment, IssuedInvoice, RaiseInvoiceInput};
pub use payments::{AllocationInput, RecordPaymentInput};
pub use retention::{invoice_id_for_claim, release_id_for_project_release, ReleasedRetention};
pub use service::{FinanceCommands, OpenLedgerAccountInput, PostJournalInput};
pub use verify::{verify_ledger, BrokenLink, Verification};
