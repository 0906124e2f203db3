//! Finance commands: ledger accounts, journals and periods, every event sealed into a
//! per-stream SHA-256 hash chain; and the verifier that recomputes the chains.

mod budgets;
mod chain;
mod invoices;
mod ledger;
mod service;
mod store;
mod verify;

pub use budgets::SetBudgetInput;
pub use chain::{canonical_json, ChainLink, GENESIS};
pub use invoices::{demo_supplier, invoice_id_for_shipment, IssuedInvoice, RaiseInvoiceInput};
pub use service::{FinanceCommands, OpenLedgerAccountInput, PostJournalInput};
pub use verify::{verify_ledger, BrokenLink, Verification};
