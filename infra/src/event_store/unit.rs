//! One unit of work: the events of one command, possibly on several streams (an
//! invoice's issue, its number and its journal), and its read set — the streams the
//! decision read but does not write, whose versions must still hold at commit.

use constructos_domain::stored::Stored;
use cqrs_es::persist::SerializedEvent;
use tokio::sync::oneshot;

use super::cache::{StreamKey, UpdateAfter};
use super::group::{Member, Read, Reply};
use super::Stream;

/// What one command appends, and what its decision read.
#[derive(Default)]
pub struct UnitOfWork {
    events: Vec<SerializedEvent>,
    reads: Vec<Read>,
    updates: Vec<UpdateAfter>,
}

/// What [`super::Store::append`] does to the cache once the group has answered.
pub(super) struct After {
    /// New copies, on success.
    pub updates: Vec<UpdateAfter>,
    /// Every stream written or read, dropped on failure.
    pub touched: Vec<StreamKey>,
}

impl UnitOfWork {
    /// An empty unit.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether it appends nothing.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Appends `events` (already numbered after `previous`, the sequence the decision
    /// found) to `stream`, which holds the state after them.
    pub fn write<A: Stored>(
        &mut self,
        stream: &Stream<A>,
        previous: usize,
        events: Vec<SerializedEvent>,
    ) -> &mut Self {
        if events.is_empty() {
            return self;
        }
        self.updates.push(UpdateAfter::of(stream, previous));
        self.events.extend(events);
        self
    }

    /// Appends `events` as they are (sealed by the caller, numbered after where each
    /// stream stood), without updating the cache: their streams' copies are dropped.
    pub fn write_sealed(&mut self, events: Vec<SerializedEvent>) -> &mut Self {
        self.events.extend(events);
        self
    }

    /// Requires that `stream` still holds `sequence` events at commit.
    pub fn read(&mut self, aggregate_type: &str, id: &str, sequence: usize) -> &mut Self {
        self.reads.push(Read {
            key: StreamKey::new(aggregate_type, id),
            sequence: sequence as i64,
        });
        self
    }

    /// The events, in order.
    pub fn events(&self) -> &[SerializedEvent] {
        &self.events
    }

    pub(super) fn into_member(self) -> (Member, oneshot::Receiver<Reply>, After) {
        let (reply, answer) = oneshot::channel();
        let mut touched: Vec<StreamKey> = self.updates.iter().map(|u| u.key.clone()).collect();
        touched.extend(self.reads.iter().map(|r| r.key.clone()));
        for event in &self.events {
            let key = StreamKey::new(&event.aggregate_type, &event.aggregate_id);
            if !touched.contains(&key) {
                touched.push(key);
            }
        }
        (
            Member {
                events: self.events,
                reads: self.reads,
                reply,
            },
            answer,
            After {
                updates: self.updates,
                touched,
            },
        )
    }
}
