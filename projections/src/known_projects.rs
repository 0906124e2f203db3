//! A domain's copy of the projects orders has opened, from orders' topic, in
//! `read_model.known_projects` of the domain's own database: what identity's
//! `assignUser` checks its projects (by id or code) and sites against, and what
//! inventory's issues and site stores name, without a read of orders' database.

use async_trait::async_trait;
use constructos_domain::orders::{ProjectEvent, PROJECT_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError, Projection};

/// Keeps `read_model.known_projects` in a domain's database.
#[derive(Debug, Clone, Copy)]
pub struct KnownProjectsProjection {
    name: &'static str,
}

impl KnownProjectsProjection {
    /// Identity's copy.
    pub const IDENTITY: Self = Self {
        name: "identity.known_projects",
    };
    /// Compliance's copy (incidents name projects).
    pub const COMPLIANCE: Self = Self {
        name: "compliance.known_projects",
    };
    /// HR's copy (timesheets name projects).
    pub const HR: Self = Self {
        name: "hr.known_projects",
    };
    /// Inventory's copy.
    pub const INVENTORY: Self = Self {
        name: "inventory.known_projects",
    };
}

#[async_trait]
impl Projection for KnownProjectsProjection {
    fn name(&self) -> &'static str {
        self.name
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
