//! Running one command through cqrs-es: the caller's metadata on every event, a lost
//! optimistic-concurrency race re-decided, and failures mapped (and logged) once.

use cqrs_es::{Aggregate, AggregateError};
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
    CommandError: From<AggregateError<A::Error>>,
{
    try_execute(cqrs, ctx, aggregate_id, command)
        .await
        .map_err(|e| report::<A>(ctx, aggregate_id, e))
}

/// Like [`execute`], but hands back the aggregate's own error, so that a caller can
/// accept a refusal that means "already done".
pub(crate) async fn try_execute<A>(
    cqrs: &PostgresCqrs<A>,
    ctx: &CommandContext,
    aggregate_id: &str,
    command: A::Command,
) -> Result<(), AggregateError<A::Error>>
where
    A: Aggregate,
    A::Command: Clone,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        let result = cqrs
            .execute_with_metadata(aggregate_id, command.clone(), ctx.metadata())
            .await;
        match result {
            Err(AggregateError::AggregateConflict) if attempt < CONFLICT_RETRIES => continue,
            other => return other,
        }
    }
}

/// Maps an aggregate error to the service's error, logging internal causes.
pub(crate) fn report<A>(
    ctx: &CommandContext,
    aggregate_id: &str,
    error: AggregateError<A::Error>,
) -> CommandError
where
    A: Aggregate,
    CommandError: From<AggregateError<A::Error>>,
{
    let error = CommandError::from(error);
    if let CommandError::Internal(cause) = &error {
        tracing::error!(
            aggregate = A::TYPE,
            aggregate_id,
            correlation_id = %ctx.correlation_id,
            cause = %cause,
            "command failed"
        );
    }
    error
}
