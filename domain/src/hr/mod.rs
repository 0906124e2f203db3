//! HR: the people the company employs. Employee records; South African identity
//! numbers, public holidays and the BCEA's leave rules as pure rules that leave and
//! payroll build on.

mod commands;
mod employee;
mod errors;
mod events;
pub mod holidays;
mod id_number;
pub mod leave;
mod number;
pub mod payroll;

pub use commands::EmployeeCommand;
pub use employee::Employee;
pub use errors::HrError;
pub use events::EmployeeEvent;
pub use id_number::{Citizenship, IdNumber};
pub use number::EmployeeNumber;

/// The aggregate type of employees in the event store; unique across the system.
pub const EMPLOYEE_AGGREGATE: &str = "hr.employee";
