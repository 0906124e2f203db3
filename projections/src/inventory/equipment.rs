//! Keeps `read_model.equipment` and `read_model.equipment_hire`. Each event applies only
//! past the item's `last_sequence`, so a redelivery changes nothing.

use constructos_domain::inventory::EquipmentEvent;
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use super::wire;
use crate::{database, domain_event, ApplyError};

/// Applies one equipment event.
pub(super) async fn apply(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    let change = domain_event::<EquipmentEvent>(event)?;
    if let EquipmentEvent::EquipmentRegistered(d) = &change {
        sqlx::query(
            "INSERT INTO read_model.equipment
                 (id, code, description, category, serial_number, ownership, meter_kind,
                  daily_rate, service_every, service_every_days, meter, meter_read_on,
                  last_service_on, last_service_meter, last_sequence)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $11, $13)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.subject)
        .bind(&d.code)
        .bind(&d.description)
        .bind(&d.category)
        .bind(&d.serial_number)
        .bind(wire(&d.ownership)?)
        .bind(wire(&d.meter)?)
        .bind(d.daily_rate)
        .bind(d.service_every)
        .bind(d.service_every_days.map(|days| days as i32))
        .bind(d.meter_reading)
        .bind(d.registered_on)
        .bind(event.sequence)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to register equipment"))?;
        return Ok(());
    }
    let moved = sqlx::query(
        "UPDATE read_model.equipment SET last_sequence = $2 WHERE id = $1 AND last_sequence < $2",
    )
    .bind(&event.subject)
    .bind(event.sequence)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to move equipment on"))?
    .rows_affected();
    if moved == 0 {
        return Ok(());
    }
    let statement = match change {
        EquipmentEvent::EquipmentRegistered(_) => return Ok(()),
        EquipmentEvent::EquipmentCheckedOut { project_id, on } => sqlx::query(
            "UPDATE read_model.equipment SET project_id = $2, out_since = $3 WHERE id = $1",
        )
        .bind(&event.subject)
        .bind(project_id)
        .bind(on),
        EquipmentEvent::EquipmentCheckedIn {
            project_id,
            on,
            days,
            charge,
            ..
        } => {
            sqlx::query(
                "INSERT INTO read_model.equipment_hire
                     (event_id, code, project_id, out_from, back_on, days, charge)
                 SELECT $1, code, $3, coalesce(out_since, $4), $4, $5, $6
                   FROM read_model.equipment WHERE id = $2
                 ON CONFLICT DO NOTHING",
            )
            .bind(event.id)
            .bind(&event.subject)
            .bind(&project_id)
            .bind(on)
            .bind(days as i32)
            .bind(charge)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to record a spell of hire"))?;
            sqlx::query(
                "UPDATE read_model.equipment SET project_id = NULL, out_since = NULL WHERE id = $1",
            )
            .bind(&event.subject)
        }
        EquipmentEvent::MeterRead { reading, on } => sqlx::query(
            "UPDATE read_model.equipment SET meter = $2, meter_read_on = $3 WHERE id = $1",
        )
        .bind(&event.subject)
        .bind(reading)
        .bind(on),
        EquipmentEvent::EquipmentServiced { on, meter, .. } => sqlx::query(
            "UPDATE read_model.equipment
                SET meter = $2, meter_read_on = $3, last_service_on = $3, last_service_meter = $2
              WHERE id = $1",
        )
        .bind(&event.subject)
        .bind(meter)
        .bind(on),
    };
    statement
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update equipment"))?;
    Ok(())
}
