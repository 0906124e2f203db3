//! `read_model.timesheets` from HR's timesheets.

use constructos_domain::hr::timesheet::TimesheetEvent;
use constructos_infra::cloudevents::CloudEvent;
use rust_decimal::Decimal;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError};

pub(super) async fn apply(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    let query = match domain_event::<TimesheetEvent>(event)? {
        TimesheetEvent::TimesheetSubmitted {
            employee_id,
            week_starting,
            entries,
            cost_rate,
            ..
        } => {
            let sum = |f: fn(&constructos_domain::hr::timesheet::ClassifiedEntry) -> Decimal| {
                entries.iter().map(f).sum::<Decimal>()
            };
            let (ordinary, overtime, double) =
                (sum(|e| e.ordinary), sum(|e| e.overtime), sum(|e| e.double));
            let mut projects: Vec<String> = entries.iter().map(|e| e.project_id.clone()).collect();
            projects.sort();
            projects.dedup();
            let entries = serde_json::to_value(&entries).map_err(|e| ApplyError::Unfit {
                what: format!("timesheet entries: {e}"),
            })?;
            sqlx::query(
                "INSERT INTO read_model.timesheets
                     (id, employee_id, week_starting, status, entries, projects, ordinary_hours,
                      overtime_hours, double_hours, cost_rate, updated_at, last_sequence)
                 VALUES ($1, $2, $3, 'SUBMITTED', $4, $5, $6, $7, $8, $9, $10, $11)
                 ON CONFLICT (id) DO UPDATE
                    SET status = 'SUBMITTED', entries = EXCLUDED.entries,
                        projects = EXCLUDED.projects, ordinary_hours = EXCLUDED.ordinary_hours,
                        overtime_hours = EXCLUDED.overtime_hours,
                        double_hours = EXCLUDED.double_hours, cost_rate = EXCLUDED.cost_rate,
                        reject_reason = NULL, updated_at = EXCLUDED.updated_at,
                        last_sequence = EXCLUDED.last_sequence
                  WHERE read_model.timesheets.last_sequence < EXCLUDED.last_sequence",
            )
            .bind(&event.subject)
            .bind(employee_id)
            .bind(week_starting)
            .bind(entries)
            .bind(projects)
            .bind(ordinary)
            .bind(overtime)
            .bind(double)
            .bind(cost_rate.as_decimal())
            .bind(event.time)
            .bind(event.sequence)
        }
        TimesheetEvent::TimesheetApproved {
            by,
            total_cost,
            gross_pay,
            ..
        } => sqlx::query(
            "UPDATE read_model.timesheets
                SET status = 'APPROVED', decided_by = $2, total_cost = $3, gross_pay = $4,
                    updated_at = $5, last_sequence = $6
              WHERE id = $1 AND last_sequence < $6",
        )
        .bind(&event.subject)
        .bind(by)
        .bind(total_cost)
        .bind(gross_pay)
        .bind(event.time)
        .bind(event.sequence),
        TimesheetEvent::TimesheetRejected { by, reason } => sqlx::query(
            "UPDATE read_model.timesheets
                SET status = 'REJECTED', decided_by = $2, reject_reason = $3, updated_at = $4,
                    last_sequence = $5
              WHERE id = $1 AND last_sequence < $5",
        )
        .bind(&event.subject)
        .bind(by)
        .bind(reason)
        .bind(event.time)
        .bind(event.sequence),
    };
    query
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update timesheets"))?;
    Ok(())
}
