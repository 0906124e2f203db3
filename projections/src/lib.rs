//! The read side: projection workers consume a domain's topic and keep its read-model
//! tables, recording each applied event id in the same transaction so a redelivered
//! message changes nothing.

mod apply_error;
pub mod compliance;
mod consumer;
pub mod dead_letters;
pub mod finance;
pub mod hr;
pub mod identity;
pub mod inventory;
mod known_projects;
pub mod orders;
pub mod rebuild;
pub mod replay;
pub mod sales;
mod worker;

pub use apply_error::{database, ApplyError};
pub use consumer::{ProjectionWorker, Route, IDLE_AFTER, PROBE_EVERY, PROBE_FOR};
pub use known_projects::KnownProjectsProjection;
pub use worker::{
    apply_batch, apply_in, apply_message, domain_event, Applied, DeadLetterTopic, Projection,
    MAX_BATCH,
};

/// An enum's wire name, as its serde form (`SITE_STORE`, `GAUTENG`).
pub(crate) fn wire<T: serde::Serialize>(value: &T) -> Result<String, ApplyError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => Ok(name),
        other => Err(ApplyError::Unfit {
            what: format!("not a wire name: {other:?}"),
        }),
    }
}

/// `%text%` with `%`, `_` and `\` escaped, so user text matches literally in `ILIKE`.
pub(crate) fn like_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
