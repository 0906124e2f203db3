//! The aggregate cache: per stream, a copy of the state with its sequence and
//! hash-chain head, kept after every load and append (moka, bounded, least recently
//! used out first). A copy is a hint, never the truth: the append's check at commit
//! decides, and a conflict or a failure drops the copy.

use std::any::Any;
use std::sync::Arc;

use constructos_domain::stored::Stored;
use serde_json::Value;

use super::snapshot::SnapshotJob;
use super::Stream;

/// Which stream: aggregate type and id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StreamKey {
    pub aggregate_type: String,
    pub aggregate_id: String,
}

impl StreamKey {
    /// The key of `aggregate_type`'s stream `aggregate_id`.
    pub fn new(aggregate_type: &str, aggregate_id: &str) -> Self {
        Self {
            aggregate_type: aggregate_type.to_string(),
            aggregate_id: aggregate_id.to_string(),
        }
    }
}

/// A cached stream of `A`.
#[derive(Debug, Clone)]
pub struct CachedStream<A> {
    pub aggregate: A,
    pub sequence: usize,
    pub last_hash: Option<String>,
}

impl<A: Stored> CachedStream<A> {
    /// The cached copy of `stream`.
    pub fn of(stream: &Stream<A>) -> Arc<dyn Any + Send + Sync> {
        Arc::new(Self {
            aggregate: stream.aggregate.clone(),
            sequence: stream.sequence,
            last_hash: stream.last_hash.clone(),
        })
    }

    /// A fresh copy to decide on.
    pub fn stream(&self, id: &str) -> Stream<A> {
        Stream {
            id: id.to_string(),
            aggregate: self.aggregate.clone(),
            sequence: self.sequence,
            last_hash: self.last_hash.clone(),
        }
    }
}

/// A cached stream, type-erased: its sequence, and the `CachedStream<A>` of its
/// aggregate type's `A`.
#[derive(Clone)]
pub struct Entry {
    pub sequence: usize,
    pub stream: Arc<dyn Any + Send + Sync>,
}

/// The bounded map of cached streams.
pub struct StreamCache {
    entries: Option<moka::sync::Cache<StreamKey, Entry>>,
}

impl StreamCache {
    /// A cache of at most `capacity` streams (0: no cache).
    pub fn new(capacity: u64) -> Self {
        Self {
            entries: (capacity > 0).then(|| moka::sync::Cache::new(capacity)),
        }
    }

    /// The cached copy of a stream of `A`.
    pub fn get<A: Stored>(&self, key: &StreamKey) -> Option<Arc<CachedStream<A>>> {
        let entry = self.entries.as_ref()?.get(key)?;
        entry.stream.downcast::<CachedStream<A>>().ok()
    }

    /// The sequence of the cached copy of a stream of any type.
    pub fn sequence(&self, key: &StreamKey) -> Option<usize> {
        Some(self.entries.as_ref()?.get(key)?.sequence)
    }

    /// Keeps a copy of `stream`.
    pub fn put<A: Stored>(&self, stream: &Stream<A>) {
        self.put_entry(
            StreamKey::new(A::TYPE, &stream.id),
            Entry {
                sequence: stream.sequence,
                stream: CachedStream::of(stream),
            },
        );
    }

    /// Keeps `entry` for `key`.
    pub fn put_entry(&self, key: StreamKey, entry: Entry) {
        if let Some(entries) = &self.entries {
            entries.insert(key, entry);
        }
    }

    /// Drops the copy of a stream.
    pub fn remove(&self, key: &StreamKey) {
        if let Some(entries) = &self.entries {
            entries.invalidate(key);
        }
    }
}

/// What an append changes in the cache when it commits: the stream's new copy, and
/// whether it passed a snapshot boundary (`previous` → `sequence`).
pub struct UpdateAfter {
    pub key: StreamKey,
    pub entry: Entry,
    pub previous: usize,
    pub sequence: usize,
    schema: i32,
    last_hash: Option<String>,
    serialize: fn(&(dyn Any + Send + Sync)) -> Option<Value>,
}

fn serialize<A: Stored>(entry: &(dyn Any + Send + Sync)) -> Option<Value> {
    let cached = entry.downcast_ref::<CachedStream<A>>()?;
    serde_json::to_value(&cached.aggregate).ok()
}

impl UpdateAfter {
    /// The update for `stream` (its state after the append) which held `previous` events
    /// before it.
    pub fn of<A: Stored>(stream: &Stream<A>, previous: usize) -> Self {
        Self {
            key: StreamKey::new(A::TYPE, &stream.id),
            entry: Entry {
                sequence: stream.sequence,
                stream: CachedStream::of(stream),
            },
            previous,
            sequence: stream.sequence,
            schema: A::SNAPSHOT_SCHEMA,
            last_hash: stream.last_hash.clone(),
            serialize: serialize::<A>,
        }
    }

    /// The snapshot of the new state (serialized later, by the snapshot task).
    pub fn job(&self) -> SnapshotJob {
        SnapshotJob {
            key: self.key.clone(),
            sequence: self.sequence,
            schema: self.schema,
            last_hash: self.last_hash.clone(),
            entry: self.entry.stream.clone(),
            serialize: self.serialize,
        }
    }
}
