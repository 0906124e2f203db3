//! Keeps compliance's read models from its own events.

use async_trait::async_trait;
use constructos_domain::compliance::incident::{IncidentEvent, INCIDENT_AGGREGATE};
use constructos_domain::compliance::inspection::{InspectionEvent, INSPECTION_AGGREGATE};
use constructos_domain::compliance::ticket::{TicketEvent, TICKET_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, wire, ApplyError, Projection};

type Tx<'a, 'b> = &'a mut Transaction<'b, Postgres>;

/// The compliance projection.
#[derive(Debug, Clone, Copy, Default)]
pub struct ComplianceProjection;

#[async_trait]
impl Projection for ComplianceProjection {
    fn name(&self) -> &'static str {
        "compliance.read_model"
    }

    async fn apply(&self, tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
        match event.aggregatetype.as_str() {
            INSPECTION_AGGREGATE => inspection(tx, event).await,
            INCIDENT_AGGREGATE => incident(tx, event).await,
            TICKET_AGGREGATE => ticket(tx, event).await,
            _ => Ok(()),
        }
    }
}

async fn run(
    tx: Tx<'_, '_>,
    query: sqlx::query::Query<'_, Postgres, sqlx::postgres::PgArguments>,
    what: &'static str,
) -> Result<(), ApplyError> {
    query.execute(&mut **tx).await.map_err(database(what))?;
    Ok(())
}

async fn touch(tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
    run(
        tx,
        sqlx::query("UPDATE read_model.inspections SET updated_at = $2, last_sequence = $3 WHERE id = $1 AND last_sequence < $3")
            .bind(&event.subject)
            .bind(event.time)
            .bind(event.sequence),
        "Failed to update inspections",
    )
    .await
}

