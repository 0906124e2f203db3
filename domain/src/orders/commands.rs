//! Commands of the orders domain.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ProjectStatus;

/// Commands to the project aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProjectCommand {
    /// Open a project: a job for a customer at a site.
    CreateProject {
        code: String,
        name: String,
        customer_account_id: Option<String>,
        site_id: String,
        site_name: String,
        starts_on: Option<NaiveDate>,
    },
    /// Move the project along its life cycle.
    ChangeProjectStatus {
        status: ProjectStatus,
        reason: Option<String>,
    },
}
