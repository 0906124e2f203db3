//! Keeps `read_model.transfers`: every transfer, those not yet received in transit.

use constructos_domain::inventory::TransferEvent;
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError};

/// Applies one transfer event.
pub(super) async fn apply(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    match domain_event::<TransferEvent>(event)? {
        TransferEvent::TransferDispatched {
            product,
            from,
            to,
            quantity,
            value,
            reference,
        } => sqlx::query(
            "INSERT INTO read_model.transfers
                 (id, product, from_location, to_location, quantity, value, reference,
                  dispatched_at, last_sequence)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.subject)
        .bind(product)
        .bind(from)
        .bind(to)
        .bind(quantity)
        .bind(value)
        .bind(reference)
        .bind(event.time)
        .bind(event.sequence),
        TransferEvent::TransferReceived { .. } => sqlx::query(
            "UPDATE read_model.transfers SET received_at = $2, last_sequence = $3
              WHERE id = $1 AND last_sequence < $3",
        )
        .bind(&event.subject)
        .bind(event.time)
        .bind(event.sequence),
    }
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to update a transfer"))?;
    Ok(())
}
