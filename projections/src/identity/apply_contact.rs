//! Keeps `read_model.contacts` from contact events.

use constructos_domain::identity::ContactEvent;
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, ApplyError};

pub(super) async fn apply_contact(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    contact: ContactEvent,
) -> Result<(), ApplyError> {
    let id = &event.subject;
    let query = match contact {
        ContactEvent::ContactCreated {
            account_id,
            first_name,
            last_name,
            email,
            phone,
            job_title,
        } => {
            return sqlx::query(
                "INSERT INTO read_model.contacts
                     (id, account_id, first_name, last_name, email, phone, job_title, created_at, updated_at, last_sequence)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(id)
            .bind(account_id)
            .bind(first_name)
            .bind(last_name)
            .bind(email)
            .bind(phone)
            .bind(job_title)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map(|_| ())
            .map_err(database("Failed to insert a contact"));
        }
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
        .bind(id)
        .bind(first_name)
        .bind(last_name)
        .bind(email)
        .bind(phone)
        .bind(job_title),
        ContactEvent::ContactRolesChanged { roles } => sqlx::query(
            "UPDATE read_model.contacts SET roles = $2, updated_at = $3, last_sequence = $4
              WHERE id = $1 AND last_sequence < $4",
        )
        .bind(id)
        .bind(roles.iter().map(|r| r.as_str()).collect::<Vec<_>>()),
        ContactEvent::ContactCommunicationPreferencesChanged {
            email,
            phone,
            sms,
            whatsapp,
            preferred_channel,
        } => sqlx::query(
            "UPDATE read_model.contacts
                SET allow_email = $2, allow_phone = $3, allow_sms = $4, allow_whatsapp = $5,
                    preferred_channel = $6, updated_at = $7, last_sequence = $8
              WHERE id = $1 AND last_sequence < $8",
        )
        .bind(id)
        .bind(email)
        .bind(phone)
        .bind(sms)
        .bind(whatsapp)
        .bind(preferred_channel.map(|c| c.as_str())),
        ContactEvent::ContactPopiaConsentGiven { given_on: on } => consent(id, true, on),
        ContactEvent::ContactPopiaConsentWithdrawn { withdrawn_on: on } => consent(id, false, on),
    };
    query
        .bind(event.time)
        .bind(event.sequence)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update contacts"))?;
    Ok(())
}

fn consent(
    id: &str,
    given: bool,
    on: chrono::NaiveDate,
) -> sqlx::query::Query<'_, Postgres, sqlx::postgres::PgArguments> {
    sqlx::query(
        "UPDATE read_model.contacts
            SET popia_consent = $2, popia_consent_on = $3, updated_at = $4, last_sequence = $5
          WHERE id = $1 AND last_sequence < $5",
    )
    .bind(id)
    .bind(given)
    .bind(on)
}
