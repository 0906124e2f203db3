//! Rebuilding a projection's read model from the event store into fresh tables, then
//! swapping them in for the live ones in one transaction.
//!
//! 1. **Load** ([`tables::prepare`]): the projection's tables are created again in the
//!    schema [`Schema::REBUILD`] — `UNLOGGED`, with their columns, defaults, checks and
//!    the keys the apply code relies on (`ON CONFLICT`, updates by id), but no secondary
//!    index and no foreign key. Every event is applied there in commit order, a page
//!    per transaction, the next pages read by a task meanwhile; the projection's
//!    applied-event records and dead letters go to the schema's own `applied_events`
//!    and `dead_letters` (its rows only, no key: the store's event ids are unique).
//! 2. **Finish** ([`tables::finish`]): the tables are set `LOGGED`, then the remaining
//!    keys, the indexes and the foreign keys are built (one sort each instead of a
//!    million index insertions), the owner and grants copied, and the catalog of every
//!    table compared with the live one; any difference stops the rebuild before the swap.
//! 3. **Swap** ([`tables::swap`]): one transaction locks the live tables, applies the
//!    events committed since the load (so a worker running meanwhile loses nothing),
//!    copies the other projections' applied-event records and dead letters into the new
//!    tables, drops the live tables and moves the new ones into `read_model`.
//!
//! Readers see the old read model until the swap commits and the new one after; a
//! rebuild that fails leaves the live tables as they were (the schema is dropped by
//! the next rebuild). One rebuild runs at a time per database (an advisory lock).

pub mod tables;

use std::borrow::Cow;
use std::time::{Duration, Instant};

use anyhow::Context;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Connection, PgConnection, PgPool, Postgres, Transaction};

use crate::replay::{failed_to_apply, read_ahead, read_page, Cursor, Page, ReplayBatch, Window};
use crate::{database, ApplyError, Projection};

/// The schema a projection writes into: the live read model or a rebuild's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schema(&'static str);

impl Schema {
    /// The live read model, which the queries read.
    pub const LIVE: Schema = Schema("read_model");
    /// Where a rebuild builds the tables it swaps in.
    pub const REBUILD: Schema = Schema("read_model_rebuild");

    /// The schema's name.
    pub fn name(self) -> &'static str {
        self.0
    }

    /// `sql`, written against `read_model.`, for this schema.
    pub fn sql(self, sql: &str) -> Cow<'_, str> {
        if self == Self::LIVE {
            Cow::Borrowed(sql)
        } else {
            Cow::Owned(sql.replace("read_model.", &format!("{}.", self.0)))
        }
    }
}

/// A projection whose read model can be rebuilt into fresh tables and swapped in.
#[async_trait]
pub trait Rebuild: Projection {
    /// The `read_model` tables only this projection writes; a rebuild replaces them.
    fn tables(&self) -> &'static [&'static str];

    /// Of [`Rebuild::tables`], those whose keys the apply code never consults during a
    /// rebuild: their keys are built after the load, with the indexes.
    fn keys_after_load(&self) -> &'static [&'static str] {
        &[]
    }

    /// Applies one event to this projection's tables in `schema`, exactly as
    /// [`Projection::apply`] does to the live ones.
    async fn apply_to(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
        schema: Schema,
    ) -> Result<(), ApplyError>;

    /// A fresh set-based buffer writing into `schema` (see [`ReplayBatch`]); `None`
    /// applies every event on its own.
    fn batch_in(&self, _schema: Schema) -> Option<Box<dyn ReplayBatch>> {
        None
    }
}

/// What a rebuild did, and how long each step took.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Events applied (dead letters not counted).
    pub events: usize,
    /// Events the projection could never apply, recorded as dead letters.
    pub dead_letters: usize,
    /// Creating the tables and applying the events to them.
    pub load: Duration,
    /// How much of the load the writer waited for the reader.
    pub waited_for_reads: Duration,
    /// Setting the tables logged and building keys, indexes and foreign keys.
    pub finish: Duration,
    /// The swap transaction, events committed since the load included.
    pub swap: Duration,
    /// Events applied in the swap transaction: committed during the load, or behind a
    /// transaction then still running.
    pub applied_in_swap: usize,
}

/// Counts of one applied page.
#[derive(Default)]
struct Counts {
    applied: usize,
    dead: usize,
}

