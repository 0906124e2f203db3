//! One Kafka consumer shared by every projection and process manager of a process (of a
//! domain): subscribed to all the topics they read, it takes the messages waiting (up to
//! [`MAX_BATCH`]), hands each route the messages of its topic in order
//! ([`apply_batch`]: its own transaction and applied-event records), and commits the
//! offsets once for the batch after every route has applied it.
//!
//! Few consumers are the point: each one fetches from the broker all the time, and the
//! broker (tansu 0.6.0) holds every fetch for `fetch.wait.max.ms` whether or not data is
//! there, so an idle consumer costs the broker a storage read per partition every 25 ms.
//! So a consumer that has received nothing for [`IDLE_AFTER`] also **pauses** its
//! partitions (no fetches at all) until this process's relay announces a publish to one
//! of its topics ([`kafka::announce`]) or, at the latest, [`PROBE_EVERY`] has passed,
//! when it fetches for [`PROBE_FOR`] and pauses again. Pausing keeps the position: what
//! arrived meanwhile is fetched on resume, nothing is skipped.

use std::time::Duration;

use constructos_infra::kafka;
use futures::FutureExt;
use rdkafka::consumer::{CommitMode, Consumer, StreamConsumer};
use rdkafka::message::BorrowedMessage;
use rdkafka::Message;
use rdkafka::{Offset, TopicPartitionList};
use sqlx::PgPool;
use tokio::sync::watch;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::worker::{apply_batch, DeadLetterTopic, Projection, MAX_BATCH};

/// A consumer with nothing received for this long pauses its partitions.
pub const IDLE_AFTER: Duration = Duration::from_secs(1);
/// A paused consumer looks at least this often, for announcements that cannot reach it
/// (a relay in another process).
pub const PROBE_EVERY: Duration = Duration::from_secs(2);
/// How long a probe fetches before pausing again: ten fetch waits, so that a resumed
/// fetch completes even when the broker is slow to answer (80 ms, three waits, missed
/// messages produced from outside the process for 30 s in a loaded CI run).
pub const PROBE_FOR: Duration = Duration::from_millis(250);

/// One projection and the topic it reads.
pub struct Route {
    /// The topic, as named on the broker (namespace applied).
    pub topic: String,
    pub projection: Box<dyn Projection>,
}

/// Consumes the topics of its routes into their projections until shut down: one
/// consumer (and consumer group) for all of them.
pub struct ProjectionWorker {
    pub pool: PgPool,
    /// Subscribed to every route's topic, auto-commit off.
    pub consumer: StreamConsumer,
    /// Applied in this order, each to the messages of its topic.
    pub routes: Vec<Route>,
    /// Where the messages a projection can never apply are also published.
    pub dead_letters: Option<DeadLetterTopic>,
}

/// The announcements of every topic a worker reads.
struct Announcements(Vec<watch::Receiver<()>>);

impl Announcements {
    fn of(routes: &[Route]) -> Self {
        let mut topics: Vec<&str> = routes.iter().map(|r| r.topic.as_str()).collect();
        topics.sort_unstable();
        topics.dedup();
        Self(topics.into_iter().map(kafka::announcements).collect())
    }

    /// Forgets what was announced so far (its messages are being received).
    fn seen(&mut self) {
        for receiver in &mut self.0 {
            receiver.borrow_and_update();
        }
    }

    /// Resolves at the next announcement of any of the topics.
    async fn next(&mut self) {
        let waits = self.0.iter_mut().map(|receiver| {
            async move {
                if receiver.changed().await.is_err() {
                    // The sender lives in a static map and is never dropped.
                    std::future::pending::<()>().await;
                }
            }
            .boxed()
        });
        let waits: Vec<_> = waits.collect();
        if waits.is_empty() {
            std::future::pending::<()>().await;
        }
        futures::future::select_all(waits).await;
    }
}

