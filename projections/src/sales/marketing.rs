//! Marketing's read models: `read_model.campaigns` and `read_model.campaign_leads` from
//! campaign events, and `read_model.scored_leads` — every lead's facts, score and
//! factors — from campaign responses, lead profiles and the scoring rules (here, on the
//! sales topic) and from identity's lead events ([`LeadsProjection`], on identity's).
//!
//! A lead is scored again whenever one of its facts changes, inside the transaction that
//! changed it, with its row locked (`FOR UPDATE`): the two workers that write a lead's
//! row never score it on each other's stale facts. New rules score every lead again.

use async_trait::async_trait;
use constructos_domain::identity::{LeadEvent, LEAD_AGGREGATE};
use constructos_domain::sales::marketing::scoring::{score, LeadFacts, ScoringEvent, ScoringRules};
use constructos_domain::sales::marketing::{
    CampaignEvent, CidbGrade, LeadProfileEvent, ResponseKind,
};
use constructos_infra::cloudevents::CloudEvent;
use rust_decimal::Decimal;
use sqlx::types::Json;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, wire, ApplyError, Projection};

type Tx<'a, 'b> = &'a mut Transaction<'b, Postgres>;

/// Applies a campaign event.
pub(super) async fn apply_campaign(tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
    match domain_event::<CampaignEvent>(event)? {
        CampaignEvent::CampaignPlanned {
            name,
            channel,
            budget,
            starts_on,
            ends_on,
            segment,
        } => {
            sqlx::query(
                "INSERT INTO read_model.campaigns
                     (id, name, channel, budget, starts_on, ends_on, segment, status, created_at,
                      last_sequence)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE', $8, $9)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&event.subject)
            .bind(name)
            .bind(wire(&channel)?)
            .bind(budget.as_decimal())
            .bind(starts_on)
            .bind(ends_on)
            .bind(Json(segment))
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to insert a campaign"))?;
        }
        CampaignEvent::CampaignSpendRecorded { amount, .. } => {
            sqlx::query(
                "UPDATE read_model.campaigns SET spent = spent + $2, last_sequence = $3
                  WHERE id = $1 AND last_sequence < $3",
            )
            .bind(&event.subject)
            .bind(amount.as_decimal())
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to record a campaign's spend"))?;
        }
        CampaignEvent::CampaignClosed { on } => {
            sqlx::query(
                "UPDATE read_model.campaigns SET status = 'CLOSED', closed_on = $2,
                        last_sequence = $3
                  WHERE id = $1 AND last_sequence < $3",
            )
            .bind(&event.subject)
            .bind(on)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to close a campaign"))?;
        }
        CampaignEvent::CampaignResponseRecorded {
            lead_id, kind, on, ..
        } => {
            let visit = kind == ResponseKind::SiteVisitBooked;
            sqlx::query(
                "INSERT INTO read_model.campaign_leads
                     (campaign_id, lead_id, responses, site_visit_booked, first_response_on)
                 VALUES ($1, $2, 1, $3, $4)
                 ON CONFLICT (campaign_id, lead_id) DO UPDATE
                    SET responses = campaign_leads.responses + 1,
                        site_visit_booked = campaign_leads.site_visit_booked OR $3",
            )
            .bind(&event.subject)
            .bind(&lead_id)
            .bind(visit)
            .bind(on)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to record a campaign response"))?;
            known_lead(tx, &lead_id, event).await?;
            sqlx::query(
                "UPDATE read_model.scored_leads
                    SET responses = responses + 1, site_visit_booked = site_visit_booked OR $2
                  WHERE lead_id = $1",
            )
            .bind(&lead_id)
            .bind(visit)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to count a lead's response"))?;
            rescore(tx, &lead_id, event).await?;
        }
    }
    Ok(())
}

/// Applies a lead-profile event.
pub(super) async fn apply_profile(tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
    let LeadProfileEvent::LeadProfiled {
        sector,
        province,
        cidb_grade,
    } = domain_event::<LeadProfileEvent>(event)?;
    known_lead(tx, &event.subject, event).await?;
    sqlx::query(
        "UPDATE read_model.scored_leads SET sector = $2, province = $3, cidb_grade = $4
          WHERE lead_id = $1",
    )
    .bind(&event.subject)
    .bind(sector.as_ref().map(wire).transpose()?)
    .bind(province.as_ref().map(wire).transpose()?)
    .bind(cidb_grade.map(|g| i32::from(g.value())))
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to profile a lead"))?;
    rescore(tx, &event.subject, event).await
}

/// Applies new scoring rules: keeps them, and scores every lead again.
pub(super) async fn apply_rules(tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
    let ScoringEvent::LeadScoringRulesSet { version, rules } = domain_event::<ScoringEvent>(event)?;
    sqlx::query(
        "INSERT INTO read_model.lead_scoring_rules (id, version, rules, updated_at)
         VALUES (1, $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET version = $1, rules = $2, updated_at = $3
          WHERE lead_scoring_rules.version < $1",
    )
    .bind(i64::from(version))
    .bind(Json(rules))
    .bind(event.time)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to keep the scoring rules"))?;
    let leads: Vec<String> =
        sqlx::query_scalar("SELECT lead_id FROM read_model.scored_leads ORDER BY lead_id")
            .fetch_all(&mut **tx)
            .await
            .map_err(database("Failed to list the leads to score"))?;
    for lead in leads {
        rescore(tx, &lead, event).await?;
    }
    Ok(())
}

/// The row of `lead_id`, made if it is not there yet.
async fn known_lead(tx: Tx<'_, '_>, lead_id: &str, event: &CloudEvent) -> Result<(), ApplyError> {
    sqlx::query(
        "INSERT INTO read_model.scored_leads (lead_id, updated_at) VALUES ($1, $2)
         ON CONFLICT (lead_id) DO NOTHING",
    )
    .bind(lead_id)
    .bind(event.time)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to note a lead"))?;
    Ok(())
}

/// The rules in force and their version.
async fn rules(tx: Tx<'_, '_>) -> Result<(ScoringRules, i32), ApplyError> {
    let row: Option<(Json<ScoringRules>, i32)> =
        sqlx::query_as("SELECT rules, version FROM read_model.lead_scoring_rules WHERE id = 1")
            .fetch_optional(&mut **tx)
            .await
            .map_err(database("Failed to read the scoring rules"))?;
    Ok(row.map_or_else(|| (ScoringRules::default(), 0), |(r, v)| (r.0, v)))
}

/// A lead's facts as the row holds them.
#[derive(sqlx::FromRow)]
struct FactsRow {
    sector: Option<String>,
    province: Option<String>,
    cidb_grade: Option<i32>,
    estimated_value: Option<Decimal>,
    responses: i32,
    site_visit_booked: bool,
}

fn parsed<T: serde::de::DeserializeOwned>(name: Option<String>) -> Option<T> {
    name.and_then(|n| serde_json::from_value(serde_json::Value::String(n)).ok())
}

/// Scores `lead_id` again from its row (locked while it is read and written).
async fn rescore(tx: Tx<'_, '_>, lead_id: &str, event: &CloudEvent) -> Result<(), ApplyError> {
    let (rules, version) = rules(tx).await?;
    let row: Option<FactsRow> = sqlx::query_as(
        "SELECT sector, province, cidb_grade, estimated_value, responses, site_visit_booked
           FROM read_model.scored_leads WHERE lead_id = $1 FOR UPDATE",
    )
    .bind(lead_id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(database("Failed to read a lead's facts"))?;
    let Some(row) = row else {
        return Ok(());
    };
    let facts = LeadFacts {
        sector: parsed(row.sector),
        province: parsed(row.province),
        cidb_grade: row
            .cidb_grade
            .and_then(|g| CidbGrade::new(i64::from(g)).ok()),
        estimated_value: row.estimated_value,
        responses: u32::try_from(row.responses).unwrap_or(0),
        site_visit_booked: row.site_visit_booked,
    };
    let scored = score(&facts, &rules);
    sqlx::query(
        "UPDATE read_model.scored_leads
            SET score = $2, factors = $3, rules_version = $4, updated_at = $5
          WHERE lead_id = $1",
    )
    .bind(lead_id)
    .bind(scored.total)
    .bind(Json(scored.factors))
    .bind(version)
    .bind(event.time)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to score a lead"))?;
    Ok(())
}

/// Sales' copy of identity's leads, for scoring: company, owner, status, estimated
/// value (the project's size).
#[derive(Debug, Clone, Copy, Default)]
pub struct LeadsProjection;

#[async_trait]
impl Projection for LeadsProjection {
    fn name(&self) -> &'static str {
        "sales.leads"
    }

    async fn apply(&self, tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
        if event.aggregatetype != LEAD_AGGREGATE {
            return Ok(());
        }
        let lead = event.subject.as_str();
        match domain_event::<LeadEvent>(event)? {
            LeadEvent::LeadCaptured {
                company_name,
                estimated_value,
                owner,
                ..
            } => {
                known_lead(tx, lead, event).await?;
                sqlx::query(
                    "UPDATE read_model.scored_leads
                        SET company_name = $2, owner = $3, estimated_value = $4,
                            status = coalesce(status, 'NEW')
                      WHERE lead_id = $1",
                )
                .bind(lead)
                .bind(company_name)
                .bind(owner)
                .bind(estimated_value)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to copy a lead"))?;
                rescore(tx, lead, event).await
            }
            LeadEvent::LeadQualified {} => status(tx, lead, event, "QUALIFIED").await,
            LeadEvent::LeadDisqualified { .. } => status(tx, lead, event, "DISQUALIFIED").await,
            LeadEvent::LeadConverted { .. } => status(tx, lead, event, "CONVERTED").await,
        }
    }
}

async fn status(
    tx: Tx<'_, '_>,
    lead: &str,
    event: &CloudEvent,
    status: &str,
) -> Result<(), ApplyError> {
    known_lead(tx, lead, event).await?;
    sqlx::query("UPDATE read_model.scored_leads SET status = $2 WHERE lead_id = $1")
        .bind(lead)
        .bind(status)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to note a lead's status"))?;
    Ok(())
}
