//! Finance's path to the event store: the aggregate decides first, then each event is
//! sealed into its stream's hash chain, then all of a command's events are appended as
//! one unit of work through the project's store (`constructos_infra::event_store`),
//! grouped with whatever else is being appended, with the decision's read set.
//!
//! Why not `CqrsFramework::execute_with_metadata`: its metadata is fixed before the
//! aggregate decides, but a hash needs the event's payload and sequence. Deciding on a
//! copy and then executing for real would decide twice and could seal a different
//! event than the one stored. So finance loads, decides and appends itself. A bonus: a
//! reversal's two journals, or an invoice's issue, number and journal, are one unit.
//!
//! **The read set.** A journal's decision reads its period and its accounts through
//! the [`Ledger`](constructos_domain::finance::Ledger) but does not write them. Each of
//! those loads is noted ([`read_set::note`]) while the command's attempt runs inside
//! [`read_set::recording`], and the append checks at commit that those streams still
//! hold the versions the decision saw: a `closePeriod` (`closeLedgerAccount`)
//! committing in between makes the journal's append a conflict, and the journal decides
//! again — now seeing the close and refusing with its usual message.

use std::collections::HashMap;

use constructos_domain::metadata::{EVENT_HASH, PREVIOUS_HASH};
use constructos_domain::stored::Stored;
use constructos_infra::event_store::{Store, Stream, UnitOfWork};
use cqrs_es::event_sink::EventSink;
use cqrs_es::persist::SerializedEvent;
use cqrs_es::{Aggregate, AggregateError, DomainEvent};
use sqlx::PgPool;

use super::chain::{ChainLink, GENESIS};

/// An aggregate loaded with where its stream ends.
pub(crate) type Loaded<A> = Stream<A>;

/// Loads, decides and appends with the hash chain.
#[derive(Clone)]
pub(crate) struct ChainedStore {
    store: Store,
}

fn deserialization<E: std::error::Error>(e: serde_json::Error) -> AggregateError<E> {
    AggregateError::DeserializationError(Box::new(e))
}

impl ChainedStore {
    /// A store over a finance database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            store: Store::new(pool),
        }
    }

    /// The finance database (for the few reads the write side makes of its own read
    /// models, each re-checked against the event streams before deciding).
    pub fn pool(&self) -> &PgPool {
        self.store.pool()
    }

    /// The aggregate `id` (the default state when it has no events), from the cache or
    /// its snapshot and the events after it; noted in the running attempt's read set
    /// (a stream it loads and does not write must be unchanged when it commits).
    pub async fn load<A: Stored>(&self, id: &str) -> Result<Loaded<A>, AggregateError<A::Error>> {
        let loaded = self.store.load::<A>(id).await?;
        read_set::note(A::TYPE, id, loaded.sequence);
        Ok(loaded)
    }

    /// Notes that `A`'s stream `id` was minted just now (a v7 UUID), so its first load
    /// reads nothing; the append's check still refuses the id if it exists.
    pub fn mint<A: Stored>(&self, id: &str) {
        self.store.mint::<A>(id);
    }

    /// Whether a cached copy of a stream the running attempt loaded is behind the
    /// database (such copies are dropped): asked before a refusal is answered, since
    /// another process may have moved the stream.
    pub async fn read_anything_stale(&self) -> bool {
        let mut stale = false;
        for (aggregate_type, id) in read_set::streams() {
            stale |= self
                .store
                .is_stale_key(aggregate_type, &id)
                .await
                .unwrap_or(true);
        }
        stale
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
        let mut last_hash = loaded
            .last_hash
            .clone()
            .unwrap_or_else(|| GENESIS.to_string());
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
                previous_hash: &last_hash,
            }
            .hash();
            let mut meta = metadata.clone();
            meta.insert(PREVIOUS_HASH.to_string(), last_hash.clone());
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
            last_hash = hash;
        }
        loaded.last_hash = Some(last_hash);
        Ok(sealed)
    }

    /// Appends sealed events of aggregates of type `A` as one unit (see
    /// [`Self::commit_all`]).
    pub async fn commit<A: Aggregate>(
        &self,
        events: &[SerializedEvent],
    ) -> Result<(), AggregateError<A::Error>> {
        self.commit_all(events).await
    }

    /// Appends sealed events of any aggregate types as one unit of work with the running
    /// attempt's read set (the streams it loaded and does not write). Another writer having appended first, or a stream read having changed,
    /// is `AggregateConflict`: the command decides again. The written streams' cached
    /// copies are dropped (the next load reads them once).
    pub async fn commit_all<E: std::error::Error>(
        &self,
        events: &[SerializedEvent],
    ) -> Result<(), AggregateError<E>> {
        if events.is_empty() {
            return Ok(());
        }
        let written = |aggregate_type: &str, id: &str| {
            events
                .iter()
                .any(|e| e.aggregate_type == aggregate_type && e.aggregate_id == id)
        };
        let mut unit = UnitOfWork::new();
        for (aggregate_type, id, sequence) in read_set::take() {
            if !written(aggregate_type, &id) {
                unit.read(aggregate_type, &id, sequence);
            }
        }
        unit.write_sealed(events.to_vec());
        let appended = self.store.append(unit).await;
        for event in events {
            self.store
                .forget(&event.aggregate_type, &event.aggregate_id);
        }
        Ok(appended?)
    }
}

/// The streams an attempt read but may not write, recorded while it runs.
///
/// A task-local, scoped per attempt by [`recording`]: the journal aggregate reads its
/// period and accounts through the domain's `Ledger` trait (shared by every command),
/// so the read has to be noted beside the attempt rather than in the shared service.
pub(crate) mod read_set {
    use std::cell::RefCell;
    use std::future::Future;

    type Read = (&'static str, String, usize);

    tokio::task_local! {
        static READS: RefCell<Vec<Read>>;
    }

    /// Runs one attempt with an empty read set.
    pub async fn recording<F: Future>(attempt: F) -> F::Output {
        READS.scope(RefCell::new(Vec::new()), attempt).await
    }

    /// Notes that the attempt read `aggregate_type`'s stream `id` at `sequence`.
    pub fn note(aggregate_type: &'static str, id: &str, sequence: usize) {
        let _ = READS.try_with(|reads| {
            let mut reads = reads.borrow_mut();
            if !reads
                .iter()
                .any(|(t, i, _)| *t == aggregate_type && i == id)
            {
                reads.push((aggregate_type, id.to_string(), sequence));
            }
        });
    }

    /// The attempt's read set so far, emptied.
    pub fn take() -> Vec<Read> {
        READS
            .try_with(|reads| std::mem::take(&mut *reads.borrow_mut()))
            .unwrap_or_default()
    }

    /// The streams the attempt read so far (kept).
    pub fn streams() -> Vec<(&'static str, String)> {
        READS
            .try_with(|reads| {
                reads
                    .borrow()
                    .iter()
                    .map(|(t, i, _)| (*t, i.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }
}
