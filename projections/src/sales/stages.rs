//! Keeps `read_model.pipeline_stages` from the stage settings, and re-forecasts the
//! open opportunities at a stage when its probability changes. (An opportunity moved in
//! the instant of a change, decided on the old setting, keeps that setting's
//! probability until it moves again.)

use constructos_domain::sales::stages::PipelineStagesEvent;
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError};

/// Applies a stage-settings event.
pub(super) async fn apply(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    let PipelineStagesEvent::PipelineStageConfigured {
        stage,
        label,
        probability,
    } = domain_event::<PipelineStagesEvent>(event)?;
    sqlx::query(
        "UPDATE read_model.pipeline_stages SET label = $2, probability = $3, updated_at = $4
          WHERE stage = $1",
    )
    .bind(stage.as_str())
    .bind(&label)
    .bind(i32::from(probability))
    .bind(event.time)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to configure a pipeline stage"))?;
    if stage.is_open() {
        sqlx::query("UPDATE read_model.opportunities SET probability = $2 WHERE stage = $1")
            .bind(stage.as_str())
            .bind(i32::from(probability))
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to re-forecast a stage's opportunities"))?;
    }
    Ok(())
}
