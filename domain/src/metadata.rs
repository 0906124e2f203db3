//! Keys of the metadata every persisted event carries next to its payload.

/// The request id that started the chain of work: minted by the gateway (UUID v7) for
/// every request and answered as `x-request-id`; never the caller's own.
pub const CORRELATION_ID: &str = "correlation_id";
/// The `X-Request-Id` the caller sent, if any, after [`client_request_id`]: kept for
/// matching the caller's logs, never trusted as the correlation id.
pub const CLIENT_REQUEST_ID: &str = "client_request_id";
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

/// The longest request id kept ([`client_request_id`], and a correlation id received
/// from another service).
pub const MAX_REQUEST_ID_LEN: usize = 64;

/// A caller-sent request id made safe to store and log: only `A-Z a-z 0-9 . _ : -`
/// (anything else is dropped), at most [`MAX_REQUEST_ID_LEN`] characters; `None` when
/// nothing is left.
pub fn client_request_id(raw: &str) -> Option<String> {
    let kept: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
        .take(MAX_REQUEST_ID_LEN)
        .collect();
    (!kept.is_empty()).then_some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_request_ids_keep_safe_characters_and_at_most_64_of_them() {
        assert_eq!(
            client_request_id("req-7:a.b_C").as_deref(),
            Some("req-7:a.b_C")
        );
        assert_eq!(
            client_request_id("a b\u{1b}[31m<script>\u{0}é").as_deref(),
            Some("ab31mscript")
        );
        assert_eq!(client_request_id(&"x".repeat(4000)), Some("x".repeat(64)));
        assert_eq!(client_request_id(" \t/?"), None);
        assert_eq!(client_request_id(""), None);
    }
}
