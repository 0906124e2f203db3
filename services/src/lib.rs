//! Domain services as the gateway sees them: one request type per domain, answered
//! either in-process or by the domain's own service over HTTP.
//!
//! Over HTTP the caller's original bearer token travels with the request and the
//! service validates it again and applies the same permissions: a domain service does
//! not trust the network it sits on.

mod call;
pub mod compliance;
pub mod finance;
pub mod hr;
pub mod identity;
pub mod inventory;
pub mod module;
pub mod operation;
pub mod orders;
pub mod sales;
mod system_caller;
pub mod transport;
mod wire;

pub use call::Call;
pub use module::{DomainModule, Location, Subscription};
pub use operation::{Client, Clients, Endpoint, Handle, Operation, Service};
pub use system_caller::acting_on;
pub use wire::WireError;
