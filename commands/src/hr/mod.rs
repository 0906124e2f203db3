//! HR commands: employee records.

mod inputs;
mod service;

pub use inputs::HireEmployeeInput;
pub use service::HrCommands;
