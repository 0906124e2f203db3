//! Reads of a project's details: its bill of quantities, work breakdown, variations,
//! progress claims and retention releases, and the figures of its status. The caller has
//! already been shown the project (row-level scope is checked on the project itself).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use constructos_infra::{read, ReadError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use constructos_domain::finance::AccountType;

use super::OrdersQueries;

/// One item of a project's bill of quantities, with what is claimed of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct BoqLineRow {
    pub item: String,
    pub description: String,
    pub unit: String,
    pub quantity: Decimal,
    pub rate: Decimal,
    pub amount: Decimal,
    pub cost_code: Option<String>,
    pub percent_to_date: Decimal,
    pub claimed_to_date: Decimal,
}

/// A phase or task of a project's work breakdown. A phase's budget is Σ its tasks', and
/// its percent complete their budget-weighted average.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct WorkItemRow {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
    pub planned_start: Option<NaiveDate>,
    pub planned_finish: Option<NaiveDate>,
    pub cost_code: Option<String>,
    pub budget: Decimal,
    pub percent_complete: Decimal,
    pub actual_start: Option<NaiveDate>,
    pub actual_finish: Option<NaiveDate>,
    /// The codes this item starts after (finish-to-start).
    pub after: Vec<String>,
}

/// A variation order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct VariationRow {
    pub number: String,
    pub description: String,
    pub amount: Decimal,
    pub cost_code: Option<String>,
    pub status: String,
    pub reason: Option<String>,
    pub proposed_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// A progress claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ClaimRow {
    pub claim_id: String,
    pub project_id: String,
    pub claim_number: String,
    pub period_end: NaiveDate,
    pub status: String,
    pub amount: Decimal,
    pub retention: Decimal,
    pub retention_percent: Decimal,
    pub vat: Decimal,
    pub due_now: Decimal,
    pub submitted_at: DateTime<Utc>,
    pub decided_on: Option<NaiveDate>,
    pub reason: Option<String>,
    /// The tax invoice finance raises for an approved claim.
    pub invoice_id: Option<String>,
    /// Its number, once orders has heard finance issued it.
    pub invoice_number: Option<String>,
}

/// One line of a progress claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ClaimLineRow {
    pub item: String,
    pub description: String,
    pub percent_to_date: Decimal,
    pub value_to_date: Decimal,
    pub previously_claimed: Decimal,
    pub amount: Decimal,
}

/// A release of retention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ReleaseRow {
    pub release_id: String,
    pub released_on: NaiveDate,
    pub stage: String,
    pub amount: Decimal,
}

/// What the work breakdown says of the project's cost: budget at completion and earned
/// value (Σ task budget × percent complete).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct WorkFigures {
    pub budget: Decimal,
    pub earned_value: Decimal,
}

impl OrdersQueries {
    /// The bill of quantities of `project`, in bill order.
    pub async fn bill_of_quantities(&self, project: &str) -> Result<Vec<BoqLineRow>, ReadError> {
        sqlx::query_as(
            "SELECT item, description, unit, quantity, rate, amount, cost_code, percent_to_date,
                    claimed_to_date
               FROM read_model.project_boq_lines WHERE project_id = $1 ORDER BY position",
        )
        .bind(project)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the bill of quantities"))
    }

