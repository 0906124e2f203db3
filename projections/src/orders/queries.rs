//! Reads of the orders read models.

use chrono::{DateTime, NaiveDate, Utc};
use constructos_infra::{read, ReadError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

/// A project as the read model holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ProjectRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub customer_account_id: Option<String>,
    pub site_id: String,
    pub site_name: String,
    pub starts_on: Option<NaiveDate>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub contract_type: Option<String>,
    pub contract_value: Option<Decimal>,
    pub retention_percent: Option<Decimal>,
    pub retention_cap_percent: Option<Decimal>,
    pub release_at_practical_percent: Option<Decimal>,
    pub planned_completion_on: Option<NaiveDate>,
    /// Σ approved variations.
    pub varied_by: Decimal,
    pub claimed_to_date: Decimal,
    pub retention_withheld: Decimal,
    pub retention_released: Decimal,
}

/// Reads of the orders database's read models.
#[derive(Clone)]
pub struct OrdersQueries {
    pub(super) pool: PgPool,
}

const PROJECT_COLUMNS: &str = "id, code, name, customer_account_id, site_id, site_name, \
                               starts_on, status, created_at, updated_at, contract_type, \
                               contract_value, retention_percent, retention_cap_percent, \
                               release_at_practical_percent, planned_completion_on, varied_by, \
                               claimed_to_date, retention_withheld, retention_released";

impl OrdersQueries {
    /// Queries over the orders database.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Projects by code. With `assigned_to`, only the projects that user is assigned to,
    /// directly or through one of their sites (row-level filtering).
    pub async fn projects(&self, assigned_to: Option<&str>) -> Result<Vec<ProjectRow>, ReadError> {
        self.select(assigned_to, None).await
    }

    /// One project, under the same row-level rule.
    pub async fn project(
        &self,
        id: &str,
        assigned_to: Option<&str>,
    ) -> Result<Option<ProjectRow>, ReadError> {
        Ok(self.select(assigned_to, Some(id)).await?.pop())
    }

    async fn select(
        &self,
        assigned_to: Option<&str>,
        id: Option<&str>,
    ) -> Result<Vec<ProjectRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT {PROJECT_COLUMNS} FROM read_model.projects p
              WHERE ($2::text IS NULL OR p.id = $2)
                AND ($1::text IS NULL
                 OR EXISTS (SELECT 1 FROM read_model.user_assignments a
                             WHERE a.user_id = $1
                               AND (p.id = ANY (a.projects) OR p.code = ANY (a.projects)
                                    OR p.site_id = ANY (a.sites))))
              ORDER BY code, id
              LIMIT 500"
        ))
        .bind(assigned_to)
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read projects"))
    }
}
