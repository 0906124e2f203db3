//! Commands of the orders domain, built from validated values: a command cannot hold
//! an over-long name, a control character or a date outside the business calendar.

use serde::{Deserialize, Serialize};

use super::{ProjectCode, ProjectStatus};
use crate::values::{BusinessDate, Code, Identifier, Name, Reason};

/// Commands to the project aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProjectCommand {
    /// Open a project: a job for a customer at a site. Sent to the id the code derives
    /// ([`ProjectCode::project_id`]).
    CreateProject {
        code: ProjectCode,
        name: Name,
        customer_account_id: Option<Identifier>,
        site_id: Code,
        site_name: Name,
        starts_on: Option<BusinessDate>,
    },
    /// Move the project along its life cycle.
    ChangeProjectStatus {
        status: ProjectStatus,
        reason: Option<Reason>,
    },
}
