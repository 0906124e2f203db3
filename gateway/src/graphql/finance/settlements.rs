//! Receivables and payables in the schema: supplier bills, credit notes, payments and
//! their allocations, retention releases, and aged debtors and creditors. Reads need
//! `finance.ledger.read`; every command posts a journal and needs
//! `finance.journals.post`.

use async_graphql::{Context, Object, ID};
use chrono::NaiveDate;
use constructos_commands::finance as commands;
use constructos_projections::finance::AgedSide;
use constructos_services::finance::{
    self as operations, Aged, AllocatePayment, ApproveBillMatch, Bills, CreditNotes, Payments,
    ReleaseRetention,
};

use super::ledger::changed;
use super::ledger_types::{FinanceChanged, Rand};
use crate::graphql::errors::{ask, request_id};

use super::settlement_types::{
    AgedReport, AllocationInput, CreditNote, CreditNoteIssued, IssueCreditNoteInput, Payment,
    RecordBillInput, RecordPaymentInput, RetentionReleased, SupplierBill,
};

async fn aged(
    ctx: &Context<'_>,
    side: AgedSide,
    as_at: NaiveDate,
) -> async_graphql::Result<AgedReport> {
    let report = ask(ctx, Aged { side, as_at }).await?;
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
        let rows = ask(ctx, Bills).await?;
        Ok(rows.into_iter().map(SupplierBill::from).collect())
    }

    /// One supplier bill.
    async fn bill(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<SupplierBill>> {
        let row = ask(ctx, operations::Bill { id: id.0 }).await?;
        Ok(row.map(SupplierBill::from))
    }

    /// Credit notes, newest first (at most 500).
    async fn credit_notes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CreditNote>> {
        let rows = ask(ctx, CreditNotes).await?;
        Ok(rows.into_iter().map(CreditNote::from).collect())
    }

    /// Payments in and out with their allocations, newest first (at most 500).
    async fn payments(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Payment>> {
        let rows = ask(ctx, Payments).await?;
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
        let input: commands::RecordBillInput = input.into();
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Releases a bill its three-way match blocked for payment, with the reason (a
    /// finance manager's decision: `finance.accounts.manage`). Answers the bill's id.
    async fn approve_bill_match(
        &self,
        ctx: &Context<'_>,
        bill_id: ID,
        reason: String,
    ) -> async_graphql::Result<FinanceChanged> {
        let approve = ApproveBillMatch {
            bill_id: bill_id.0,
            reason,
        };
        Ok(changed(ctx, ask(ctx, approve).await?))
    }

    /// Issues a tax credit note against an issued invoice (at most what is open on it):
    /// numbered from its own series, posting Dr contract revenue and VAT output, Cr
    /// trade debtors.
    async fn issue_credit_note(
        &self,
        ctx: &Context<'_>,
        input: IssueCreditNoteInput,
    ) -> async_graphql::Result<CreditNoteIssued> {
        let input: commands::IssueCreditNoteInput = input.into();
        let issued = ask(ctx, input).await?;
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
        let input: commands::RecordPaymentInput = input.into();
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Allocates money held on account on a payment to invoices or bills.
    async fn allocate_payment(
        &self,
        ctx: &Context<'_>,
        payment_id: ID,
        date: NaiveDate,
        allocations: Vec<AllocationInput>,
    ) -> async_graphql::Result<FinanceChanged> {
        let allocate = AllocatePayment {
            payment_id: payment_id.0.clone(),
            date,
            allocations: allocations.into_iter().map(Into::into).collect(),
        };
        ask(ctx, allocate).await?;
        Ok(changed(ctx, payment_id.0))
    }

    /// Releases `amount` (excl. VAT under SARS's rule) of the retention withheld on an
    /// invoice — on a release tax invoice numbered from the invoice series: Dr trade
    /// debtors (amount + VAT), Cr retention receivable, Cr VAT output — or on a bill:
    /// Dr retention payable, Dr VAT input, Cr trade creditors. Answers the journal's id,
    /// the release tax invoice's number and the VAT.
    async fn release_retention(
        &self,
        ctx: &Context<'_>,
        document_id: ID,
        amount: Rand,
        date: NaiveDate,
    ) -> async_graphql::Result<RetentionReleased> {
        let release = ReleaseRetention {
            document_id: document_id.0,
            amount: amount.0,
            date,
        };
        let released = ask(ctx, release).await?;
        Ok(RetentionReleased {
            id: ID(released.journal_id),
            number: released.number,
            amount: Rand(released.amount),
            vat: Rand(released.vat),
            amount_due: Rand(released.amount + released.vat),
            correlation_id: request_id(ctx),
        })
    }
}
