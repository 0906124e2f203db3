//! Payments, their allocations, retention releases, and aged debtors and creditors.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::finance::{AllocationInput, RecordPaymentInput, ReleasedRetention};
use constructos_commands::CommandError;
use constructos_domain::access::Access;
use constructos_domain::finance::Rand;
use constructos_projections::finance::{AgedReport, AgedSide, PaymentRow};
use serde::{Deserialize, Serialize};

use super::{JOURNAL_POSTERS, LEDGER_READERS};
use crate::finance::{arguments, FinanceService};
use crate::{Call, Handle, Operation};

/// Records money received or paid, allocated to invoices or bills; answers its id.
impl Operation for RecordPaymentInput {
    type Service = FinanceService;
    type Answer = String;
    const NAME: &'static str = "record_payment";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<RecordPaymentInput> for FinanceService {
    async fn handle(&self, call: &Call, op: RecordPaymentInput) -> Result<String, CommandError> {
        self.commands.record_payment(&call.context, op).await
    }
}

/// Allocates money held on account on a payment to invoices or bills.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AllocatePayment {
    pub payment_id: String,
    pub date: NaiveDate,
    pub allocations: Vec<AllocationInput>,
}

impl Operation for AllocatePayment {
    type Service = FinanceService;
    type Answer = ();
    const NAME: &'static str = "allocate_payment";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<AllocatePayment> for FinanceService {
    async fn handle(&self, call: &Call, op: AllocatePayment) -> Result<(), CommandError> {
        self.commands
            .allocate_payment(&call.context, &op.payment_id, op.date, op.allocations)
            .await
    }
}

/// Releases retention withheld on an invoice or a bill; answers the release (its
/// journal, the release tax invoice's number, the VAT).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReleaseRetention {
    pub document_id: String,
    pub amount: Rand,
    pub date: NaiveDate,
}

impl Operation for ReleaseRetention {
    type Service = FinanceService;
    type Answer = ReleasedRetention;
    const NAME: &'static str = "release_retention";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<ReleaseRetention> for FinanceService {
    async fn handle(
        &self,
        call: &Call,
        op: ReleaseRetention,
    ) -> Result<ReleasedRetention, CommandError> {
        self.commands
            .release_retention(&call.context, &op.document_id, op.amount, op.date)
            .await
    }
}

/// Payments with their allocations, newest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payments;

impl Operation for Payments {
    type Service = FinanceService;
    type Answer = Vec<PaymentRow>;
    const NAME: &'static str = "payments";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<Payments> for FinanceService {
    async fn handle(&self, _: &Call, _: Payments) -> Result<Vec<PaymentRow>, CommandError> {
        self.queries.payments().await.map_err(CommandError::from)
    }
}

/// Aged debtors or creditors as at the end of a date.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Aged {
    pub side: AgedSide,
    pub as_at: NaiveDate,
}

impl Operation for Aged {
    type Service = FinanceService;
    type Answer = AgedReport;
    const NAME: &'static str = "aged";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<Aged> for FinanceService {
    async fn handle(&self, _: &Call, op: Aged) -> Result<AgedReport, CommandError> {
        let as_at = arguments::day("asAt", op.as_at)?;
        self.queries
            .aged(op.side, as_at)
            .await
            .map_err(CommandError::from)
    }
}
