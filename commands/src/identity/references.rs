//! Looks up what a user's link and assignments refer to, in identity's own database:
//! its copies of HR's employees and orders' projects (kept from their topics) and its
//! own event store for contacts. The rules that decide are pure
//! (`constructos_domain::identity::{check_employee, check_contact, check_assignments}`).

use constructos_domain::identity::{KnownEmployee, KnownProject, CONTACT_AGGREGATE};
use sqlx::PgPool;

use crate::CommandError;

/// Reads of identity's copies, for the reference checks.
#[derive(Clone)]
pub(super) struct References {
    pool: PgPool,
}

fn read_failed(what: &str, error: sqlx::Error) -> CommandError {
    tracing::error!(cause = %error, "Failed to read {what}");
    CommandError::Internal(format!("Failed to read {what}: {error}"))
}

impl References {
    pub(super) fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// The employee `name` names, by HR's record id or by employee number.
    pub(super) async fn employee(&self, name: &str) -> Result<Option<KnownEmployee>, CommandError> {
        let row: Option<(String, String, String)> = sqlx::query_as(
            "SELECT id, employee_number, status FROM read_model.known_employees
              WHERE id = $1 OR employee_number = $1
              ORDER BY (id = $1) DESC LIMIT 1",
        )
        .bind(name)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| read_failed("the known employees", e))?;
        Ok(row.map(|(id, employee_number, status)| KnownEmployee {
            id,
            employee_number,
            terminated: status == "TERMINATED",
        }))
    }

    /// Whether identity has recorded the contact `id` (its own event store, the source
    /// of truth).
    pub(super) async fn contact_exists(&self, id: &str) -> Result<bool, CommandError> {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM events
                             WHERE aggregate_type = $1 AND aggregate_id = $2
                               AND event_type = 'ContactCreated')",
        )
        .bind(CONTACT_AGGREGATE)
        .bind(id)
        .fetch_one(&self.pool)
        .await
        .map_err(|e| read_failed("the contacts", e))
    }

    /// The known projects that any of `names` (ids or codes) or `sites` refer to.
    pub(super) async fn projects(
        &self,
        names: &[&str],
        sites: &[&str],
    ) -> Result<Vec<KnownProject>, CommandError> {
        if names.is_empty() && sites.is_empty() {
            return Ok(vec![]);
        }
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT id, code, site_id FROM read_model.known_projects
              WHERE id = ANY ($1) OR code = ANY ($1) OR site_id = ANY ($2)",
        )
        .bind(names)
        .bind(sites)
        .fetch_all(&self.pool)
        .await
        .map_err(|e| read_failed("the known projects", e))?;
        Ok(rows
            .into_iter()
            .map(|(id, code, site_id)| KnownProject { id, code, site_id })
            .collect())
    }
}
