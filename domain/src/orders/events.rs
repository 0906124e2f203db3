//! Events of the orders domain; schemas in `schemas/events/orders/`.

use chrono::NaiveDate;
use cqrs_es::DomainEvent;
use serde::{Deserialize, Serialize};

use super::ProjectStatus;

/// Events of the project aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProjectEvent {
    ProjectCreated {
        code: String,
        name: String,
        customer_account_id: Option<String>,
        site_id: String,
        site_name: String,
        starts_on: Option<NaiveDate>,
    },
    ProjectStatusChanged {
        from: ProjectStatus,
        to: ProjectStatus,
        reason: Option<String>,
    },
}

impl DomainEvent for ProjectEvent {
    fn event_type(&self) -> String {
        match self {
            ProjectEvent::ProjectCreated { .. } => "ProjectCreated",
            ProjectEvent::ProjectStatusChanged { .. } => "ProjectStatusChanged",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
