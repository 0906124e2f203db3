//! `read_model.leave_requests` from employees' leave books.

use constructos_domain::hr::leave_book::LeaveEvent;
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, wire, ApplyError};

pub(super) async fn apply(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    let decided =
        |request_id: String, status: &'static str, by: Option<String>, why: Option<String>| {
            sqlx::query(
                "UPDATE read_model.leave_requests
                SET status = $2, decided_by = COALESCE($3, decided_by),
                    decline_reason = COALESCE($4, decline_reason), updated_at = $5,
                    last_sequence = $6
              WHERE id = $1 AND last_sequence < $6",
            )
            .bind(request_id)
            .bind(status)
            .bind(by)
            .bind(why)
            .bind(event.time)
            .bind(event.sequence)
        };
    let query = match domain_event::<LeaveEvent>(event)? {
        LeaveEvent::LeaveRequested {
            request_id,
            kind,
            from,
            to,
            days,
            reason,
        } => sqlx::query(
            "INSERT INTO read_model.leave_requests
                 (id, employee_id, kind, first_day, last_day, days, reason, status,
                  requested_at, updated_at, last_sequence)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $8, $8, $9)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(request_id)
        .bind(&event.subject)
        .bind(wire(&kind)?)
        .bind(from)
        .bind(to)
        .bind(days)
        .bind(reason)
        .bind(event.time)
        .bind(event.sequence),
        LeaveEvent::LeaveApproved { request_id, by } => {
            decided(request_id, "APPROVED", Some(by), None)
        }
        LeaveEvent::LeaveDeclined {
            request_id,
            by,
            reason,
        } => decided(request_id, "DECLINED", Some(by), Some(reason)),
        LeaveEvent::LeaveCancelled { request_id } => decided(request_id, "CANCELLED", None, None),
    };
    query
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update leave requests"))?;
    Ok(())
}
