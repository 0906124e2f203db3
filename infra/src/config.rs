//! Typed configuration, read once from environment variables over local defaults.
//!
//! | variable | default |
//! |---|---|
//! | `CONSTRUCTOS_DATABASE_URL` | `postgres://postgres@127.0.0.1:5432` (server; database names are added) |
//! | `CONSTRUCTOS_DB_PREFIX` | `constructos` (databases are `<prefix>_<domain>`) |
//! | `CONSTRUCTOS_KAFKA_BROKERS` | `127.0.0.1:9092` |
//! | `CONSTRUCTOS_TOPIC_NAMESPACE` | empty (prefix for topic and consumer-group names) |
//! | `CONSTRUCTOS_TOPIC_PARTITIONS` | `3` |
//! | `CONSTRUCTOS_GATEWAY_ADDR` | `127.0.0.1:8080` |
//! | `CONSTRUCTOS_SERVICE_ADDR` | `127.0.0.1:8081` (a domain service run alone) |
//! | `CONSTRUCTOS_DEV_ISSUER_ADDR` | `127.0.0.1:8090` |
//! | `CONSTRUCTOS_AUTH_ISSUER` | `http://<CONSTRUCTOS_DEV_ISSUER_ADDR>` (the development issuer) |
//! | `CONSTRUCTOS_AUTH_AUDIENCE` | `api://constructos` |
//! | `CONSTRUCTOS_AUTH_JWKS_URL` | `<issuer>/.well-known/jwks.json` |
//! | `CONSTRUCTOS_DATA_DIR` | `.data` |
//! | `CONSTRUCTOS_DEV` | `true` (GraphiQL on) |
//! | `CONSTRUCTOS_IDENTITY_URL` | unset: the gateway answers identity in-process; set: it calls the identity service there |

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};

use crate::Domain;

/// Everything a ConstructOS process needs to know about its surroundings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Server URL without a database name; may carry a password, hence secret.
    pub database_url: SecretString,
    pub db_prefix: String,
    pub kafka_brokers: String,
    pub topic_namespace: String,
    pub topic_partitions: i32,
    pub gateway_addr: SocketAddr,
    pub service_addr: SocketAddr,
    pub dev_issuer_addr: SocketAddr,
    pub auth: AuthConfig,
    pub data_dir: PathBuf,
    pub dev_mode: bool,
    /// Where the identity service runs; `None` answers identity inside the gateway.
    pub identity_url: Option<String>,
}

/// Where tokens come from and whom they must be for.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    pub issuer: String,
    pub audience: String,
    pub jwks_url: String,
    /// Seconds of clock skew tolerated on `exp` and `nbf`.
    pub leeway_secs: u64,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn var_or(name: &str, default: &str) -> String {
    var(name).unwrap_or_else(|| default.to_string())
}

fn parsed<T: std::str::FromStr>(name: &str, default: &str) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    let raw = var_or(name, default);
    raw.parse::<T>()
        .map_err(|e| anyhow::anyhow!("{name}={raw} is not valid: {e}"))
}

impl Config {
    /// Reads the configuration from the environment.
    pub fn from_env() -> anyhow::Result<Self> {
        let dev_issuer_addr: SocketAddr = parsed("CONSTRUCTOS_DEV_ISSUER_ADDR", "127.0.0.1:8090")?;
        let issuer = var("CONSTRUCTOS_AUTH_ISSUER")
            .unwrap_or_else(|| format!("http://{dev_issuer_addr}"))
            .trim_end_matches('/')
            .to_string();
        let jwks_url = var("CONSTRUCTOS_AUTH_JWKS_URL")
            .unwrap_or_else(|| format!("{issuer}/.well-known/jwks.json"));
        Ok(Self {
            database_url: SecretString::from(var_or(
                "CONSTRUCTOS_DATABASE_URL",
                "postgres://postgres@127.0.0.1:5432",
            )),
            db_prefix: var_or("CONSTRUCTOS_DB_PREFIX", "constructos"),
            kafka_brokers: var_or("CONSTRUCTOS_KAFKA_BROKERS", "127.0.0.1:9092"),
            topic_namespace: var_or("CONSTRUCTOS_TOPIC_NAMESPACE", ""),
            topic_partitions: parsed("CONSTRUCTOS_TOPIC_PARTITIONS", "3")?,
            gateway_addr: parsed("CONSTRUCTOS_GATEWAY_ADDR", "127.0.0.1:8080")?,
            service_addr: parsed("CONSTRUCTOS_SERVICE_ADDR", "127.0.0.1:8081")?,
            dev_issuer_addr,
            auth: AuthConfig {
                issuer,
                audience: var_or("CONSTRUCTOS_AUTH_AUDIENCE", "api://constructos"),
                jwks_url,
                leeway_secs: parsed("CONSTRUCTOS_AUTH_LEEWAY_SECS", "30")?,
            },
            data_dir: PathBuf::from(var_or("CONSTRUCTOS_DATA_DIR", ".data")),
            dev_mode: parsed("CONSTRUCTOS_DEV", "true")?,
            identity_url: var("CONSTRUCTOS_IDENTITY_URL"),
        })
    }

    /// The database name of a domain, e.g. `constructos_identity`.
    pub fn database_name(&self, domain: Domain) -> String {
        format!("{}_{}", self.db_prefix, domain.name())
    }

    /// The connection URL of a domain's database.
    pub fn database_url_for(&self, domain: Domain) -> anyhow::Result<String> {
        self.url_with_database(&self.database_name(domain))
    }

    /// The server URL pointed at another database (e.g. `postgres` for admin work).
    pub fn url_with_database(&self, database: &str) -> anyhow::Result<String> {
        let server = self.database_url.expose_secret();
        let (base, query) = match server.split_once('?') {
            Some((b, q)) => (b, Some(q)),
            None => (server, None),
        };
        let scheme_end = base
            .find("://")
            .context("CONSTRUCTOS_DATABASE_URL must look like postgres://user@host:port")?
            + 3;
        let host_part = match base[scheme_end..].find('/') {
            Some(slash) => &base[..scheme_end + slash],
            None => base,
        };
        Ok(match query {
            Some(q) => format!("{host_part}/{database}?{q}"),
            None => format!("{host_part}/{database}"),
        })
    }

    /// The topic a domain publishes to, with the namespace applied.
    pub fn topic(&self, domain: Domain) -> String {
        format!("{}{}", self.topic_namespace, domain.topic())
    }

    /// A consumer-group id with the namespace applied.
    pub fn consumer_group(&self, name: &str) -> String {
        format!("{}{}", self.topic_namespace, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_server(url: &str) -> Config {
        let mut config = Config::from_env().expect("defaults are valid");
        config.database_url = SecretString::from(url.to_string());
        config
    }

    #[test]
    fn database_urls_replace_the_database() {
        let c = with_server("postgres://app:pw@db:5432/postgres?sslmode=disable");
        assert_eq!(
            c.url_with_database("constructos_hr").expect("valid"),
            "postgres://app:pw@db:5432/constructos_hr?sslmode=disable"
        );
        let c = with_server("postgres://postgres@127.0.0.1:5432");
        assert_eq!(
            c.database_url_for(Domain::Identity).expect("valid"),
            "postgres://postgres@127.0.0.1:5432/constructos_identity"
        );
    }
}
