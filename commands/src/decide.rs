//! Deciding a command on a loaded stream by hand, for the commands that write several
//! streams as one unit of work (a numbered document and its number; a stock movement
//! and the location it reads; a transfer and both its positions). cqrs-es' framework
//! appends one aggregate per command, hence this small path beside it.

use constructos_domain::stored::Stored;
use constructos_infra::event_store::Stream;
use cqrs_es::event_sink::EventSink;
use cqrs_es::persist::SerializedEvent;
use cqrs_es::DomainEvent;

use crate::{CommandContext, CommandError};

/// Lets `stream`'s aggregate decide `command`: its state moves on, and its events come
/// back serialized after the sequence it had, with the caller's metadata (the outer
/// error: they do not serialize; the inner one: the aggregate refused).
pub(crate) async fn decide<A>(
    stream: &mut Stream<A>,
    command: A::Command,
    ctx: &CommandContext,
) -> Result<Result<Vec<SerializedEvent>, A::Error>, CommandError>
where
    A: Stored<Services = ()>,
{
    let sink = EventSink::default();
    if let Err(refusal) = stream.aggregate.handle(command, &(), &sink).await {
        return Ok(Err(refusal));
    }
    let encode = |e: serde_json::Error| internal("Failed to serialize an event", e);
    let metadata = serde_json::to_value(ctx.metadata()).map_err(encode)?;
    let mut serialized = Vec::new();
    for event in sink.collect().await {
        stream.sequence += 1;
        serialized.push(SerializedEvent::new(
            stream.id.clone(),
            stream.sequence,
            A::TYPE.to_string(),
            event.event_type(),
            event.event_version(),
            serde_json::to_value(&event).map_err(encode)?,
            metadata.clone(),
        ));
    }
    Ok(Ok(serialized))
}

/// An internal failure of `what`, its cause kept for the log.
pub(crate) fn internal(what: &str, e: impl std::fmt::Display) -> CommandError {
    CommandError::Internal(format!("{what}: {e}"))
}
