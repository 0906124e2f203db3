//! Reads of the compliance read models.

use chrono::{DateTime, NaiveDate, Utc};
use constructos_infra::{read, ReadError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

/// An inspection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct InspectionRow {
    pub id: String,
    pub template: String,
    pub site_id: String,
    pub project_id: Option<String>,
    pub area: String,
    pub inspector: String,
    pub inspected_on: NaiveDate,
    pub status: String,
    pub passed: i32,
    pub failed: i32,
    pub not_applicable: i32,
    pub stopped: bool,
    pub updated_at: DateTime<Utc>,
}

/// One item's recorded result, with its finding's severity when it failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct InspectionItemRow {
    pub item_code: String,
    pub result: String,
    pub note: String,
    pub photos: Vec<String>,
    pub severity: Option<String>,
}

/// A corrective action, with where it was raised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ActionRow {
    pub id: String,
    pub inspection_id: String,
    pub site_id: String,
    pub area: String,
    pub item_code: String,
    pub severity: Option<String>,
    pub owner: String,
    pub due: NaiveDate,
    pub status: String,
    pub escalation: Option<String>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub evidence_note: Option<String>,
    pub verified_by: Option<String>,
}

/// An incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct IncidentRow {
    pub id: String,
    pub kind: String,
    pub project_id: String,
    pub occurred_on: NaiveDate,
    pub description: String,
    pub days_lost: i32,
    pub reported_by: String,
    pub status: String,
    pub root_cause: Option<String>,
    pub closed_on: Option<NaiveDate>,
}

/// A project's incident figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct IncidentRateRow {
    pub project_id: String,
    pub incidents: i64,
    pub lost_time_injuries: i64,
    pub days_lost: i64,
    pub hours_worked: Decimal,
}

/// A ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct TicketRow {
    pub id: String,
    pub subject: String,
    pub description: String,
    pub category: String,
    pub priority: String,
    pub status: String,
    pub account_id: Option<String>,
    pub project_id: Option<String>,
    pub raised_by: String,
    pub agent: Option<String>,
    pub resolution: Option<String>,
    pub opened_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// A comment on a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct TicketCommentRow {
    pub author: String,
    pub body: String,
    pub public: bool,
    pub at: DateTime<Utc>,
}

const LIMIT: i64 = 500;

/// Reads of the compliance database's read models.
#[derive(Clone)]
pub struct ComplianceQueries {
    pool: PgPool,
}

