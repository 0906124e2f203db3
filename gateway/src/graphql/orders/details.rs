//! The types of a project's details in the schema: bill of quantities, work breakdown,
//! variations, claims, retention releases and the status figures.

use async_graphql::{Enum, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::orders as domain;
use constructos_projections::orders::{
    BoqLineRow, ClaimLineRow, ReleaseRow, VariationRow, WorkItemRow,
};
use constructos_services::orders as operations;

use super::projects::rand;
use crate::graphql::finance::{Decimal, Rand};

type Result<T> = async_graphql::Result<T>;

/// One item of the bill of quantities.
#[derive(SimpleObject)]
pub struct BoqLine {
    /// The item number, e.g. `3.2`; approved additions appear as `VO-001`.
    item: String,
    description: String,
    unit: String,
    quantity: Decimal,
    /// Rand per unit, excluding VAT.
    rate: Rand,
    /// quantity × rate, excluding VAT.
    amount: Rand,
    cost_code: Option<String>,
    /// Percent of the item claimed to date by approved claims.
    percent_to_date: Decimal,
    claimed_to_date: Rand,
}

impl BoqLine {
    pub(super) fn from_row(row: BoqLineRow) -> Result<Self> {
        Ok(Self {
            item: row.item,
            description: row.description,
            unit: row.unit,
            quantity: Decimal(row.quantity.normalize()),
            rate: rand(row.rate)?,
            amount: rand(row.amount)?,
            cost_code: row.cost_code,
            percent_to_date: Decimal(row.percent_to_date),
            claimed_to_date: rand(row.claimed_to_date)?,
        })
    }
}

/// A phase groups tasks; only tasks carry progress.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::WorkItemKind")]
pub enum WorkItemKind {
    Phase,
    Task,
}

/// A phase or task of the work breakdown.
#[derive(SimpleObject)]
pub struct WorkItem {
    code: String,
    name: String,
    kind: WorkItemKind,
    parent: Option<String>,
    planned_start: Option<NaiveDate>,
    planned_finish: Option<NaiveDate>,
    cost_code: Option<String>,
    /// A task's budget excluding VAT (phases: Σ their tasks).
    budget: Rand,
    percent_complete: Decimal,
    actual_start: Option<NaiveDate>,
    actual_finish: Option<NaiveDate>,
    /// The codes this item starts after (finish-to-start).
    after: Vec<String>,
}

impl WorkItem {
    pub(super) fn from_row(row: WorkItemRow) -> Result<Self> {
        Ok(Self {
            kind: if row.kind == domain::WorkItemKind::Phase.as_str() {
                WorkItemKind::Phase
            } else {
                WorkItemKind::Task
            },
            code: row.code,
            name: row.name,
            parent: row.parent,
            planned_start: row.planned_start,
            planned_finish: row.planned_finish,
            cost_code: row.cost_code,
            budget: rand(row.budget)?,
            percent_complete: Decimal(row.percent_complete),
            actual_start: row.actual_start,
            actual_finish: row.actual_finish,
            after: row.after,
        })
    }
}

/// A variation order: PROPOSED, APPROVED or REJECTED.
#[derive(SimpleObject)]
pub struct Variation {
    /// e.g. `VO-001`.
    number: String,
    description: String,
    /// An addition (positive) or omission (negative), excluding VAT.
    amount: Rand,
    cost_code: Option<String>,
    status: String,
    reason: Option<String>,
    proposed_at: DateTime<Utc>,
    decided_at: Option<DateTime<Utc>>,
}

impl Variation {
    pub(super) fn from_row(row: VariationRow) -> Result<Self> {
        Ok(Self {
            number: row.number,
            description: row.description,
            amount: rand(row.amount)?,
            cost_code: row.cost_code,
            status: row.status,
            reason: row.reason,
            proposed_at: row.proposed_at,
            decided_at: row.decided_at,
        })
    }
}

/// One line of a claim: the work done to date on an item, valued.
#[derive(SimpleObject)]
pub struct ClaimLine {
    item: String,
    description: String,
    percent_to_date: Decimal,
    value_to_date: Rand,
    previously_claimed: Rand,
    /// This claim: value to date − previously claimed, excluding VAT.
    amount: Rand,
}

impl ClaimLine {
    fn from_row(row: ClaimLineRow) -> Result<Self> {
        Ok(Self {
            item: row.item,
            description: row.description,
            percent_to_date: Decimal(row.percent_to_date),
            value_to_date: rand(row.value_to_date)?,
            previously_claimed: rand(row.previously_claimed)?,
            amount: rand(row.amount)?,
        })
    }
}

/// A progress claim: SUBMITTED, APPROVED (finance invoices it) or REJECTED.
#[derive(SimpleObject)]
pub struct ClaimWithLines {
    claim_id: ID,
    /// e.g. `PC-003`, numbered per project.
    claim_number: String,
    period_end: NaiveDate,
    status: String,
    /// This claim's work, excluding VAT.
    amount: Rand,
    /// Withheld on `amount` excluding VAT, until the cap.
    retention: Rand,
    retention_percent: Decimal,
    /// VAT on `amount − retention`; the VAT on the retention is due at its release.
    vat: Rand,
    /// What the customer pays now: amount − retention + VAT.
    due_now: Rand,
    submitted_at: DateTime<Utc>,
    decided_on: Option<NaiveDate>,
    reason: Option<String>,
    /// The tax invoice finance raises for the claim once approved (`invoice(id)`).
    invoice_id: Option<ID>,
    /// Its number (e.g. `INV-000042`) once finance has issued it.
    invoice_number: Option<String>,
    lines: Vec<ClaimLine>,
}

impl ClaimWithLines {
    pub(super) fn from_answer(answer: operations::ClaimWithLines) -> Result<Self> {
        let c = answer.claim;
        Ok(Self {
            claim_id: ID(c.claim_id),
            claim_number: c.claim_number,
            period_end: c.period_end,
            status: c.status,
            amount: rand(c.amount)?,
            retention: rand(c.retention)?,
            retention_percent: Decimal(c.retention_percent),
            vat: rand(c.vat)?,
            due_now: rand(c.due_now)?,
            submitted_at: c.submitted_at,
            decided_on: c.decided_on,
            reason: c.reason,
            invoice_id: c.invoice_id.map(ID),
            invoice_number: c.invoice_number,
            lines: answer
                .lines
                .into_iter()
                .map(ClaimLine::from_row)
                .collect::<Result<_>>()?,
        })
    }
}

/// What a claim would come to, before it is submitted: the server's own arithmetic.
#[derive(SimpleObject)]
pub struct ClaimPreview {
    lines: Vec<ClaimLine>,
    amount: Rand,
    retention: Rand,
    retention_percent: Decimal,
    vat: Rand,
    due_now: Rand,
    /// The VAT on the retention, due when it is released.
    vat_deferred: Rand,
}

impl ClaimPreview {
    pub(super) fn from_figures(f: domain::ClaimFigures) -> Self {
        Self {
            lines: f
                .lines
                .into_iter()
                .map(|l| ClaimLine {
                    item: l.item,
                    description: l.description,
                    percent_to_date: Decimal(l.percent_to_date),
                    value_to_date: Rand(l.value_to_date),
                    previously_claimed: Rand(l.previously_claimed),
                    amount: Rand(l.amount),
                })
                .collect(),
            amount: Rand(f.amount),
            retention: Rand(f.retention),
            retention_percent: Decimal(f.retention_percent),
            vat: Rand(f.vat),
            due_now: Rand(f.due_now),
            vat_deferred: Rand(f.vat_deferred),
        }
    }
}

/// A release of retention to the customer (finance invoices it with its VAT).
#[derive(SimpleObject)]
pub struct RetentionRelease {
    release_id: ID,
    released_on: NaiveDate,
    /// PRACTICAL_COMPLETION or FINAL_COMPLETION.
    stage: String,
    /// Excluding VAT.
    amount: Rand,
}

impl RetentionRelease {
    pub(super) fn from_row(row: ReleaseRow) -> Result<Self> {
        Ok(Self {
            release_id: ID(row.release_id),
            released_on: row.released_on,
            stage: row.stage,
            amount: rand(row.amount)?,
        })
    }
}

/// A project's money in one place, excluding VAT.
#[derive(SimpleObject)]
pub struct ProjectFigures {
    /// The contract value with approved variations.
    contract_value: Rand,
    /// Budget at completion: Σ the work breakdown's task budgets.
    budget: Rand,
    /// Σ task budget × percent complete.
    earned_value: Rand,
    /// The value of the project's approved purchase orders.
    committed: Rand,
    /// Finance's net postings to the project's expense accounts.
    actual: Rand,
    /// Budget ÷ cost performance (earned value ÷ actual).
    forecast_at_completion: Rand,
    approved_variations: Rand,
    claimed_to_date: Rand,
    /// Withheld and not yet released.
    retention_held: Rand,
    retention_released: Rand,
}

impl ProjectFigures {
    pub(super) fn from_answer(f: operations::ProjectFigures) -> Result<Self> {
        Ok(Self {
            contract_value: rand(f.contract_value)?,
            budget: rand(f.budget)?,
            earned_value: rand(f.earned_value)?,
            committed: rand(f.committed)?,
            actual: rand(f.actual)?,
            forecast_at_completion: rand(f.forecast_at_completion)?,
            approved_variations: rand(f.approved_variations)?,
            claimed_to_date: rand(f.claimed_to_date)?,
            retention_held: rand(f.retention_held)?,
            retention_released: rand(f.retention_released)?,
        })
    }
}
