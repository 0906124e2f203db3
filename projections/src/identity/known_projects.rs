//! Identity's copy of the projects orders has opened, from orders' topic: what
//! `assignUser` checks its projects (by id or code) and sites against, without a read of
//! orders' database.

use async_trait::async_trait;
use constructos_domain::orders::{ProjectEvent, PROJECT_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError, Projection};

/// Keeps `read_model.known_projects` in the identity database.
#[derive(Debug, Clone, Copy, Default)]
pub struct KnownProjectsProjection;

#[async_trait]
impl Projection for KnownProjectsProjection {
    fn name(&self) -> &'static str {
        "identity.known_projects"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        // Only the opening of a project says what may be assigned; a status change
        // leaves a project assignable (a user stays on a completed job's records).
        if event.aggregatetype != PROJECT_AGGREGATE || event.short_type() != "ProjectCreated" {
            return Ok(());
        }
        let ProjectEvent::ProjectCreated { code, site_id, .. } =
            domain_event::<ProjectEvent>(event)?
        else {
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO read_model.known_projects (id, code, site_id, last_sequence, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.subject)
        .bind(code)
        .bind(site_id)
        .bind(event.sequence)
        .bind(event.time)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update the known projects"))?;
        Ok(())
    }
}
