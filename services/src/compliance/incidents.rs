//! Incidents' operations: report, investigate, close, list, and the rates per project.

use constructos_commands::compliance::{InvestigateIncidentInput, ReportIncidentInput};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::compliance::incident::ltifr;
use constructos_projections::compliance::{IncidentRateRow, IncidentRow};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::inspections::op;
use super::ComplianceService;
use crate::{Call, Handle, Operation};
use async_trait::async_trait;

const READ: Access = Access::Requires(Permission::InspectionsRead);

op!(
    ReportIncidentInput,
    "report_incident",
    String,
    Access::Requires(Permission::IncidentsWrite),
    |s, ctx, op| {
        let mut op = op;
        let given = op.project_id.trim().to_string();
        op.project_id = s.queries.known_project(&given).await?.ok_or_else(|| {
            CommandError::Rejected(format!("input.projectId: no project {given} is known"))
        })?;
        s.commands.report_incident(ctx, op).await
    }
);

op!(
    InvestigateIncidentInput,
    "investigate_incident",
    (),
    Access::Requires(Permission::InspectionsWrite),
    |s, ctx, op| s.commands.investigate_incident(ctx, op).await
);

/// Close an investigated incident.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CloseIncident {
    pub id: String,
    pub on: chrono::NaiveDate,
}

op!(
    CloseIncident,
    "close_incident",
    (),
    Access::Requires(Permission::InspectionsWrite),
    |s, ctx, op| s.commands.close_incident(ctx, &op.id, op.on).await
);

/// Incidents, latest first (of one project when given).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Incidents {
    pub project_id: Option<String>,
}

op!(
    Incidents,
    "incidents",
    Vec<IncidentRow>,
    READ,
    |s, _ctx, op| Ok(s.queries.incidents(op.project_id.as_deref()).await?)
);

/// A project's incident figures with the LTIFR.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentRate {
    pub figures: IncidentRateRow,
    /// Lost-time injuries per million hours worked; none without hours.
    pub ltifr: Option<Decimal>,
}

/// The incident figures of every project.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IncidentRates {}

op!(
    IncidentRates,
    "incident_rates",
    Vec<IncidentRate>,
    READ,
    |s, _ctx, _op| {
        Ok(s.queries
            .incident_rates()
            .await?
            .into_iter()
            .map(|figures| IncidentRate {
                ltifr: ltifr(
                    u32::try_from(figures.lost_time_injuries).unwrap_or(u32::MAX),
                    figures.hours_worked,
                ),
                figures,
            })
            .collect())
    }
);