impl ComplianceQueries {
    /// Queries over the compliance database.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Inspections, latest first (or the one `id`).
    pub async fn inspections(&self, id: Option<&str>) -> Result<Vec<InspectionRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT id, template, site_id, project_id, area, inspector, inspected_on, status, passed, failed,
                    not_applicable, stopped, updated_at
               FROM read_model.inspections WHERE ($1::text IS NULL OR id = $1)
              ORDER BY inspected_on DESC, id DESC LIMIT {LIMIT}"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read inspections"))
    }

    /// An inspection's recorded items.
    pub async fn items(&self, inspection: &str) -> Result<Vec<InspectionItemRow>, ReadError> {
        sqlx::query_as(
            "SELECT i.item_code, i.result, i.note, i.photos, f.severity
               FROM read_model.inspection_items i
               LEFT JOIN read_model.findings f USING (inspection_id, item_code)
              WHERE i.inspection_id = $1 ORDER BY i.item_code",
        )
        .bind(inspection)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read inspection items"))
    }

    /// Corrective actions, soonest due first: of one inspection, or every open one.
    pub async fn actions(
        &self,
        inspection: Option<&str>,
        open_only: bool,
    ) -> Result<Vec<ActionRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT a.id, a.inspection_id, i.site_id, i.area, a.item_code, f.severity, a.owner, a.due, a.status,
                    a.escalation, a.escalated_at, a.evidence_note, a.verified_by
               FROM read_model.corrective_actions a
               JOIN read_model.inspections i ON i.id = a.inspection_id
               LEFT JOIN read_model.findings f ON f.inspection_id = a.inspection_id AND f.item_code = a.item_code
              WHERE ($1::text IS NULL OR a.inspection_id = $1) AND (NOT $2 OR a.status <> 'VERIFIED')
              ORDER BY a.due, a.id LIMIT {LIMIT}"
        ))
        .bind(inspection)
        .bind(open_only)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read corrective actions"))
    }

    /// Inspections with an unverified action past its due date on `today`: what the
    /// escalation task looks at.
    pub async fn with_overdue_actions(&self, today: NaiveDate) -> Result<Vec<String>, ReadError> {
        sqlx::query_scalar(
            "SELECT DISTINCT inspection_id FROM read_model.corrective_actions
              WHERE status <> 'VERIFIED' AND due < $1 AND (escalation IS NULL OR escalation = 'SITE_MANAGER')",
        )
        .bind(today)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read overdue actions"))
    }

    /// The id of the project with id or code `given`, if compliance has heard of it.
    pub async fn known_project(&self, given: &str) -> Result<Option<String>, ReadError> {
        sqlx::query_scalar(
            "SELECT id FROM read_model.known_projects WHERE id = $1 OR code = $1
              ORDER BY (id = $1) DESC LIMIT 1",
        )
        .bind(given)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read known projects"))
    }

    /// Incidents, latest first.
    pub async fn incidents(&self, project: Option<&str>) -> Result<Vec<IncidentRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT id, kind, project_id, occurred_on, description, days_lost, reported_by, status, root_cause, closed_on
               FROM read_model.incidents WHERE ($1::text IS NULL OR project_id = $1)
              ORDER BY occurred_on DESC, id DESC LIMIT {LIMIT}"
        ))
        .bind(project)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read incidents"))
    }

    /// Per project with incidents or hours: counts, lost-time injuries and hours worked.
    pub async fn incident_rates(&self) -> Result<Vec<IncidentRateRow>, ReadError> {
        sqlx::query_as(
            "WITH i AS (SELECT project_id, count(*) AS incidents,
                               count(*) FILTER (WHERE kind = 'LOST_TIME_INJURY') AS lost_time_injuries,
                               coalesce(sum(days_lost), 0)::bigint AS days_lost
                          FROM read_model.incidents GROUP BY project_id),
                  h AS (SELECT project_id, sum(hours) AS hours FROM read_model.project_hours GROUP BY project_id)
             SELECT coalesce(i.project_id, h.project_id) AS project_id, coalesce(i.incidents, 0) AS incidents,
                    coalesce(i.lost_time_injuries, 0) AS lost_time_injuries, coalesce(i.days_lost, 0) AS days_lost,
                    coalesce(h.hours, 0) AS hours_worked
               FROM i FULL JOIN h ON h.project_id = i.project_id
              ORDER BY 1",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read incident rates"))
    }

    /// Tickets, newest first: every one, or those `raised_by` a subject.
    pub async fn tickets(
        &self,
        raised_by: Option<&str>,
        id: Option<&str>,
    ) -> Result<Vec<TicketRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT id, subject, description, category, priority, status, account_id, project_id, raised_by, agent,
                    resolution, opened_at, first_response_at, resolved_at, closed_at
               FROM read_model.tickets
              WHERE ($1::text IS NULL OR raised_by = $1) AND ($2::text IS NULL OR id = $2)
              ORDER BY opened_at DESC, id DESC LIMIT {LIMIT}"
        ))
        .bind(raised_by)
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read tickets"))
    }

    /// A ticket's comments, oldest first; `public_only` for the requester.
    pub async fn comments(
        &self,
        ticket: &str,
        public_only: bool,
    ) -> Result<Vec<TicketCommentRow>, ReadError> {
        sqlx::query_as(
            "SELECT author, body, public, at FROM read_model.ticket_comments
              WHERE ticket_id = $1 AND (public OR NOT $2) ORDER BY sequence",
        )
        .bind(ticket)
        .bind(public_only)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read ticket comments"))
    }
}
