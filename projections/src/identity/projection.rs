//! Keeps `read_model.accounts`, `read_model.contacts` and `read_model.users` from
//! identity events.

use anyhow::Context;
use async_trait::async_trait;
use constructos_domain::identity::{
    AccountEvent, ContactEvent, UserEvent, ACCOUNT_AGGREGATE, CONTACT_AGGREGATE, USER_AGGREGATE,
};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{domain_event, Projection};

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
    ) -> anyhow::Result<()> {
        match event.aggregatetype.as_str() {
            ACCOUNT_AGGREGATE => apply_account(tx, event, domain_event(event)?).await,
            CONTACT_AGGREGATE => apply_contact(tx, event, domain_event(event)?).await,
            USER_AGGREGATE => apply_user(tx, event, domain_event(event)?).await,
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

async fn apply_account(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    account: AccountEvent,
) -> anyhow::Result<()> {
    let query = match account {
        AccountEvent::AccountCreated {
            kind,
            name,
            registration_number,
            vat_number,
        } => sqlx::query(
            "INSERT INTO read_model.accounts
                 (id, kind, name, registration_number, vat_number, status, created_at, updated_at, last_sequence)
             VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, $6, $7)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.subject)
        .bind(kind.as_str())
        .bind(name)
        .bind(registration_number)
        .bind(vat_number)
        .bind(event.time)
        .bind(event.sequence),
        AccountEvent::AccountDetailsUpdated {
            name,
            registration_number,
            vat_number,
        } => sqlx::query(
            "UPDATE read_model.accounts
                SET name = $2, registration_number = $3, vat_number = $4,
                    updated_at = $5, last_sequence = $6
              WHERE id = $1 AND last_sequence < $6",
        )
        .bind(&event.subject)
        .bind(name)
        .bind(registration_number)
        .bind(vat_number)
        .bind(event.time)
        .bind(event.sequence),
        AccountEvent::AccountStatusChanged { to, .. } => sqlx::query(
            "UPDATE read_model.accounts
                SET status = $2, updated_at = $3, last_sequence = $4
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
        .context("Failed to update accounts")?;
    Ok(())
}

async fn apply_contact(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    contact: ContactEvent,
) -> anyhow::Result<()> {
    let query = match contact {
        ContactEvent::ContactCreated {
            account_id,
            first_name,
            last_name,
            email,
            phone,
            job_title,
        } => sqlx::query(
            "INSERT INTO read_model.contacts
                 (id, account_id, first_name, last_name, email, phone, job_title, created_at, updated_at, last_sequence)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.subject)
        .bind(account_id)
        .bind(first_name)
        .bind(last_name)
        .bind(email)
        .bind(phone)
        .bind(job_title)
        .bind(event.time)
        .bind(event.sequence),
        ContactEvent::ContactDetailsUpdated {
            first_name,
            last_name,
            email,
            phone,
            job_title,
        } => sqlx::query(
            "UPDATE read_model.contacts
                SET first_name = $2, last_name = $3, email = $4, phone = $5, job_title = $6,
                    updated_at = $7, last_sequence = $8
              WHERE id = $1 AND last_sequence < $8",
        )
        .bind(&event.subject)
        .bind(first_name)
        .bind(last_name)
        .bind(email)
        .bind(phone)
        .bind(job_title)
        .bind(event.time)
        .bind(event.sequence),
    };
    query
        .execute(&mut **tx)
        .await
        .context("Failed to update contacts")?;
    Ok(())
}

async fn apply_user(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    user: UserEvent,
) -> anyhow::Result<()> {
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
        .context("Failed to update users")?;
    Ok(())
}
