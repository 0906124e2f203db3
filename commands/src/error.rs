//! The one error type command services return, mapped to client codes at the edge.

use constructos_domain::access::Permission;
use constructos_domain::refusal::{Refusal, RefusalKind};
use cqrs_es::AggregateError;

/// Why a command was not carried out.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The caller lacks the permission; nothing was read or written.
    #[error("you do not have permission for {0}")]
    Forbidden(Permission),
    /// The aggregate the command addresses does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The domain refused the command; the message is safe to show.
    #[error("{0}")]
    Rejected(String),
    /// Another command changed the aggregate at the same time; retrying may succeed.
    #[error("the record was changed by someone else at the same time; try again")]
    Conflict,
    /// Something outside the caller's control failed; details are only logged.
    #[error("internal error")]
    Internal(String),
}

impl<E: Refusal> From<AggregateError<E>> for CommandError {
    fn from(error: AggregateError<E>) -> Self {
        match error {
            AggregateError::UserError(e) => match e.kind() {
                RefusalKind::NotFound => CommandError::NotFound(e.to_string()),
                RefusalKind::Rejected => CommandError::Rejected(e.to_string()),
                RefusalKind::Unavailable(cause) => CommandError::Internal(cause),
            },
            AggregateError::AggregateConflict => CommandError::Conflict,
            AggregateError::DatabaseConnectionError(e)
            | AggregateError::DeserializationError(e)
            | AggregateError::UnexpectedError(e) => CommandError::Internal(e.to_string()),
        }
    }
}

/// A field that does not parse into its value type is refused with its message.
impl From<constructos_domain::values::ValueError> for CommandError {
    fn from(error: constructos_domain::values::ValueError) -> Self {
        CommandError::Rejected(error.to_string())
    }
}

/// A failed read: a bad cursor is the caller's to fix, anything else is internal.
impl From<constructos_infra::ReadError> for CommandError {
    fn from(error: constructos_infra::ReadError) -> Self {
        match error {
            constructos_infra::ReadError::InvalidCursor => {
                CommandError::Rejected(error.to_string())
            }
            constructos_infra::ReadError::Database { .. }
            | constructos_infra::ReadError::Stored { .. } => {
                CommandError::Internal(format!("{error:#}"))
            }
        }
    }
}
