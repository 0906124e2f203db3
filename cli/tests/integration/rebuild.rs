//! `projections::rebuild`: the tables it swaps in are the migrated ones in every catalog
//! respect (keys, indexes, constraints, persistence, owner, grants), other projections'
//! rows in the shared tables survive, and a rebuild of a store full of reversals equals
//! the read model the live path builds one event at a time. PostgreSQL only: the events
//! are written to the store directly and applied with the live worker's `apply_in`.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use constructos_domain::finance::{
    period_of, AccountType, JournalEvent, JournalLine, JournalSource, LedgerAccountEvent, Rand,
    Side, JOURNAL_AGGREGATE, LEDGER_ACCOUNT_AGGREGATE,
};
use constructos_infra::{db, Config, Domain};
use constructos_projections::apply_in;
use constructos_projections::finance::{FinanceProjection, FINANCE_TABLES, FOREIGN_FACT_TABLES};
use constructos_projections::rebuild::{rebuild, tables::SHARED};
use constructos_projections::replay::{read_page, Cursor, Window};
use serde_json::{json, Value};
use sqlx::PgPool;
use uuid::Uuid;

use crate::replay::read_models;

/// A migrated finance database of its own.
async fn fresh() -> (Config, PgPool) {
    let mut config = Config::from_env().expect("configuration");
    config.db_prefix = format!("ct_{}", &Uuid::new_v4().simple().to_string()[..12]);
    let pool = db::prepare(&config, Domain::Finance, db::migrations::finance())
        .await
        .expect("finance database");
    (config, pool)
}

async fn drop_database(config: &Config, pool: PgPool) {
    pool.close().await;
    let admin = db::connect_url(&config.url_with_database("postgres").expect("url"), 1)
        .await
        .expect("admin");
    sqlx::query(&format!(
        "DROP DATABASE \"{}\" WITH (FORCE)",
        config.database_name(Domain::Finance)
    ))
    .execute(&admin)
    .await
    .expect("drop");
}

/// What the catalog says of every `read_model` table, by name (written independently of
/// the rebuild's own check).
async fn catalog(pool: &PgPool) -> BTreeMap<String, Value> {
    let rows: Vec<(String, Value)> = sqlx::query_as(
        "SELECT c.relname::text, jsonb_build_object(
             'persistence', c.relpersistence,
             'owner', c.relowner::regrole::text,
             'acl', c.relacl::text,
             'options', c.reloptions,
             'columns', (SELECT jsonb_agg(jsonb_build_array(a.attname,
                                format_type(a.atttypid, a.atttypmod), a.attnotnull,
                                pg_get_expr(d.adbin, d.adrelid)) ORDER BY a.attnum)
                           FROM pg_attribute a
                           LEFT JOIN pg_attrdef d ON (d.adrelid, d.adnum) = (a.attrelid, a.attnum)
                          WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
             'constraints', (SELECT jsonb_agg(jsonb_build_array(conname,
                                    pg_get_constraintdef(oid), convalidated) ORDER BY conname)
                               FROM pg_constraint WHERE conrelid = c.oid),
             'indexes', (SELECT jsonb_agg(pg_get_indexdef(indexrelid) ORDER BY pg_get_indexdef(indexrelid))
                           FROM pg_index WHERE indrelid = c.oid))
           FROM pg_class c
          WHERE c.relnamespace = 'read_model'::regnamespace AND c.relkind = 'r'
          ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .expect("catalog");
    rows.into_iter().collect()
}

/// Writes events to the store in the given order (one statement each, so commit order
/// is this order).
async fn store(pool: &PgPool, events: &[(&str, String, i64, JournalOrAccount)]) {
    for chunk in events.chunks(500) {
        let mut tx = pool.begin().await.expect("begin");
        for (aggregate_type, id, sequence, event) in chunk {
            let (event_type, payload) = event.stored();
            sqlx::query(
                "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type,
                                     event_version, payload, metadata)
                 VALUES ($1, $2, $3, $4, '1', $5, $6)",
            )
            .bind(aggregate_type)
            .bind(id)
            .bind(sequence)
            .bind(event_type)
            .bind(payload)
            .bind(json!({"correlation_id": format!("rebuild-{id}"), "subject": "tester"}))
            .execute(&mut *tx)
            .await
            .expect("event");
        }
        tx.commit().await.expect("commit");
    }
}

enum JournalOrAccount {
    Journal(JournalEvent),
    Account(LedgerAccountEvent),
}

impl JournalOrAccount {
    fn stored(&self) -> (&'static str, Value) {
        match self {
            Self::Journal(e) => (
                match e {
                    JournalEvent::JournalPosted { .. } => "JournalPosted",
                    JournalEvent::JournalReversed { .. } => "JournalReversed",
                },
                serde_json::to_value(e).expect("payload"),
            ),
            Self::Account(e) => (
                "LedgerAccountOpened",
                serde_json::to_value(e).expect("payload"),
            ),
        }
    }
}

