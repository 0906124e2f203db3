//! Inspections in the schema: the checklists, inspections with items, findings and
//! corrective actions, and their steps.

use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::compliance as commands;
use constructos_domain::compliance::inspection::{
    ActionStatus as DomainActionStatus, EscalationLevel as DomainLevel, ItemResult as DomainResult,
    Severity as DomainSeverity,
};
use constructos_projections::compliance::{ActionRow, InspectionItemRow, InspectionRow};
use constructos_services::compliance::{
    CompleteInspection, CorrectiveActions, InspectionById, InspectionTemplates, Inspections,
    SubmitEvidence, VerifyAction,
};

use super::enums::{parsed, ActionStatus, EscalationLevel, ItemResult, Severity};
use crate::graphql::errors::{ask, request_id};

/// A checklist item and the regulation it is drawn from.
#[derive(SimpleObject)]
pub struct ChecklistItem {
    code: String,
    text: String,
    regulation: String,
}

/// A titled group of checklist items.
#[derive(SimpleObject)]
pub struct ChecklistSection {
    title: String,
    items: Vec<ChecklistItem>,
}

/// A checklist template.
#[derive(SimpleObject)]
pub struct InspectionTemplate {
    code: String,
    name: String,
    sections: Vec<ChecklistSection>,
}

/// An item's recorded result.
#[derive(SimpleObject)]
pub struct InspectionItem {
    item_code: String,
    result: Option<ItemResult>,
    note: String,
    /// Document ids of the photos.
    photos: Vec<String>,
    /// The finding's severity, when the item failed.
    severity: Option<Severity>,
}

impl From<InspectionItemRow> for InspectionItem {
    fn from(r: InspectionItemRow) -> Self {
        Self {
            item_code: r.item_code,
            result: parsed::<DomainResult, _>(&r.result),
            note: r.note,
            photos: r.photos,
            severity: r.severity.as_deref().and_then(parsed::<DomainSeverity, _>),
        }
    }
}

/// A corrective action on a finding.
#[derive(SimpleObject)]
pub struct CorrectiveAction {
    id: ID,
    inspection_id: ID,
    site_id: String,
    area: String,
    item_code: String,
    severity: Option<Severity>,
    owner: String,
    due: NaiveDate,
    status: Option<ActionStatus>,
    /// Who it was escalated to, once overdue.
    escalation: Option<EscalationLevel>,
    escalated_at: Option<DateTime<Utc>>,
    evidence_note: Option<String>,
    verified_by: Option<String>,
}

impl From<ActionRow> for CorrectiveAction {
    fn from(a: ActionRow) -> Self {
        Self {
            id: ID(a.id),
            inspection_id: ID(a.inspection_id),
            site_id: a.site_id,
            area: a.area,
            item_code: a.item_code,
            severity: a.severity.as_deref().and_then(parsed::<DomainSeverity, _>),
            owner: a.owner,
            due: a.due,
            status: parsed::<DomainActionStatus, _>(&a.status),
            escalation: a.escalation.as_deref().and_then(parsed::<DomainLevel, _>),
            escalated_at: a.escalated_at,
            evidence_note: a.evidence_note,
            verified_by: a.verified_by,
        }
    }
}

/// A safety inspection.
#[derive(SimpleObject)]
pub struct Inspection {
    id: ID,
    template: String,
    site_id: String,
    project_id: Option<ID>,
    area: String,
    inspector: String,
    inspected_on: NaiveDate,
    /// `IN_PROGRESS` or `COMPLETED`.
    status: String,
    passed: i32,
    failed: i32,
    not_applicable: i32,
    /// Work in the area is stopped by a high-severity finding until cleared.
    stopped: bool,
    items: Vec<InspectionItem>,
    actions: Vec<CorrectiveAction>,
    updated_at: DateTime<Utc>,
}

impl Inspection {
    fn of(r: InspectionRow, items: Vec<InspectionItemRow>, actions: Vec<ActionRow>) -> Self {
        Self {
            id: ID(r.id),
            template: r.template,
            site_id: r.site_id,
            project_id: r.project_id.map(ID),
            area: r.area,
            inspector: r.inspector,
            inspected_on: r.inspected_on,
            status: r.status,
            passed: r.passed,
            failed: r.failed,
            not_applicable: r.not_applicable,
            stopped: r.stopped,
            items: items.into_iter().map(InspectionItem::from).collect(),
            actions: actions.into_iter().map(CorrectiveAction::from).collect(),
            updated_at: r.updated_at,
        }
    }
}

