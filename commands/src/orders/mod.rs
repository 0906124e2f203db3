//! Orders commands: projects.

mod references;
mod service;

pub use service::{CreateProjectInput, OrdersCommands};
