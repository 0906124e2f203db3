//! Keeps `read_model.stock_counts` and `read_model.stock_count_lines`. Each event
//! applies only past the count's `last_sequence`, so a redelivery changes nothing.

use constructos_domain::inventory::CountEvent;
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError};

/// Applies one count event.
pub(super) async fn apply(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    let change = domain_event::<CountEvent>(event)?;
    if let CountEvent::StockCountOpened {
        location,
        reference,
    } = &change
    {
        sqlx::query(
            "INSERT INTO read_model.stock_counts (id, location, reference, status, opened_at, last_sequence)
             VALUES ($1, $2, $3, 'OPEN', $4, $5)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.subject)
        .bind(location)
        .bind(reference)
        .bind(event.time)
        .bind(event.sequence)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to open a stock count"))?;
        return Ok(());
    }
    let moved = sqlx::query(
        "UPDATE read_model.stock_counts SET last_sequence = $2 WHERE id = $1 AND last_sequence < $2",
    )
    .bind(&event.subject)
    .bind(event.sequence)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to move a stock count on"))?
    .rows_affected();
    if moved == 0 {
        return Ok(());
    }
    match change {
        CountEvent::StockCountOpened { .. } => {}
        CountEvent::StockCounted { product, counted } => {
            sqlx::query(
                "INSERT INTO read_model.stock_count_lines (count_id, product, counted)
                 VALUES ($1, $2, $3)
                 ON CONFLICT (count_id, product) DO UPDATE SET counted = EXCLUDED.counted",
            )
            .bind(&event.subject)
            .bind(product)
            .bind(counted)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to record a counted quantity"))?;
        }
        CountEvent::StockCountPosted { variances } => {
            for v in variances {
                sqlx::query(
                    "UPDATE read_model.stock_count_lines SET book = $3, delta = $4
                      WHERE count_id = $1 AND product = $2",
                )
                .bind(&event.subject)
                .bind(&v.product)
                .bind(v.book)
                .bind(v.delta)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to record a count variance"))?;
            }
            sqlx::query("UPDATE read_model.stock_counts SET status = 'POSTED', posted_at = $2 WHERE id = $1")
                .bind(&event.subject)
                .bind(event.time)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to post a stock count"))?;
        }
    }
    Ok(())
}
