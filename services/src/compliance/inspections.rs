//! Inspections' operations: the checklists, inspections with their items and actions,
//! and the steps of an inspection and its corrective actions.

use async_trait::async_trait;
use constructos_commands::compliance::{RaiseActionInput, RecordItemInput, StartInspectionInput};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::compliance::templates::{Template, TEMPLATES};
use constructos_projections::compliance::{ActionRow, InspectionItemRow, InspectionRow};
use serde::{Deserialize, Serialize};

use super::ComplianceService;
use crate::{Call, Handle, Operation};

const READ: Access = Access::Requires(Permission::InspectionsRead);
const WRITE: Access = Access::Requires(Permission::InspectionsWrite);

/// Declares an operation: input, name, answer, access and `|service, ctx, op| body`.
macro_rules! op {
    ($op:ty, $name:literal, $answer:ty, $access:expr, |$s:ident, $ctx:ident, $input:ident| $body:expr) => {
        impl Operation for $op {
            type Service = ComplianceService;
            type Answer = $answer;
            const NAME: &'static str = $name;
            const ACCESS: Access = $access;
        }

        #[async_trait]
        impl Handle<$op> for ComplianceService {
            async fn handle(&self, call: &Call, $input: $op) -> Result<$answer, CommandError> {
                let $s = self;
                let $ctx = &call.context;
                $ctx.permit($access)?;
                $body
            }
        }
    };
}
pub(super) use op;

/// The checklist templates.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InspectionTemplates {}

op!(
    InspectionTemplates,
    "inspection_templates",
    Vec<Template>,
    READ,
    |_s, _ctx, _op| Ok(TEMPLATES.clone())
);

/// Inspections, latest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Inspections {}

op!(
    Inspections,
    "inspections",
    Vec<InspectionRow>,
    READ,
    |s, _ctx, _op| Ok(s.queries.inspections(None).await?)
);

/// An inspection with its recorded items and corrective actions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InspectionDetail {
    pub inspection: InspectionRow,
    pub items: Vec<InspectionItemRow>,
    pub actions: Vec<ActionRow>,
}

/// One inspection.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InspectionById {
    pub id: String,
}

op!(
    InspectionById,
    "inspection",
    Option<InspectionDetail>,
    READ,
    |s, _ctx, op| {
        let Some(inspection) = s.queries.inspections(Some(&op.id)).await?.pop() else {
            return Ok(None);
        };
        Ok(Some(InspectionDetail {
            items: s.queries.items(&op.id).await?,
            actions: s.queries.actions(Some(&op.id), false).await?,
            inspection,
        }))
    }
);

/// Corrective actions, soonest due first (open ones only by default).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CorrectiveActions {
    #[serde(default = "yes")]
    pub open_only: bool,
}

fn yes() -> bool {
    true
}

op!(
    CorrectiveActions,
    "corrective_actions",
    Vec<ActionRow>,
    READ,
    |s, _ctx, op| Ok(s.queries.actions(None, op.open_only).await?)
);

op!(
    StartInspectionInput,
    "start_inspection",
    String,
    WRITE,
    |s, ctx, op| s.commands.start_inspection(ctx, op).await
);

op!(
    RecordItemInput,
    "record_inspection_item",
    (),
    WRITE,
    |s, ctx, op| s.commands.record_item(ctx, op).await
);

/// Complete an inspection.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompleteInspection {
    pub id: String,
}

op!(
    CompleteInspection,
    "complete_inspection",
    (),
    WRITE,
    |s, ctx, op| s.commands.complete_inspection(ctx, &op.id).await
);

op!(
    RaiseActionInput,
    "raise_corrective_action",
    String,
    WRITE,
    |s, ctx, op| s.commands.raise_action(ctx, op).await
);

/// The owner's evidence on an action.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubmitEvidence {
    pub inspection_id: String,
    pub action_id: String,
    pub note: String,
    #[serde(default)]
    pub photos: Vec<String>,
}

op!(
    SubmitEvidence,
    "submit_action_evidence",
    (),
    Access::Requires(Permission::ActionsWrite),
    |s, ctx, op| {
        s.commands
            .submit_evidence(ctx, &op.inspection_id, &op.action_id, &op.note, &op.photos)
            .await
    }
);

/// The inspector's verification of an action.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerifyAction {
    pub inspection_id: String,
    pub action_id: String,
}

op!(
    VerifyAction,
    "verify_corrective_action",
    (),
    WRITE,
    |s, ctx, op| {
        s.commands
            .verify_action(ctx, &op.inspection_id, &op.action_id)
            .await
    }
);
