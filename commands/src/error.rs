//! The one error type command services return, mapped to client codes at the edge.

use constructos_domain::access::Permission;
use constructos_domain::finance::FinanceError;
use constructos_domain::hr::HrError;
use constructos_domain::identity::IdentityError;
use constructos_domain::orders::OrdersError;
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

impl From<AggregateError<IdentityError>> for CommandError {
    fn from(error: AggregateError<IdentityError>) -> Self {
        match error {
            AggregateError::UserError(
                e @ (IdentityError::AccountNotFound
                | IdentityError::ContactNotFound
                | IdentityError::UserNotFound
                | IdentityError::LeadNotFound),
            ) => CommandError::NotFound(e.to_string()),
            AggregateError::UserError(IdentityError::DirectoryUnavailable(cause)) => {
                CommandError::Internal(cause)
            }
            AggregateError::UserError(e) => CommandError::Rejected(e.to_string()),
            AggregateError::AggregateConflict => CommandError::Conflict,
            AggregateError::DatabaseConnectionError(e)
            | AggregateError::DeserializationError(e)
            | AggregateError::UnexpectedError(e) => CommandError::Internal(e.to_string()),
        }
    }
}

impl From<AggregateError<OrdersError>> for CommandError {
    fn from(error: AggregateError<OrdersError>) -> Self {
        match error {
            AggregateError::UserError(e @ OrdersError::ProjectNotFound) => {
                CommandError::NotFound(e.to_string())
            }
            AggregateError::UserError(e) => CommandError::Rejected(e.to_string()),
            AggregateError::AggregateConflict => CommandError::Conflict,
            AggregateError::DatabaseConnectionError(e)
            | AggregateError::DeserializationError(e)
            | AggregateError::UnexpectedError(e) => CommandError::Internal(e.to_string()),
        }
    }
}

impl From<AggregateError<HrError>> for CommandError {
    fn from(error: AggregateError<HrError>) -> Self {
        match error {
            AggregateError::UserError(e @ HrError::EmployeeNotFound) => {
                CommandError::NotFound(e.to_string())
            }
            AggregateError::UserError(e) => CommandError::Rejected(e.to_string()),
            AggregateError::AggregateConflict => CommandError::Conflict,
            AggregateError::DatabaseConnectionError(e)
            | AggregateError::DeserializationError(e)
            | AggregateError::UnexpectedError(e) => CommandError::Internal(e.to_string()),
        }
    }
}

impl From<AggregateError<FinanceError>> for CommandError {
    fn from(error: AggregateError<FinanceError>) -> Self {
        match error {
            AggregateError::UserError(
                e @ (FinanceError::AccountNotFound | FinanceError::JournalNotFound),
            ) => CommandError::NotFound(e.to_string()),
            AggregateError::UserError(FinanceError::LedgerUnavailable(cause)) => {
                CommandError::Internal(cause)
            }
            AggregateError::UserError(e) => CommandError::Rejected(e.to_string()),
            AggregateError::AggregateConflict => CommandError::Conflict,
            AggregateError::DatabaseConnectionError(e)
            | AggregateError::DeserializationError(e)
            | AggregateError::UnexpectedError(e) => CommandError::Internal(e.to_string()),
        }
    }
}
