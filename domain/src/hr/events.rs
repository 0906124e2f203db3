//! Events of the HR domain; schemas in `schemas/events/hr/`.

use chrono::NaiveDate;
use cqrs_es::DomainEvent;
use serde::{Deserialize, Serialize};

use super::EmployeeProfile;

/// Events of the employee aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EmployeeEvent {
    EmployeeHired {
        employee_number: String,
        first_name: String,
        last_name: String,
        job_title: String,
        hired_on: NaiveDate,
        site_id: Option<String>,
    },
    /// The whole profile as it now stands (sensitive: see `profile.rs`).
    EmployeeProfileSet {
        profile: EmployeeProfile,
    },
    EmploymentTerminated {
        last_day: NaiveDate,
        reason: String,
    },
}

impl DomainEvent for EmployeeEvent {
    fn event_type(&self) -> String {
        match self {
            EmployeeEvent::EmployeeHired { .. } => "EmployeeHired",
            EmployeeEvent::EmployeeProfileSet { .. } => "EmployeeProfileSet",
            EmployeeEvent::EmploymentTerminated { .. } => "EmploymentTerminated",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