/// For each partition in `batch`, the offset after the last message read from it.
fn next_offsets(batch: &[BorrowedMessage<'_>]) -> TopicPartitionList {
    let mut next: std::collections::BTreeMap<(String, i32), i64> = Default::default();
    for message in batch {
        let slot = next
            .entry((message.topic().to_string(), message.partition()))
            .or_insert(0);
        *slot = (*slot).max(message.offset() + 1);
    }
    let mut list = TopicPartitionList::new();
    for ((topic, partition), offset) in next {
        if let Err(e) = list.add_partition_offset(&topic, partition, Offset::Offset(offset)) {
            tracing::warn!(%topic, partition, error = %e, "cannot commit this offset");
        }
    }
    list
}

impl ProjectionWorker {
    /// Runs until `shutdown` is cancelled. A batch's offsets are committed only after
    /// every route has committed its transaction; a transient failure is retried with
    /// back-off, in order; an event that can never apply is dead-lettered and passed.
    pub async fn run(self, shutdown: CancellationToken) -> anyhow::Result<()> {
        let names: Vec<&str> = self.routes.iter().map(|r| r.projection.name()).collect();
        let names = names.join(",");
        tracing::info!(projections = %names, "projection worker started");
        let mut announcements = Announcements::of(&self.routes);
        let mut active_until = Instant::now() + IDLE_AFTER;
        let mut paused = false;
        loop {
            if paused {
                let announced = tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = announcements.next() => true,
                    _ = tokio::time::sleep(PROBE_EVERY) => false,
                };
                self.pause(false);
                paused = false;
                active_until = Instant::now() + if announced { IDLE_AFTER } else { PROBE_FOR };
                continue;
            }
            let first = tokio::select! {
                _ = shutdown.cancelled() => break,
                message = self.consumer.recv() => message,
                _ = tokio::time::sleep_until(active_until) => {
                    self.pause(true);
                    paused = true;
                    continue;
                }
            };
            let first = match first {
                Ok(message) => message,
                Err(e) => {
                    tracing::warn!(projections = %names, error = %e, "Kafka receive failed");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                    continue;
                }
            };
            announcements.seen();
            active_until = Instant::now() + IDLE_AFTER;
            // Whatever else is waiting already joins this batch; nothing waits for more.
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match self.consumer.recv().now_or_never() {
                    Some(Ok(message)) => batch.push(message),
                    Some(Err(e)) => {
                        tracing::warn!(projections = %names, error = %e, "Kafka receive failed");
                        break;
                    }
                    None => break,
                }
            }
            if !self.apply(&batch, &shutdown).await {
                break;
            }
            // One offset commit per batch, after every route: the next offset of each
            // partition it read.
            if let Err(e) = self
                .consumer
                .commit(&next_offsets(&batch), CommitMode::Async)
            {
                // The read models are already right; a redelivery would be a no-op.
                tracing::warn!(projections = %names, error = %e, "offset commit failed");
            }
        }
        tracing::info!(projections = %names, "projection worker stopped");
        Ok(())
    }

    /// Gives each route the messages of its topic, retrying a route until it has applied
    /// them; `false` when shut down first.
    async fn apply(&self, batch: &[BorrowedMessage<'_>], shutdown: &CancellationToken) -> bool {
        for route in &self.routes {
            let messages: Vec<&BorrowedMessage<'_>> =
                batch.iter().filter(|m| m.topic() == route.topic).collect();
            if messages.is_empty() {
                continue;
            }
            let bodies: Vec<&[u8]> = messages
                .iter()
                .map(|m| m.payload().unwrap_or_default())
                .collect();
            let name = route.projection.name();
            let mut backoff = Duration::from_millis(100);
            loop {
                match apply_batch(&self.pool, route.projection.as_ref(), &bodies).await {
                    Ok(outcomes) => {
                        tracing::debug!(
                            projection = name,
                            messages = outcomes.len(),
                            "batch handled"
                        );
                        if let Some(dead_letters) = &self.dead_letters {
                            dead_letters
                                .publish(&self.pool, name, &messages, &outcomes)
                                .await;
                        }
                        break;
                    }
                    Err(e) => {
                        tracing::error!(projection = name, error = %e, "projection failed; retrying");
                        tokio::select! {
                            _ = shutdown.cancelled() => return false,
                            _ = tokio::time::sleep(backoff) => {}
                        }
                        backoff = (backoff * 2).min(Duration::from_secs(10));
                    }
                }
            }
        }
        true
    }

    /// Pauses (or resumes) every partition assigned now. A partition assigned later
    /// fetches until the next pause; one paused across a rebalance, until the next resume.
    fn pause(&self, pause: bool) {
        let assigned = match self.consumer.assignment() {
            Ok(assigned) => assigned,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the consumer's assignment");
                return;
            }
        };
        if assigned.count() == 0 {
            return;
        }
        let done = if pause {
            self.consumer.pause(&assigned)
        } else {
            self.consumer.resume(&assigned)
        };
        if let Err(e) = done {
            tracing::warn!(pause, error = %e, "cannot pause or resume the consumer");
        }
    }
}
