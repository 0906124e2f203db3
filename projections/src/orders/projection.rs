//! Keeps `read_model.projects` and the project's detail tables (bill of quantities, work
//! breakdown, variations, claims, retention releases) from orders events.
//!
//! Every event of a project first moves the project row's `last_sequence` forward; an
//! event at or behind it has been applied and changes nothing, so the detail tables need
//! no guard of their own.

use async_trait::async_trait;
use constructos_domain::orders::{ProjectEvent, PROJECT_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use super::project_details as details;
use crate::{database, domain_event, ApplyError, Projection};

/// The orders projection.
#[derive(Debug, Clone, Copy, Default)]
pub struct OrdersProjection;

#[async_trait]
impl Projection for OrdersProjection {
    fn name(&self) -> &'static str {
        "orders.read_model"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.aggregatetype != PROJECT_AGGREGATE {
            return Ok(());
        }
        let change = domain_event::<ProjectEvent>(event)?;
        if let ProjectEvent::ProjectCreated {
            code,
            name,
            customer_account_id,
            site_id,
            site_name,
            starts_on,
            status,
            ..
        } = &change
        {
            sqlx::query(
                "INSERT INTO read_model.projects
                     (id, code, name, customer_account_id, site_id, site_name, starts_on, status,
                      created_at, updated_at, last_sequence)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&event.subject)
            .bind(code)
            .bind(name)
            .bind(customer_account_id)
            .bind(site_id)
            .bind(site_name)
            .bind(starts_on)
            .bind(status.unwrap_or_default().as_str())
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to update projects"))?;
            return Ok(());
        }
        let moved = sqlx::query(
            "UPDATE read_model.projects SET updated_at = $2, last_sequence = $3
              WHERE id = $1 AND last_sequence < $3",
        )
        .bind(&event.subject)
        .bind(event.time)
        .bind(event.sequence)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update projects"))?;
        if moved.rows_affected() == 0 {
            return Ok(());
        }
        details::apply(tx, event, change).await
    }
}
