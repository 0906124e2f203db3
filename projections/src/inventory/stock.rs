//! Keeps `read_model.stock_levels` and `read_model.stock_movements` from stock events.
//! Each event changes its position's row only past the row's `last_sequence`, so a
//! redelivery changes nothing.

use constructos_domain::inventory::StockEvent;
use constructos_infra::cloudevents::CloudEvent;
use rust_decimal::Decimal;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError};

/// How an event moves its position's row: on hand, reserved, value.
struct Change {
    on_hand: Decimal,
    reserved: Decimal,
    value: Decimal,
}

/// A line of the stock card.
struct Movement<'a> {
    kind: &'a str,
    quantity: Decimal,
    value: Decimal,
    project_id: Option<&'a str>,
    cost_code: Option<&'a str>,
    reference: Option<&'a str>,
}

/// Applies one stock event.
pub(super) async fn apply(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    let zero = Decimal::ZERO;
    let stock = domain_event::<StockEvent>(event)?;
    let (change, movement) = match &stock {
        StockEvent::StockPositionOpened { product, location } => {
            sqlx::query(
                "INSERT INTO read_model.stock_levels
                         (id, product, location, created_at, updated_at, last_sequence)
                     VALUES ($1, $2, $3, $4, $4, $5)
                     ON CONFLICT (id) DO NOTHING",
            )
            .bind(&event.subject)
            .bind(product)
            .bind(location)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to open a stock level"))?;
            return Ok(());
        }
        StockEvent::StockReceived {
            quantity,
            value,
            reference,
            ..
        } => (
            Change {
                on_hand: *quantity,
                reserved: zero,
                value: *value,
            },
            Some(Movement {
                kind: "RECEIPT",
                quantity: *quantity,
                value: *value,
                project_id: None,
                cost_code: None,
                reference: Some(reference),
            }),
        ),
        StockEvent::StockIssued {
            quantity,
            value,
            project_id,
            cost_code,
            reservation,
            ..
        } => (
            Change {
                on_hand: -*quantity,
                reserved: -reservation.map_or(zero, |drawn| drawn.quantity),
                value: -*value,
            },
            Some(Movement {
                kind: "ISSUE",
                quantity: -*quantity,
                value: -*value,
                project_id: Some(project_id),
                cost_code: Some(cost_code),
                reference: None,
            }),
        ),
        StockEvent::StockReserved { quantity, .. } => (
            Change {
                on_hand: zero,
                reserved: *quantity,
                value: zero,
            },
            None,
        ),
        StockEvent::ReservationReleased { quantity, .. } => (
            Change {
                on_hand: zero,
                reserved: -*quantity,
                value: zero,
            },
            None,
        ),
        StockEvent::StockTransferredOut {
            to,
            quantity,
            value,
            ..
        } => (
            Change {
                on_hand: -*quantity,
                reserved: zero,
                value: -*value,
            },
            Some(Movement {
                kind: "TRANSFER_OUT",
                quantity: -*quantity,
                value: -*value,
                project_id: None,
                cost_code: None,
                reference: Some(to),
            }),
        ),
        StockEvent::StockTransferredIn {
            from,
            quantity,
            value,
            ..
        } => (
            Change {
                on_hand: *quantity,
                reserved: zero,
                value: *value,
            },
            Some(Movement {
                kind: "TRANSFER_IN",
                quantity: *quantity,
                value: *value,
                project_id: None,
                cost_code: None,
                reference: Some(from),
            }),
        ),
        StockEvent::StockAdjusted {
            delta,
            value,
            note,
            trimmed,
            ..
        } => (
            Change {
                on_hand: *delta,
                reserved: -trimmed.iter().map(|cut| cut.quantity).sum::<Decimal>(),
                value: *value,
            },
            Some(Movement {
                kind: "ADJUSTMENT",
                quantity: *delta,
                value: *value,
                project_id: None,
                cost_code: None,
                reference: Some(note),
            }),
        ),
    };
    let moved = sqlx::query(
        "UPDATE read_model.stock_levels
                SET on_hand = on_hand + $2, reserved = reserved + $3, value = value + $4,
                    updated_at = $5, last_sequence = $6
              WHERE id = $1 AND last_sequence < $6",
    )
    .bind(&event.subject)
    .bind(change.on_hand)
    .bind(change.reserved)
    .bind(change.value)
    .bind(event.time)
    .bind(event.sequence)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to update a stock level"))?
    .rows_affected();
    if let (1, Some(movement)) = (moved, movement) {
        sqlx::query(
            "INSERT INTO read_model.stock_movements
                     (event_id, stock_id, sequence, product, location, kind, quantity, value,
                      project_id, cost_code, reference, occurred_at)
                 SELECT $1, id, $2, product, location, $3, $4, $5, $6, $7, $8, $9
                   FROM read_model.stock_levels WHERE id = $10
                 ON CONFLICT DO NOTHING",
        )
        .bind(event.id)
        .bind(event.sequence)
        .bind(movement.kind)
        .bind(movement.quantity)
        .bind(movement.value)
        .bind(movement.project_id)
        .bind(movement.cost_code)
        .bind(movement.reference)
        .bind(event.time)
        .bind(&event.subject)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to record a stock movement"))?;
    }
    Ok(())
}
