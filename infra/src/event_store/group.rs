//! Group commit: the units of work waiting when a writer looks (up to `max_group`) are
//! appended by one autocommitted statement, `event_store_append` (migrations 0003 and 0005): one
//! round trip and one WAL flush for all of them. Each member keeps its own optimistic
//! check inside it; one member's conflict answers that member with
//! [`AppendError::Conflict`] and the others are stored, in order.
//!
//! A member whose caller has gone (a request past its deadline) before its group is
//! formed is dropped unwritten. A group that waits for a lock goes into a transaction
//! that commits only if one of its callers still waits (see [`Writer::append`]), so a
//! cancelled request's work is dropped rather than committed behind its back. (A
//! member whose caller gives up while others of its group still wait may commit, like
//! any commit whose answer is lost.)
//!
//! After a group commits, the writers wake the relays through [`Wake`]: this
//! process's at once, others' by a `NOTIFY` on a connection of its own, coalescing the
//! commits that land while one is on its way. The appending statement never notifies
//! (at commit a `NOTIFY` takes a database-wide lock held through the WAL flush, which
//! would put every appending commit in single file).
//!
//! Within a group a member that touches a stream an earlier member writes is answered
//! `Conflict` before the statement: it decided on the stream before the earlier
//! member's events, so it must decide again (and a reader placed after a writer in the
//! log would read the past).

use std::collections::HashSet;
use std::sync::Arc;

use cqrs_es::persist::SerializedEvent;
use sqlx::{Connection, PgConnection, PgPool};
use tokio::sync::{mpsc, oneshot, Mutex};

use super::cache::StreamKey;
use super::AppendError;

/// The answer to one member.
pub(super) type Reply = Result<(), AppendError>;

/// A stream version a decision read.
pub(super) struct Read {
    pub key: StreamKey,
    pub sequence: i64,
}

/// One unit of work waiting to be appended.
pub(super) struct Member {
    pub events: Vec<SerializedEvent>,
    pub reads: Vec<Read>,
    pub reply: oneshot::Sender<Reply>,
}

/// The queue in front of a database's group writers.
pub(super) struct GroupWriter {
    queue: mpsc::UnboundedSender<Member>,
}

impl GroupWriter {
    /// Starts `writers` tasks taking groups of up to `max_group` from one queue; they end
    /// when the queue's sender is dropped.
    pub fn spawn(pool: PgPool, max_group: usize, writers: usize) -> Self {
        let (queue, waiting) = mpsc::unbounded_channel();
        let waiting = Arc::new(Mutex::new(waiting));
        let wake = Wake::spawn(pool.clone());
        for _ in 0..writers.max(1) {
            let (pool, waiting, wake) = (pool.clone(), waiting.clone(), wake.clone());
            tokio::spawn(async move {
                let mut writer = Writer {
                    pool,
                    connection: None,
                    wake,
                };
                while let Some(group) = next_group(&waiting, max_group.max(1)).await {
                    writer.write_group(group).await;
                }
            });
        }
        Self { queue }
    }

    /// Queues a member.
    pub fn send(&self, member: Member) -> Result<(), AppendError> {
        self.queue.send(member).map_err(|_| AppendError::Stopped)
    }
}

/// Waits for one member, then takes the others already waiting.
async fn next_group(
    waiting: &Mutex<mpsc::UnboundedReceiver<Member>>,
    max_group: usize,
) -> Option<Vec<Member>> {
    let mut waiting = waiting.lock().await;
    let mut group = Vec::new();
    while group.is_empty() {
        let first = waiting.recv().await?;
        if !first.reply.is_closed() {
            group.push(first);
        }
    }
    while group.len() < max_group {
        match waiting.try_recv() {
            Ok(member) if member.reply.is_closed() => {}
            Ok(member) => group.push(member),
            Err(_) => break,
        }
    }
    Some(group)
}

/// Whether a failed statement may succeed when its members are written one by one: a
/// unique violation (a writer outside this adapter), a deadlock, a serialization failure.
pub(crate) fn is_retryable(error: &sqlx::Error) -> bool {
    matches!(
        error
            .as_database_error()
            .and_then(|db| db.code())
            .as_deref(),
        Some("23505" | "40P01" | "40001")
    )
}

