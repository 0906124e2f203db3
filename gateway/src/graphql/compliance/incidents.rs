//! Incidents in the schema, with the LTIFR per project.

use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::NaiveDate;
use constructos_commands::compliance as commands;
use constructos_domain::compliance::incident::IncidentKind as DomainKind;
use constructos_projections::compliance::IncidentRow;
use constructos_services::compliance::{CloseIncident, IncidentRates, Incidents};

use super::enums::{parsed, IncidentKind};
use crate::graphql::errors::{ask, error, request_id, ErrorCode};
use crate::graphql::finance::Decimal;

/// An incident on a project.
#[derive(SimpleObject)]
pub struct Incident {
    id: ID,
    kind: Option<IncidentKind>,
    project_id: ID,
    occurred_on: NaiveDate,
    description: String,
    days_lost: i32,
    reported_by: String,
    /// `REPORTED`, `INVESTIGATED` or `CLOSED`.
    status: String,
    root_cause: Option<String>,
    closed_on: Option<NaiveDate>,
}

impl From<IncidentRow> for Incident {
    fn from(r: IncidentRow) -> Self {
        Self {
            id: ID(r.id),
            kind: parsed::<DomainKind, _>(&r.kind),
            project_id: ID(r.project_id),
            occurred_on: r.occurred_on,
            description: r.description,
            days_lost: r.days_lost,
            reported_by: r.reported_by,
            status: r.status,
            root_cause: r.root_cause,
            closed_on: r.closed_on,
        }
    }
}

/// A project's incident figures.
#[derive(SimpleObject)]
pub struct IncidentRate {
    project_id: ID,
    incidents: i32,
    lost_time_injuries: i32,
    days_lost: i32,
    /// From HR's approved timesheets.
    hours_worked: Decimal,
    /// Lost-time injuries per 1 000 000 hours worked; null without hours.
    ltifr: Option<Decimal>,
}

/// An incident command was accepted.
#[derive(SimpleObject)]
pub struct IncidentChanged {
    id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct IncidentsQuery;

#[Object]
impl IncidentsQuery {
    /// Incidents, latest first (of one project when given).
    async fn incidents(
        &self,
        ctx: &Context<'_>,
        project_id: Option<ID>,
    ) -> async_graphql::Result<Vec<Incident>> {
        Ok(ask(
            ctx,
            Incidents {
                project_id: project_id.map(|p| p.0),
            },
        )
        .await?
        .into_iter()
        .map(Incident::from)
        .collect())
    }

    /// Every project's incidents, lost-time injuries, hours worked and LTIFR.
    async fn incident_rates(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<IncidentRate>> {
        let count = |n: i64| i32::try_from(n).unwrap_or(i32::MAX);
        Ok(ask(ctx, IncidentRates {})
            .await?
            .into_iter()
            .map(|r| IncidentRate {
                project_id: ID(r.figures.project_id),
                incidents: count(r.figures.incidents),
                lost_time_injuries: count(r.figures.lost_time_injuries),
                days_lost: count(r.figures.days_lost),
                hours_worked: Decimal(r.figures.hours_worked),
                ltifr: r.ltifr.map(Decimal),
            })
            .collect())
    }
}

#[derive(Default)]
pub struct IncidentsMutation;

#[Object]
impl IncidentsMutation {
    /// Reports an incident on a project (by id or code); a lost-time injury names the
    /// days lost.
    async fn report_incident(
        &self,
        ctx: &Context<'_>,
        kind: IncidentKind,
        project_id: String,
        occurred_on: NaiveDate,
        description: String,
        #[graphql(default = 0)] days_lost: i32,
    ) -> async_graphql::Result<IncidentChanged> {
        let days_lost = u32::try_from(days_lost).map_err(|_| {
            error(
                ErrorCode::BadUserInput,
                format!("daysLost: {days_lost} is not nought or more"),
            )
        })?;
        let op = commands::ReportIncidentInput {
            kind: kind.into(),
            project_id,
            occurred_on,
            description,
            days_lost,
        };
        let id = ask(ctx, op).await?;
        Ok(IncidentChanged {
            id: ID(id),
            correlation_id: request_id(ctx),
        })
    }

    /// Records the investigation's root cause and actions.
    async fn investigate_incident(
        &self,
        ctx: &Context<'_>,
        id: ID,
        root_cause: String,
        #[graphql(default)] actions: Vec<String>,
    ) -> async_graphql::Result<IncidentChanged> {
        ask(
            ctx,
            commands::InvestigateIncidentInput {
                incident_id: id.0.clone(),
                root_cause,
                actions,
            },
        )
        .await?;
        Ok(IncidentChanged {
            id,
            correlation_id: request_id(ctx),
        })
    }

    /// Closes an investigated incident.
    async fn close_incident(
        &self,
        ctx: &Context<'_>,
        id: ID,
        on: NaiveDate,
    ) -> async_graphql::Result<IncidentChanged> {
        ask(
            ctx,
            CloseIncident {
                id: id.0.clone(),
                on,
            },
        )
        .await?;
        Ok(IncidentChanged {
            id,
            correlation_id: request_id(ctx),
        })
    }
}
