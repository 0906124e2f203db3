//! The project's event store adapter against the real PostgreSQL: group commit with one
//! member conflicting or the connection killed, many clients on one stream (no lost
//! update, through two stores as two processes would), and snapshots (equal to the fold;
//! ignored after a schema change).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use constructos_domain::finance::{InvoiceNumbering, NumberingCommand, NumberingEvent};
use constructos_domain::identity::{Account, AccountEvent, AccountKind, AccountStatus};
use constructos_domain::stored::Stored;
use constructos_infra::event_store::{AppendError, Cqrs, Options, Store, Stream, UnitOfWork};
use constructos_infra::Domain;
use cqrs_es::persist::SerializedEvent;
use cqrs_es::{Aggregate, AggregateError, CqrsFramework, DomainEvent};
use proptest::prelude::*;
use sqlx::PgPool;

use crate::harness::TestEnv;

fn event(aggregate_type: &str, id: &str, sequence: usize) -> SerializedEvent {
    SerializedEvent::new(
        id.to_string(),
        sequence,
        aggregate_type.to_string(),
        "Tested".to_string(),
        "1".to_string(),
        serde_json::json!({ "Tested": { "n": sequence } }),
        serde_json::json!({ "subject": "test" }),
    )
}

fn unit(events: Vec<SerializedEvent>) -> UnitOfWork {
    let mut unit = UnitOfWork::new();
    unit.write_sealed(events);
    unit
}

/// Holds the advisory lock the append of `test/<id>` takes, from another connection, so
/// that a group writing that stream waits inside the statement.
async fn hold_stream_lock(pool: &PgPool, id: &str) -> sqlx::pool::PoolConnection<sqlx::Postgres> {
    let mut conn = pool.acquire().await.expect("a connection");
    sqlx::query("SELECT pg_advisory_lock(hashtextextended($1, 0))")
        .bind(format!("test/{id}"))
        .execute(&mut *conn)
        .await
        .expect("the lock");
    conn
}

/// Lets go of a lock [`hold_stream_lock`] took (a session lock outlives the connection's
/// return to the pool).
async fn release(mut conn: sqlx::pool::PoolConnection<sqlx::Postgres>) {
    sqlx::query("SELECT pg_advisory_unlock_all()")
        .execute(&mut *conn)
        .await
        .expect("unlocked");
}

/// The stream ids of `test` events in commit order.
async fn stored(pool: &PgPool) -> Vec<(String, i64)> {
    sqlx::query_as(
        "SELECT aggregate_id, sequence FROM events WHERE aggregate_type = 'test'
          ORDER BY tx_id, global_id",
    )
    .fetch_all(pool)
    .await
    .expect("the events")
}

