//! Supplier bills.

use async_trait::async_trait;
use constructos_commands::finance::RecordBillInput;
use constructos_commands::CommandError;
use constructos_domain::access::Access;
use constructos_projections::finance::BillRow;
use serde::{Deserialize, Serialize};

use super::{ACCOUNT_MANAGERS, JOURNAL_POSTERS, LEDGER_READERS};
use crate::finance::{arguments, FinanceService};
use crate::{Call, Handle, Operation};

/// Records a supplier's tax invoice and posts it; answers the bill's id.
impl Operation for RecordBillInput {
    type Service = FinanceService;
    type Answer = String;
    const NAME: &'static str = "record_bill";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<RecordBillInput> for FinanceService {
    async fn handle(&self, call: &Call, op: RecordBillInput) -> Result<String, CommandError> {
        self.commands.record_bill(&call.context, op).await
    }
}

/// One supplier bill.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bill {
    pub id: String,
}

impl Operation for Bill {
    type Service = FinanceService;
    type Answer = Option<BillRow>;
    const NAME: &'static str = "bill";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<Bill> for FinanceService {
    async fn handle(&self, _: &Call, op: Bill) -> Result<Option<BillRow>, CommandError> {
        let id = arguments::id("id", &op.id)?;
        self.queries.bill(&id).await.map_err(CommandError::from)
    }
}

/// Supplier bills, newest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bills;

impl Operation for Bills {
    type Service = FinanceService;
    type Answer = Vec<BillRow>;
    const NAME: &'static str = "bills";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<Bills> for FinanceService {
    async fn handle(&self, _: &Call, _: Bills) -> Result<Vec<BillRow>, CommandError> {
        self.queries.bills().await.map_err(CommandError::from)
    }
}

/// Releases a bill its three-way match blocked for payment, with the reason; answers
/// the bill's id. A finance manager's decision (`finance.accounts.manage`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApproveBillMatch {
    pub bill_id: String,
    pub reason: String,
}

impl Operation for ApproveBillMatch {
    type Service = FinanceService;
    type Answer = String;
    const NAME: &'static str = "approve_bill_match";
    const ACCESS: Access = ACCOUNT_MANAGERS;
}

#[async_trait]
impl Handle<ApproveBillMatch> for FinanceService {
    async fn handle(&self, call: &Call, op: ApproveBillMatch) -> Result<String, CommandError> {
        self.commands
            .approve_bill_match(&call.context, &op.bill_id, &op.reason)
            .await?;
        Ok(op.bill_id)
    }
}