/// A group writer and its own connection (with a short lock timeout), opened again
/// after a failure.
struct Writer {
    pool: PgPool,
    connection: Option<PgConnection>,
    wake: Wake,
}

/// The channel the relay listens on (`infra/src/relay.rs`).
pub(crate) const CHANNEL: &str = "constructos_events";

/// The shortest time between two `NOTIFY`s of one store: each is a small transaction
/// of its own with a flush, so under load the commits of this long share one.
const NOTIFY_EVERY: std::time::Duration = std::time::Duration::from_millis(10);

/// Wakes the relays after commits: this process's at once ([`super::committed`]),
/// others' by `NOTIFY`, sent by a task whenever it was asked since its last one and at
/// most every [`NOTIFY_EVERY`]. It ends with the last writer.
#[derive(Clone)]
struct Wake {
    database: Arc<str>,
    asked: mpsc::Sender<()>,
}

impl Wake {
    fn spawn(pool: PgPool) -> Self {
        let database: Arc<str> = super::database_of(&pool).into();
        let (asked, mut waiting) = mpsc::channel(1);
        tokio::spawn(async move {
            while waiting.recv().await.is_some() {
                if let Err(e) = sqlx::query("SELECT pg_notify($1, '')")
                    .bind(CHANNEL)
                    .execute(&pool)
                    .await
                {
                    // The relay still looks on its own every 500 ms.
                    tracing::debug!(error = %e, "waking the relay failed");
                }
                tokio::time::sleep(NOTIFY_EVERY).await;
            }
        });
        Self { database, asked }
    }

    /// Wakes this process's relay of the database now and asks for a `NOTIFY` (one
    /// already asked for will do).
    fn commits(&self) {
        super::COMMITTED.raise(&self.database);
        let _ = self.asked.try_send(());
    }
}

impl Writer {
    /// Appends a group and answers every member.
    async fn write_group(&mut self, group: Vec<Member>) {
        let mut written: HashSet<StreamKey> = HashSet::new();
        let mut admitted = Vec::with_capacity(group.len());
        for member in group {
            let keys: Vec<StreamKey> = member
                .events
                .iter()
                .map(|e| StreamKey::new(&e.aggregate_type, &e.aggregate_id))
                .collect();
            let touches_earlier = keys
                .iter()
                .chain(member.reads.iter().map(|r| &r.key))
                .any(|k| written.contains(k));
            if touches_earlier {
                let _ = member.reply.send(Err(AppendError::Conflict));
                continue;
            }
            written.extend(keys);
            admitted.push(member);
        }
        if admitted.is_empty() {
            return;
        }
        match self.append(&admitted).await {
            Ok(refused) => answer(admitted, &refused),
            Err(e) if is_retryable(&e) && admitted.len() > 1 => {
                tracing::debug!(error = %e, members = admitted.len(), "group append failed; appending its members one by one");
                for member in admitted {
                    let alone = vec![member];
                    match self.append(&alone).await {
                        Ok(refused) => answer(alone, &refused),
                        Err(e) => fail(alone, e),
                    }
                }
            }
            Err(e) => fail(admitted, e),
        }
        // Wake the relays (after a failure the NOTIFY is spare, and harmless).
        self.wake.commits();
    }

    /// [`append`] on the writer's connection, autocommitted: one round trip. A
    /// statement that waits more than [`LOCK_WAIT`] for a lock (a stream another group
    /// holds, a table someone locked) gives up having written nothing, and the group is
    /// appended again inside a transaction that commits only if one of its callers
    /// still waits — so a request that gave up meanwhile (past its deadline) stores
    /// nothing. A failed connection is dropped and opened again next time.
    async fn append(&mut self, members: &[Member]) -> Result<Vec<i32>, sqlx::Error> {
        if self.connection.is_none() {
            let mut connection = PgConnection::connect_with(&self.pool.connect_options()).await?;
            sqlx::query(&format!("SET lock_timeout = '{}ms'", LOCK_WAIT.as_millis()))
                .execute(&mut connection)
                .await?;
            self.connection = Some(connection);
        }
        let Some(connection) = self.connection.as_mut() else {
            return Err(sqlx::Error::PoolClosed);
        };
        let outcome = match append(&mut *connection, members).await {
            Err(e) if is_lock_timeout(&e) => append_unless_abandoned(connection, members).await,
            other => other,
        };
        if outcome.as_ref().is_err_and(|e| !is_retryable(e)) {
            self.connection = None;
        }
        outcome
    }
}

