//! The orders operations: each its input, its answer, its name and who may ask, and how
//! the service answers it.

use async_trait::async_trait;
use constructos_commands::orders::CreateProjectInput;
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::orders::ProjectStatus;
use constructos_projections::orders::ProjectRow;
use serde::{Deserialize, Serialize};

use super::OrdersService;
use crate::{Call, Handle, Operation};

const PROJECT_READERS: Access =
    Access::AnyOf(&[Permission::ProjectsRead, Permission::ProjectsReadAssigned]);

/// Opens a project; answers its id (derived from its code).
impl Operation for CreateProjectInput {
    type Service = OrdersService;
    type Answer = String;
    const NAME: &'static str = "create_project";
    const ACCESS: Access = Access::Requires(Permission::ProjectsWrite);
}

#[async_trait]
impl Handle<CreateProjectInput> for OrdersService {
    async fn handle(&self, call: &Call, op: CreateProjectInput) -> Result<String, CommandError> {
        self.commands.create_project(&call.context, op).await
    }
}

/// Moves a project through its life cycle; only a project the caller can see.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeProjectStatus {
    pub id: String,
    pub status: ProjectStatus,
    pub reason: Option<String>,
    /// The day of the change (a release's invoice date); today (UTC) when not given.
    #[serde(default)]
    pub date: Option<chrono::NaiveDate>,
}

impl Operation for ChangeProjectStatus {
    type Service = OrdersService;
    type Answer = ();
    const NAME: &'static str = "change_project_status";
    const ACCESS: Access = Access::Requires(Permission::ProjectsWrite);
}

#[async_trait]
impl Handle<ChangeProjectStatus> for OrdersService {
    async fn handle(&self, call: &Call, op: ChangeProjectStatus) -> Result<(), CommandError> {
        let ctx = &call.context;
        self.require_project_in_scope(ctx, &op.id).await?;
        self.commands
            .change_project_status(
                ctx,
                &op.id,
                op.status,
                op.reason,
                op.date.unwrap_or_else(|| chrono::Utc::now().date_naive()),
            )
            .await
    }
}

/// The projects the caller may see, by code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Projects;

impl Operation for Projects {
    type Service = OrdersService;
    type Answer = Vec<ProjectRow>;
    const NAME: &'static str = "projects";
    const ACCESS: Access = PROJECT_READERS;
}

#[async_trait]
impl Handle<Projects> for OrdersService {
    async fn handle(&self, call: &Call, _: Projects) -> Result<Vec<ProjectRow>, CommandError> {
        let scope = call.context.project_scope()?;
        self.queries
            .projects(scope)
            .await
            .map_err(CommandError::from)
    }
}

/// One project, if the caller may see it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Project {
    pub id: String,
}

impl Operation for Project {
    type Service = OrdersService;
    type Answer = Option<ProjectRow>;
    const NAME: &'static str = "project";
    const ACCESS: Access = PROJECT_READERS;
}

#[async_trait]
impl Handle<Project> for OrdersService {
    async fn handle(&self, call: &Call, op: Project) -> Result<Option<ProjectRow>, CommandError> {
        let scope = call.context.project_scope()?;
        self.queries
            .project(&op.id, scope)
            .await
            .map_err(CommandError::from)
    }
}
