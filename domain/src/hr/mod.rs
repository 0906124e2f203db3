//! HR: the people the company employs. Employee records and profiles, leave books,
//! weekly timesheets and pay runs as aggregates; South African identity numbers, public
//! holidays, the BCEA's leave and working-time rules and SARS's tables as pure rules.

mod commands;
mod employee;
mod errors;
mod events;
pub mod holidays;
mod id_number;
pub mod leave;
pub mod leave_book;
mod number;
pub mod payroll;
pub mod profile;
pub mod timesheet;

pub use commands::EmployeeCommand;
pub use employee::Employee;
pub use errors::HrError;
pub use events::EmployeeEvent;
pub use id_number::{Citizenship, IdNumber};
pub use number::EmployeeNumber;
pub use profile::{EmployeeProfile, EmploymentType, PayFrequency};

/// The aggregate type of employees in the event store; unique across the system.
pub const EMPLOYEE_AGGREGATE: &str = "hr.employee";
