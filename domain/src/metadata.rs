//! Keys of the metadata every persisted event carries next to its payload.

/// The request id that started the chain of work (from the gateway's `x-request-id`).
pub const CORRELATION_ID: &str = "correlation_id";
/// The id of the message (command or event) that directly caused this event.
pub const CAUSATION_ID: &str = "causation_id";
/// The authenticated subject (`sub` claim) who issued the command.
pub const SUBJECT: &str = "subject";
/// When the command was accepted, RFC 3339 in UTC.
pub const OCCURRED_AT: &str = "occurred_at";
/// Finance only: the SHA-256 (lowercase hex) of the event's canonical content, which
/// includes the previous event's hash (see `docs/finance.md`).
pub const EVENT_HASH: &str = "event_hash";
/// Finance only: the hash of the previous event in the same stream (64 zeros for the first).
pub const PREVIOUS_HASH: &str = "previous_hash";
