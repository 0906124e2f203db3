//! Keeps `read_model.projects` from orders events.

use async_trait::async_trait;
use constructos_domain::orders::{ProjectEvent, PROJECT_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

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
        let query = match domain_event::<ProjectEvent>(event)? {
            ProjectEvent::ProjectCreated {
                code,
                name,
                customer_account_id,
                site_id,
                site_name,
                starts_on,
            } => sqlx::query(
                "INSERT INTO read_model.projects
                     (id, code, name, customer_account_id, site_id, site_name, starts_on, status,
                      created_at, updated_at, last_sequence)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'PLANNED', $8, $8, $9)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&event.subject)
            .bind(code)
            .bind(name)
            .bind(customer_account_id)
            .bind(site_id)
            .bind(site_name)
            .bind(starts_on)
            .bind(event.time)
            .bind(event.sequence),
            ProjectEvent::ProjectStatusChanged { to, .. } => sqlx::query(
                "UPDATE read_model.projects SET status = $2, updated_at = $3, last_sequence = $4
                  WHERE id = $1 AND last_sequence < $4",
            )
            .bind(&event.subject)
            .bind(to.as_str())
            .bind(event.time)
            .bind(event.sequence),
        };
        query
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to update projects"))?;
        Ok(())
    }
}
