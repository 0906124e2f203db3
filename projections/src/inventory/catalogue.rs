//! Keeps `read_model.products` and `read_model.locations`. Each event changes its row
//! only past the row's `last_sequence`, so a redelivery changes nothing.

use constructos_domain::inventory::{LocationEvent, ProductDetails, ProductEvent};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use super::wire;
use crate::{database, domain_event, ApplyError};

/// Applies one product event.
pub(super) async fn apply_product(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    match domain_event::<ProductEvent>(event)? {
        ProductEvent::ProductDefined { sku, details } => {
            let inserted = sqlx::query(
                "INSERT INTO read_model.products (id, sku, description, category, unit, updated_at,
                                                  last_sequence)
                 VALUES ($1, $2, '', '', '', $3, 0)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&event.subject)
            .bind(&sku)
            .bind(event.time)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to add a product"))?;
            if inserted.rows_affected() == 0 {
                return Ok(());
            }
            write_details(tx, event, &details).await
        }
        ProductEvent::ProductRevised { details } => write_details(tx, event, &details).await,
        ProductEvent::ProductDiscontinued { .. } => {
            sqlx::query(
                "UPDATE read_model.products
                    SET discontinued = true, updated_at = $2, last_sequence = $3
                  WHERE id = $1 AND last_sequence < $3",
            )
            .bind(&event.subject)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to discontinue a product"))?;
            Ok(())
        }
    }
}

/// Writes a product's details, unless the row is already past this event.
async fn write_details(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    details: &ProductDetails,
) -> Result<(), ApplyError> {
    let conversions =
        serde_json::to_value(&details.conversions).map_err(|source| ApplyError::Event {
            what: "a product's unit conversions".into(),
            source,
        })?;
    sqlx::query(
        "UPDATE read_model.products
            SET description = $2, category = $3, unit = $4, conversions = $5,
                standard_cost = $6, sell_price = $7, vat = $8, reorder_level = $9,
                reorder_quantity = $10, preferred_vendor = $11, updated_at = $12,
                last_sequence = $13
          WHERE id = $1 AND last_sequence < $13",
    )
    .bind(&event.subject)
    .bind(&details.description)
    .bind(wire(&details.category)?)
    .bind(&details.unit)
    .bind(conversions)
    .bind(details.standard_cost)
    .bind(details.sell_price)
    .bind(details.vat.as_str())
    .bind(details.reorder_level)
    .bind(details.reorder_quantity)
    .bind(&details.preferred_vendor)
    .bind(event.time)
    .bind(event.sequence)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to write a product's details"))?;
    Ok(())
}

/// Applies one location event.
pub(super) async fn apply_location(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    // Every statement takes the stream, the time and the sequence as $1..$3.
    let common = |sql| {
        sqlx::query(sql)
            .bind(&event.subject)
            .bind(event.time)
            .bind(event.sequence)
    };
    let statement = match domain_event::<LocationEvent>(event)? {
        LocationEvent::LocationOpened {
            code,
            name,
            kind,
            project_id,
            allow_negative,
        } => common(
            "INSERT INTO read_model.locations
                 (id, code, name, kind, project_id, allow_negative, opened_at, updated_at,
                  last_sequence)
             VALUES ($1, $4, $5, $6, $7, $8, $2, $2, $3)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(code)
        .bind(name)
        .bind(kind.as_str())
        .bind(project_id)
        .bind(allow_negative),
        LocationEvent::NegativeStockPolicySet { allowed } => common(
            "UPDATE read_model.locations
                SET allow_negative = $4, updated_at = $2, last_sequence = $3
              WHERE id = $1 AND last_sequence < $3",
        )
        .bind(allowed),
        LocationEvent::LocationClosed { .. } => common(
            "UPDATE read_model.locations
                SET closed = true, updated_at = $2, last_sequence = $3
              WHERE id = $1 AND last_sequence < $3",
        ),
    };
    statement
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update a location"))?;
    Ok(())
}
