//! Reads of the HR read models.

use chrono::{DateTime, NaiveDate, Utc};
use constructos_infra::{read, ReadError};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

/// An employee as the read model holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct EmployeeRow {
    pub id: String,
    pub employee_number: String,
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub hired_on: NaiveDate,
    pub site_id: Option<String>,
    pub last_day: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Reads of the HR database's read models.
#[derive(Clone)]
pub struct HrQueries {
    pool: PgPool,
}

impl HrQueries {
    /// Queries over the HR database.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Employees by name. With `own_for`, only the employee that user is linked to
    /// (by record id or employee number): self-service, row-level.
    pub async fn employees(&self, own_for: Option<&str>) -> Result<Vec<EmployeeRow>, ReadError> {
        self.select(own_for, None).await
    }

    /// One employee, under the same rule.
    pub async fn employee(
        &self,
        id: &str,
        own_for: Option<&str>,
    ) -> Result<Option<EmployeeRow>, ReadError> {
        Ok(self.select(own_for, Some(id)).await?.pop())
    }

    async fn select(
        &self,
        own_for: Option<&str>,
        id: Option<&str>,
    ) -> Result<Vec<EmployeeRow>, ReadError> {
        sqlx::query_as(
            "SELECT id, employee_number, first_name, last_name, job_title, hired_on, site_id,
                    last_day, created_at, updated_at
               FROM read_model.employees e
              WHERE ($2::text IS NULL OR e.id = $2)
                AND ($1::text IS NULL
                 OR EXISTS (SELECT 1 FROM read_model.user_links l
                             WHERE l.user_id = $1
                               AND l.employee_id IN (e.id, e.employee_number)))
              ORDER BY lower(last_name), lower(first_name), id
              LIMIT 500",
        )
        .bind(own_for)
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read employees"))
    }
}
