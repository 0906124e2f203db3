//! Running one command through cqrs-es over the project's event store: the caller's
//! metadata on every event, a lost optimistic-concurrency race re-decided, a refusal
//! made on a stale cached copy re-decided on the stored stream, and failures mapped
//! (and logged) once.

use constructos_domain::stored::Stored;
use constructos_infra::event_store::{Cqrs, Store, Stream};
use cqrs_es::{AggregateError, CqrsFramework};

use crate::{CommandContext, CommandError};

/// How often a command is re-decided after losing an optimistic-concurrency race.
const CONFLICT_RETRIES: usize = 3;

/// One aggregate type's command path: cqrs-es' framework over the domain's store.
pub(crate) struct Aggregates<A: Stored> {
    cqrs: Cqrs<A>,
    store: Store,
}

impl<A: Stored> Aggregates<A> {
    /// `A`'s commands over `store`, decided with `services`.
    pub fn new(store: &Store, services: A::Services) -> Self {
        Self {
            cqrs: CqrsFramework::new(store.clone(), Vec::new(), services),
            store: store.clone(),
        }
    }

    /// The stream `id` as the store has it (cache first).
    pub async fn load(&self, id: &str) -> Result<Stream<A>, CommandError> {
        self.store
            .load::<A>(id)
            .await
            .map_err(|e| CommandError::Internal(format!("Failed to load {} {id}: {e}", A::TYPE)))
    }

    /// The stream `id` as stored, not from the cache: what another aggregate's
    /// decision reads as facts (another process may have moved it on).
    pub async fn load_stored(&self, id: &str) -> Result<Stream<A>, CommandError> {
        self.store
            .load_stored::<A>(id)
            .await
            .map_err(|e| CommandError::Internal(format!("Failed to load {} {id}: {e}", A::TYPE)))
    }
}

/// Executes with the context's metadata, re-deciding on a concurrency conflict.
pub(crate) async fn execute<A>(
    aggregates: &Aggregates<A>,
    ctx: &CommandContext,
    aggregate_id: &str,
    command: A::Command,
) -> Result<(), CommandError>
where
    A: Stored,
    A::Command: Clone,
    CommandError: From<AggregateError<A::Error>>,
{
    try_execute(aggregates, ctx, aggregate_id, command)
        .await
        .map_err(|e| report::<A>(ctx, aggregate_id, e))
}

/// Like [`execute`] for a stream whose id was minted just now (a v7 UUID): nothing is
/// loaded first; the append's check still refuses the id if it somehow exists.
pub(crate) async fn execute_new<A>(
    aggregates: &Aggregates<A>,
    ctx: &CommandContext,
    aggregate_id: &str,
    command: A::Command,
) -> Result<(), CommandError>
where
    A: Stored,
    A::Command: Clone,
    CommandError: From<AggregateError<A::Error>>,
{
    aggregates.store.mint::<A>(aggregate_id);
    execute(aggregates, ctx, aggregate_id, command).await
}

/// Like [`execute`], but hands back the aggregate's own error, so that a caller can
/// accept a refusal that means "already done".
pub(crate) async fn try_execute<A>(
    aggregates: &Aggregates<A>,
    ctx: &CommandContext,
    aggregate_id: &str,
    command: A::Command,
) -> Result<(), AggregateError<A::Error>>
where
    A: Stored,
    A::Command: Clone,
{
    let mut attempt = 0;
    let mut rechecked = false;
    loop {
        attempt += 1;
        let result = aggregates
            .cqrs
            .execute_with_metadata(aggregate_id, command.clone(), ctx.metadata())
            .await;
        match result {
            Err(AggregateError::AggregateConflict) if attempt < CONFLICT_RETRIES => continue,
            // Refused on a copy another process may have moved on from: look again.
            Err(AggregateError::UserError(e)) if !rechecked => {
                rechecked = true;
                match aggregates.store.is_stale::<A>(aggregate_id).await {
                    Ok(true) => continue,
                    Ok(false) => return Err(AggregateError::UserError(e)),
                    Err(load) => return Err(AggregateError::from(load)),
                }
            }
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
    A: Stored,
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
