//! How the finance commands report a failure: an aggregate's refusal as a command
//! error, and an internal failure logged once with the command's context. Its own
//! module so that every command file uses it without reaching into another's.

use constructos_domain::finance::FinanceError;
use cqrs_es::AggregateError;

use crate::{CommandContext, CommandError};

/// An aggregate's refusal.
pub(super) fn rejected(error: FinanceError) -> CommandError {
    CommandError::from(AggregateError::UserError(error))
}

/// Logs an internal failure once, with the command's context.
pub(super) fn logged(
    error: CommandError,
    aggregate: &str,
    id: &str,
    ctx: &CommandContext,
) -> CommandError {
    if let CommandError::Internal(cause) = &error {
        tracing::error!(aggregate, aggregate_id = id, correlation_id = %ctx.correlation_id, cause = %cause, "command failed");
    }
    error
}
