//! HR: the people the company employs. Employee records today; payroll and leave
//! build on them.

mod commands;
mod employee;
mod errors;
mod events;
mod number;

pub use commands::EmployeeCommand;
pub use employee::Employee;
pub use errors::HrError;
pub use events::EmployeeEvent;
pub use number::EmployeeNumber;

/// The aggregate type of employees in the event store; unique across the system.
pub const EMPLOYEE_AGGREGATE: &str = "hr.employee";
