//! Executing a command: the caller's metadata on every event, and a command that lost
//! an optimistic-concurrency race decided again on the new state.

use cqrs_es::Aggregate;
use postgres_es::PostgresCqrs;

use crate::{CommandContext, CommandError};

/// How often a command is re-decided after losing an optimistic-concurrency race.
const CONFLICT_RETRIES: usize = 3;

/// Executes with the context's metadata, re-deciding on a concurrency conflict.
pub(crate) async fn execute<A>(
    cqrs: &PostgresCqrs<A>,
    ctx: &CommandContext,
    aggregate_id: &str,
    command: A::Command,
) -> Result<(), CommandError>
where
    A: Aggregate,
    A::Command: Clone,
    CommandError: From<cqrs_es::AggregateError<A::Error>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        let result = cqrs
            .execute_with_metadata(aggregate_id, command.clone(), ctx.metadata())
            .await
            .map_err(CommandError::from);
        match result {
            Err(CommandError::Conflict) if attempt < CONFLICT_RETRIES => continue,
            Err(CommandError::Internal(cause)) => {
                tracing::error!(
                    aggregate = A::TYPE,
                    aggregate_id,
                    correlation_id = %ctx.correlation_id,
                    cause = %cause,
                    "command failed"
                );
                return Err(CommandError::Internal(cause));
            }
            other => return other,
        }
    }
}
