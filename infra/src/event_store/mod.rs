//! The project's own event store adapter, serving every domain: cqrs-es stays the
//! aggregate and command framework ([`Store`] implements its `EventStore`), and this
//! module owns how streams are loaded and appended.
//!
//! - **An aggregate cache** ([`cache`]): a stream's state, sequence and hash-chain head
//!   stay in memory after a load or an append, so the next command on it reads nothing.
//!   Several processes may write the same database: the check at commit is the truth,
//!   and a conflict invalidates the copy and the command decides again.
//! - **Snapshots** ([`snapshot`]): every [`Options::snapshot_every`] events a stream's
//!   state is written in the background; a load reads the snapshot and the events after
//!   it, in one round trip.
//! - **Group commit** ([`group`]): the commands waiting at one moment are appended by
//!   one statement (`event_store_append`, migrations 0003 and 0005), each keeping its own
//!   optimistic check; a member's conflict answers that member alone.
//! - **One unit of work** ([`UnitOfWork`]) may append to several streams and carries a
//!   **read set**: the streams a decision read but does not write, checked at commit.
//!
//! postgres-es' `events` table stays as it is (its columns, primary key and the relay's
//! commit-order columns): the relay, the replay and every test read it, and the
//! primary key on `(aggregate_type, aggregate_id, sequence)` is still the last line of
//! defence against a lost update.

pub mod cache;
mod framework;
mod group;
pub mod snapshot;
mod unit;

use std::sync::{Arc, LazyLock, OnceLock};

use constructos_domain::metadata::EVENT_HASH;
use constructos_domain::stored::Stored;
use sqlx::PgPool;
use tokio::sync::{mpsc, watch};

use crate::signals::Signals;

pub use framework::{Cqrs, StoreContext};
pub(crate) use group::CHANNEL;
pub use unit::UnitOfWork;

use cache::{StreamCache, StreamKey};
use group::GroupWriter;
use snapshot::{SnapshotJob, Snapshots};

/// The commit signal of each database this process appends to, by database name.
static COMMITTED: LazyLock<Signals> = LazyLock::new(Signals::default);

/// The name a database's commit signal goes by.
fn database_of(pool: &PgPool) -> String {
    pool.connect_options()
        .get_database()
        .unwrap_or_default()
        .to_string()
}

/// A receiver marked changed whenever this process has appended events to `pool`'s
/// database: the relay's in-process wake-up (a relay in another process is woken by
/// `NOTIFY`).
pub fn committed(pool: &PgPool) -> watch::Receiver<()> {
    COMMITTED.subscribe(&database_of(pool))
}

/// How a [`Store`] caches, snapshots and groups.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Streams kept in memory (least recently used go first); 0 turns the cache off.
    pub cache_capacity: u64,
    /// A snapshot is taken each time a stream passes a multiple of this many events.
    pub snapshot_every: usize,
    /// Commands appended by one statement at most.
    pub max_group: usize,
    /// Groups in flight at once (each on its own connection): while one group waits
    /// for its WAL flush the next is already being written, and PostgreSQL flushes
    /// concurrent commits together.
    pub writers: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            cache_capacity: 100_000,
            snapshot_every: 100,
            max_group: 256,
            writers: 2,
        }
    }
}

/// Why an append stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    /// A stream it writes moved, or one it read changed, since the decision.
    #[error("a stream changed since the decision")]
    Conflict,
    /// The database failed; whether the append committed is unknown to this process,
    /// so the streams' cached copies were dropped.
    #[error("the event store failed: {0}")]
    Database(#[source] Arc<sqlx::Error>),
    /// The group writer has stopped (the process is shutting down).
    #[error("the event store's writer has stopped")]
    Stopped,
}

/// Why a stream could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("Failed to read the stream {aggregate_type}/{aggregate_id}")]
    Database {
        aggregate_type: &'static str,
        aggregate_id: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("An event of {aggregate_type}/{aggregate_id} at {sequence} does not deserialize")]
    Event {
        aggregate_type: &'static str,
        aggregate_id: String,
        sequence: i64,
        #[source]
        source: serde_json::Error,
    },
}

/// An aggregate as loaded: its state, how many events its stream holds and the hash
/// of the last one (finance's chain; `None` for a stream without one).
#[derive(Debug, Clone)]
pub struct Stream<A> {
    pub id: String,
    pub aggregate: A,
    pub sequence: usize,
    pub last_hash: Option<String>,
}

impl<A: Stored> Stream<A> {
    /// A stream for a freshly minted id: nothing to load (the append still checks).
    pub fn minted(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            aggregate: A::default(),
            sequence: 0,
            last_hash: None,
        }
    }
}

/// A domain database's event store: cheap to clone, one per database per process.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    pool: PgPool,
    options: Options,
    cache: StreamCache,
    writer: OnceLock<GroupWriter>,
    snapshots: OnceLock<mpsc::UnboundedSender<SnapshotJob>>,
}

impl Store {
    /// A store over `pool` with the default [`Options`].
    pub fn new(pool: PgPool) -> Self {
        Self::with_options(pool, Options::default())
    }

