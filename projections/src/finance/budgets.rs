//! The budgets read model: the latest amount per project, cost code and period, kept
//! from `BudgetSet` (the amount set) and `BudgetLineAdded` (the line after the change,
//! `previous + amount`: what orders' tasks and variations add). Idempotent: a row is
//! updated only by a later event of its project's stream (`last_sequence`), so a replay
//! or rebuild, which applies the same events, ends with the same rows.

use constructos_domain::finance::BudgetEvent;
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::rebuild::Schema;
use crate::{database, domain_event, ApplyError};

/// Applies a budget event; returns its effective date (the day it was recorded).
pub(super) async fn apply_budget(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    schema: Schema,
) -> Result<chrono::NaiveDate, ApplyError> {
    let (project_id, cost_code, period, amount) = match domain_event::<BudgetEvent>(event)? {
        BudgetEvent::BudgetSet {
            project_id,
            cost_code,
            period,
            amount,
            ..
        } => (project_id, cost_code, period, amount),
        BudgetEvent::BudgetLineAdded {
            project_id,
            cost_code,
            period,
            amount,
            previous,
            ..
        } => (project_id, cost_code, period, previous + amount),
    };
    sqlx::query(&schema.sql(
        "INSERT INTO read_model.budgets
             (project_id, cost_code, period, amount, updated_at, updated_by, last_sequence)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (project_id, cost_code, period) DO UPDATE
            SET amount = EXCLUDED.amount, updated_at = EXCLUDED.updated_at,
                updated_by = EXCLUDED.updated_by, last_sequence = EXCLUDED.last_sequence
          WHERE read_model.budgets.last_sequence < EXCLUDED.last_sequence",
    ))
    .bind(project_id)
    .bind(cost_code)
    .bind(period)
    .bind(amount.as_decimal())
    .bind(event.time)
    .bind(&event.actor)
    .bind(event.sequence)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to update a budget"))?;
    Ok(event.time.date_naive())
}
