//! What makes a test environment cheap: each domain's database is a copy
//! (`CREATE DATABASE … TEMPLATE`) of a template migrated once per set of migrations —
//! not once per test — and the broker is started by the first test that finds none.
//!
//! A template is named after its domain and a digest of the migrations it holds
//! (`ct_tpl_<digest>_<domain>`), so a changed migration makes a new one; `make test`
//! sweeps `ct_%` databases older than six hours, templates included. Test processes
//! (nextest runs one per test) agree on who builds a template through a PostgreSQL
//! advisory lock; it is built under a temporary name and renamed when complete, so a
//! crash never leaves a half-migrated template to copy.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use constructos_infra::{db, kafka, Config};
use constructos_services::DomainModule;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

/// The database of `module` for `config`, copied from the domain's template.
pub async fn database_from_template(config: &Config, module: &DomainModule) -> PgPool {
    let admin = db::connect_url(&config.url_with_database("postgres").expect("url"), 1)
        .await
        .expect("admin connection");
    let template = ensure_template(config, &admin, module).await;
    let name = config.database_name(module.domain);
    sqlx::query(&format!(
        "CREATE DATABASE {} TEMPLATE {}",
        quoted(&name),
        quoted(&template)
    ))
    .execute(&admin)
    .await
    .unwrap_or_else(|e| panic!("copy {template} to {name}: {e}"));
    admin.close().await;
    db::connect(config, module.domain)
        .await
        .expect("a pool on the copy")
}

/// The name of `module`'s template, built first when missing.
async fn ensure_template(config: &Config, admin: &PgPool, module: &DomainModule) -> String {
    let digest = migrations_digest(module);
    let name = format!("ct_tpl_{digest}_{}", module.domain);
    // One builder per template across test processes; the lock is the session's and
    // goes with the connection, so a crashed builder frees it.
    let mut lock = admin.acquire().await.expect("admin connection");
    let key = i64::from_be_bytes(
        Sha256::digest(name.as_bytes())[..8]
            .try_into()
            .expect("8 bytes"),
    );
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(key)
        .execute(&mut *lock)
        .await
        .expect("advisory lock");
    if !database_exists(&mut lock, &name).await {
        build_template(config, &mut lock, module, &name).await;
    }
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(key)
        .execute(&mut *lock)
        .await
        .expect("advisory unlock");
    name
}

async fn build_template(
    config: &Config,
    admin: &mut sqlx::PgConnection,
    module: &DomainModule,
    name: &str,
) {
    let building = format!("{name}_building");
    sqlx::query(&format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        quoted(&building)
    ))
    .execute(&mut *admin)
    .await
    .expect("drop a stale half-built template");
    sqlx::query(&format!("CREATE DATABASE {}", quoted(&building)))
        .execute(&mut *admin)
        .await
        .expect("create the template");
    let pool = db::connect_url(&config.url_with_database(&building).expect("url"), 1)
        .await
        .expect("a pool on the template");
    db::migrate(&pool, module.domain, (module.migrations)())
        .await
        .expect("migrate the template");
    pool.close().await;
    sqlx::query(&format!(
        "ALTER DATABASE {} RENAME TO {}",
        quoted(&building),
        quoted(name)
    ))
    .execute(&mut *admin)
    .await
    .expect("complete the template");
}

async fn database_exists(admin: &mut sqlx::PgConnection, name: &str) -> bool {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
        .bind(name)
        .fetch_one(admin)
        .await
        .expect("look up databases")
}

/// A digest of every migration a domain's database receives, in order.
fn migrations_digest(module: &DomainModule) -> String {
    let mut hasher = Sha256::new();
    for migrator in [db::migrations::event_store(), (module.migrations)()] {
        for migration in migrator.iter() {
            hasher.update(migration.version.to_be_bytes());
            hasher.update(&migration.checksum);
        }
    }
    hex::encode(&hasher.finalize()[..8])
}

fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// Makes sure a broker answers: starts one with `scripts/broker.sh start` (under a file
/// lock, so concurrent test processes start one between them) when none does. It keeps
/// running after the tests; `scripts/broker.sh stop` stops it.
pub async fn ensure_broker(config: &Config) {
    if kafka::ping(config, Duration::from_secs(2)).await.is_ok() {
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/broker.sh");
    let lock = std::env::temp_dir().join("constructos-broker.lock");
    let started = tokio::task::spawn_blocking(move || {
        Command::new("flock")
            .arg(&lock)
            .arg(&script)
            .arg("start")
            .status()
    })
    .await
    .expect("the broker start did not panic");
    match started {
        Ok(status) if status.success() => {}
        other => panic!(
            "no Kafka broker answers at {} and `scripts/broker.sh start` failed: {other:?}",
            config.kafka_brokers
        ),
    }
    kafka::ping(config, Duration::from_secs(15))
        .await
        .unwrap_or_else(|e| panic!("the broker started but does not answer: {e}"));
}