    /// A store over `pool` with `options`.
    pub fn with_options(pool: PgPool, options: Options) -> Self {
        Self {
            inner: Arc::new(Inner {
                cache: StreamCache::new(options.cache_capacity),
                pool,
                options,
                writer: OnceLock::new(),
                snapshots: OnceLock::new(),
            }),
        }
    }

    /// The database it stores into.
    pub fn pool(&self) -> &PgPool {
        &self.inner.pool
    }

    /// The stream `id` of `A`: from the cache when it holds it, else from the snapshot
    /// and the events after it.
    pub async fn load<A: Stored>(&self, id: &str) -> Result<Stream<A>, LoadError> {
        if let Some(cached) = self.inner.cache.get::<A>(&StreamKey::new(A::TYPE, id)) {
            return Ok(cached.stream(id));
        }
        let stream = self.load_stored::<A>(id).await?;
        self.inner.cache.put(&stream);
        Ok(stream)
    }

    /// The stream as stored now, bypassing the cache (and not filling it).
    pub async fn load_stored<A: Stored>(&self, id: &str) -> Result<Stream<A>, LoadError> {
        snapshot::load(&self.inner.pool, id, EVENT_HASH).await
    }

    /// Whether the cached copy of `A`'s stream `id` is behind the database; a stale copy
    /// is dropped. A command refused on cached state asks this before answering, since
    /// another process may have moved the stream.
    pub async fn is_stale<A: Stored>(&self, id: &str) -> Result<bool, LoadError> {
        self.is_stale_key(A::TYPE, id).await
    }

    /// [`Self::is_stale`] for a stream named by its aggregate type.
    pub async fn is_stale_key(
        &self,
        aggregate_type: &'static str,
        id: &str,
    ) -> Result<bool, LoadError> {
        let key = StreamKey::new(aggregate_type, id);
        let Some(cached) = self.inner.cache.sequence(&key) else {
            return Ok(false);
        };
        let stored: i64 = sqlx::query_scalar(
            "SELECT coalesce(max(sequence), 0) FROM events
              WHERE aggregate_type = $1 AND aggregate_id = $2",
        )
        .bind(aggregate_type)
        .bind(id)
        .fetch_one(&self.inner.pool)
        .await
        .map_err(|source| LoadError::Database {
            aggregate_type,
            aggregate_id: id.to_string(),
            source,
        })?;
        let stale = stored != cached as i64;
        if stale {
            self.inner.cache.remove(&key);
        }
        Ok(stale)
    }

    /// Notes that `A`'s stream `id` was minted just now and holds nothing, so the next
    /// load reads nothing (the append's check refuses the id if it does exist).
    pub fn mint<A: Stored>(&self, id: &str) {
        self.inner.cache.put(&Stream::<A>::minted(id));
    }

    /// Drops the cached copy of a stream.
    pub fn forget(&self, aggregate_type: &str, id: &str) {
        self.inner.cache.remove(&StreamKey::new(aggregate_type, id));
    }

    /// Appends `unit` as one transaction, grouped with whatever else is being appended:
    /// all of its events or none. On success the cache holds the streams' new state and
    /// snapshots are queued where a stream passed a multiple of `snapshot_every`.
    pub async fn append(&self, unit: UnitOfWork) -> Result<(), AppendError> {
        if unit.is_empty() {
            return Ok(());
        }
        let (member, reply, after) = unit.into_member();
        self.writer().send(member)?;
        let outcome = reply.await.unwrap_or(Err(AppendError::Stopped));
        match &outcome {
            Ok(()) => {
                for update in after.updates {
                    let every = self.inner.options.snapshot_every.max(1);
                    if update.sequence / every > update.previous / every {
                        self.snapshot(update.job());
                    }
                    self.inner.cache.put_entry(update.key, update.entry);
                }
            }
            Err(_) => {
                for key in after.touched {
                    self.inner.cache.remove(&key);
                }
            }
        }
        outcome
    }

    fn writer(&self) -> &GroupWriter {
        self.inner.writer.get_or_init(|| {
            GroupWriter::spawn(
                self.inner.pool.clone(),
                self.inner.options.max_group,
                self.inner.options.writers,
            )
        })
    }

    fn snapshot(&self, job: SnapshotJob) {
        let sender = self
            .inner
            .snapshots
            .get_or_init(|| Snapshots::spawn(self.inner.pool.clone()));
        // The writer only stops with the runtime; a snapshot is an optimisation.
        let _ = sender.send(job);
    }

    /// Writes a snapshot of the stream as stored now (what the background task does
    /// every `snapshot_every` events); returns its sequence (0: nothing to snapshot).
    pub async fn take_snapshot<A: Stored>(&self, id: &str) -> Result<usize, LoadError> {
        let stream = self.load_stored::<A>(id).await?;
        if stream.sequence == 0 {
            return Ok(0);
        }
        let job = cache::UpdateAfter::of(&stream, 0).job();
        snapshot::write(&self.inner.pool, &job)
            .await
            .map_err(|source| LoadError::Database {
                aggregate_type: A::TYPE,
                aggregate_id: id.to_string(),
                source,
            })?;
        Ok(stream.sequence)
    }
}