/// An inspection command was accepted.
#[derive(SimpleObject)]
pub struct InspectionChanged {
    id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct InspectionsQuery;

#[Object]
impl InspectionsQuery {
    /// The checklist templates (Construction Regulations 2014).
    async fn inspection_templates(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<InspectionTemplate>> {
        Ok(ask(ctx, InspectionTemplates {})
            .await?
            .into_iter()
            .map(|t| InspectionTemplate {
                code: t.code,
                name: t.name,
                sections: t
                    .sections
                    .into_iter()
                    .map(|s| ChecklistSection {
                        title: s.title,
                        items: s
                            .items
                            .into_iter()
                            .map(|i| ChecklistItem {
                                code: i.code,
                                text: i.text,
                                regulation: i.regulation,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect())
    }

    /// Inspections, latest first (without their items; ask `inspection(id)`).
    async fn inspections(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Inspection>> {
        Ok(ask(ctx, Inspections {})
            .await?
            .into_iter()
            .map(|r| Inspection::of(r, vec![], vec![]))
            .collect())
    }

    /// One inspection with its items and corrective actions.
    async fn inspection(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<Inspection>> {
        Ok(ask(ctx, InspectionById { id: id.0 })
            .await?
            .map(|d| Inspection::of(d.inspection, d.items, d.actions)))
    }

    /// Corrective actions, soonest due first, with their escalation (open ones unless
    /// `openOnly: false`).
    async fn corrective_actions(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = true)] open_only: bool,
    ) -> async_graphql::Result<Vec<CorrectiveAction>> {
        Ok(ask(ctx, CorrectiveActions { open_only })
            .await?
            .into_iter()
            .map(CorrectiveAction::from)
            .collect())
    }
}

#[derive(Default)]
pub struct InspectionsMutation;

fn changed(ctx: &Context<'_>, id: String) -> InspectionChanged {
    InspectionChanged {
        id: ID(id),
        correlation_id: request_id(ctx),
    }
}

#[Object]
impl InspectionsMutation {
    /// Starts an inspection of a site's area against a checklist; the caller inspects.
    async fn start_inspection(
        &self,
        ctx: &Context<'_>,
        template: String,
        site_id: String,
        project_id: Option<ID>,
        area: String,
        on: NaiveDate,
    ) -> async_graphql::Result<InspectionChanged> {
        let op = commands::StartInspectionInput {
            template,
            site_id,
            project_id: project_id.map(|p| p.0),
            area,
            on,
        };
        let id = ask(ctx, op).await?;
        Ok(changed(ctx, id))
    }

    /// Records one item's result: a failure needs a note and a severity, raises a
    /// finding, and a HIGH one stops the area.
    #[allow(clippy::too_many_arguments)]
    async fn record_inspection_item(
        &self,
        ctx: &Context<'_>,
        inspection_id: ID,
        item_code: String,
        result: ItemResult,
        #[graphql(default)] note: String,
        #[graphql(default)] photos: Vec<String>,
        severity: Option<Severity>,
    ) -> async_graphql::Result<InspectionChanged> {
        let op = commands::RecordItemInput {
            inspection_id: inspection_id.0.clone(),
            item_code,
            result: result.into(),
            note,
            photos,
            severity: severity.map(Into::into),
        };
        ask(ctx, op).await?;
        Ok(changed(ctx, inspection_id.0))
    }

    /// Completes an inspection whose every item has a result.
    async fn complete_inspection(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<InspectionChanged> {
        ask(ctx, CompleteInspection { id: id.0.clone() }).await?;
        Ok(changed(ctx, id.0))
    }

    /// Raises a corrective action on a finding; answers the action's id.
    async fn raise_corrective_action(
        &self,
        ctx: &Context<'_>,
        inspection_id: ID,
        item_code: String,
        owner: String,
        due: NaiveDate,
    ) -> async_graphql::Result<InspectionChanged> {
        let op = commands::RaiseActionInput {
            inspection_id: inspection_id.0,
            item_code,
            owner,
            due,
        };
        let id = ask(ctx, op).await?;
        Ok(changed(ctx, id))
    }

    /// The owner's evidence that an action is done (a note and/or photo document ids).
    async fn submit_action_evidence(
        &self,
        ctx: &Context<'_>,
        inspection_id: ID,
        action_id: ID,
        note: String,
        #[graphql(default)] photos: Vec<String>,
    ) -> async_graphql::Result<InspectionChanged> {
        let op = SubmitEvidence {
            inspection_id: inspection_id.0,
            action_id: action_id.0.clone(),
            note,
            photos,
        };
        ask(ctx, op).await?;
        Ok(changed(ctx, action_id.0))
    }

    /// The inspector verifies an action's evidence; the last one on a stopped area's
    /// high findings clears it.
    async fn verify_corrective_action(
        &self,
        ctx: &Context<'_>,
        inspection_id: ID,
        action_id: ID,
    ) -> async_graphql::Result<InspectionChanged> {
        ask(
            ctx,
            VerifyAction {
                inspection_id: inspection_id.0,
                action_id: action_id.0.clone(),
            },
        )
        .await?;
        Ok(changed(ctx, action_id.0))
    }
}
