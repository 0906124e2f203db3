//! The identity projection: routes each identity event to the code that keeps its
//! read model (accounts, contacts, leads, users); users are kept here.

use async_trait::async_trait;
use constructos_domain::identity::{
    UserEvent, ACCOUNT_AGGREGATE, CONTACT_AGGREGATE, LEAD_AGGREGATE, USER_AGGREGATE,
};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use super::apply_account::apply_account;
use super::apply_contact::apply_contact;
use super::apply_lead::apply_lead;
use crate::{database, domain_event, ApplyError, Projection};

/// The identity projection.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdentityProjection;

#[async_trait]
impl Projection for IdentityProjection {
    fn name(&self) -> &'static str {
        "identity.read_model"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        match event.aggregatetype.as_str() {
            ACCOUNT_AGGREGATE => apply_account(tx, event, domain_event(event)?).await,
            CONTACT_AGGREGATE => apply_contact(tx, event, domain_event(event)?).await,
            USER_AGGREGATE => apply_user(tx, event, domain_event(event)?).await,
            LEAD_AGGREGATE => apply_lead(tx, event, domain_event(event)?).await,
            other => {
                tracing::debug!(
                    aggregate_type = other,
                    "ignoring an event of another aggregate"
                );
                Ok(())
            }
        }
    }
}

async fn apply_user(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    user: UserEvent,
) -> Result<(), ApplyError> {
    let query = match user {
        UserEvent::UserProvisioned {
            subject,
            tenant_id,
            name,
            username,
        } => sqlx::query(
            "INSERT INTO read_model.users
                 (id, subject, tenant_id, name, username, created_at, updated_at, last_sequence)
             VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.subject)
        .bind(subject)
        .bind(tenant_id)
        .bind(name)
        .bind(username)
        .bind(event.time)
        .bind(event.sequence),
        UserEvent::UserProfileRefreshed { name, username } => sqlx::query(
            "UPDATE read_model.users SET name = $2, username = $3, updated_at = $4, last_sequence = $5
              WHERE id = $1 AND last_sequence < $5",
        )
        .bind(&event.subject)
        .bind(name)
        .bind(username)
        .bind(event.time)
        .bind(event.sequence),
        UserEvent::UserLinked {
            employee_id,
            contact_id,
        } => sqlx::query(
            "UPDATE read_model.users SET employee_id = $2, contact_id = $3, updated_at = $4, last_sequence = $5
              WHERE id = $1 AND last_sequence < $5",
        )
        .bind(&event.subject)
        .bind(employee_id)
        .bind(contact_id)
        .bind(event.time)
        .bind(event.sequence),
        UserEvent::UserAssignmentsChanged { projects, sites } => sqlx::query(
            "UPDATE read_model.users SET projects = $2, sites = $3, updated_at = $4, last_sequence = $5
              WHERE id = $1 AND last_sequence < $5",
        )
        .bind(&event.subject)
        .bind(projects)
        .bind(sites)
        .bind(event.time)
        .bind(event.sequence),
    };
    query
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update users"))?;
    Ok(())
}
