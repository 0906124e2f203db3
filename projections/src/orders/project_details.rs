//! The statements each project event (after its opening) applies to the read models.

use constructos_domain::finance::{invoice_id_for_claim, Rand};
use constructos_domain::orders::ProjectEvent;
use constructos_infra::cloudevents::CloudEvent;
use rust_decimal::Decimal;
use sqlx::{Postgres, Transaction};

use crate::{database, ApplyError};

type Tx<'a, 'b> = &'a mut Transaction<'b, Postgres>;

const FAILED: &str = "Failed to update a project's details";

/// Applies `change`, an event of the project `event.subject` newer than the row.
pub(super) async fn apply(
    tx: Tx<'_, '_>,
    event: &CloudEvent,
    change: ProjectEvent,
) -> Result<(), ApplyError> {
    let project = event.subject.as_str();
    match change {
        ProjectEvent::ProjectCreated { .. } => {}
        ProjectEvent::ProjectStatusChanged { to, .. } => {
            sqlx::query("UPDATE read_model.projects SET status = $2 WHERE id = $1")
                .bind(project)
                .bind(to.as_str())
                .execute(&mut **tx)
                .await
                .map_err(database(FAILED))?;
        }
        ProjectEvent::ProjectContractSet {
            contract_type,
            contract_value,
            retention_percent,
            retention_cap_percent,
            release_at_practical_percent,
            planned_completion_on,
        } => {
            sqlx::query(
                "UPDATE read_model.projects
                    SET contract_type = $2, contract_value = $3, retention_percent = $4,
                        retention_cap_percent = $5, release_at_practical_percent = $6,
                        planned_completion_on = $7
                  WHERE id = $1",
            )
            .bind(project)
            .bind(contract_type.as_str())
            .bind(contract_value.as_decimal())
            .bind(retention_percent)
            .bind(retention_cap_percent)
            .bind(release_at_practical_percent)
            .bind(planned_completion_on)
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
        }
        ProjectEvent::BillOfQuantitiesSet { lines } => {
            sqlx::query("DELETE FROM read_model.project_boq_lines WHERE project_id = $1")
                .bind(project)
                .execute(&mut **tx)
                .await
                .map_err(database(FAILED))?;
            for (position, line) in lines.iter().enumerate() {
                boq_line(
                    tx,
                    project,
                    position,
                    &line.item,
                    &line.description,
                    &line.unit,
                    line.quantity,
                    line.rate,
                    line.amount,
                    line.cost_code.as_deref(),
                )
                .await?;
            }
        }
        ProjectEvent::WorkItemAdded { item } => {
            sqlx::query(
                "INSERT INTO read_model.project_work_items
                     (project_id, code, name, kind, parent, planned_start, planned_finish,
                      cost_code, budget, percent_complete)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT DO NOTHING",
            )
            .bind(project)
            .bind(&item.code)
            .bind(&item.name)
            .bind(item.kind.as_str())
            .bind(&item.parent)
            .bind(item.planned_start)
            .bind(item.planned_finish)
            .bind(&item.cost_code)
            .bind(item.budget.as_decimal())
            .bind(item.percent_complete)
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
        }
        ProjectEvent::WorkProgressRecorded {
            code,
            percent_complete,
            actual_start,
            actual_finish,
        } => {
            sqlx::query(
                "UPDATE read_model.project_work_items
                    SET percent_complete = $3,
                        actual_start = COALESCE($4, actual_start),
                        actual_finish = COALESCE($5, actual_finish)
                  WHERE project_id = $1 AND code = $2",
            )
            .bind(project)
            .bind(&code)
            .bind(percent_complete)
            .bind(actual_start)
            .bind(actual_finish)
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
        }
        ProjectEvent::WorkDependencyAdded {
            predecessor,
            successor,
        } => {
            sqlx::query(
                "INSERT INTO read_model.project_work_dependencies (project_id, predecessor, successor)
                 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(project)
            .bind(&predecessor)
            .bind(&successor)
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
        }
        ProjectEvent::VariationProposed {
            number,
            description,
            amount,
            cost_code,
        } => {
            sqlx::query(
                "INSERT INTO read_model.project_variations
                     (project_id, number, description, amount, cost_code, status, proposed_at)
                 VALUES ($1, $2, $3, $4, $5, 'PROPOSED', $6) ON CONFLICT DO NOTHING",
            )
            .bind(project)
            .bind(&number)
            .bind(&description)
            .bind(amount.as_decimal())
            .bind(&cost_code)
            .bind(event.time)
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
        }
        ProjectEvent::VariationApproved { number, amount, .. } => {
            variation_decided(tx, event, &number, "APPROVED", None).await?;
            sqlx::query("UPDATE read_model.projects SET varied_by = varied_by + $2 WHERE id = $1")
                .bind(project)
                .bind(amount.as_decimal())
                .execute(&mut **tx)
                .await
                .map_err(database(FAILED))?;
            if amount.is_positive() {
                // An addition becomes an item of the bill that claims can measure.
                let v: Option<(String, Option<String>)> = sqlx::query_as(
                    "SELECT description, cost_code FROM read_model.project_variations
                      WHERE project_id = $1 AND number = $2",
                )
                .bind(project)
                .bind(&number)
                .fetch_optional(&mut **tx)
                .await
                .map_err(database("Failed to read a variation"))?;
                let (description, cost_code) = v.unwrap_or_default();
                let position: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM read_model.project_boq_lines WHERE project_id = $1",
                )
                .bind(project)
                .fetch_one(&mut **tx)
                .await
                .map_err(database("Failed to read the bill of quantities"))?;
                boq_line(
                    tx,
                    project,
                    usize::try_from(position).unwrap_or_default(),
                    &number,
                    &description,
                    "sum",
                    Decimal::ONE,
                    amount,
                    amount,
                    cost_code.as_deref(),
                )
                .await?;
            }
        }
        ProjectEvent::VariationRejected { number, reason } => {
            variation_decided(tx, event, &number, "REJECTED", Some(&reason)).await?;
        }
        ProjectEvent::ProgressClaimSubmitted {
            claim_id,
            claim_number,
            period_end,
            lines,
            amount,
            retention,
            retention_percent,
            vat,
            due_now,
        } => {
            sqlx::query(
                "INSERT INTO read_model.progress_claims
                     (claim_id, project_id, claim_number, period_end, status, amount, retention,
                      retention_percent, vat, due_now, submitted_at)
                 VALUES ($1, $2, $3, $4, 'SUBMITTED', $5, $6, $7, $8, $9, $10)
                 ON CONFLICT DO NOTHING",
            )
            .bind(&claim_id)
            .bind(project)
            .bind(&claim_number)
            .bind(period_end)
            .bind(amount.as_decimal())
            .bind(retention.as_decimal())
            .bind(retention_percent)
            .bind(vat.as_decimal())
            .bind(due_now.as_decimal())
            .bind(event.time)
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
            for (position, line) in lines.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO read_model.progress_claim_lines
                         (claim_id, position, item, description, percent_to_date, value_to_date,
                          previously_claimed, amount)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                )
                .bind(&claim_id)
                .bind(i32::try_from(position).unwrap_or(i32::MAX))
                .bind(&line.item)
                .bind(&line.description)
                .bind(line.percent_to_date)
                .bind(line.value_to_date.as_decimal())
                .bind(line.previously_claimed.as_decimal())
                .bind(line.amount.as_decimal())
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to record a claim line"))?;
            }
        }
        ProjectEvent::ProgressClaimApproved {
            claim_id,
            date,
            amount,
            retention,
            ..
        } => {
            sqlx::query(
                "UPDATE read_model.progress_claims
                    SET status = 'APPROVED', decided_on = $2, invoice_id = $3
                  WHERE claim_id = $1",
            )
            .bind(&claim_id)
            .bind(date)
            .bind(invoice_id_for_claim(&claim_id))
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
            // The claim's lines are what the bill is now claimed to.
            sqlx::query(
                "UPDATE read_model.project_boq_lines b
                    SET percent_to_date = l.percent_to_date, claimed_to_date = l.value_to_date
                   FROM read_model.progress_claim_lines l
                  WHERE l.claim_id = $1 AND b.project_id = $2 AND b.item = l.item",
            )
            .bind(&claim_id)
            .bind(project)
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
            sqlx::query(
                "UPDATE read_model.projects
                    SET claimed_to_date = claimed_to_date + $2,
                        retention_withheld = retention_withheld + $3
                  WHERE id = $1",
            )
            .bind(project)
            .bind(amount.as_decimal())
            .bind(retention.as_decimal())
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
        }
        ProjectEvent::ProgressClaimRejected { claim_id, reason } => {
            sqlx::query(
                "UPDATE read_model.progress_claims SET status = 'REJECTED', reason = $2,
                        decided_on = $3::timestamptz::date
                  WHERE claim_id = $1",
            )
            .bind(&claim_id)
            .bind(&reason)
            .bind(event.time)
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
        }
        ProjectEvent::ProjectRetentionReleased {
            release_id,
            date,
            stage,
            amount,
            ..
        } => {
            sqlx::query(
                "INSERT INTO read_model.retention_releases (release_id, project_id, released_on, stage, amount)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(&release_id)
            .bind(project)
            .bind(date)
            .bind(stage.as_str())
            .bind(amount.as_decimal())
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
            sqlx::query(
                "UPDATE read_model.projects SET retention_released = retention_released + $2
                  WHERE id = $1",
            )
            .bind(project)
            .bind(amount.as_decimal())
            .execute(&mut **tx)
            .await
            .map_err(database(FAILED))?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn boq_line(
    tx: Tx<'_, '_>,
    project: &str,
    position: usize,
    item: &str,
    description: &str,
    unit: &str,
    quantity: Decimal,
    rate: Rand,
    amount: Rand,
    cost_code: Option<&str>,
) -> Result<(), ApplyError> {
    sqlx::query(
        "INSERT INTO read_model.project_boq_lines
             (project_id, item, position, description, unit, quantity, rate, amount, cost_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
    )
    .bind(project)
    .bind(item)
    .bind(i32::try_from(position).unwrap_or(i32::MAX))
    .bind(description)
    .bind(unit)
    .bind(quantity)
    .bind(rate.as_decimal())
    .bind(amount.as_decimal())
    .bind(cost_code)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to record a bill item"))?;
    Ok(())
}

async fn variation_decided(
    tx: Tx<'_, '_>,
    event: &CloudEvent,
    number: &str,
    status: &str,
    reason: Option<&str>,
) -> Result<(), ApplyError> {
    sqlx::query(
        "UPDATE read_model.project_variations SET status = $3, reason = $4, decided_at = $5
          WHERE project_id = $1 AND number = $2",
    )
    .bind(&event.subject)
    .bind(number)
    .bind(status)
    .bind(reason)
    .bind(event.time)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to record a variation's decision"))?;
    Ok(())
}
