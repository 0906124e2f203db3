//! Receivables and payables in the schema: supplier bills, credit notes, payments and
//! their allocations, retention releases, and aged debtors and creditors. Reads need
//! `finance.ledger.read`; every command posts a journal and needs
//! `finance.journals.post`.

use async_graphql::{Context, Object, ID};
use chrono::NaiveDate;
use constructos_projections::finance::AgedSide;
use constructos_services::finance::FinanceRequest;

use super::errors::{call, request_id, service};
use super::finance::finance;
use super::finance::send;
use super::finance_types::{FinanceChanged, Rand};
use super::settlement_types::{
    AgedReport, AllocationInput, CreditNote, CreditNoteIssued, IssueCreditNoteInput, Payment,
    RecordBillInput, RecordPaymentInput, SupplierBill,
};

async fn aged(
    ctx: &Context<'_>,
    side: AgedSide,
    as_at: NaiveDate,
) -> async_graphql::Result<AgedReport> {
    let report = finance(ctx)?
        .aged(call(ctx)?, side, as_at)
        .await
        .map_err(|e| service(ctx, e))?;
    Ok(report.into())
}

#[derive(Default)]
pub struct SettlementQuery;

#[Object]
impl SettlementQuery {
    /// What customers owe as at the end of `asAt`, by age of invoice (current, 30, 60,
    /// 90, 120+ days), less money received and not yet allocated.
    async fn aged_debtors(
        &self,
        ctx: &Context<'_>,
        as_at: NaiveDate,
    ) -> async_graphql::Result<AgedReport> {
        aged(ctx, AgedSide::Debtors, as_at).await
    }

    /// What is owed to suppliers as at the end of `asAt`, by age of bill, less money
    /// paid and not yet allocated.
    async fn aged_creditors(
        &self,
        ctx: &Context<'_>,
        as_at: NaiveDate,
    ) -> async_graphql::Result<AgedReport> {
        aged(ctx, AgedSide::Creditors, as_at).await
    }

    /// Supplier bills, newest first (at most 500).
    async fn bills(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<SupplierBill>> {
        let rows = finance(ctx)?
            .bills(call(ctx)?)
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(rows.into_iter().map(SupplierBill::from).collect())
    }

    /// One supplier bill.
    async fn bill(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<SupplierBill>> {
        let row = finance(ctx)?
            .bill(call(ctx)?, id.0)
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(row.map(SupplierBill::from))
    }

    /// Credit notes, newest first (at most 500).
    async fn credit_notes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CreditNote>> {
        let rows = finance(ctx)?
            .credit_notes(call(ctx)?)
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(rows.into_iter().map(CreditNote::from).collect())
    }

    /// Payments in and out with their allocations, newest first (at most 500).
    async fn payments(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Payment>> {
        let rows = finance(ctx)?
            .payments(call(ctx)?)
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(rows.into_iter().map(Payment::from).collect())
    }
}

#[derive(Default)]
pub struct SettlementMutation;

#[Object]
impl SettlementMutation {
    /// Records a supplier's tax invoice and posts it (Dr each line's account and VAT
    /// input; Cr trade creditors and retention payable). Answers the bill's id; the
    /// same supplier invoice number from the same supplier is refused.
    async fn record_bill(
        &self,
        ctx: &Context<'_>,
        input: RecordBillInput,
    ) -> async_graphql::Result<FinanceChanged> {
        send(
            ctx,
            FinanceRequest::RecordBill {
                input: input.into(),
            },
            None,
        )
        .await
    }

    /// Issues a tax credit note against an issued invoice (at most what is open on it):
    /// numbered from its own series, posting Dr contract revenue and VAT output, Cr
    /// trade debtors.
    async fn issue_credit_note(
        &self,
        ctx: &Context<'_>,
        input: IssueCreditNoteInput,
    ) -> async_graphql::Result<CreditNoteIssued> {
        let issued = finance(ctx)?
            .issue_credit_note(call(ctx)?, input.into())
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(CreditNoteIssued {
            id: ID(issued.id),
            number: issued.number,
            correlation_id: request_id(ctx),
        })
    }

    /// Records money received or paid, allocated to invoices or bills; what is not
    /// allocated is held on account. Answers the payment's id.
    async fn record_payment(
        &self,
        ctx: &Context<'_>,
        input: RecordPaymentInput,
    ) -> async_graphql::Result<FinanceChanged> {
        send(
            ctx,
            FinanceRequest::RecordPayment {
                input: input.into(),
            },
            None,
        )
        .await
    }

    /// Allocates money held on account on a payment to invoices or bills.
    async fn allocate_payment(
        &self,
        ctx: &Context<'_>,
        payment_id: ID,
        date: NaiveDate,
        allocations: Vec<AllocationInput>,
    ) -> async_graphql::Result<FinanceChanged> {
        let id = payment_id.0.clone();
        let request = FinanceRequest::AllocatePayment {
            payment_id: payment_id.0,
            date,
            allocations: allocations.into_iter().map(Into::into).collect(),
        };
        send(ctx, request, Some(id)).await
    }

    /// Releases retention withheld on an invoice (Dr trade debtors, Cr retention
    /// receivable) or a bill (Dr retention payable, Cr trade creditors). Answers the
    /// journal's id.
    async fn release_retention(
        &self,
        ctx: &Context<'_>,
        document_id: ID,
        amount: Rand,
        date: NaiveDate,
    ) -> async_graphql::Result<FinanceChanged> {
        let request = FinanceRequest::ReleaseRetention {
            document_id: document_id.0,
            amount: amount.0,
            date,
        };
        send(ctx, request, None).await
    }
}
