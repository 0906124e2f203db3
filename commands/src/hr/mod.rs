//! HR commands: employee records.

mod service;

pub use service::{HireEmployeeInput, HrCommands};
