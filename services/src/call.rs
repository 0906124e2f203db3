//! One call into a domain service: who makes it and the token that proves it.

use constructos_commands::CommandContext;

/// A caller's request to a domain service.
#[derive(Debug, Clone)]
pub struct Call {
    /// The validated caller and the request's correlation id.
    pub context: CommandContext,
    /// The caller's bearer token, forwarded so a remote service can re-validate it.
    pub token: String,
}
