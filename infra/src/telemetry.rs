//! Structured logging with `tracing`: JSON lines in production, readable text in development.

use tracing_subscriber::{fmt, EnvFilter};

/// Installs the global subscriber once; later calls (e.g. from tests) are ignored.
/// The filter comes from `RUST_LOG` (default `info`, with PostgreSQL's notices — such as
/// "relation already exists, skipping" from idempotent migrations — at `warn`).
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx::postgres::notice=warn"));
    let builder = fmt().with_env_filter(filter).with_target(true);
    let _already_set = if json {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
}