    /// The work breakdown of `project`, by code.
    pub async fn work_items(&self, project: &str) -> Result<Vec<WorkItemRow>, ReadError> {
        sqlx::query_as(
            "WITH phases AS (
                 SELECT parent AS code, sum(budget) AS budget,
                        sum(budget * percent_complete) AS weighted
                   FROM read_model.project_work_items
                  WHERE project_id = $1 AND kind = 'TASK'
                  GROUP BY parent)
             SELECT w.code, w.name, w.kind, w.parent, w.planned_start, w.planned_finish,
                    w.cost_code,
                    CASE WHEN w.kind = 'PHASE' THEN COALESCE(p.budget, 0) ELSE w.budget END
                        AS budget,
                    CASE WHEN w.kind = 'PHASE'
                         THEN COALESCE(round(p.weighted / NULLIF(p.budget, 0), 2), 0)
                         ELSE w.percent_complete END AS percent_complete,
                    w.actual_start, w.actual_finish,
                    COALESCE(array_agg(d.predecessor ORDER BY d.predecessor)
                             FILTER (WHERE d.predecessor IS NOT NULL), '{}') AS after
               FROM read_model.project_work_items w
               LEFT JOIN phases p ON p.code = w.code
               LEFT JOIN read_model.project_work_dependencies d
                      ON d.project_id = w.project_id AND d.successor = w.code
              WHERE w.project_id = $1
              GROUP BY w.project_id, w.code, p.budget, p.weighted
              ORDER BY string_to_array(w.code, '.')::text[], w.code",
        )
        .bind(project)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the work breakdown"))
    }

    /// Budget and earned value of `project`'s tasks.
    pub async fn work_figures(&self, project: &str) -> Result<WorkFigures, ReadError> {
        sqlx::query_as(
            "SELECT COALESCE(sum(budget), 0) AS budget,
                    COALESCE(sum(round(budget * percent_complete / 100, 2)), 0) AS earned_value
               FROM read_model.project_work_items WHERE project_id = $1 AND kind = 'TASK'",
        )
        .bind(project)
        .fetch_one(&self.pool)
        .await
        .map_err(read("Failed to read the work figures"))
    }

    /// The actual cost of `project` as finance posted it: the net debit of its lines on
    /// expense accounts (orders' copy of finance's postings).
    pub async fn actual_cost(&self, project: &str) -> Result<Decimal, ReadError> {
        sqlx::query_scalar(
            "SELECT COALESCE(sum(p.amount), 0)
               FROM read_model.project_postings p
               JOIN read_model.known_ledger_accounts a ON a.code = p.account_code
              WHERE p.project_id = $1 AND a.account_type = $2",
        )
        .bind(project)
        .bind(AccountType::Expense.as_str())
        .fetch_one(&self.pool)
        .await
        .map_err(read("Failed to read the project's actual cost"))
    }

    /// The variations of `project`, by number.
    pub async fn variations(&self, project: &str) -> Result<Vec<VariationRow>, ReadError> {
        sqlx::query_as(
            "SELECT number, description, amount, cost_code, status, reason, proposed_at, decided_at
               FROM read_model.project_variations WHERE project_id = $1 ORDER BY number",
        )
        .bind(project)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read variations"))
    }

    /// The claims of `project`, by number.
    pub async fn claims(&self, project: &str) -> Result<Vec<ClaimRow>, ReadError> {
        sqlx::query_as(
            "SELECT c.claim_id, c.project_id, c.claim_number, c.period_end, c.status, c.amount,
                    c.retention, c.retention_percent, c.vat, c.due_now, c.submitted_at,
                    c.decided_on, c.reason, c.invoice_id, i.number AS invoice_number
               FROM read_model.progress_claims c
               LEFT JOIN read_model.known_invoices i ON i.id = c.invoice_id
              WHERE c.project_id = $1 ORDER BY c.claim_number",
        )
        .bind(project)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read progress claims"))
    }

    /// The lines of every claim of `project`, keyed by claim id, each claim's in order:
    /// one query for all the claims a project page shows.
    pub async fn claim_lines(
        &self,
        project: &str,
    ) -> Result<BTreeMap<String, Vec<ClaimLineRow>>, ReadError> {
        #[derive(sqlx::FromRow)]
        struct Keyed {
            claim_id: String,
            #[sqlx(flatten)]
            line: ClaimLineRow,
        }
        let rows: Vec<Keyed> = sqlx::query_as(
            "SELECT l.claim_id, l.item, l.description, l.percent_to_date, l.value_to_date,
                    l.previously_claimed, l.amount
               FROM read_model.progress_claim_lines l
               JOIN read_model.progress_claims c ON c.claim_id = l.claim_id
              WHERE c.project_id = $1 ORDER BY l.claim_id, l.position",
        )
        .bind(project)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the claims' lines"))?;
        let mut lines: BTreeMap<String, Vec<ClaimLineRow>> = BTreeMap::new();
        for row in rows {
            lines.entry(row.claim_id).or_default().push(row.line);
        }
        Ok(lines)
    }

    /// The retention releases of `project`.
    pub async fn releases(&self, project: &str) -> Result<Vec<ReleaseRow>, ReadError> {
        sqlx::query_as(
            "SELECT release_id, released_on, stage, amount
               FROM read_model.retention_releases WHERE project_id = $1 ORDER BY released_on, release_id",
        )
        .bind(project)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read retention releases"))
    }
}