async fn until_waiting_on_lock(pool: &PgPool) -> i32 {
    for _ in 0..200 {
        let waiting: Option<i32> = sqlx::query_scalar(
            "SELECT pid FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'
                AND wait_event = 'advisory' AND query LIKE '%event_store_append%'",
        )
        .fetch_optional(pool)
        .await
        .expect("pg_stat_activity");
        if let Some(pid) = waiting {
            return pid;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no group ever waited on the held lock");
}

fn one_writer() -> Options {
    Options {
        writers: 1,
        ..Options::default()
    }
}

#[tokio::test]
async fn a_member_that_conflicts_is_refused_alone_and_the_rest_of_its_group_is_stored_in_order() {
    let env = TestEnv::databases_only().await;
    let pool = env.pool(Domain::Identity);
    let store = Store::with_options(pool.clone(), one_writer());
    store
        .append(unit(vec![event("test", "b", 1)]))
        .await
        .expect("b's first event");

    // The one writer is held inside its statement by the lock on `blocker`; meanwhile
    // the next members queue, and all of them go into the next group.
    let lock = hold_stream_lock(&pool, "blocker").await;
    let blocked = tokio::spawn({
        let store = store.clone();
        async move { store.append(unit(vec![event("test", "blocker", 1)])).await }
    });
    until_waiting_on_lock(&pool).await;
    let members = [
        vec![event("test", "a", 1), event("test", "a", 2)],
        vec![event("test", "b", 1)], // b already holds 1: a conflict
        vec![event("test", "c", 1)],
        vec![event("test", "a", 1)], // a is written earlier in the same group
        vec![event("test", "d", 1), event("test", "e", 1)],
    ];
    let mut appends = Vec::new();
    for events in members {
        let store = store.clone();
        appends.push(tokio::spawn(
            async move { store.append(unit(events)).await },
        ));
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    release(lock).await;
    blocked.await.expect("joined").expect("the blocker");
    let outcomes: Vec<_> = futures::future::join_all(appends)
        .await
        .into_iter()
        .map(|o| o.expect("joined"))
        .collect();
    assert!(outcomes[0].is_ok(), "{:?}", outcomes[0]);
    assert!(matches!(outcomes[1], Err(AppendError::Conflict)));
    assert!(outcomes[2].is_ok(), "{:?}", outcomes[2]);
    assert!(matches!(outcomes[3], Err(AppendError::Conflict)));
    assert!(outcomes[4].is_ok(), "{:?}", outcomes[4]);
    let expected: Vec<(String, i64)> = [
        ("b", 1),
        ("blocker", 1),
        ("a", 1),
        ("a", 2),
        ("c", 1),
        ("d", 1),
        ("e", 1),
    ]
    .iter()
    .map(|(id, s)| (id.to_string(), *s))
    .collect();
    assert_eq!(stored(&pool).await, expected);
    let groups: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT tx_id) FROM events
          WHERE aggregate_type = 'test' AND aggregate_id IN ('a', 'c', 'd')",
    )
    .fetch_one(&pool)
    .await
    .expect("transactions");
    assert_eq!(groups, 1, "the members after the blocker were one group");
    env.drop_databases().await;
}

#[tokio::test]
async fn a_group_whose_connection_is_killed_stores_nothing_of_any_member() {
    let env = TestEnv::databases_only().await;
    let pool = env.pool(Domain::Identity);
    let store = Store::with_options(pool.clone(), one_writer());
    // The first group waits at `gate` while three members queue behind it; they form
    // the next group, which then waits at `blocker` — and is killed there.
    let gate = hold_stream_lock(&pool, "gate").await;
    let blocker = hold_stream_lock(&pool, "blocker").await;
    let first = tokio::spawn({
        let store = store.clone();
        async move { store.append(unit(vec![event("test", "gate", 1)])).await }
    });
    until_waiting_on_lock(&pool).await;
    let mut appends = Vec::new();
    for id in ["blocker", "x", "y"] {
        let store = store.clone();
        appends.push(tokio::spawn(async move {
            store
                .append(unit(vec![event("test", id, 1), event("test", id, 2)]))
                .await
        }));
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    release(gate).await;
    first.await.expect("joined").expect("the first group");
    let pid = until_waiting_on_lock(&pool).await;
    let killed: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1)")
        .bind(pid)
        .fetch_one(&pool)
        .await
        .expect("terminate");
    assert!(killed);
    release(blocker).await;
    for outcome in futures::future::join_all(appends).await {
        let outcome = outcome.expect("joined");
        assert!(
            matches!(outcome, Err(AppendError::Database(_))),
            "every member of the killed group is told it failed: {outcome:?}"
        );
    }
    assert_eq!(
        stored(&pool).await,
        vec![("gate".to_string(), 1)],
        "nothing of the killed group was stored"
    );
    // The store goes on with a new connection.
    store
        .append(unit(vec![event("test", "x", 1)]))
        .await
        .expect("an append after the kill");
    env.drop_databases().await;
}

/// Numbers invoices from `clients` tasks, alternately through two stores (as two
/// processes would, each with its own cache); every conflict is retried.
async fn number_concurrently(pool: &PgPool, series: &str, clients: usize, cache: bool) -> Vec<u64> {
    let options = Options {
        cache_capacity: if cache { 1_000 } else { 0 },
        ..Options::default()
    };
    let stores = [
        Arc::new(CqrsFramework::new(
            Store::with_options(pool.clone(), options),
            vec![],
            (),
        )),
        Arc::new(CqrsFramework::new(
            Store::with_options(pool.clone(), options),
            vec![],
            (),
        )),
    ];
    let tasks = (0..clients).map(|client| {
        let cqrs: Arc<Cqrs<InvoiceNumbering>> = stores[client % 2].clone();
        let series = series.to_string();
        tokio::spawn(async move {
            for round in 0..3 {
                let command = NumberingCommand::AssignInvoiceNumber {
                    invoice_id: format!("inv-{client}-{round}"),
                };
                loop {
                    match cqrs
                        .execute_with_metadata(&series, command.clone(), HashMap::new())
                        .await
                    {
                        Ok(()) => break,
                        Err(AggregateError::AggregateConflict) => continue,
                        Err(e) => panic!("numbering failed: {e}"),
                    }
                }
            }
        })
    });
    for task in futures::future::join_all(tasks).await {
        task.expect("a client");
    }
    let payloads: Vec<serde_json::Value> = sqlx::query_scalar(
        "SELECT payload::jsonb FROM events
          WHERE aggregate_type = $1 AND aggregate_id = $2 ORDER BY sequence",
    )
    .bind(InvoiceNumbering::TYPE)
    .bind(series)
    .fetch_all(pool)
    .await
    .expect("the numbers");
    payloads
        .into_iter()
        .map(|p| match serde_json::from_value(p).expect("an event") {
            NumberingEvent::InvoiceNumberAssigned { number, .. } => number,
        })
        .collect()
}

#[test]
fn many_clients_on_one_stream_through_two_stores_lose_no_update() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let env = runtime.block_on(TestEnv::databases_only());
    let pool = env.pool(Domain::Finance);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(6));
    runner
        .run(&(1usize..=8, any::<bool>()), |(clients, cache)| {
            let series = uuid::Uuid::new_v4().to_string();
            let numbers = runtime.block_on(number_concurrently(&pool, &series, clients, cache));
            // Every success took the next number once: 1..=n, in stream order, as if
            // the commands had run one after another.
            let expected: Vec<u64> = (1..=(clients as u64 * 3)).collect();
            prop_assert_eq!(numbers, expected);
            Ok(())
        })
        .expect("no lost update");
    runtime.block_on(env.drop_databases());
}

