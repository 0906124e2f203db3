//! Orders commands: projects.

mod service;

pub use service::{CreateProjectInput, OrdersCommands};
