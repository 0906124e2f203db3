//! Bank statements and their reconciliation with payments.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::finance::BankImport;
use constructos_commands::CommandError;
use constructos_domain::access::Access;
use constructos_projections::finance::{self as rows, BankLineRow};
use serde::{Deserialize, Serialize};

use super::{JOURNAL_POSTERS, LEDGER_READERS};
use crate::finance::{arguments, FinanceService};
use crate::{Call, Handle, Operation};

/// Imports a bank statement (CSV) and reconciles what it can.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportBankStatement {
    pub csv: String,
    pub file_name: String,
}

impl Operation for ImportBankStatement {
    type Service = FinanceService;
    type Answer = BankImport;
    const NAME: &'static str = "import_bank_statement";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<ImportBankStatement> for FinanceService {
    async fn handle(
        &self,
        call: &Call,
        op: ImportBankStatement,
    ) -> Result<BankImport, CommandError> {
        self.commands
            .import_bank_statement(&call.context, &op.csv, &op.file_name)
            .await
    }
}

/// Matches unreconciled statement lines to payments; answers how many.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AutoReconcileBank;

impl Operation for AutoReconcileBank {
    type Service = FinanceService;
    type Answer = usize;
    const NAME: &'static str = "auto_reconcile_bank";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<AutoReconcileBank> for FinanceService {
    async fn handle(&self, call: &Call, _: AutoReconcileBank) -> Result<usize, CommandError> {
        self.commands.auto_reconcile_bank(&call.context).await
    }
}

/// Reconciles a statement line with a payment of the same signed amount.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReconcileBankLine {
    pub line_id: String,
    pub payment_id: String,
}

impl Operation for ReconcileBankLine {
    type Service = FinanceService;
    type Answer = ();
    const NAME: &'static str = "reconcile_bank_line";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<ReconcileBankLine> for FinanceService {
    async fn handle(&self, call: &Call, op: ReconcileBankLine) -> Result<(), CommandError> {
        self.commands
            .reconcile_bank_line(&call.context, &op.line_id, &op.payment_id)
            .await
    }
}

/// Undoes a reconciliation made in error, with a reason for the auditors.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnreconcileBankLine {
    pub line_id: String,
    pub reason: String,
}

impl Operation for UnreconcileBankLine {
    type Service = FinanceService;
    type Answer = ();
    const NAME: &'static str = "unreconcile_bank_line";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<UnreconcileBankLine> for FinanceService {
    async fn handle(&self, call: &Call, op: UnreconcileBankLine) -> Result<(), CommandError> {
        self.commands
            .unreconcile_bank_line(&call.context, &op.line_id, op.reason)
            .await
    }
}

/// Statement lines dated within `from..=to` (either end open).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BankLines {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub unreconciled_only: bool,
}

impl Operation for BankLines {
    type Service = FinanceService;
    type Answer = Vec<BankLineRow>;
    const NAME: &'static str = "bank_lines";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<BankLines> for FinanceService {
    async fn handle(&self, _: &Call, op: BankLines) -> Result<Vec<BankLineRow>, CommandError> {
        let from = arguments::maybe_day("from", op.from)?;
        let to = arguments::maybe_day("to", op.to)?;
        self.queries
            .bank_lines(from, to, op.unreconciled_only)
            .await
            .map_err(CommandError::from)
    }
}

/// The bank reconciliation as at the end of a date.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BankReconciliation {
    pub as_at: NaiveDate,
}

impl Operation for BankReconciliation {
    type Service = FinanceService;
    type Answer = rows::BankReconciliation;
    const NAME: &'static str = "bank_reconciliation";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<BankReconciliation> for FinanceService {
    async fn handle(
        &self,
        _: &Call,
        op: BankReconciliation,
    ) -> Result<rows::BankReconciliation, CommandError> {
        let as_at = arguments::day("asAt", op.as_at)?;
        self.queries
            .bank_reconciliation(as_at)
            .await
            .map_err(CommandError::from)
    }
}