/// Rebuilds `projection`'s read model in `target` from the events of `source` (a
/// domain's event store) recorded before `until` (all when `None`) and swaps it in.
pub async fn rebuild(
    source: &PgPool,
    target: &PgPool,
    domain: &str,
    projection: &dyn Rebuild,
    until: Option<DateTime<Utc>>,
) -> anyhow::Result<Rebuilt> {
    // A connection of its own, out of the pool: it holds the advisory lock, and a
    // failure closes it (and releases the lock) rather than returning it to the pool.
    let mut conn = target
        .acquire()
        .await
        .context("Failed to connect for the rebuild")?
        .detach();
    let locked: bool =
        sqlx::query_scalar("SELECT pg_try_advisory_lock(hashtext('read_model_rebuild'))")
            .fetch_one(&mut conn)
            .await
            .context("Failed to take the rebuild lock")?;
    anyhow::ensure!(locked, "another rebuild of this database is running");
    // Nothing the load writes is logged, so its commits need not wait for a flush.
    sqlx::query("SET synchronous_commit = off")
        .execute(&mut conn)
        .await
        .context("Failed to set up the rebuild's session")?;

    let started = Instant::now();
    tables::prepare(&mut conn, projection).await?;
    let window = Window {
        until,
        settled_only: true,
    };
    let mut pages = read_ahead(source.clone(), domain.to_string(), Cursor::start(), window);
    let mut cursor = Cursor::start();
    let mut counts = Counts::default();
    let mut waited = Duration::ZERO;
    loop {
        let asked = Instant::now();
        let Some(page) = pages.recv().await else {
            break;
        };
        waited += asked.elapsed();
        let page = page?;
        cursor = page.last.clone();
        let mut tx = conn.begin().await.context("Failed to begin a page")?;
        apply_page(&mut tx, projection, page, &mut counts).await?;
        tx.commit().await.context("Failed to commit a page")?;
    }
    let load = started.elapsed();

    let started = Instant::now();
    tables::finish(target, &mut conn, projection).await?;
    let finish = started.elapsed();

    let started = Instant::now();
    let mut tx = conn.begin().await.context("Failed to begin the swap")?;
    tables::lock_live(&mut tx, projection).await?;
    // Events committed since the load (or behind a transaction then still running).
    let window = Window {
        until,
        settled_only: false,
    };
    let loaded = counts.applied + counts.dead;
    while let Some(page) = read_page(source, domain, &cursor, window).await? {
        cursor = page.last.clone();
        apply_page(&mut tx, projection, page, &mut counts).await?;
    }
    tables::swap(&mut tx, projection).await?;
    tx.commit().await.context("Failed to commit the swap")?;
    let swap = started.elapsed();

    conn.close().await.context("Failed to end the rebuild")?;
    Ok(Rebuilt {
        events: counts.applied,
        dead_letters: counts.dead,
        load,
        waited_for_reads: waited,
        finish,
        swap,
        applied_in_swap: counts.applied + counts.dead - loaded,
    })
}

/// Applies a page to the tables in [`Schema::REBUILD`]: runs of the batch's events
/// set-based, any other event on its own after flushing the run, in order.
async fn apply_page(
    tx: &mut Transaction<'_, Postgres>,
    projection: &dyn Rebuild,
    page: Page,
    counts: &mut Counts,
) -> anyhow::Result<()> {
    let schema = Schema::REBUILD;
    let mut batch = projection.batch_in(schema);
    // The applied-event records of the events applied on their own, written at the end.
    let mut alone = Vec::new();
    for event in page.events {
        match batch.as_mut() {
            Some(buffer) if buffer.accepts(&event) => buffer.push(event)?,
            _ => {
                if let Some(buffer) = batch.as_mut() {
                    counts.applied += buffer.flush(tx).await?;
                }
                alone.push(event.id);
                if apply_alone(tx, projection, &event, schema)
                    .await
                    .with_context(|| failed_to_apply(&event, projection.name()))?
                {
                    counts.applied += 1;
                } else {
                    counts.dead += 1;
                }
            }
        }
    }
    if let Some(buffer) = batch.as_mut() {
        counts.applied += buffer.flush(tx).await?;
    }
    if !alone.is_empty() {
        sqlx::query(&schema.sql(
            "INSERT INTO read_model.applied_events (projection, event_id)
             SELECT $1, id FROM UNNEST($2::uuid[]) AS t (id)",
        ))
        .bind(projection.name())
        .bind(&alone)
        .execute(&mut **tx)
        .await
        .context("Failed to record the applied events")?;
    }
    Ok(())
}

/// Applies one event in a savepoint, as `apply_in` does live: an event PostgreSQL (or
/// the projection) can never apply is recorded as a dead letter and passed. Returns
/// whether it applied.
async fn apply_alone(
    tx: &mut Transaction<'_, Postgres>,
    projection: &dyn Rebuild,
    event: &CloudEvent,
    schema: Schema,
) -> Result<bool, ApplyError> {
    let mut attempt = Connection::begin(&mut **tx)
        .await
        .map_err(database("Failed to open a savepoint"))?;
    match projection.apply_to(&mut attempt, event, schema).await {
        Ok(()) => {
            attempt
                .commit()
                .await
                .map_err(database("Failed to release the savepoint"))?;
            Ok(true)
        }
        Err(error) if error.is_permanent() => {
            attempt
                .rollback()
                .await
                .map_err(database("Failed to roll back to the savepoint"))?;
            dead_letter(tx, projection.name(), event, &error, schema).await?;
            Ok(false)
        }
        Err(error) => Err(error),
    }
}

/// Records a dead letter of the rebuild, as `dead_letters::record` does live.
async fn dead_letter(
    tx: &mut Transaction<'_, Postgres>,
    projection: &str,
    event: &CloudEvent,
    error: &ApplyError,
    schema: Schema,
) -> Result<(), ApplyError> {
    let message: String = error
        .to_string()
        .chars()
        .take(crate::dead_letters::MAX_ERROR_CHARS)
        .collect();
    sqlx::query(&schema.sql(
        "INSERT INTO read_model.dead_letters (projection, event_id, event_type, error)
         VALUES ($1, $2, $3, $4)",
    ))
    .bind(projection)
    .bind(event.id)
    .bind(&event.event_type)
    .bind(&message)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to record a dead letter"))?;
    tracing::error!(
        projection,
        event_id = %event.id,
        event_type = %event.event_type,
        error = %message,
        "an event can never apply; recorded as a dead letter of the rebuild and passed"
    );
    Ok(())
}

/// Runs `sql` on `conn`, naming what failed.
pub(crate) async fn execute(conn: &mut PgConnection, sql: &str) -> anyhow::Result<()> {
    sqlx::query(sql)
        .execute(conn)
        .await
        .with_context(|| format!("Failed to run {sql}"))?;
    Ok(())
}
