//! Why the HR domain refuses a command.

use chrono::NaiveDate;

/// A business refusal; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HrError {
    #[error("the employee number {0} is already taken")]
    EmployeeNumberTaken(String),
    #[error("the employee does not exist")]
    EmployeeNotFound,
    #[error("the employment has already ended")]
    AlreadyTerminated,
    #[error(
        "payDate: no SARS tax table for the {tax_year} tax year ({} to {}) is loaded",
        format!("1 March {}", tax_year - 1),
        format!("end February {tax_year}")
    )]
    NoTaxTable { tax_year: i32 },
    #[error("monthlyRemuneration: {0} is not an amount in rand (nought or more, two places)")]
    Remuneration(String),
    #[error("age: {0} is not an age")]
    Age(u32),
    /// A leave request or decision the rules refuse (the message says why).
    #[error("{0}")]
    Leave(String),
    #[error("the leave request {0} does not exist")]
    LeaveRequestNotFound(String),
    /// A timesheet the rules refuse (the message names the entry).
    #[error("{0}")]
    Timesheet(String),
    #[error("the timesheet does not exist")]
    TimesheetNotFound,
    #[error("the pay run does not exist")]
    PayRunNotFound,
    /// A pay run step the rules refuse.
    #[error("{0}")]
    PayRun(String),
    /// A COIDA estimate asked with an input the rules refuse (the message names it).
    #[error("{0}")]
    Coida(String),
    #[error("year: no COIDA earnings limits for the {0} assessment year are loaded")]
    NoCoidaYear(i32),
    /// A profile that contradicts itself or the employment (the message names the field).
    #[error("{0}")]
    Profile(String),
    #[error("lastDay: the last day {last_day} is before the hiring date {hired_on}")]
    LastDayBeforeHiring {
        last_day: NaiveDate,
        hired_on: NaiveDate,
    },
}

impl crate::refusal::Refusal for HrError {
    fn kind(&self) -> crate::refusal::RefusalKind {
        use crate::refusal::RefusalKind;
        match self {
            HrError::EmployeeNotFound
            | HrError::LeaveRequestNotFound(_)
            | HrError::TimesheetNotFound
            | HrError::PayRunNotFound => RefusalKind::NotFound,
            _ => RefusalKind::Rejected,
        }
    }
}
