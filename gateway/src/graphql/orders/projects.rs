//! Projects in the schema: every project for head office, only their own for those on
//! site (the orders service filters the rows).

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::orders::CreateProjectInput as CreateProjectCommand;
use constructos_domain::orders as domain;
use constructos_projections::orders::ProjectRow;
use constructos_services::orders::{self as operations, ChangeProjectStatus, Projects};

use crate::graphql::errors::{ask, error, request_id, ErrorCode};

/// Where a project stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::ProjectStatus")]
pub enum ProjectStatus {
    Planned,
    Active,
    OnHold,
    Completed,
    Cancelled,
}

fn status_from_wire(s: &str) -> Option<ProjectStatus> {
    [
        ProjectStatus::Planned,
        ProjectStatus::Active,
        ProjectStatus::OnHold,
        ProjectStatus::Completed,
        ProjectStatus::Cancelled,
    ]
    .into_iter()
    .find(|status| domain::ProjectStatus::from(*status).as_str() == s)
}

/// A construction job for a customer at a site.
#[derive(SimpleObject)]
pub struct Project {
    id: ID,
    /// The company's project code, e.g. `PRJ-2026-014`.
    code: String,
    name: String,
    customer_account_id: Option<ID>,
    site_id: String,
    site_name: String,
    starts_on: Option<NaiveDate>,
    status: ProjectStatus,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl Project {
    fn from_row(row: ProjectRow) -> async_graphql::Result<Self> {
        let status = status_from_wire(&row.status).ok_or_else(|| {
            error(
                ErrorCode::Internal,
                format!("unknown status {}", row.status),
            )
        })?;
        Ok(Self {
            id: ID(row.id),
            code: row.code,
            name: row.name,
            customer_account_id: row.customer_account_id.map(ID),
            site_id: row.site_id,
            site_name: row.site_name,
            starts_on: row.starts_on,
            status,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

#[derive(InputObject)]
pub struct CreateProjectInput {
    /// 3–20 letters, digits and dashes, kept in capitals; unique (a code already taken
    /// is refused).
    code: String,
    name: String,
    customer_account_id: Option<ID>,
    site_id: String,
    site_name: String,
    starts_on: Option<NaiveDate>,
}

/// A project command was accepted.
#[derive(SimpleObject)]
pub struct ProjectChanged {
    id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct ProjectsQuery;

#[Object]
impl ProjectsQuery {
    /// Projects by code: all of them with `orders.projects.read`, otherwise those you
    /// are assigned to (directly or through a site).
    async fn projects(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Project>> {
        let rows = ask(ctx, Projects).await?;
        rows.into_iter().map(Project::from_row).collect()
    }

    /// One project, under the same rule.
    async fn project(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Project>> {
        let row = ask(ctx, operations::Project { id: id.0 }).await?;
        row.map(Project::from_row).transpose()
    }
}

#[derive(Default)]
pub struct ProjectsMutation;

#[Object]
impl ProjectsMutation {
    /// Opens a project.
    async fn create_project(
        &self,
        ctx: &Context<'_>,
        input: CreateProjectInput,
    ) -> async_graphql::Result<ProjectChanged> {
        let command = CreateProjectCommand {
            code: input.code,
            name: input.name,
            customer_account_id: input.customer_account_id.map(|id| id.0),
            site_id: input.site_id,
            site_name: input.site_name,
            starts_on: input.starts_on,
        };
        let id = ask(ctx, command).await?;
        Ok(ProjectChanged {
            id: ID(id),
            correlation_id: request_id(ctx),
        })
    }

    /// Moves a project through its life cycle.
    async fn change_project_status(
        &self,
        ctx: &Context<'_>,
        id: ID,
        status: ProjectStatus,
        reason: Option<String>,
    ) -> async_graphql::Result<ProjectChanged> {
        let change = ChangeProjectStatus {
            id: id.0.clone(),
            status: status.into(),
            reason,
        };
        ask(ctx, change).await?;
        Ok(ProjectChanged {
            id,
            correlation_id: request_id(ctx),
        })
    }
}
