//! Orders commands: projects.

mod inputs;
mod references;
mod service;

pub use inputs::CreateProjectInput;
pub use service::OrdersCommands;