async fn inspection(tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
    use InspectionEvent as E;
    let id = &event.subject;
    let failed = "Failed to update inspections";
    match domain_event::<InspectionEvent>(event)? {
        E::InspectionStarted {
            template,
            site_id,
            project_id,
            area,
            inspector,
            on,
        } => {
            return run(
                tx,
                sqlx::query(
                    "INSERT INTO read_model.inspections
                         (id, template, site_id, project_id, area, inspector, inspected_on, status, updated_at, last_sequence)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, 'IN_PROGRESS', $8, $9) ON CONFLICT (id) DO NOTHING",
                )
                .bind(id)
                .bind(template)
                .bind(site_id)
                .bind(project_id)
                .bind(area)
                .bind(inspector)
                .bind(on)
                .bind(event.time)
                .bind(event.sequence),
                failed,
            )
            .await;
        }
        E::ItemRecorded {
            item_code,
            result,
            note,
            photos,
        } => {
            let result = wire(&result)?;
            if result != "FAIL" {
                run(tx, sqlx::query("DELETE FROM read_model.findings WHERE inspection_id = $1 AND item_code = $2").bind(id).bind(&item_code), failed).await?;
            }
            run(
                tx,
                sqlx::query(
                    "INSERT INTO read_model.inspection_items (inspection_id, item_code, result, note, photos)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (inspection_id, item_code) DO UPDATE
                        SET result = EXCLUDED.result, note = EXCLUDED.note, photos = EXCLUDED.photos",
                )
                .bind(id)
                .bind(item_code)
                .bind(result)
                .bind(note)
                .bind(photos),
                failed,
            )
            .await?;
        }
        E::FindingRaised {
            item_code,
            severity,
        } => {
            run(
                tx,
                sqlx::query(
                    "INSERT INTO read_model.findings (inspection_id, item_code, severity) VALUES ($1, $2, $3)
                     ON CONFLICT (inspection_id, item_code) DO UPDATE SET severity = EXCLUDED.severity",
                )
                .bind(id)
                .bind(item_code)
                .bind(wire(&severity)?),
                failed,
            )
            .await?;
        }
        E::AreaStopped { .. } => {
            run(
                tx,
                sqlx::query("UPDATE read_model.inspections SET stopped = true WHERE id = $1")
                    .bind(id),
                failed,
            )
            .await?;
        }
        E::AreaCleared { .. } => {
            run(
                tx,
                sqlx::query("UPDATE read_model.inspections SET stopped = false WHERE id = $1")
                    .bind(id),
                failed,
            )
            .await?;
        }
        E::InspectionCompleted {
            passed,
            failed: fails,
            not_applicable,
        } => {
            run(
                tx,
                sqlx::query("UPDATE read_model.inspections SET status = 'COMPLETED', passed = $2, failed = $3, not_applicable = $4 WHERE id = $1")
                    .bind(id)
                    .bind(i32::try_from(passed).unwrap_or(i32::MAX))
                    .bind(i32::try_from(fails).unwrap_or(i32::MAX))
                    .bind(i32::try_from(not_applicable).unwrap_or(i32::MAX)),
                failed,
            )
            .await?;
        }
        E::ActionRaised {
            action_id,
            item_code,
            owner,
            due,
        } => {
            run(
                tx,
                sqlx::query(
                    "INSERT INTO read_model.corrective_actions (id, inspection_id, item_code, owner, due, status, updated_at)
                     VALUES ($1, $2, $3, $4, $5, 'OPEN', $6) ON CONFLICT (id) DO NOTHING",
                )
                .bind(action_id)
                .bind(id)
                .bind(item_code)
                .bind(owner)
                .bind(due)
                .bind(event.time),
                failed,
            )
            .await?;
        }
        E::ActionEvidenceSubmitted {
            action_id,
            note,
            photos,
        } => {
            run(
                tx,
                sqlx::query("UPDATE read_model.corrective_actions SET status = 'EVIDENCE_SUBMITTED', evidence_note = $2, evidence_photos = $3, updated_at = $4 WHERE id = $1")
                    .bind(action_id)
                    .bind(note)
                    .bind(photos)
                    .bind(event.time),
                failed,
            )
            .await?;
        }
        E::ActionVerified { action_id, by } => {
            run(
                tx,
                sqlx::query("UPDATE read_model.corrective_actions SET status = 'VERIFIED', verified_by = $2, updated_at = $3 WHERE id = $1")
                    .bind(action_id)
                    .bind(by)
                    .bind(event.time),
                failed,
            )
            .await?;
        }
        E::ActionEscalated {
            action_id,
            level,
            at,
        } => {
            run(
                tx,
                sqlx::query("UPDATE read_model.corrective_actions SET escalation = $2, escalated_at = $3, updated_at = $4 WHERE id = $1")
                    .bind(action_id)
                    .bind(wire(&level)?)
                    .bind(at)
                    .bind(event.time),
                failed,
            )
            .await?;
        }
    }
    touch(tx, event).await
}

async fn incident(tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
    let failed = "Failed to update incidents";
    let query = match domain_event::<IncidentEvent>(event)? {
        IncidentEvent::IncidentReported { kind, project_id, occurred_on, description, days_lost, reported_by } => sqlx::query(
            "INSERT INTO read_model.incidents
                 (id, kind, project_id, occurred_on, description, days_lost, reported_by, status, reported_at, last_sequence)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'REPORTED', $8, $9) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.subject)
        .bind(wire(&kind)?)
        .bind(project_id)
        .bind(occurred_on)
        .bind(description)
        .bind(i32::try_from(days_lost).unwrap_or(i32::MAX))
        .bind(reported_by)
        .bind(event.time)
        .bind(event.sequence),
        IncidentEvent::IncidentInvestigated { root_cause, actions, .. } => sqlx::query(
            "UPDATE read_model.incidents SET status = 'INVESTIGATED', root_cause = $2, actions = $3, last_sequence = $4
              WHERE id = $1 AND last_sequence < $4",
        )
        .bind(&event.subject)
        .bind(root_cause)
        .bind(serde_json::json!(actions))
        .bind(event.sequence),
        IncidentEvent::IncidentClosed { on } => sqlx::query(
            "UPDATE read_model.incidents SET status = 'CLOSED', closed_on = $2, last_sequence = $3 WHERE id = $1 AND last_sequence < $3",
        )
        .bind(&event.subject)
        .bind(on)
        .bind(event.sequence),
    };
    run(tx, query, failed).await
}