fn account_event() -> impl Strategy<Value = AccountEvent> {
    let name = "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?";
    prop_oneof![
        name.prop_map(|name| AccountEvent::AccountDetailsUpdated {
            name,
            registration_number: None,
            vat_number: Some("4123456789".into()),
        }),
        proptest::option::of(name)
            .prop_map(|trading_name| { AccountEvent::AccountTradingNameChanged { trading_name } }),
        proptest::option::of("[0-9]{10}").prop_map(|tax_reference| {
            AccountEvent::AccountTaxReferenceChanged { tax_reference }
        }),
        Just(AccountEvent::AccountStatusChanged {
            from: AccountStatus::Active,
            to: AccountStatus::OnHold,
            reason: Some("overdue".into()),
        }),
    ]
}

/// Appends `events` to one account stream through `store`, one unit per event.
async fn append_account(store: &Store, id: &str, events: &[AccountEvent]) -> Stream<Account> {
    let mut stream = Stream::<Account>::minted(id);
    let created = AccountEvent::AccountCreated {
        kind: AccountKind::Customer,
        name: "Snapshot Holdings".into(),
        registration_number: None,
        vat_number: None,
    };
    for event in std::iter::once(&created).chain(events) {
        let previous = stream.sequence;
        stream.aggregate.apply(event.clone());
        stream.sequence += 1;
        let serialized = SerializedEvent::new(
            id.to_string(),
            stream.sequence,
            Account::TYPE.to_string(),
            event.event_type(),
            event.event_version(),
            serde_json::to_value(event).expect("json"),
            serde_json::json!({}),
        );
        let mut unit = UnitOfWork::new();
        unit.write(&stream, previous, vec![serialized]);
        store.append(unit).await.expect("appended");
    }
    stream
}

async fn snapshot_sequence(pool: &PgPool, id: &str) -> Option<i64> {
    sqlx::query_scalar(
        "SELECT sequence FROM stream_snapshots WHERE aggregate_type = $1 AND aggregate_id = $2",
    )
    .bind(Account::TYPE)
    .bind(id)
    .fetch_optional(pool)
    .await
    .expect("the snapshot")
}

