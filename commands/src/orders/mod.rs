//! Orders commands: projects — their contract, bill of quantities, work breakdown,
//! variations, progress claims and retention.

mod inputs;
mod project_inputs;
mod references;
mod service;

pub use inputs::CreateProjectInput;
pub use project_inputs::{BoqLineInput, ClaimLineInput, ContractInput, WorkItemInput};
pub use service::OrdersCommands;
