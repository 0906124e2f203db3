//! `read_model.pay_runs` and `read_model.payslips` from HR's pay runs.

use constructos_domain::hr::payroll::pay_run::{PayRunTotals, Payslip};
use constructos_domain::hr::payroll::PayRunEvent;
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, wire, ApplyError};

pub(super) async fn apply(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    let failed = database("Failed to update pay runs");
    match domain_event::<PayRunEvent>(event)? {
        PayRunEvent::PayRunOpened {
            frequency,
            period_start,
            period_end,
            pay_date,
        } => {
            sqlx::query(
                "INSERT INTO read_model.pay_runs
                     (id, frequency, period_start, period_end, pay_date, status, opened_at,
                      updated_at, last_sequence)
                 VALUES ($1, $2, $3, $4, $5, 'DRAFT', $6, $6, $7)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&event.subject)
            .bind(wire(&frequency)?)
            .bind(period_start)
            .bind(period_end)
            .bind(pay_date)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(failed)?;
        }
        PayRunEvent::PayRunCalculated {
            by,
            payslips,
            totals,
        } => {
            let done = calculated(tx, event, &by, &totals).await?;
            if done {
                replace_payslips(tx, &event.subject, &payslips).await?;
            }
        }
        PayRunEvent::PayRunApproved { by, .. } => {
            sqlx::query(
                "UPDATE read_model.pay_runs SET status = 'APPROVED', approved_by = $2,
                        updated_at = $3, last_sequence = $4
                  WHERE id = $1 AND last_sequence < $4",
            )
            .bind(&event.subject)
            .bind(by)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(failed)?;
        }
        PayRunEvent::PayRunPaid { on, .. } => {
            sqlx::query(
                "UPDATE read_model.pay_runs SET status = 'PAID', paid_on = $2, updated_at = $3,
                        last_sequence = $4
                  WHERE id = $1 AND last_sequence < $4",
            )
            .bind(&event.subject)
            .bind(on)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(failed)?;
        }
        PayRunEvent::PayRunReversed { by, reason, .. } => {
            sqlx::query(
                "UPDATE read_model.pay_runs SET status = 'REVERSED', reversed_by = $2,
                        reverse_reason = $3, updated_at = $4, last_sequence = $5
                  WHERE id = $1 AND last_sequence < $5",
            )
            .bind(&event.subject)
            .bind(by)
            .bind(reason)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(failed)?;
        }
    }
    Ok(())
}

/// Records the run's totals; `false` when this event was applied already.
async fn calculated(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    by: &str,
    t: &PayRunTotals,
) -> Result<bool, ApplyError> {
    let rows = sqlx::query(
        "UPDATE read_model.pay_runs
            SET status = 'CALCULATED', calculated_by = $2, employees = $3, gross = $4,
                paye = $5, uif_employee = $6, uif_employer = $7, sdl = $8, net = $9,
                updated_at = $10, last_sequence = $11
          WHERE id = $1 AND last_sequence < $11",
    )
    .bind(&event.subject)
    .bind(by)
    .bind(i32::try_from(t.employees).unwrap_or(i32::MAX))
    .bind(t.gross)
    .bind(t.paye)
    .bind(t.uif_employee)
    .bind(t.uif_employer)
    .bind(t.sdl)
    .bind(t.net)
    .bind(event.time)
    .bind(event.sequence)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to update pay runs"))?;
    Ok(rows.rows_affected() == 1)
}

async fn replace_payslips(
    tx: &mut Transaction<'_, Postgres>,
    run: &str,
    payslips: &[Payslip],
) -> Result<(), ApplyError> {
    let failed = || database("Failed to update payslips");
    sqlx::query("DELETE FROM read_model.payslips WHERE pay_run_id = $1")
        .bind(run)
        .execute(&mut **tx)
        .await
        .map_err(failed())?;
    let mut documents = Vec::with_capacity(payslips.len());
    for p in payslips {
        documents.push(serde_json::to_value(p).map_err(|e| ApplyError::Unfit {
            what: format!("payslip: {e}"),
        })?);
    }
    sqlx::query(
        "INSERT INTO read_model.payslips
             (pay_run_id, employee_id, employee_number, name, tax_year, gross, paye,
              uif_employee, uif_employer, sdl, net, payslip)
         SELECT $1, p->>'employee_id', p->>'employee_number', p->>'name',
                (p->>'tax_year')::integer, (p->>'gross')::numeric, (p->>'paye')::numeric,
                (p->>'uif_employee')::numeric, (p->>'uif_employer')::numeric,
                (p->>'sdl')::numeric, (p->>'net')::numeric, p
           FROM unnest($2::jsonb[]) AS p",
    )
    .bind(run)
    .bind(documents)
    .execute(&mut **tx)
    .await
    .map_err(failed())?;
    Ok(())
}
