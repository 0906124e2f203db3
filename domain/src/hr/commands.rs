//! Commands of the HR domain.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Commands to the employee aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EmployeeCommand {
    /// Take someone into employment from a date.
    HireEmployee {
        employee_number: String,
        first_name: String,
        last_name: String,
        job_title: String,
        hired_on: NaiveDate,
        site_id: Option<String>,
    },
    /// End the employment on a date (the last day worked).
    TerminateEmployment { last_day: NaiveDate, reason: String },
}
