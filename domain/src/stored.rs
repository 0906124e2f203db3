//! What the event store needs of an aggregate beyond cqrs-es' `Aggregate`: a copy of its
//! state can be kept in memory between commands (`Clone`) and written as a snapshot of
//! a known shape.

use cqrs_es::Aggregate;

/// An aggregate the event store may cache and snapshot.
pub trait Stored: Aggregate + Clone + 'static {
    /// The version of the state's serialized shape. Bump it when the aggregate's fields
    /// change meaning or shape: snapshots of another version are then ignored and the
    /// stream is replayed from its events (a snapshot is never the source of truth).
    const SNAPSHOT_SCHEMA: i32 = 1;
}
