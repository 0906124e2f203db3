//! Finance's own path to the event store: the aggregate decides first, then each event
//! is sealed into its stream's hash chain, then all are appended in one transaction.
//!
//! Why not `CqrsFramework::execute_with_metadata`: its metadata is fixed before the
//! aggregate decides, but a hash needs the event's payload and sequence. Deciding on a
//! copy and then executing for real would decide twice and could seal a different
//! event than the one stored. So finance loads, decides and appends itself, through
//! postgres-es' own repository (same table, same optimistic lock on `sequence`). A
//! bonus: a reversal's two journals are appended in one transaction.

use std::collections::HashMap;
use std::sync::Arc;

use constructos_domain::metadata::{EVENT_HASH, PREVIOUS_HASH};
use cqrs_es::event_sink::EventSink;
use cqrs_es::persist::{PersistedEventRepository, SerializedEvent};
use cqrs_es::{Aggregate, AggregateError, DomainEvent};
use postgres_es::PostgresEventRepository;
use sqlx::{PgPool, Postgres, Transaction};

use super::chain::{ChainLink, GENESIS};
use super::guards::Guards;

/// An aggregate loaded with where its stream ends.
pub(crate) struct Loaded<A> {
    pub id: String,
    pub aggregate: A,
    sequence: usize,
    last_hash: String,
}

/// Loads, decides and appends with the hash chain.
#[derive(Clone)]
pub(crate) struct ChainedStore {
    repo: Arc<PostgresEventRepository>,
    pool: PgPool,
}

fn deserialization<E: std::error::Error>(e: serde_json::Error) -> AggregateError<E> {
    AggregateError::DeserializationError(Box::new(e))
}

impl ChainedStore {
    /// A store over a finance database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            repo: Arc::new(PostgresEventRepository::new(pool.clone())),
            pool,
        }
    }

    /// The finance database (for the few reads the write side makes of its own read
    /// models, each re-checked against the event streams before deciding).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Replays the aggregate `id` (the default state when it has no events).
    pub async fn load<A: Aggregate>(
        &self,
        id: &str,
    ) -> Result<Loaded<A>, AggregateError<A::Error>> {
        let mut loaded = Loaded {
            id: id.to_string(),
            aggregate: A::default(),
            sequence: 0,
            last_hash: GENESIS.to_string(),
        };
        for stored in self.repo.get_events::<A>(id).await? {
            let event: A::Event =
                serde_json::from_value(stored.payload).map_err(deserialization)?;
            loaded.aggregate.apply(event);
            loaded.sequence = stored.sequence;
            loaded.last_hash = stored
                .metadata
                .get(EVENT_HASH)
                .and_then(|v| v.as_str())
                .unwrap_or(GENESIS)
                .to_string();
        }
        Ok(loaded)
    }

    /// Lets the aggregate decide, applies the events to the loaded copy and returns
    /// them sealed: next sequence numbers, `metadata` plus the chain's two hashes.
    pub async fn decide<A: Aggregate>(
        &self,
        loaded: &mut Loaded<A>,
        command: A::Command,
        services: &A::Services,
        metadata: &HashMap<String, String>,
    ) -> Result<Vec<SerializedEvent>, AggregateError<A::Error>> {
        let sink = EventSink::default();
        loaded
            .aggregate
            .handle(command, services, &sink)
            .await
            .map_err(AggregateError::UserError)?;
        let mut sealed = Vec::new();
        for event in sink.collect().await {
            loaded.sequence += 1;
            let payload = serde_json::to_value(&event).map_err(deserialization)?;
            let (event_type, event_version) = (event.event_type(), event.event_version());
            let hash = ChainLink {
                aggregate_type: A::TYPE,
                aggregate_id: &loaded.id,
                sequence: loaded.sequence as i64,
                event_type: &event_type,
                event_version: &event_version,
                payload: &payload,
                previous_hash: &loaded.last_hash,
            }
            .hash();
            let mut meta = metadata.clone();
            meta.insert(PREVIOUS_HASH.to_string(), loaded.last_hash.clone());
            meta.insert(EVENT_HASH.to_string(), hash.clone());
            sealed.push(SerializedEvent::new(
                loaded.id.clone(),
                loaded.sequence,
                A::TYPE.to_string(),
                event_type,
                event_version,
                payload,
                serde_json::to_value(meta).map_err(deserialization)?,
            ));
            loaded.last_hash = hash;
        }
        Ok(sealed)
    }

    /// Appends sealed events of aggregates of type `A` in one transaction. Another
    /// writer having appended first is `AggregateConflict` (see [`Self::commit_all`]).
    pub async fn commit<A: Aggregate>(
        &self,
        events: &[SerializedEvent],
    ) -> Result<(), AggregateError<A::Error>> {
        self.commit_all(events).await
    }

    /// Appends sealed events of *different* aggregate types in one transaction (an
    /// invoice's issue, its number and its journal). postgres-es' `persist` writes one
    /// type per call, so this is the same insert with each event's own type; a unique
    /// violation on `(aggregate_type, aggregate_id, sequence)` is `AggregateConflict`.
    /// Every commit first holds the periods and accounts its journals read
    /// ([`Guards`]): one closed since the decision is `AggregateConflict` too, and the
    /// command decides again.
    pub async fn commit_all<E: std::error::Error>(
        &self,
        events: &[SerializedEvent],
    ) -> Result<(), AggregateError<E>> {
        if events.is_empty() {
            return Ok(());
        }
        let guards = Guards::of(events);
        let stored = async {
            let mut tx = self.pool.begin().await?;
            let written = Self::write(&mut tx, &guards, events).await;
            match written {
                Ok(true) => tx.commit().await.map(|()| true),
                other => {
                    // Rolled back now, not when the connection is next used.
                    tx.rollback().await?;
                    other
                }
            }
        }
        .await;
        match stored {
            Ok(true) => Ok(()),
            // A period or account the decision read has closed since: decide again.
            Ok(false) => Err(AggregateError::AggregateConflict),
            // A unique violation (another writer appended first), a deadlock or a
            // serialization failure: deciding again may succeed.
            Err(sqlx::Error::Database(db))
                if matches!(db.code().as_deref(), Some("23505" | "40P01" | "40001")) =>
            {
                Err(AggregateError::AggregateConflict)
            }
            Err(e) => Err(AggregateError::UnexpectedError(Box::new(e))),
        }
    }

    /// Inside `tx`: holds the guards, then inserts `events`; `false` when a period or
    /// account the journals read has closed (nothing inserted).
    async fn write(
        tx: &mut Transaction<'_, Postgres>,
        guards: &Guards,
        events: &[SerializedEvent],
    ) -> Result<bool, sqlx::Error> {
        if !guards.hold(tx).await? {
            return Ok(false);
        }
        for event in events {
            sqlx::query(
                "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type,
                                     event_version, payload, metadata)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&event.aggregate_type)
            .bind(&event.aggregate_id)
            .bind(event.sequence as i64)
            .bind(&event.event_type)
            .bind(&event.event_version)
            .bind(&event.payload)
            .bind(&event.metadata)
            .execute(&mut **tx)
            .await?;
        }
        Ok(true)
    }
}
