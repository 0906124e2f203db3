//! Copies which user is which employee, and who is assigned to which projects, from
//! the identity topic into the HR database, so self-service filtering and timesheet
//! approval need no call to identity.

use async_trait::async_trait;
use constructos_domain::identity::{UserEvent, USER_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::orders::AssignmentsProjection;
use crate::{database, domain_event, ApplyError, Projection};

/// The HR domain's projection of identity's user links and assignments.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinksProjection;

#[async_trait]
impl Projection for LinksProjection {
    fn name(&self) -> &'static str {
        "hr.user_links"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.aggregatetype != USER_AGGREGATE {
            return Ok(());
        }
        if event.short_type() == "UserAssignmentsChanged" {
            // The same table shape and code as the orders domain's copy.
            return AssignmentsProjection.apply(tx, event).await;
        }
        if event.short_type() != "UserLinked" {
            return Ok(());
        }
        let UserEvent::UserLinked { employee_id, .. } = domain_event::<UserEvent>(event)? else {
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO read_model.user_links (user_id, employee_id, last_sequence, updated_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (user_id) DO UPDATE
                SET employee_id = EXCLUDED.employee_id, last_sequence = EXCLUDED.last_sequence,
                    updated_at = EXCLUDED.updated_at
              WHERE read_model.user_links.last_sequence < EXCLUDED.last_sequence",
        )
        .bind(&event.subject)
        .bind(employee_id)
        .bind(event.sequence)
        .bind(event.time)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update user links"))?;
        Ok(())
    }
}
