//! The DDL of a rebuild: the fresh tables are copied from the live catalog (never from a
//! second list of definitions, which could drift from the migrations), loaded bare,
//! finished, checked against the live catalog and swapped in.

use anyhow::{bail, Context};
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use tokio::sync::Mutex;

use super::{execute, Rebuild, Schema};

/// Tables every projection of a database shares: a rebuild fills its own copy with the
/// projection's rows and, at the swap, adds the other projections' rows to it.
pub const SHARED: [&str; 2] = ["applied_events", "dead_letters"];

/// Memory for each index build of the finish, its sessions only.
const INDEX_MEMORY: &str = "256MB";

/// Connections the finish works on at once: two tables' rewrites or index builds
/// overlap (PostgreSQL may add parallel workers to a build itself).
const FINISH_CONNECTIONS: usize = 2;

const LIVE: &str = Schema::LIVE.0;
const NEW: &str = Schema::REBUILD.0;

/// Every table a rebuild of `projection` replaces.
fn all(projection: &dyn Rebuild) -> impl Iterator<Item = &'static str> {
    projection.tables().iter().copied().chain(SHARED)
}

/// Refuses what a copy by `LIKE` would not carry over faithfully: triggers, row
/// security, sequences behind defaults or identities (a copy would restart them).
async fn check_copyable(conn: &mut PgConnection, table: &str) -> anyhow::Result<()> {
    let problems: Vec<String> = sqlx::query_scalar(
        "SELECT 'trigger ' || tgname FROM pg_trigger
          WHERE tgrelid = $1::regclass AND NOT tgisinternal
         UNION ALL
         SELECT 'row security' FROM pg_class WHERE oid = $1::regclass AND relrowsecurity
         UNION ALL
         SELECT 'sequence behind column ' || attname FROM pg_attribute a
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
            AND (a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) ILIKE '%nextval(%')
         UNION ALL
         SELECT 'constraint ' || conname || ' of type ' || contype::text FROM pg_constraint
          WHERE conrelid = $1::regclass AND contype NOT IN ('p', 'u', 'f', 'c')",
    )
    .bind(format!("{LIVE}.{table}"))
    .fetch_all(&mut *conn)
    .await
    .with_context(|| format!("Failed to read the catalog of {LIVE}.{table}"))?;
    if !problems.is_empty() {
        bail!(
            "{LIVE}.{table} cannot be rebuilt by copy: {}",
            problems.join(", ")
        );
    }
    Ok(())
}

/// Definitions (`name`, `definition`) of the live table's constraints of `types`.
async fn constraints(
    conn: &mut PgConnection,
    table: &str,
    types: &[&str],
) -> anyhow::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint
          WHERE conrelid = $1::regclass AND contype::text = ANY($2) ORDER BY conname",
    )
    .bind(format!("{LIVE}.{table}"))
    .bind(types)
    .fetch_all(&mut *conn)
    .await
    .with_context(|| format!("Failed to read the constraints of {LIVE}.{table}"))
}

/// The statements that add the live table's primary key and unique constraints to its
/// copy.
async fn key_statements(conn: &mut PgConnection, table: &str) -> anyhow::Result<Vec<String>> {
    Ok(constraints(conn, table, &["p", "u"])
        .await?
        .into_iter()
        .map(|(name, definition)| {
            format!("ALTER TABLE {NEW}.{table} ADD CONSTRAINT {name} {definition}")
        })
        .collect())
}

/// The statements that build the live table's other indexes on its copy.
async fn index_statements(conn: &mut PgConnection, table: &str) -> anyhow::Result<Vec<String>> {
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT pg_get_indexdef(x.indexrelid) FROM pg_index x
          WHERE x.indrelid = $1::regclass
            AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = x.indexrelid)
          ORDER BY x.indexrelid::regclass::text",
    )
    .bind(format!("{LIVE}.{table}"))
    .fetch_all(&mut *conn)
    .await
    .with_context(|| format!("Failed to read the indexes of {LIVE}.{table}"))?;
    let live = format!(" ON {LIVE}.{table} ");
    indexes
        .into_iter()
        .map(|index| {
            anyhow::ensure!(index.contains(&live), "unexpected index definition {index}");
            Ok(index.replacen(&live, &format!(" ON {NEW}.{table} "), 1))
        })
        .collect()
}

/// Runs groups of statements on up to [`FINISH_CONNECTIONS`] connections of `pool` at
/// once, the statements of a group in order on one connection, the groups in the order
/// given (largest first balances best).
async fn run_parallel(pool: &PgPool, groups: Vec<Vec<String>>) -> anyhow::Result<()> {
    let queue = Mutex::new(groups.into_iter());
    let worker = || async {
        let mut conn = pool
            .acquire()
            .await
            .context("Failed to connect for the rebuild's finish")?;
        execute(
            &mut conn,
            &format!("SET maintenance_work_mem = '{INDEX_MEMORY}'"),
        )
        .await?;
        loop {
            let next = queue.lock().await.next();
            let Some(group) = next else { break };
            for statement in group {
                execute(&mut conn, &statement).await?;
            }
        }
        execute(&mut conn, "RESET maintenance_work_mem").await
    };
    futures::future::try_join_all((0..FINISH_CONNECTIONS).map(|_| worker())).await?;
    Ok(())
}

