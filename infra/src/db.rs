//! PostgreSQL: one database per domain, created when missing and migrated.

use std::time::Duration;

use anyhow::Context;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, PgPool};

use crate::{Config, Domain};

/// A pool on a domain's database.
pub async fn connect(config: &Config, domain: Domain) -> anyhow::Result<PgPool> {
    connect_url(&config.database_url_for(domain)?, 10).await
}

/// A pool on any database URL, failing fast when the server is not there.
///
/// Connections are not pinged before each use (sqlx's default would be one more round
/// trip for every query, a third of a read's time here); a connection that broke while
/// idle fails the one query that finds it, and the pool drops it.
pub async fn connect_url(url: &str, max_connections: u32) -> anyhow::Result<PgPool> {
    let options: PgConnectOptions = url
        .parse::<PgConnectOptions>()
        .context("Failed to parse the database URL")?
        .log_statements(tracing::log::LevelFilter::Trace);
    PgPoolOptions::new()
        .max_connections(max_connections)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .with_context(|| format!("Failed to connect to {}", redact(url)))
}

/// Creates the domain's database when it does not exist yet.
pub async fn create_database(config: &Config, domain: Domain) -> anyhow::Result<()> {
    let admin = connect_url(&config.url_with_database("postgres")?, 1).await?;
    let name = config.database_name(domain);
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(&name)
            .fetch_one(&admin)
            .await
            .context("Failed to look up databases")?;
    if !exists {
        // Identifiers cannot be bound; the name is built from our own prefix and domain.
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        match sqlx::query(&format!("CREATE DATABASE {quoted}"))
            .execute(&admin)
            .await
        {
            Ok(_) => tracing::info!(database = %name, "created database"),
            // Another process created it first: that is what we wanted.
            Err(sqlx::Error::Database(e))
                if matches!(e.code().as_deref(), Some("42P04") | Some("23505")) => {}
            Err(e) => return Err(e).context(format!("Failed to create database {name}")),
        }
    }
    admin.close().await;
    Ok(())
}

/// Each domain's own migrations (its read models), one function per domain that has
/// any; a domain's module names its own (`services::DomainModule::migrations`).
pub mod migrations {
    use sqlx::migrate::Migrator;

    /// The event store, relay checkpoints and projection bookkeeping every domain shares.
    pub fn event_store() -> Migrator {
        sqlx::migrate!("migrations/event_store")
    }
    pub fn identity() -> Migrator {
        sqlx::migrate!("migrations/identity")
    }
    pub fn orders() -> Migrator {
        sqlx::migrate!("migrations/orders")
    }
    pub fn hr() -> Migrator {
        sqlx::migrate!("migrations/hr")
    }
    pub fn finance() -> Migrator {
        sqlx::migrate!("migrations/finance")
    }
    pub fn sales() -> Migrator {
        sqlx::migrate!("migrations/sales")
    }
    pub fn inventory() -> Migrator {
        sqlx::migrate!("migrations/inventory")
    }
    pub fn compliance() -> Migrator {
        sqlx::migrate!("migrations/compliance")
    }
}

/// Applies the shared event store's migrations, then the domain's own (`own`).
pub async fn migrate(pool: &PgPool, domain: Domain, own: Migrator) -> anyhow::Result<()> {
    for mut migrator in [migrations::event_store(), own] {
        // The migrators share one `_sqlx_migrations` table, so each ignores the others' rows.
        migrator.set_ignore_missing(true);
        migrator
            .run(pool)
            .await
            .with_context(|| format!("Failed to migrate the {domain} database"))?;
    }
    Ok(())
}

/// Creates (when missing) and migrates a domain's database, returning a pool on it.
pub async fn prepare(config: &Config, domain: Domain, own: Migrator) -> anyhow::Result<PgPool> {
    create_database(config, domain).await?;
    let pool = connect(config, domain).await?;
    migrate(&pool, domain, own).await?;
    Ok(pool)
}

/// Hides the password of a database URL for logs and errors.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
