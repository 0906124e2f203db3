//! Keeps `read_model.quotes`: each quote with its latest version. A version applies
//! only past the row's `last_sequence`, so a redelivery changes nothing.

use constructos_domain::sales::quote::QuoteEvent;
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError};

/// Applies one quote event.
pub(super) async fn apply(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    let encoded = |lines| {
        serde_json::to_value(lines).map_err(|source| ApplyError::Event {
            what: "a quote's lines".into(),
            source,
        })
    };
    let statement = match domain_event::<QuoteEvent>(event)? {
        QuoteEvent::QuoteDrafted {
            opportunity_id,
            version,
            valid_until,
            location,
            lines,
            totals,
        } => sqlx::query(
            "INSERT INTO read_model.quotes
                 (id, opportunity_id, version, status, valid_until, location, net, vat, total,
                  lines, created_at, updated_at, last_sequence)
             VALUES ($1, $4, $5, 'DRAFT', $6, $7, $8, $9, $10, $11, $2, $2, $3)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.subject)
        .bind(event.time)
        .bind(event.sequence)
        .bind(opportunity_id)
        .bind(version as i32)
        .bind(valid_until)
        .bind(location)
        .bind(totals.net.as_decimal())
        .bind(totals.vat.as_decimal())
        .bind(totals.total.as_decimal())
        .bind(encoded(&lines)?),
        QuoteEvent::QuoteRevised {
            version,
            valid_until,
            location,
            lines,
            totals,
        } => sqlx::query(
            "UPDATE read_model.quotes
                SET version = $4, valid_until = $5, location = $6, net = $7, vat = $8,
                    total = $9, lines = $10, updated_at = $2, last_sequence = $3
              WHERE id = $1 AND last_sequence < $3",
        )
        .bind(&event.subject)
        .bind(event.time)
        .bind(event.sequence)
        .bind(version as i32)
        .bind(valid_until)
        .bind(location)
        .bind(totals.net.as_decimal())
        .bind(totals.vat.as_decimal())
        .bind(totals.total.as_decimal())
        .bind(encoded(&lines)?),
        QuoteEvent::QuoteAccepted { .. } => sqlx::query(
            "UPDATE read_model.quotes SET status = 'ACCEPTED', updated_at = $2, last_sequence = $3
              WHERE id = $1 AND last_sequence < $3",
        )
        .bind(&event.subject)
        .bind(event.time)
        .bind(event.sequence),
    };
    statement
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update a quote"))?;
    Ok(())
}
