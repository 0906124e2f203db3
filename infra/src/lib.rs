//! Adapters that connect the pure domain to the world: configuration, PostgreSQL,
//! Kafka, the event relay, telemetry and identity tokens.

pub mod auth;
pub mod cloudevents;
pub mod config;
pub mod db;
pub mod domains;
pub mod event_store;
pub mod health;
pub mod kafka;
pub mod read_error;
pub mod relay;
mod signals;
pub mod telemetry;

pub use config::Config;
pub use domains::Domain;
pub use read_error::{read, stored, ReadError};