async fn ticket(tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
    use TicketEvent as E;
    let failed = "Failed to update tickets";
    let id = &event.subject;
    let (new_status, column, at) = match domain_event::<TicketEvent>(event)? {
        E::TicketOpened {
            subject,
            description,
            category,
            priority,
            account_id,
            project_id,
            raised_by,
            at,
        } => {
            return run(
                tx,
                sqlx::query(
                    "INSERT INTO read_model.tickets
                         (id, subject, description, category, priority, status, account_id, project_id, raised_by,
                          opened_at, updated_at, last_sequence)
                     VALUES ($1, $2, $3, $4, $5, 'NEW', $6, $7, $8, $9, $9, $10) ON CONFLICT (id) DO NOTHING",
                )
                .bind(id)
                .bind(subject)
                .bind(description)
                .bind(category)
                .bind(wire(&priority)?)
                .bind(account_id)
                .bind(project_id)
                .bind(raised_by)
                .bind(at)
                .bind(event.sequence),
                failed,
            )
            .await;
        }
        E::TicketAssigned { agent, at } => {
            return run(
                tx,
                sqlx::query(
                    "UPDATE read_model.tickets SET agent = $2, status = CASE WHEN status = 'NEW' THEN 'OPEN' ELSE status END,
                            updated_at = $3, last_sequence = $4 WHERE id = $1 AND last_sequence < $4",
                )
                .bind(id)
                .bind(agent)
                .bind(at)
                .bind(event.sequence),
                failed,
            )
            .await;
        }
        E::TicketCommented {
            by,
            body,
            public,
            first_response,
            at,
        } => {
            run(
                tx,
                sqlx::query(
                    "INSERT INTO read_model.ticket_comments (ticket_id, sequence, author, body, public, at)
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(event.sequence)
                .bind(by)
                .bind(body)
                .bind(public)
                .bind(at),
                failed,
            )
            .await?;
            if first_response {
                run(
                    tx,
                    sqlx::query(
                        "UPDATE read_model.tickets SET first_response_at = $2 WHERE id = $1",
                    )
                    .bind(id)
                    .bind(at),
                    failed,
                )
                .await?;
            }
            return Ok(());
        }
        E::TicketPended { at } => ("PENDING", None, at),
        E::TicketResolved { resolution, at } => {
            run(
                tx,
                sqlx::query("UPDATE read_model.tickets SET resolution = $2 WHERE id = $1")
                    .bind(id)
                    .bind(resolution),
                failed,
            )
            .await?;
            ("RESOLVED", Some("resolved_at"), at)
        }
        E::TicketClosed { at } => ("CLOSED", Some("closed_at"), at),
        E::TicketReopened { at, .. } => {
            run(tx, sqlx::query("UPDATE read_model.tickets SET resolved_at = NULL, closed_at = NULL WHERE id = $1").bind(id), failed).await?;
            ("OPEN", None, at)
        }
    };
    // `at` is the moment of the step (the SLA clock's); `updated_at` the event's.
    let sql = match column {
        Some(column) => format!(
            "UPDATE read_model.tickets SET status = $2, {column} = $5, updated_at = $3, last_sequence = $4
              WHERE id = $1 AND last_sequence < $4"
        ),
        None => "UPDATE read_model.tickets SET status = $2, updated_at = $3, last_sequence = $4
                  WHERE id = $1 AND last_sequence < $4"
            .to_string(),
    };
    let query = sqlx::query(&sql)
        .bind(id)
        .bind(new_status)
        .bind(event.time)
        .bind(event.sequence);
    let query = if column.is_some() {
        query.bind(at)
    } else {
        query
    };
    run(tx, query, failed).await
}
