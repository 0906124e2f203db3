//! Integration and end-to-end tests against the real PostgreSQL and the real broker.
//! One test binary; every test gets its own databases and topic namespace.

mod account_facts;
mod anchor;
mod contact_facts;
mod contracts;
mod dead_letters;
mod edge;
mod edge_bombs;
mod edge_input;
mod employees;
mod event_samples;
mod finance;
mod finance_inputs;
mod finance_invoices;
mod finance_reports;
mod finance_reports_replay;
mod finance_settlements;
mod finance_shipments;
mod fuzz;
mod harness;
mod identity_api;
mod leads;
mod migrate;
mod opportunities;
mod projection;
mod projects;
mod rbac;
mod references;
mod relay;
mod replay;
mod sales_read_model;
mod services;
mod templates;
mod tokens;
mod users;
mod value_checks;
