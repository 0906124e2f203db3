//! [`Store`] as cqrs-es' `EventStore`: `CqrsFramework` loads through the cache and
//! appends through the group writer, and every domain's aggregates run on it unchanged.

use std::collections::HashMap;

use constructos_domain::stored::Stored;
use cqrs_es::persist::SerializedEvent;
use cqrs_es::{AggregateContext, AggregateError, CqrsFramework, DomainEvent, EventEnvelope};
use sqlx::Row;

use super::{AppendError, LoadError, Store, Stream, UnitOfWork};

/// cqrs-es' framework over the project's store.
pub type Cqrs<A> = CqrsFramework<A, Store>;

/// A loaded stream and where it ended, handed back to [`Store`] to commit.
pub struct StoreContext<A> {
    stream: Stream<A>,
    previous: usize,
}

impl<A: Stored> AggregateContext<A> for StoreContext<A> {
    fn aggregate(&mut self) -> &mut A {
        &mut self.stream.aggregate
    }
}

impl<E: std::error::Error> From<AppendError> for AggregateError<E> {
    fn from(error: AppendError) -> Self {
        match error {
            AppendError::Conflict => AggregateError::AggregateConflict,
            AppendError::Database(e) => AggregateError::DatabaseConnectionError(Box::new(e)),
            AppendError::Stopped => AggregateError::UnexpectedError(Box::new(AppendError::Stopped)),
        }
    }
}

impl<E: std::error::Error> From<LoadError> for AggregateError<E> {
    fn from(error: LoadError) -> Self {
        match error {
            LoadError::Event { .. } => AggregateError::DeserializationError(Box::new(error)),
            LoadError::Database { .. } => AggregateError::DatabaseConnectionError(Box::new(error)),
        }
    }
}

fn serialization<E: std::error::Error>(e: serde_json::Error) -> AggregateError<E> {
    AggregateError::DeserializationError(Box::new(e))
}

impl<A: Stored> cqrs_es::EventStore<A> for Store {
    type AC = StoreContext<A>;

    async fn load_events(
        &self,
        aggregate_id: &str,
    ) -> Result<Vec<EventEnvelope<A>>, AggregateError<A::Error>> {
        let rows = sqlx::query(
            "SELECT sequence, payload::text AS payload, metadata::text AS metadata
               FROM events WHERE aggregate_type = $1 AND aggregate_id = $2
              ORDER BY sequence",
        )
        .bind(A::TYPE)
        .bind(aggregate_id)
        .fetch_all(self.pool())
        .await
        .map_err(|e| AggregateError::DatabaseConnectionError(Box::new(e)))?;
        let mut envelopes = Vec::with_capacity(rows.len());
        for row in rows {
            let read = |name: &str| {
                row.try_get::<String, _>(name)
                    .map_err(|e| AggregateError::DatabaseConnectionError(Box::new(e)))
            };
            let sequence: i64 = row
                .try_get("sequence")
                .map_err(|e| AggregateError::DatabaseConnectionError(Box::new(e)))?;
            envelopes.push(EventEnvelope {
                aggregate_id: aggregate_id.to_string(),
                sequence: usize::try_from(sequence).unwrap_or_default(),
                payload: serde_json::from_str(&read("payload")?).map_err(serialization)?,
                metadata: serde_json::from_str(&read("metadata")?).unwrap_or_default(),
            });
        }
        Ok(envelopes)
    }

    async fn load_aggregate(
        &self,
        aggregate_id: &str,
    ) -> Result<StoreContext<A>, AggregateError<A::Error>> {
        let stream = self.load::<A>(aggregate_id).await?;
        Ok(StoreContext {
            previous: stream.sequence,
            stream,
        })
    }

    async fn commit(
        &self,
        events: Vec<A::Event>,
        context: StoreContext<A>,
        metadata: HashMap<String, String>,
    ) -> Result<Vec<EventEnvelope<A>>, AggregateError<A::Error>> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let StoreContext {
            mut stream,
            previous,
        } = context;
        let stored_metadata = serde_json::to_value(&metadata).map_err(serialization)?;
        let mut serialized = Vec::with_capacity(events.len());
        let mut envelopes = Vec::with_capacity(events.len());
        for (offset, event) in events.into_iter().enumerate() {
            let sequence = previous + offset + 1;
            serialized.push(SerializedEvent::new(
                stream.id.clone(),
                sequence,
                A::TYPE.to_string(),
                event.event_type(),
                event.event_version(),
                serde_json::to_value(&event).map_err(serialization)?,
                stored_metadata.clone(),
            ));
            envelopes.push(EventEnvelope {
                aggregate_id: stream.id.clone(),
                sequence,
                payload: event,
                metadata: metadata.clone(),
            });
        }
        stream.sequence = previous + envelopes.len();
        let mut unit = UnitOfWork::new();
        unit.write(&stream, previous, serialized);
        self.append(unit).await?;
        Ok(envelopes)
    }
}
