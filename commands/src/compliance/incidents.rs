//! Incidents: reported on a project by whoever was there, investigated and closed by a
//! safety officer.

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::compliance::incident::{IncidentCommand, IncidentKind};
use constructos_domain::values::{Identifier, Narrative, Reason};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::service::{who, ComplianceCommands};
use crate::execute::{execute, execute_new};
use crate::{CommandContext, CommandError};

/// An incident to report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportIncidentInput {
    pub kind: IncidentKind,
    /// The project's id (the service resolves a code).
    pub project_id: String,
    pub occurred_on: NaiveDate,
    pub description: String,
    #[serde(default)]
    pub days_lost: u32,
}

/// An investigation's outcome.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InvestigateIncidentInput {
    pub incident_id: String,
    pub root_cause: String,
    #[serde(default)]
    pub actions: Vec<String>,
}

impl ComplianceCommands {
    /// Reports an incident; answers its id.
    pub async fn report_incident(
        &self,
        ctx: &CommandContext,
        input: ReportIncidentInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::IncidentsWrite)?;
        let command = IncidentCommand::Report {
            kind: input.kind,
            project_id: Identifier::parse("input.projectId", &input.project_id)?.into(),
            occurred_on: input.occurred_on,
            description: Narrative::parse("input.description", &input.description)?.into(),
            days_lost: input.days_lost,
            reported_by: who(ctx),
        };
        let id = Uuid::now_v7().to_string();
        execute_new(&self.incidents, ctx, &id, command).await?;
        Ok(id)
    }

    /// Records the investigation's root cause and actions.
    pub async fn investigate_incident(
        &self,
        ctx: &CommandContext,
        input: InvestigateIncidentInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::InspectionsWrite)?;
        let id = Identifier::parse("input.incidentId", &input.incident_id)?;
        let mut actions = Vec::with_capacity(input.actions.len());
        for (n, a) in input.actions.iter().enumerate().take(50) {
            actions.push(Reason::parse(&format!("input.actions[{n}]"), a)?.into());
        }
        let command = IncidentCommand::Investigate {
            root_cause: Narrative::parse("input.rootCause", &input.root_cause)?.into(),
            actions,
            by: who(ctx),
        };
        execute(&self.incidents, ctx, id.as_str(), command).await
    }

    /// Closes an investigated incident.
    pub async fn close_incident(
        &self,
        ctx: &CommandContext,
        id: &str,
        on: NaiveDate,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::InspectionsWrite)?;
        let id = Identifier::parse("id", id)?;
        execute(
            &self.incidents,
            ctx,
            id.as_str(),
            IncidentCommand::Close { on },
        )
        .await
    }
}
