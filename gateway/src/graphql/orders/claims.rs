//! The mutations of a project's bill of quantities, work breakdown, variations, progress
//! claims and retention, and the preview of a claim's arithmetic.

use async_graphql::{Context, InputObject, Object, ID};
use chrono::NaiveDate;
use constructos_commands::orders::{BoqLineInput, ClaimLineInput, WorkItemInput};
use constructos_services::orders as operations;

use super::details::{ClaimPreview, WorkItemKind};
use super::projects::ProjectChanged;
use crate::graphql::errors::ask;
use crate::graphql::finance::{Decimal, Rand};

/// One item of a bill of quantities.
#[derive(InputObject)]
pub struct BoqLineIn {
    /// e.g. `3.2`; unique in the bill.
    item: String,
    description: String,
    /// e.g. `m3`, `m2`, `sum`.
    unit: String,
    quantity: Decimal,
    /// Rand per unit, excluding VAT.
    rate: Rand,
    cost_code: Option<String>,
}

/// A phase or task of the work breakdown.
#[derive(InputObject)]
pub struct WorkItemIn {
    /// e.g. `2` for a phase, `2.3` for a task in it.
    code: String,
    name: String,
    kind: WorkItemKind,
    /// The phase a task belongs to.
    parent: Option<String>,
    planned_start: Option<NaiveDate>,
    planned_finish: Option<NaiveDate>,
    cost_code: Option<String>,
    /// A task's budget excluding VAT.
    budget: Option<Rand>,
}

/// Work done to date on one bill item.
#[derive(InputObject)]
pub struct ClaimLineIn {
    item: String,
    /// 0–100, at most two decimal places.
    percent_to_date: Decimal,
}

fn claim_lines(lines: Vec<ClaimLineIn>) -> Vec<ClaimLineInput> {
    lines
        .into_iter()
        .map(|l| ClaimLineInput {
            item: l.item,
            percent_to_date: l.percent_to_date.0,
        })
        .collect()
}

#[derive(Default)]
pub struct ClaimsQuery;

#[Object]
impl ClaimsQuery {
    /// What a claim with these lines would come to now — the arithmetic the claim will
    /// be recorded with, recording nothing.
    async fn preview_progress_claim(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        lines: Vec<ClaimLineIn>,
    ) -> async_graphql::Result<ClaimPreview> {
        let op = operations::PreviewProgressClaim {
            project_id: project_id.0,
            lines: claim_lines(lines),
        };
        Ok(ClaimPreview::from_figures(ask(ctx, op).await?))
    }
}

#[derive(Default)]
pub struct ClaimsMutation;

#[Object]
impl ClaimsMutation {
    /// Replaces the bill of quantities (before the first claim; within the contract
    /// value).
    async fn set_bill_of_quantities(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        lines: Vec<BoqLineIn>,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::SetBillOfQuantities {
            project_id: project_id.0.clone(),
            lines: lines
                .into_iter()
                .map(|l| BoqLineInput {
                    item: l.item,
                    description: l.description,
                    unit: l.unit,
                    quantity: l.quantity.0,
                    rate: l.rate.0,
                    cost_code: l.cost_code,
                })
                .collect(),
        };
        ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, project_id.0))
    }

    /// Adds a phase or task to the work breakdown.
    async fn add_work_item(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        item: WorkItemIn,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::AddWorkItem {
            project_id: project_id.0.clone(),
            item: WorkItemInput {
                code: item.code,
                name: item.name,
                kind: item.kind.into(),
                parent: item.parent,
                planned_start: item.planned_start,
                planned_finish: item.planned_finish,
                cost_code: item.cost_code,
                budget: item.budget.map(|b| b.0),
            },
        };
        ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, project_id.0))
    }

    /// Records a task's progress (percent complete; actual start and finish).
    async fn record_work_progress(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        code: String,
        percent_complete: Decimal,
        actual_start: Option<NaiveDate>,
        actual_finish: Option<NaiveDate>,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::RecordWorkProgress {
            project_id: project_id.0.clone(),
            code,
            percent_complete: percent_complete.0,
            actual_start,
            actual_finish,
        };
        ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, project_id.0))
    }

    /// `successor` starts only after `predecessor` finishes; a cycle is refused.
    async fn add_work_dependency(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        predecessor: String,
        successor: String,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::AddWorkDependency {
            project_id: project_id.0.clone(),
            predecessor,
            successor,
        };
        ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, project_id.0))
    }

    /// Proposes a variation order: an addition (positive) or omission (negative).
    async fn propose_variation(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        description: String,
        amount: Rand,
        cost_code: Option<String>,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::ProposeVariation {
            project_id: project_id.0.clone(),
            description,
            amount: amount.0,
            cost_code,
        };
        ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, project_id.0))
    }

    /// Approves a proposed variation: the contract value changes, and an addition
    /// becomes a claimable item.
    async fn approve_variation(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        number: String,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::ApproveVariation {
            project_id: project_id.0.clone(),
            number,
        };
        ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, project_id.0))
    }

    /// Rejects a proposed variation.
    async fn reject_variation(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        number: String,
        reason: String,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::RejectVariation {
            project_id: project_id.0.clone(),
            number,
            reason,
        };
        ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, project_id.0))
    }

    /// Submits the next progress claim (work done to date per item). Answers the
    /// claim's id.
    async fn submit_progress_claim(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        period_end: NaiveDate,
        lines: Vec<ClaimLineIn>,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::SubmitProgressClaim {
            project_id: project_id.0,
            period_end,
            lines: claim_lines(lines),
        };
        let claim_id = ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, claim_id))
    }

    /// Approves the open claim: finance raises the customer's tax invoice (amount less
    /// retention, plus VAT on that).
    async fn approve_progress_claim(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        claim_id: ID,
        #[graphql(desc = "The invoice date; today (UTC) when not given.")] date: Option<NaiveDate>,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::ApproveProgressClaim {
            project_id: project_id.0,
            claim_id: claim_id.0.clone(),
            date: date.unwrap_or_else(|| chrono::Utc::now().date_naive()),
        };
        ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, claim_id.0))
    }

    /// Rejects the open claim.
    async fn reject_progress_claim(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        claim_id: ID,
        reason: String,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::RejectProgressClaim {
            project_id: project_id.0,
            claim_id: claim_id.0.clone(),
            reason,
        };
        ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, claim_id.0))
    }

    /// Releases retention by hand (from practical completion on; never more than is
    /// held). Finance invoices it with its VAT.
    async fn release_project_retention(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        amount: Rand,
        date: Option<NaiveDate>,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::ReleaseRetention {
            project_id: project_id.0.clone(),
            amount: amount.0,
            date: date.unwrap_or_else(|| chrono::Utc::now().date_naive()),
        };
        ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, project_id.0))
    }
}
