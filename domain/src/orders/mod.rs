//! Orders: the transactional hub — projects (construction jobs at a site for a
//! customer) today; sales and purchase orders build on them.

mod code;
mod commands;
mod errors;
mod events;
mod project;
mod references;

pub use code::ProjectCode;
pub use commands::ProjectCommand;
pub use errors::OrdersError;
pub use events::ProjectEvent;
pub use project::{Project, ProjectStatus};
pub use references::{check_customer, KnownAccount};

/// The aggregate type of projects in the event store; unique across the system.
pub const PROJECT_AGGREGATE: &str = "orders.project";
