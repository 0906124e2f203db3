//! The HR service: employee records, filtered row by row for self-service.

mod http;
mod local;
mod remote;

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::hr::HireEmployeeInput;
use constructos_commands::CommandError;
use constructos_projections::hr::EmployeeRow;
use serde::{Deserialize, Serialize};

pub use http::router;
pub use local::LocalHr;
pub use remote::RemoteHr;

use crate::Call;

/// Everything the HR service answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum HrRequest {
    HireEmployee {
        input: HireEmployeeInput,
    },
    TerminateEmployment {
        id: String,
        last_day: NaiveDate,
        reason: String,
    },
    /// The employee records the caller may see.
    Employees,
    /// One employee record, if the caller may see it.
    Employee {
        id: String,
    },
}

/// The HR service's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "result", content = "value", rename_all = "snake_case")]
pub enum HrResponse {
    Created(String),
    Done,
    Employees(Vec<EmployeeRow>),
    Employee(Option<EmployeeRow>),
}

/// Answers HR requests, in-process or remotely.
#[async_trait]
pub trait HrApi: Send + Sync {
    async fn handle(&self, call: &Call, request: HrRequest) -> Result<HrResponse, CommandError>;
}

/// Typed calls over any [`HrApi`].
#[derive(Clone)]
pub struct HrClient {
    api: std::sync::Arc<dyn HrApi>,
}

fn unexpected(response: HrResponse) -> CommandError {
    CommandError::Internal(format!("unexpected HR response {response:?}"))
}

impl HrClient {
    /// A client over `api`.
    pub fn new(api: std::sync::Arc<dyn HrApi>) -> Self {
        Self { api }
    }

    /// Hires an employee; returns the record's id.
    pub async fn hire_employee(
        &self,
        call: &Call,
        input: HireEmployeeInput,
    ) -> Result<String, CommandError> {
        match self
            .api
            .handle(call, HrRequest::HireEmployee { input })
            .await?
        {
            HrResponse::Created(id) => Ok(id),
            other => Err(unexpected(other)),
        }
    }

    /// Ends an employment.
    pub async fn terminate_employment(
        &self,
        call: &Call,
        id: String,
        last_day: NaiveDate,
        reason: String,
    ) -> Result<(), CommandError> {
        match self
            .api
            .handle(
                call,
                HrRequest::TerminateEmployment {
                    id,
                    last_day,
                    reason,
                },
            )
            .await?
        {
            HrResponse::Done => Ok(()),
            other => Err(unexpected(other)),
        }
    }

    /// The employee records the caller may see.
    pub async fn employees(&self, call: &Call) -> Result<Vec<EmployeeRow>, CommandError> {
        match self.api.handle(call, HrRequest::Employees).await? {
            HrResponse::Employees(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// One employee record, if the caller may see it.
    pub async fn employee(
        &self,
        call: &Call,
        id: String,
    ) -> Result<Option<EmployeeRow>, CommandError> {
        match self.api.handle(call, HrRequest::Employee { id }).await? {
            HrResponse::Employee(row) => Ok(row),
            other => Err(unexpected(other)),
        }
    }
}
