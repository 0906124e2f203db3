//! How a domain's refusal is understood outside the domain: one question each error
//! enum answers, so the write side maps every domain's errors the same way.

/// The kind of a domain refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusalKind {
    /// The command addresses something that does not exist.
    NotFound,
    /// A business rule refused the command; the message is safe to show.
    Rejected,
    /// Something the decision needed could not be read; the cause is for the log.
    Unavailable(String),
}

/// Implemented by every domain's error enum.
pub trait Refusal: std::error::Error {
    /// What kind of refusal this is.
    fn kind(&self) -> RefusalKind;
}

/// The longest part of a caller's value repeated in a refusal.
const ECHO_MAX: usize = 60;

/// A caller's value as a refusal repeats it: quoted and escaped (no control character
/// reaches the message or a log line), and cut short when long.
pub fn echo(value: &str) -> String {
    let mut short: String = value.chars().take(ECHO_MAX).collect();
    if short.len() < value.len() {
        short.push('…');
    }
    format!("{short:?}")
}
