//! Integration and end-to-end tests against the real PostgreSQL and the real broker.
//! One test binary; every test gets its own databases and topic namespace.

mod contracts;
mod edge;
mod finance;
mod harness;
mod identity_api;
mod migrate;
mod projection;
mod projects;
mod rbac;
mod relay;
mod services;
mod tokens;
mod users;
