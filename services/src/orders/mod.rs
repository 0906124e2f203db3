//! The orders service: projects, filtered row by row by the caller's assignments.

mod http;
mod local;
mod remote;

use async_trait::async_trait;
use constructos_commands::orders::CreateProjectInput;
use constructos_commands::CommandError;
use constructos_domain::orders::ProjectStatus;
use constructos_projections::orders::ProjectRow;
use serde::{Deserialize, Serialize};

pub use http::router;
pub use local::LocalOrders;
pub use remote::RemoteOrders;

use crate::Call;

/// Everything the orders service answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum OrdersRequest {
    CreateProject {
        input: CreateProjectInput,
    },
    ChangeProjectStatus {
        id: String,
        status: ProjectStatus,
        reason: Option<String>,
    },
    /// The projects the caller may see.
    Projects,
    /// One project, if the caller may see it.
    Project {
        id: String,
    },
}

/// The orders service's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "result", content = "value", rename_all = "snake_case")]
pub enum OrdersResponse {
    Created(String),
    Done,
    Projects(Vec<ProjectRow>),
    Project(Option<ProjectRow>),
}

/// Answers orders requests, in-process or remotely.
#[async_trait]
pub trait OrdersApi: Send + Sync {
    async fn handle(
        &self,
        call: &Call,
        request: OrdersRequest,
    ) -> Result<OrdersResponse, CommandError>;
}

/// Typed calls over any [`OrdersApi`].
#[derive(Clone)]
pub struct OrdersClient {
    api: std::sync::Arc<dyn OrdersApi>,
}

fn unexpected(response: OrdersResponse) -> CommandError {
    CommandError::Internal(format!("unexpected orders response {response:?}"))
}

impl OrdersClient {
    /// A client over `api`.
    pub fn new(api: std::sync::Arc<dyn OrdersApi>) -> Self {
        Self { api }
    }

    /// Opens a project; returns its id.
    pub async fn create_project(
        &self,
        call: &Call,
        input: CreateProjectInput,
    ) -> Result<String, CommandError> {
        match self
            .api
            .handle(call, OrdersRequest::CreateProject { input })
            .await?
        {
            OrdersResponse::Created(id) => Ok(id),
            other => Err(unexpected(other)),
        }
    }

    /// Moves a project through its life cycle.
    pub async fn change_project_status(
        &self,
        call: &Call,
        id: String,
        status: ProjectStatus,
        reason: Option<String>,
    ) -> Result<(), CommandError> {
        match self
            .api
            .handle(
                call,
                OrdersRequest::ChangeProjectStatus { id, status, reason },
            )
            .await?
        {
            OrdersResponse::Done => Ok(()),
            other => Err(unexpected(other)),
        }
    }

    /// The projects the caller may see.
    pub async fn projects(&self, call: &Call) -> Result<Vec<ProjectRow>, CommandError> {
        match self.api.handle(call, OrdersRequest::Projects).await? {
            OrdersResponse::Projects(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// One project, if the caller may see it.
    pub async fn project(
        &self,
        call: &Call,
        id: String,
    ) -> Result<Option<ProjectRow>, CommandError> {
        match self.api.handle(call, OrdersRequest::Project { id }).await? {
            OrdersResponse::Project(row) => Ok(row),
            other => Err(unexpected(other)),
        }
    }
}
