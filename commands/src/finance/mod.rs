//! Finance commands: ledger accounts, journals and periods, every event sealed into a
//! per-stream SHA-256 hash chain; and the verifier that recomputes the chains.

mod bank;
mod bills;
mod budgets;
mod chain;
mod credit_notes;
mod invoices;
mod ledger;
mod payments;
mod service;
mod store;
mod verify;

pub use bank::{BankImport, MATCH_WINDOW_DAYS};
pub use bills::{bill_id, RecordBillInput};
pub use budgets::SetBudgetInput;
pub use chain::{canonical_json, ChainLink, GENESIS};
pub use credit_notes::{IssueCreditNoteInput, IssuedCreditNote};
pub use invoices::{demo_supplier, invoice_id_for_shipment, IssuedInvoice, RaiseInvoiceInput};
pub use payments::{AllocationInput, RecordPaymentInput};
pub use service::{FinanceCommands, OpenLedgerAccountInput, PostJournalInput};
pub use verify::{verify_ledger, BrokenLink, Verification};