/// Applies every stored event the live way: `apply_in`, one event after another.
async fn apply_live(pool: &PgPool) -> usize {
    let window = Window {
        until: None,
        settled_only: false,
    };
    let mut cursor = Cursor::start();
    let mut count = 0;
    while let Some(page) = read_page(pool, "finance", &cursor, window)
        .await
        .expect("page")
    {
        cursor = page.last.clone();
        for event in &page.events {
            let mut tx = pool.begin().await.expect("begin");
            apply_in(&mut tx, &FinanceProjection, event)
                .await
                .expect("applied");
            tx.commit().await.expect("commit");
            count += 1;
        }
    }
    count
}

fn posted(
    n: u64,
    date: NaiveDate,
    lines: Vec<JournalLine>,
    reverses: Option<String>,
) -> JournalOrAccount {
    JournalOrAccount::Journal(JournalEvent::JournalPosted {
        date,
        period: period_of(date),
        narrative: format!("Journal {n}"),
        source: JournalSource::Manual,
        lines,
        reverses,
    })
}

fn lines(n: u64) -> Vec<JournalLine> {
    let cents = 100 + (n as i64 * 7919) % 1_000_000;
    let line = |code: &str, side| JournalLine {
        account_code: code.to_string(),
        side,
        amount: Rand::cents(cents),
        project_id: n.is_multiple_of(3).then(|| "PRJ-1".to_string()),
        cost_code: Some(format!("CC-{}", n % 5)),
        site_id: None,
    };
    vec![
        line(["5100", "5200", "6000"][n as usize % 3], Side::Debit),
        line(["2000", "1000"][n as usize % 2], Side::Credit),
    ]
}

fn journal_id(n: u64) -> String {
    Uuid::from_u64_pair(0x0190_0000_0000_7000, n).to_string()
}

/// A store of journals over more than one page (5,000 events), with reversals of every
/// kind the set-based replay must get right: right after the original, pages after it,
/// twice (two reversing journals, the later sequence wins), of a journal never posted,
/// and a journal posted again after its reversal in the same run; with ledger accounts
/// opened in between (applied on their own, flushing the run).
fn history() -> Vec<(&'static str, String, i64, JournalOrAccount)> {
    let first = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let mut events = Vec::new();
    let mut next = 0u64;
    let reversal = |events: &mut Vec<_>, next: &mut u64, original: u64, sequence: i64| {
        *next += 1;
        let date = first + Days::new(*next % 28);
        let id = journal_id(*next);
        events.push((
            JOURNAL_AGGREGATE,
            journal_id(original),
            sequence,
            JournalOrAccount::Journal(JournalEvent::JournalReversed {
                reversal_id: id.clone(),
                date,
            }),
        ));
        let reversed: Vec<JournalLine> = lines(original)
            .into_iter()
            .map(|l| JournalLine {
                side: l.side.opposite(),
                ..l
            })
            .collect();
        events.push((
            JOURNAL_AGGREGATE,
            id,
            1,
            posted(*next, date, reversed, Some(journal_id(original))),
        ));
    };
    for _ in 0..6_200u64 {
        next += 1;
        let n = next;
        let date = first + Days::new(n % 28);
        events.push((
            JOURNAL_AGGREGATE,
            journal_id(n),
            1,
            posted(n, date, lines(n), None),
        ));
        match n % 97 {
            // Reversed at once.
            0 => reversal(&mut events, &mut next, n, 2),
            // Reversed twice: sequence 2, then 3.
            13 => {
                reversal(&mut events, &mut next, n, 2);
                reversal(&mut events, &mut next, n, 3);
            }
            // A journal of some 5,000 events ago (an earlier page).
            29 if n > 5_200 => reversal(&mut events, &mut next, n - 5_100, 2),
            // A reversal of a journal never posted.
            41 => reversal(&mut events, &mut next, 9_000_000 + n, 1),
            // Reversed, then posted again under its id (ignored: the first posting wins).
            53 => {
                reversal(&mut events, &mut next, n, 2);
                events.push((
                    JOURNAL_AGGREGATE,
                    journal_id(n),
                    3,
                    posted(n, date, lines(n + 1), None),
                ));
            }
            // A ledger account opened between journals.
            71 => events.push((
                LEDGER_ACCOUNT_AGGREGATE,
                format!("7{:03}", n % 1000),
                1,
                JournalOrAccount::Account(LedgerAccountEvent::LedgerAccountOpened {
                    code: format!("7{:03}", n % 1000),
                    name: format!("Account {n}"),
                    account_type: AccountType::Expense,
                    cost_type: None,
                }),
            )),
            _ => {}
        }
    }
    events
}