/// How long an autocommitted group waits for a lock before it goes the slow way.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_millis(50);

fn is_lock_timeout(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .and_then(|db| db.code())
        .as_deref()
        == Some("55P03")
}

/// The slow way: inside a transaction, waiting as long as it takes; rolled back when
/// every caller has gone by the time it could commit.
async fn append_unless_abandoned(
    connection: &mut PgConnection,
    members: &[Member],
) -> Result<Vec<i32>, sqlx::Error> {
    let mut tx = connection.begin().await?;
    sqlx::query("SET LOCAL lock_timeout = 0")
        .execute(&mut *tx)
        .await?;
    let refused = append(&mut tx, members).await;
    match refused {
        Ok(refused) if members.iter().any(|m| !m.reply.is_closed()) => {
            tx.commit().await?;
            Ok(refused)
        }
        Ok(_) => {
            tx.rollback().await?;
            Err(sqlx::Error::Protocol(
                "every caller of the group had gone; nothing was stored".to_string(),
            ))
        }
        Err(e) => {
            tx.rollback().await?;
            Err(e)
        }
    }
}

fn answer(members: Vec<Member>, refused: &[i32]) {
    for (number, member) in members.into_iter().enumerate() {
        let outcome = if refused.contains(&(number as i32)) {
            Err(AppendError::Conflict)
        } else {
            Ok(())
        };
        let _ = member.reply.send(outcome);
    }
}

fn fail(members: Vec<Member>, error: sqlx::Error) {
    if is_retryable(&error) {
        // Alone and still refused by the primary key: someone else appended first.
        for member in members {
            let _ = member.reply.send(Err(AppendError::Conflict));
        }
        return;
    }
    tracing::error!(error = %error, "appending events failed");
    let error = Arc::new(error);
    for member in members {
        let _ = member.reply.send(Err(AppendError::Database(error.clone())));
    }
}

/// One statement for the whole group; returns the members refused for a conflict.
async fn append(
    connection: &mut PgConnection,
    members: &[Member],
) -> Result<Vec<i32>, sqlx::Error> {
    let events = members.iter().map(|m| m.events.len()).sum();
    let mut numbers = Vec::with_capacity(events);
    let mut types = Vec::with_capacity(events);
    let mut ids = Vec::with_capacity(events);
    let mut sequences = Vec::with_capacity(events);
    let mut event_types = Vec::with_capacity(events);
    let mut event_versions = Vec::with_capacity(events);
    let mut payloads = Vec::with_capacity(events);
    let mut metadatas = Vec::with_capacity(events);
    // Ids that rise with time keep `events_event_id`'s inserts on its last page.
    let mut event_ids = Vec::with_capacity(events);
    let (mut read_numbers, mut read_types, mut read_ids, mut read_sequences) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (number, member) in members.iter().enumerate() {
        for event in &member.events {
            numbers.push(number as i32);
            types.push(event.aggregate_type.as_str());
            ids.push(event.aggregate_id.as_str());
            sequences.push(event.sequence as i64);
            event_types.push(event.event_type.as_str());
            event_versions.push(event.event_version.as_str());
            payloads.push(event.payload.to_string());
            metadatas.push(event.metadata.to_string());
            event_ids.push(uuid::Uuid::now_v7());
        }
        for read in &member.reads {
            read_numbers.push(number as i32);
            read_types.push(read.key.aggregate_type.as_str());
            read_ids.push(read.key.aggregate_id.as_str());
            read_sequences.push(read.sequence);
        }
    }
    sqlx::query_scalar(
        "SELECT refused FROM event_store_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) AS refused",
    )
    .bind(numbers)
    .bind(types)
    .bind(ids)
    .bind(sequences)
    .bind(event_types)
    .bind(event_versions)
    .bind(payloads)
    .bind(metadatas)
    .bind(event_ids)
    .bind(read_numbers)
    .bind(read_types)
    .bind(read_ids)
    .bind(read_sequences)
    .fetch_all(connection)
    .await
}