/// Creates the schema [`Schema::REBUILD`] afresh with a bare `UNLOGGED` copy of every
/// table the rebuild replaces: columns, defaults, checks, comments, storage; the keys
/// the load needs; no other index, no foreign key.
pub async fn prepare(conn: &mut PgConnection, projection: &dyn Rebuild) -> anyhow::Result<()> {
    // What a failed rebuild left behind.
    execute(conn, &format!("DROP SCHEMA IF EXISTS {NEW} CASCADE")).await?;
    execute(conn, &format!("CREATE SCHEMA {NEW}")).await?;
    for table in all(projection) {
        check_copyable(conn, table).await?;
        execute(
            conn,
            &format!(
                "CREATE UNLOGGED TABLE {NEW}.{table}
                     (LIKE {LIVE}.{table} INCLUDING ALL EXCLUDING INDEXES)"
            ),
        )
        .await?;
    }
    for &table in projection.tables() {
        if !projection.keys_after_load().contains(&table) {
            for statement in key_statements(conn, table).await? {
                execute(conn, &statement).await?;
            }
        }
    }
    Ok(())
}

/// Sets the loaded tables `LOGGED` (which rewrites them, and any index they have, so it
/// comes before the indexes), builds the remaining keys, the indexes and foreign keys,
/// copies owner and grants, gathers statistics — each step on several connections of
/// `pool`, a table per connection at a time, largest first — and checks each table's
/// catalog against the live one on `conn`.
pub async fn finish(
    pool: &PgPool,
    conn: &mut PgConnection,
    projection: &dyn Rebuild,
) -> anyhow::Result<()> {
    let mut tables: Vec<(i64, &str)> = Vec::new();
    for table in all(projection) {
        let size: i64 = sqlx::query_scalar("SELECT pg_relation_size($1::regclass)")
            .bind(format!("{NEW}.{table}"))
            .fetch_one(&mut *conn)
            .await
            .with_context(|| format!("Failed to read the size of {NEW}.{table}"))?;
        tables.push((size, table));
    }
    tables.sort_by_key(|t| std::cmp::Reverse(t.0));
    let tables: Vec<&str> = tables.into_iter().map(|(_, t)| t).collect();

    let logged = tables
        .iter()
        .map(|t| vec![format!("ALTER TABLE {NEW}.{t} SET LOGGED")])
        .collect();
    run_parallel(pool, logged).await?;

    let mut builds = Vec::new();
    for table in &tables {
        let mut group = Vec::new();
        if projection.keys_after_load().contains(table) || SHARED.contains(table) {
            group.extend(key_statements(conn, table).await?);
        }
        group.extend(index_statements(conn, table).await?);
        builds.push(group);
    }
    run_parallel(pool, builds).await?;

    let mut rest = Vec::new();
    for table in &tables {
        let mut group = Vec::new();
        for (name, definition) in constraints(conn, table, &["f"]).await? {
            // A reference to a table rebuilt too points at its copy, which takes its
            // place at the swap; any other stays on the live table.
            let definition = tables.iter().fold(definition, |d, t| {
                d.replace(
                    &format!("REFERENCES {LIVE}.{t}("),
                    &format!("REFERENCES {NEW}.{t}("),
                )
            });
            group.push(format!(
                "ALTER TABLE {NEW}.{table} ADD CONSTRAINT {name} {definition}"
            ));
        }
        group.extend(privilege_statements(conn, table).await?);
        group.push(format!("ANALYZE {NEW}.{table}"));
        rest.extend(group);
    }
    // On one connection: a foreign key locks both of its tables, and two connections
    // adding keys, grants and statistics to tables that refer to each other were seen
    // to fail each other (in CI).
    run_parallel(pool, vec![rest]).await?;

    for table in &tables {
        let live = catalog(conn, Schema::LIVE, table).await?;
        let new = catalog(conn, Schema::REBUILD, table).await?;
        if live != new {
            bail!("the rebuilt {table} differs from the live one:\n live: {live}\n  new: {new}");
        }
    }
    Ok(())
}

