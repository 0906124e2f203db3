//! Copies users' project and site assignments from the identity topic into the orders
//! database, so row-level filtering needs no call to identity.

use async_trait::async_trait;
use constructos_domain::identity::{UserEvent, USER_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError, Projection};

/// The orders domain's projection of identity's user assignments.
#[derive(Debug, Clone, Copy, Default)]
pub struct AssignmentsProjection;

#[async_trait]
impl Projection for AssignmentsProjection {
    fn name(&self) -> &'static str {
        "orders.user_assignments"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.aggregatetype != USER_AGGREGATE || event.short_type() != "UserAssignmentsChanged" {
            return Ok(());
        }
        let UserEvent::UserAssignmentsChanged { projects, sites } =
            domain_event::<UserEvent>(event)?
        else {
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO read_model.user_assignments (user_id, projects, sites, last_sequence, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (user_id) DO UPDATE
                SET projects = EXCLUDED.projects, sites = EXCLUDED.sites,
                    last_sequence = EXCLUDED.last_sequence, updated_at = EXCLUDED.updated_at
              WHERE read_model.user_assignments.last_sequence < EXCLUDED.last_sequence",
        )
        .bind(&event.subject)
        .bind(projects)
        .bind(sites)
        .bind(event.sequence)
        .bind(event.time)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update user assignments"))?;
        Ok(())
    }
}
