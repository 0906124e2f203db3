//! Appends a numbered document — a purchase order, a sales order, a goods received
//! note — together with its series' next number, as **one unit of work**: the number
//! (`orders.numbering`, stream sequence = number) and the document's events are stored
//! together or not at all. Two documents racing for a number collide on the series'
//! stream; the loser decides again with the next number (at most [`ATTEMPTS`] times,
//! then `CONFLICT`, retryable). cqrs-es' framework appends one aggregate per command,
//! hence this path beside it ([`crate::decide`]; finance's invoice numbering does the same).

use constructos_domain::orders::numbering::{order_number, AssignNumber, OrderNumbering};
use constructos_domain::refusal::Refusal;
use constructos_domain::stored::Stored;
use constructos_infra::event_store::{AppendError, Store, UnitOfWork};
use cqrs_es::AggregateError;

use crate::decide::{decide, internal};
use crate::{CommandContext, CommandError};

/// How often a numbered document is decided again after losing a race.
const ATTEMPTS: usize = 10;

/// The document a number is for: its stream, what the number is assigned to, and the
/// command the stream decides.
pub(super) struct Target<C> {
    pub stream_id: String,
    pub assigned_to: String,
    pub command: C,
}

/// Numbers and appends a document of `A` in `series`; `target` builds it from the
/// number (`PO-2026-00042`). Answers the number and the document's stream id.
pub(super) async fn execute_numbered<A>(
    store: &Store,
    ctx: &CommandContext,
    series: &str,
    target: impl Fn(&str) -> Target<A::Command>,
) -> Result<(String, String), CommandError>
where
    A: Stored<Services = ()>,
    A::Error: Refusal,
{
    for _ in 0..ATTEMPTS {
        let mut numbering = store
            .load::<OrderNumbering>(series)
            .await
            .map_err(|e| internal("Failed to load a number series", e))?;
        let number = order_number(series, numbering.aggregate.next());
        let Target {
            stream_id,
            assigned_to,
            command,
        } = target(&number);
        let number_previous = numbering.sequence;
        let number_events = decide(&mut numbering, AssignNumber { assigned_to }, ctx)
            .await?
            .map_err(|e| CommandError::from(AggregateError::UserError(e)))?;
        let mut document = store
            .load::<A>(&stream_id)
            .await
            .map_err(|e| internal("Failed to load a document", e))?;
        let document_previous = document.sequence;
        let document_events = match decide(&mut document, command, ctx).await? {
            Ok(events) => events,
            Err(refusal) => {
                // Decided on copies another writer may have moved on from: look again
                // whenever the series has moved since this attempt read it. (Whether
                // the cache is stale *now* is not enough: a writer in this process may
                // have refreshed it between the read and the refusal.)
                let stale = store
                    .is_stale::<OrderNumbering>(series)
                    .await
                    .unwrap_or(true)
                    | store.is_stale::<A>(&stream_id).await.unwrap_or(true);
                let moved = match store.load::<OrderNumbering>(series).await {
                    Ok(now) => now.sequence != number_previous,
                    Err(_) => true,
                };
                if stale || moved {
                    continue;
                }
                return Err(CommandError::from(AggregateError::UserError(refusal)));
            }
        };
        let mut unit = UnitOfWork::new();
        unit.write(&numbering, number_previous, number_events)
            .write(&document, document_previous, document_events);
        match store.append(unit).await {
            Ok(()) => return Ok((number, stream_id)),
            Err(AppendError::Conflict) => continue,
            Err(e) => {
                tracing::error!(series, correlation_id = %ctx.correlation_id, cause = %e, "numbered append failed");
                return Err(internal("Failed to append a numbered document", e));
            }
        }
    }
    Err(CommandError::Conflict)
}
