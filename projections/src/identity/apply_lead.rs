//! Keeps `read_model.leads` from lead events.

use constructos_domain::identity::{LeadEvent, LeadStatus};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, ApplyError};

pub(super) async fn apply_lead(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    lead: LeadEvent,
) -> Result<(), ApplyError> {
    let id = &event.subject;
    let query = match lead {
        LeadEvent::LeadCaptured {
            company_name,
            contact_first_name,
            contact_last_name,
            email,
            phone,
            source,
            estimated_value,
            owner,
        } => {
            return sqlx::query(
                "INSERT INTO read_model.leads
                     (id, company_name, contact_first_name, contact_last_name, email, phone, source,
                      estimated_value, status, owner, created_at, updated_at, last_sequence)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(id)
            .bind(company_name)
            .bind(contact_first_name)
            .bind(contact_last_name)
            .bind(email)
            .bind(phone)
            .bind(source.as_str())
            .bind(estimated_value)
            .bind(LeadStatus::New.as_str())
            .bind(owner)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map(|_| ())
            .map_err(database("Failed to insert a lead"));
        }
        LeadEvent::LeadQualified {} => sqlx::query(
            "UPDATE read_model.leads SET status = $2, updated_at = $3, last_sequence = $4
              WHERE id = $1 AND last_sequence < $4",
        )
        .bind(id)
        .bind(LeadStatus::Qualified.as_str()),
        LeadEvent::LeadDisqualified { reason } => sqlx::query(
            "UPDATE read_model.leads
                SET status = $2, disqualification_reason = $3, updated_at = $4, last_sequence = $5
              WHERE id = $1 AND last_sequence < $5",
        )
        .bind(id)
        .bind(LeadStatus::Disqualified.as_str())
        .bind(reason),
        LeadEvent::LeadConverted {
            account_id,
            contact_id,
            ..
        } => sqlx::query(
            "UPDATE read_model.leads
                SET status = $2, account_id = $3, contact_id = $4, updated_at = $5, last_sequence = $6
              WHERE id = $1 AND last_sequence < $6",
        )
        .bind(id)
        .bind(LeadStatus::Converted.as_str())
        .bind(account_id)
        .bind(contact_id),
    };
    query
        .bind(event.time)
        .bind(event.sequence)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update leads"))?;
    Ok(())
}
