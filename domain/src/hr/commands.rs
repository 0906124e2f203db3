//! Commands of the HR domain, built from validated values: a command cannot hold an
//! over-long title, a control character or a date outside the business calendar.

use serde::{Deserialize, Serialize};

use super::{EmployeeNumber, EmployeeProfile};
use crate::values::{BusinessDate, Code, Name, Reason, Title};

/// Commands to the employee aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EmployeeCommand {
    /// Take someone into employment from a date. Sent to the id the number derives
    /// ([`EmployeeNumber::employee_id`]).
    HireEmployee {
        employee_number: EmployeeNumber,
        first_name: Name,
        last_name: Name,
        job_title: Title,
        hired_on: BusinessDate,
        site_id: Option<Code>,
    },
    /// Record (or replace) what HR keeps about the employment: identity, tax, bank,
    /// type, trade, pay and cost rates, working week, line manager and allocation.
    SetProfile { profile: EmployeeProfile },
    /// End the employment on a date (the last day worked).
    TerminateEmployment {
        last_day: BusinessDate,
        reason: Reason,
    },
}
