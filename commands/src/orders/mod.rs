//! Orders commands: projects.

mod inputs;
mod service;

pub use inputs::CreateProjectInput;
pub use service::OrdersCommands;