#[test]
fn a_stream_loaded_from_its_snapshot_equals_the_fold_of_its_events() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let env = runtime.block_on(TestEnv::databases_only());
    let pool = env.pool(Domain::Identity);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(12));
    runner
        .run(
            &(proptest::collection::vec(account_event(), 1..40), 1usize..8),
            |(events, every)| {
                let id = uuid::Uuid::new_v4().to_string();
                let (folded, loaded, snapshot) = runtime.block_on(async {
                    let store = Store::with_options(
                        pool.clone(),
                        Options {
                            snapshot_every: every,
                            ..Options::default()
                        },
                    );
                    let folded = append_account(&store, &id, &events).await;
                    let total = folded.sequence as i64;
                    // The last multiple of `every` the stream passed (none when shorter).
                    let boundary = Some(total - total % every as i64).filter(|b| *b > 0);
                    // Snapshots are written in the background: wait for the last one.
                    for _ in 0..1_000 {
                        if boundary.is_none() || snapshot_sequence(&pool, &id).await == boundary {
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                    let snapshot = snapshot_sequence(&pool, &id).await;
                    let loaded = store.load_stored::<Account>(&id).await.expect("loaded");
                    (folded, loaded, (snapshot, boundary))
                });
                prop_assert_eq!(snapshot.0, snapshot.1, "the last boundary's snapshot");
                prop_assert_eq!(&loaded.aggregate, &folded.aggregate);
                prop_assert_eq!(loaded.sequence, folded.sequence);
                Ok(())
            },
        )
        .expect("snapshot equals fold");
    runtime.block_on(env.drop_databases());
}

#[tokio::test]
async fn a_snapshot_is_used_when_its_schema_matches_and_ignored_otherwise() {
    let env = TestEnv::databases_only().await;
    let pool = env.pool(Domain::Identity);
    let store = Store::with_options(
        pool.clone(),
        Options {
            cache_capacity: 0,
            snapshot_every: 1_000,
            ..Options::default()
        },
    );
    let renamed = AccountEvent::AccountDetailsUpdated {
        name: "Stored Name".into(),
        registration_number: None,
        vat_number: None,
    };
    let folded = append_account(&store, "acc", &[renamed]).await;
    // A snapshot at the head whose state differs from the fold: a load that uses it
    // shows its state, one that ignores it shows the fold.
    let mut doctored = folded.aggregate.clone();
    doctored.apply(AccountEvent::AccountTradingNameChanged {
        trading_name: Some("From The Snapshot".into()),
    });
    let write = |schema: i32, state: serde_json::Value| {
        let pool = pool.clone();
        async move {
            sqlx::query(
                "INSERT INTO stream_snapshots (aggregate_type, aggregate_id, sequence, schema, state)
                 VALUES ($1, 'acc', 2, $2, $3)
                 ON CONFLICT (aggregate_type, aggregate_id)
                 DO UPDATE SET schema = EXCLUDED.schema, state = EXCLUDED.state",
            )
            .bind(Account::TYPE)
            .bind(schema)
            .bind(state)
            .execute(&pool)
            .await
            .expect("a snapshot");
        }
    };
    write(
        Account::SNAPSHOT_SCHEMA,
        serde_json::to_value(&doctored).expect("json"),
    )
    .await;
    let loaded = store.load::<Account>("acc").await.expect("loaded");
    assert_eq!(
        loaded.aggregate, doctored,
        "a snapshot of this schema is used"
    );

    write(
        Account::SNAPSHOT_SCHEMA + 1,
        serde_json::to_value(&doctored).expect("json"),
    )
    .await;
    let loaded = store.load::<Account>("acc").await.expect("loaded");
    assert_eq!(
        loaded.aggregate, folded.aggregate,
        "another schema's is ignored"
    );

    write(
        Account::SNAPSHOT_SCHEMA,
        serde_json::json!({ "not": "an account" }),
    )
    .await;
    let loaded = store.load::<Account>("acc").await.expect("loaded");
    assert_eq!(
        loaded.aggregate, folded.aggregate,
        "one that does not read is ignored"
    );
    assert_eq!(loaded.sequence, 2);
    env.drop_databases().await;
}
