//! Keeps `read_model.opportunities` from opportunity events (and, through
//! `quotes.rs`, `read_model.quotes` from quote events, and through `stages.rs` the
//! pipeline's stage settings, and through `marketing.rs` campaigns, lead profiles and
//! the scoring rules).
//!
//! Idempotent twice over: the worker records each applied event id in the same
//! transaction (a redelivered message is skipped), and each row remembers the last
//! sequence applied to it, so an update is applied only once and never over a later one
//! (`WHERE last_sequence < $n`); an opening already there is left alone.

use async_trait::async_trait;
use constructos_domain::sales::marketing::scoring::SCORING_AGGREGATE;
use constructos_domain::sales::marketing::{CAMPAIGN_AGGREGATE, LEAD_PROFILE_AGGREGATE};
use constructos_domain::sales::quote::QUOTE_AGGREGATE;
use constructos_domain::sales::stages::PIPELINE_STAGES_AGGREGATE;
use constructos_domain::sales::{OpportunityEvent, Stage, OPPORTUNITY_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError, Projection};

/// The sales projection.
#[derive(Debug, Clone, Copy, Default)]
pub struct SalesProjection;

#[async_trait]
impl Projection for SalesProjection {
    fn name(&self) -> &'static str {
        "sales.read_model"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.aggregatetype == QUOTE_AGGREGATE {
            return super::quotes::apply(tx, event).await;
        }
        match event.aggregatetype.as_str() {
            PIPELINE_STAGES_AGGREGATE => return super::stages::apply(tx, event).await,
            CAMPAIGN_AGGREGATE => return super::marketing::apply_campaign(tx, event).await,
            LEAD_PROFILE_AGGREGATE => return super::marketing::apply_profile(tx, event).await,
            SCORING_AGGREGATE => return super::marketing::apply_rules(tx, event).await,
            _ => {}
        }
        if event.aggregatetype != OPPORTUNITY_AGGREGATE {
            return Ok(());
        }
        let change = domain_event::<OpportunityEvent>(event)?;
        let entered = match &change {
            OpportunityEvent::OpportunityOpened { stage, .. } => Some(*stage),
            OpportunityEvent::OpportunityStageMoved { to, .. } => Some(*to),
            OpportunityEvent::OpportunityWon {} => Some(Stage::Won),
            OpportunityEvent::OpportunityLost { .. } => Some(Stage::Lost),
            OpportunityEvent::OpportunityForecastSet { .. } => None,
        };
        let query = match change {
            OpportunityEvent::OpportunityOpened {
                lead_id,
                account_id,
                contact_id,
                name,
                owner,
                source,
                estimated_value,
                stage,
                probability,
            } => sqlx::query(
                "INSERT INTO read_model.opportunities
                     (id, lead_id, account_id, contact_id, name, owner, source, stage,
                      probability, estimated_value, opened_at, updated_at, last_sequence)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&event.subject)
            .bind(lead_id)
            .bind(account_id)
            .bind(contact_id)
            .bind(name)
            .bind(owner)
            .bind(source.as_str())
            .bind(stage.as_str())
            .bind(i32::from(probability))
            .bind(estimated_value)
            .bind(event.time)
            .bind(event.sequence),
            OpportunityEvent::OpportunityStageMoved {
                to, probability, ..
            } => sqlx::query(
                "UPDATE read_model.opportunities
                    SET stage = $2, probability = $3, updated_at = $4, last_sequence = $5
                  WHERE id = $1 AND last_sequence < $5",
            )
            .bind(&event.subject)
            .bind(to.as_str())
            .bind(i32::from(probability))
            .bind(event.time)
            .bind(event.sequence),
            OpportunityEvent::OpportunityForecastSet {
                expected_close,
                estimated_value,
            } => sqlx::query(
                "UPDATE read_model.opportunities
                    SET expected_close = $2, estimated_value = coalesce($3, estimated_value),
                        updated_at = $4, last_sequence = $5
                  WHERE id = $1 AND last_sequence < $5",
            )
            .bind(&event.subject)
            .bind(expected_close)
            .bind(estimated_value)
            .bind(event.time)
            .bind(event.sequence),
            OpportunityEvent::OpportunityWon {} => sqlx::query(
                "UPDATE read_model.opportunities
                    SET stage = $2, probability = $3, updated_at = $4, closed_at = $4,
                        last_sequence = $5
                  WHERE id = $1 AND last_sequence < $5",
            )
            .bind(&event.subject)
            .bind(Stage::Won.as_str())
            .bind(i32::from(Stage::Won.default_probability()))
            .bind(event.time)
            .bind(event.sequence),
            OpportunityEvent::OpportunityLost { reason, competitor } => sqlx::query(
                "UPDATE read_model.opportunities
                    SET stage = $2, probability = $3, lost_reason = $4, competitor = $5,
                        updated_at = $6, closed_at = $6, last_sequence = $7
                  WHERE id = $1 AND last_sequence < $7",
            )
            .bind(&event.subject)
            .bind(Stage::Lost.as_str())
            .bind(i32::from(Stage::Lost.default_probability()))
            .bind(reason)
            .bind(competitor)
            .bind(event.time)
            .bind(event.sequence),
        };
        let applied = query
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to update opportunities"))?
            .rows_affected();
        if let (1, Some(stage)) = (applied, entered) {
            stage_entered(tx, &event.subject, stage, event.time).await?;
        }
        Ok(())
    }
}

/// Closes the opportunity's current stage in its history and opens `stage` at `at`.
async fn stage_entered(
    tx: &mut Transaction<'_, Postgres>,
    id: &str,
    stage: Stage,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApplyError> {
    sqlx::query(
        "UPDATE read_model.opportunity_stages SET left_at = $2
          WHERE opportunity_id = $1 AND left_at IS NULL",
    )
    .bind(id)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to close a stage in the history"))?;
    sqlx::query(
        "INSERT INTO read_model.opportunity_stages (opportunity_id, stage, entered_at)
         VALUES ($1, $2, $3)",
    )
    .bind(id)
    .bind(stage.as_str())
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to record a stage in the history"))?;
    Ok(())
}