#[tokio::test]
async fn a_rebuild_with_reversals_equals_the_read_model_built_one_event_at_a_time() {
    let (source_config, source) = fresh().await;
    let events = history();
    store(&source, &events).await;
    assert_eq!(apply_live(&source).await, events.len());

    let (target_config, target) = fresh().await;
    let rebuilt = rebuild(&source, &target, "finance", &FinanceProjection, None)
        .await
        .expect("rebuild");
    assert_eq!(rebuilt.events, events.len());
    assert_eq!(rebuilt.dead_letters, 0);
    let live = read_models(&source).await;
    let swapped = read_models(&target).await;
    assert_eq!(
        live.keys().collect::<Vec<_>>(),
        swapped.keys().collect::<Vec<_>>()
    );
    for (table, rows) in &live {
        assert_eq!(rows, &swapped[table], "read_model.{table}");
    }
    let reversed = live["journals"]
        .as_array()
        .expect("journals")
        .iter()
        .filter(|j| !j["reversed_by"].is_null())
        .count();
    assert!(reversed > 200, "{reversed} journals reversed");

    // Rebuilt in place, the live read model stays what it was.
    rebuild(&source, &source, "finance", &FinanceProjection, None)
        .await
        .expect("rebuild in place");
    assert_eq!(read_models(&source).await, live);
    drop_database(&source_config, source).await;
    drop_database(&target_config, target).await;
}

#[tokio::test]
async fn the_swapped_tables_have_the_migrated_keys_indexes_constraints_and_grants() {
    let (config, pool) = fresh().await;
    let events: Vec<_> = (1..=40u64)
        .map(|n| {
            let date = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
            (
                JOURNAL_AGGREGATE,
                journal_id(n),
                1,
                posted(n, date, lines(n), None),
            )
        })
        .collect();
    store(&pool, &events).await;
    apply_live(&pool).await;
    // A reader role with grants on the read model, and rows of other projections in the
    // shared tables and in a copy of another domain's facts.
    let role = format!("ct_reader_{}", &Uuid::new_v4().simple().to_string()[..12]);
    for sql in [
        format!("CREATE ROLE {role}"),
        format!("GRANT SELECT ON read_model.journals, read_model.ledger_history TO {role}"),
        format!("GRANT SELECT, INSERT ON read_model.applied_events TO {role} WITH GRANT OPTION"),
        "INSERT INTO read_model.applied_events (projection, event_id)
         VALUES ('finance.identity_facts', gen_random_uuid())"
            .to_string(),
        "INSERT INTO read_model.dead_letters (projection, event_id, event_type, error)
         VALUES ('finance.project_facts', gen_random_uuid(), 'ProjectCreated', 'refused')"
            .to_string(),
        "INSERT INTO read_model.known_projects
             (id, code, name, site_id, status, updated_at, last_sequence)
         VALUES ('PRJ-1', 'PRJ-1', 'Msunduzi', 'SITE-1', 'ACTIVE', now(), 1)"
            .to_string(),
    ] {
        sqlx::query(&sql).execute(&pool).await.expect("setup");
    }
    let before = catalog(&pool).await;
    let shared_before: Vec<(String, i64)> = sqlx::query_as(
        "SELECT projection, count(*) FROM (SELECT projection FROM read_model.applied_events
           UNION ALL SELECT projection FROM read_model.dead_letters) s GROUP BY 1 ORDER BY 1",
    )
    .fetch_all(&pool)
    .await
    .expect("counts");
    let models = read_models(&pool).await;

    let rebuilt = rebuild(&pool, &pool, "finance", &FinanceProjection, None)
        .await
        .expect("rebuild");
    assert_eq!(rebuilt.events, 40);

    let after = catalog(&pool).await;
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (table, definition) in &before {
        assert_eq!(definition, &after[table], "read_model.{table}");
        assert_eq!(after[table]["persistence"], "p", "read_model.{table}");
    }
    assert!(after["journals"]["acl"]
        .as_str()
        .expect("acl")
        .contains(&role));
    let shared_after: Vec<(String, i64)> = sqlx::query_as(
        "SELECT projection, count(*) FROM (SELECT projection FROM read_model.applied_events
           UNION ALL SELECT projection FROM read_model.dead_letters) s GROUP BY 1 ORDER BY 1",
    )
    .fetch_all(&pool)
    .await
    .expect("counts");
    assert_eq!(shared_before, shared_after);
    assert_eq!(read_models(&pool).await, models);
    let known: i64 = sqlx::query_scalar("SELECT count(*) FROM read_model.known_projects")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(known, 1, "a copy of another domain's facts is not rebuilt");
    let leftover: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'read_model_rebuild')",
    )
    .fetch_one(&pool)
    .await
    .expect("schema");
    assert!(!leftover);

    drop_database(&config, pool).await;
    let admin = db::connect_url(&config.url_with_database("postgres").expect("url"), 1)
        .await
        .expect("admin");
    sqlx::query(&format!("DROP ROLE {role}"))
        .execute(&admin)
        .await
        .expect("drop role");
}

#[tokio::test]
async fn every_finance_read_model_table_is_rebuilt_shared_or_another_domains_copy() {
    let (config, pool) = fresh().await;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
          WHERE table_schema = 'read_model' ORDER BY 1",
    )
    .fetch_all(&pool)
    .await
    .expect("tables");
    let mut known: Vec<String> = FINANCE_TABLES
        .iter()
        .chain(FOREIGN_FACT_TABLES)
        .chain(SHARED.iter())
        .map(|t| t.to_string())
        .collect();
    known.sort();
    assert_eq!(
        tables, known,
        "a new finance table needs a place in one of the lists"
    );
    drop_database(&config, pool).await;
}
