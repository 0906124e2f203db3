//! Inspections: started by a safety officer on a site (and project) with a checklist,
//! items recorded one by one (as the inspector walks the site), completed; corrective
//! actions raised on findings, their evidence submitted by the owner and verified by
//! the inspector; overdue actions escalated by the compliance task.

use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::access::Permission;
use constructos_domain::compliance::inspection::{InspectionCommand, ItemResult, Severity};
use constructos_domain::values::{Code, Identifier, Narrative, Title};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::service::ComplianceCommands;
use crate::execute::{execute, execute_new};
use crate::{CommandContext, CommandError};

/// An inspection to start.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StartInspectionInput {
    pub template: String,
    pub site_id: String,
    pub project_id: Option<String>,
    pub area: String,
    pub on: NaiveDate,
}

/// One item's result.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordItemInput {
    pub inspection_id: String,
    pub item_code: String,
    pub result: ItemResult,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub photos: Vec<String>,
    pub severity: Option<Severity>,
}

/// A corrective action on a finding.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RaiseActionInput {
    pub inspection_id: String,
    pub item_code: String,
    /// Who must put it right (a user or a name).
    pub owner: String,
    pub due: NaiveDate,
}

/// The most photos one item or evidence carries.
const MAX_PHOTOS: usize = 20;

fn photos(field: &str, given: &[String]) -> Result<Vec<String>, CommandError> {
    if given.len() > MAX_PHOTOS {
        return Err(CommandError::Rejected(format!(
            "{field}: at most {MAX_PHOTOS} photos"
        )));
    }
    given
        .iter()
        .enumerate()
        .map(|(n, p)| Ok(Identifier::parse(&format!("{field}[{n}]"), p)?.into()))
        .collect()
}

impl ComplianceCommands {
    /// Starts an inspection by the caller; answers its id.
    pub async fn start_inspection(
        &self,
        ctx: &CommandContext,
        input: StartInspectionInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::InspectionsWrite)?;
        let command = InspectionCommand::Start {
            template: Code::parse("input.template", &input.template)?.into(),
            site_id: Code::parse("input.siteId", &input.site_id)?.into(),
            project_id: Identifier::parse_optional("input.projectId", input.project_id.as_deref())?
                .map(String::from),
            area: Title::parse("input.area", &input.area)?.into(),
            inspector: ctx.caller.subject.clone(),
            on: input.on,
        };
        let id = Uuid::now_v7().to_string();
        execute_new(&self.inspections, ctx, &id, command).await?;
        Ok(id)
    }

    /// Records one item's result (again, until the inspection is completed).
    pub async fn record_item(
        &self,
        ctx: &CommandContext,
        input: RecordItemInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::InspectionsWrite)?;
        let id = Identifier::parse("input.inspectionId", &input.inspection_id)?;
        let command = InspectionCommand::RecordItem {
            item_code: Code::parse("input.itemCode", &input.item_code)?.into(),
            result: input.result,
            note: Narrative::parse_optional("input.note", Some(&input.note))?
                .map(String::from)
                .unwrap_or_default(),
            photos: photos("input.photos", &input.photos)?,
            severity: input.severity,
        };
        execute(&self.inspections, ctx, id.as_str(), command).await
    }

    /// Completes an inspection whose items all have results.
    pub async fn complete_inspection(
        &self,
        ctx: &CommandContext,
        id: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::InspectionsWrite)?;
        let id = Identifier::parse("id", id)?;
        execute(
            &self.inspections,
            ctx,
            id.as_str(),
            InspectionCommand::Complete,
        )
        .await
    }

    /// Raises a corrective action on a finding; answers its id.
    pub async fn raise_action(
        &self,
        ctx: &CommandContext,
        input: RaiseActionInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::InspectionsWrite)?;
        let id = Identifier::parse("input.inspectionId", &input.inspection_id)?;
        let action_id = Uuid::now_v7().to_string();
        let command = InspectionCommand::RaiseAction {
            action_id: action_id.clone(),
            item_code: Code::parse("input.itemCode", &input.item_code)?.into(),
            owner: Title::parse("input.owner", &input.owner)?.into(),
            due: input.due,
        };
        execute(&self.inspections, ctx, id.as_str(), command).await?;
        Ok(action_id)
    }

    /// The owner's evidence that an action is done.
    pub async fn submit_evidence(
        &self,
        ctx: &CommandContext,
        inspection_id: &str,
        action_id: &str,
        note: &str,
        given_photos: &[String],
    ) -> Result<(), CommandError> {
        ctx.require(Permission::ActionsWrite)?;
        let id = Identifier::parse("inspectionId", inspection_id)?;
        let command = InspectionCommand::SubmitEvidence {
            action_id: Identifier::parse("actionId", action_id)?.into(),
            note: Narrative::parse_optional("note", Some(note))?
                .map(String::from)
                .unwrap_or_default(),
            photos: photos("photos", given_photos)?,
        };
        execute(&self.inspections, ctx, id.as_str(), command).await
    }

    /// The inspector verifies an action's close-out.
    pub async fn verify_action(
        &self,
        ctx: &CommandContext,
        inspection_id: &str,
        action_id: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::InspectionsWrite)?;
        let id = Identifier::parse("inspectionId", inspection_id)?;
        let command = InspectionCommand::VerifyAction {
            action_id: Identifier::parse("actionId", action_id)?.into(),
            by: ctx.caller.subject.clone(),
        };
        execute(&self.inspections, ctx, id.as_str(), command).await
    }

    /// Escalates the overdue actions of inspection `id` as at `now` (the compliance
    /// task's system call; nothing happens when none is due a new level).
    pub async fn escalate(
        &self,
        ctx: &CommandContext,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), CommandError> {
        execute(
            &self.inspections,
            ctx,
            id,
            InspectionCommand::Escalate { now },
        )
        .await
    }
}