/// The statements that give the copy the live table's owner and grants.
async fn privilege_statements(conn: &mut PgConnection, table: &str) -> anyhow::Result<Vec<String>> {
    let (owner, current): (String, String) = sqlx::query_as(
        "SELECT quote_ident(pg_get_userbyid(relowner)), quote_ident(current_user::text)
           FROM pg_class WHERE oid = $1::regclass",
    )
    .bind(format!("{LIVE}.{table}"))
    .fetch_one(&mut *conn)
    .await
    .with_context(|| format!("Failed to read the owner of {LIVE}.{table}"))?;
    let mut statements = Vec::new();
    if owner != current {
        statements.push(format!("ALTER TABLE {NEW}.{table} OWNER TO {owner}"));
    }
    let grants: Vec<(String, String, bool)> = sqlx::query_as(
        "SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                     ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
                a.privilege_type, a.is_grantable
           FROM pg_class c, aclexplode(c.relacl) a
          WHERE c.oid = $1::regclass AND a.grantee <> c.relowner",
    )
    .bind(format!("{LIVE}.{table}"))
    .fetch_all(&mut *conn)
    .await
    .with_context(|| format!("Failed to read the grants on {LIVE}.{table}"))?;
    for (grantee, privilege, grantable) in grants {
        let option = if grantable { " WITH GRANT OPTION" } else { "" };
        statements.push(format!(
            "GRANT {privilege} ON {NEW}.{table} TO {grantee}{option}"
        ));
    }
    Ok(statements)
}

/// Locks the live tables the swap replaces, in the order the live workers take them
/// (applied-event records first), so that a worker waits rather than deadlocks.
pub async fn lock_live(
    tx: &mut Transaction<'_, Postgres>,
    projection: &dyn Rebuild,
) -> anyhow::Result<()> {
    let mut tables = vec![format!("{LIVE}.applied_events")];
    tables.extend(projection.tables().iter().map(|t| format!("{LIVE}.{t}")));
    tables.push(format!("{LIVE}.dead_letters"));
    execute(
        tx,
        &format!("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE", tables.join(", ")),
    )
    .await
}

/// Inside the swap transaction, after [`lock_live`]: adds the other projections' rows
/// of the shared tables to the copies, drops the live tables and moves the copies into
/// their place.
pub async fn swap(
    tx: &mut Transaction<'_, Postgres>,
    projection: &dyn Rebuild,
) -> anyhow::Result<()> {
    for table in SHARED {
        sqlx::query(&format!(
            "INSERT INTO {NEW}.{table} SELECT * FROM {LIVE}.{table} WHERE projection <> $1"
        ))
        .bind(projection.name())
        .execute(&mut **tx)
        .await
        .with_context(|| format!("Failed to keep the other projections' {table}"))?;
    }
    let tables: Vec<&str> = all(projection).collect();
    let live: Vec<String> = tables.iter().map(|t| format!("{LIVE}.{t}")).collect();
    execute(tx, &format!("DROP TABLE {}", live.join(", "))).await?;
    for table in tables {
        execute(tx, &format!("ALTER TABLE {NEW}.{table} SET SCHEMA {LIVE}")).await?;
    }
    execute(tx, &format!("DROP SCHEMA {NEW}")).await
}

/// What the catalog says of `schema.table` that a copy must reproduce — persistence,
/// owner, grants, options, columns (types, defaults, nullability, storage, comments),
/// constraints, indexes, triggers, policies — as text with the schema's name written
/// as `read_model`, so that a copy and its original compare equal.
pub async fn catalog(
    conn: &mut PgConnection,
    schema: Schema,
    table: &str,
) -> anyhow::Result<String> {
    let text: Option<String> = sqlx::query_scalar(
        "SELECT jsonb_build_object(
             'persistence', c.relpersistence,
             'owner', pg_get_userbyid(c.relowner),
             'acl', c.relacl::text,
             'options', c.reloptions,
             'row_security', c.relrowsecurity,
             'replica_identity', c.relreplident,
             'comment', obj_description(c.oid, 'pg_class'),
             'columns', (SELECT jsonb_agg(jsonb_build_array(
                                a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                                pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                                a.attcollation::regcollation::text, a.attstorage,
                                a.attcompression, col_description(c.oid, a.attnum))
                                ORDER BY a.attnum)
                           FROM pg_attribute a
                           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                          WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
             'constraints', (SELECT jsonb_agg(jsonb_build_array(
                                    conname, contype, pg_get_constraintdef(oid),
                                    condeferrable, condeferred, convalidated)
                                    ORDER BY conname)
                               FROM pg_constraint WHERE conrelid = c.oid),
             'indexes', (SELECT jsonb_agg(jsonb_build_array(
                                i.relname, pg_get_indexdef(x.indexrelid), i.relpersistence)
                                ORDER BY i.relname)
                           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                          WHERE x.indrelid = c.oid),
             'triggers', (SELECT jsonb_agg(tgname ORDER BY tgname) FROM pg_trigger
                           WHERE tgrelid = c.oid AND NOT tgisinternal),
             'policies', (SELECT jsonb_agg(polname ORDER BY polname) FROM pg_policy
                           WHERE polrelid = c.oid))::text
           FROM pg_class c WHERE c.oid = to_regclass($1)",
    )
    .bind(format!("{}.{table}", schema.name()))
    .fetch_optional(&mut *conn)
    .await
    .with_context(|| format!("Failed to read the catalog of {}.{table}", schema.name()))?
    .flatten();
    let text = text.with_context(|| format!("{}.{table} does not exist", schema.name()))?;
    Ok(text.replace(&format!("{}.", schema.name()), "read_model."))
}
