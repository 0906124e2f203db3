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
//! | `CONSTRUCTOS_ENTRA_TENANT_IDS` | unset; set (comma-separated): accept Entra ID v2.0 tokens of these tenants only |
//! | `CONSTRUCTOS_ENTRA_AUTHORITY` | `https://login.microsoftonline.com` |
//! | `CONSTRUCTOS_AUTH_ISSUER` | `http://<CONSTRUCTOS_DEV_ISSUER_ADDR>` (the development issuer; ignored with Entra ID) |
//! | `CONSTRUCTOS_AUTH_TENANT_IDS` | the development tenant for the development issuer, else any |
//! | `CONSTRUCTOS_AUTH_AUDIENCE` | `api://constructos` (comma-separated: application id URI, client id) |
//! | `CONSTRUCTOS_AUTH_JWKS_URL` | unset: keys found through `<issuer>/.well-known/openid-configuration` |
//! | `CONSTRUCTOS_AUTH_REQUIRED_SCOPE` | unset; set: tokens must carry this delegated scope in `scp` |
//! | `CONSTRUCTOS_AUTH_LEEWAY_SECS` | `30` |
//! | `CONSTRUCTOS_AUTH_JWKS_TTL_SECS` | `3600` |
//! | `CONSTRUCTOS_AUTH_JWKS_MIN_REFRESH_SECS` | `10` (unknown `kid`s refresh the keys at most this often) |
//! | `CONSTRUCTOS_DATA_DIR` | `.data` |
//! | `CONSTRUCTOS_DEV` | `true` (GraphiQL on) |
//! | `CONSTRUCTOS_<DOMAIN>_URL` (e.g. `CONSTRUCTOS_FINANCE_URL`) | unset: the gateway answers that domain in-process; set: it calls the domain's service there |
//! | `CONSTRUCTOS_FINANCE_YEAR_END_MONTH` | `2` (the financial year ends with February) |
//! | `CONSTRUCTOS_PO_APPROVAL_LIMITS` | `Site_Manager=50000,Project_Manager=500000,Finance_Manager=none,Admin=none` (rand excl. VAT, or `none`; roles named replace their default, others keep it) |
//! | `CONSTRUCTOS_WEB_DIST` | `web/dist` (the built web app the gateway serves at `/`) |
//! | `CONSTRUCTOS_WEB_CLIENT_ID` | unset; with Entra ID: the web app's (SPA) client id, served to the page |
//! | `CONSTRUCTOS_WEB_API_SCOPE` | `<first CONSTRUCTOS_AUTH_AUDIENCE>/access_as_user` (the scope the page asks Entra ID for) |
//!
//! The gateway's edge ([`EdgeConfig`]):
//!
//! | variable | default |
//! |---|---|
//! | `CONSTRUCTOS_RATE_LIMIT_IP_PER_SEC` | `50` (requests per second refilled per client IP on `POST /graphql`) |
//! | `CONSTRUCTOS_RATE_LIMIT_IP_BURST` | `200` (requests a client IP may send at once) |
//! | `CONSTRUCTOS_RATE_LIMIT_SUBJECT_PER_SEC` | `20` (per authenticated subject, the token's `sub`) |
//! | `CONSTRUCTOS_RATE_LIMIT_SUBJECT_BURST` | `100` |
//! | `CONSTRUCTOS_TRUSTED_PROXIES` | empty: the client IP is the socket peer; else comma-separated proxy IPs whose `X-Forwarded-For` is believed |
//! | `CONSTRUCTOS_CORS_ORIGINS` | empty: no CORS headers; else comma-separated web origins, e.g. `https://app.example.co.za` |
//! | `CONSTRUCTOS_BODY_LIMIT_BYTES` | `65536` (larger request bodies get 413) |
//! | `CONSTRUCTOS_GRAPHQL_MAX_DEPTH` | `12` |
//! | `CONSTRUCTOS_GRAPHQL_MAX_COMPLEXITY` | `500` |
//! | `CONSTRUCTOS_GRAPHQL_MAX_ALIASES` | `30` (aliases per operation, fragments expanded) |
//! | `CONSTRUCTOS_GRAPHQL_MAX_ROOT_FIELDS` | `20` (top-level fields per operation) |
//! | `CONSTRUCTOS_GRAPHQL_DEADLINE_SECS` | `10` (a request still running after this is cancelled and answered `TIMEOUT`; at least 1) |
//! | `CONSTRUCTOS_PERSISTED_QUERIES_FILE` | unset: any operation; set: a JSON object `{"<sha256 hex>": "<query>"}`, only those are accepted |

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::num::{NonZeroU32, NonZeroU64};
use std::path::PathBuf;
use std::time::Duration;

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
    /// Where each domain's own service runs (`CONSTRUCTOS_<DOMAIN>_URL`); a domain not
    /// listed is answered inside the gateway's process. See [`Config::service_url`].
    pub service_urls: HashMap<Domain, String>,
    /// The month (1–12) the financial year ends with.
    pub finance_year_end_month: u32,
    /// The business calendar: dates outside it are refused (`CONSTRUCTOS_BUSINESS_DATES`).
    pub business_dates: constructos_domain::values::DateRange,
    /// How far a supplier bill may differ from its purchase order and receipts before
    /// the three-way match blocks it: `CONSTRUCTOS_MATCH_QUANTITY_TOLERANCE` (quantity
    /// billed beyond received, default 0) and `CONSTRUCTOS_MATCH_PRICE_TOLERANCE_PERCENT`
    /// (unit price from the order's, default 2).
    pub match_tolerance: constructos_domain::finance::MatchTolerance,
    /// The company as its tax invoices show it (`CONSTRUCTOS_COMPANY_NAME`,
    /// `_VAT_NUMBER`, `_ADDRESS`). Finance does not start without all three; in development
    /// mode the `constructos` binary fills unset parts with its seed's demo company.
    pub company: CompanyConfig,
    /// The gateway's edge: rate limits, CORS, body and operation limits.
    pub edge: EdgeConfig,
    /// The web app the gateway serves and the sign-in its page is told to use.
    pub web: WebConfig,
    /// Who may approve purchase orders up to which total (`CONSTRUCTOS_PO_APPROVAL_LIMITS`).
    pub po_approval_limits: constructos_domain::orders::approval::ApprovalLimits,
    /// How long a quote waits for inventory's stock check before saving the line as
    /// "stock unconfirmed" (`CONSTRUCTOS_STOCK_CHECK_TIMEOUT_MS`, default 1500).
    pub stock_check_timeout: std::time::Duration,
}

/// What the gateway serves to browsers (`docs/web.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebConfig {
    /// The built web app (`index.html` and `assets/`); missing: `/` says how to build it.
    pub dist_dir: PathBuf,
    /// Entra ID sign-in, when `CONSTRUCTOS_ENTRA_TENANT_IDS` is set; `None`: the page
    /// signs in through the development issuer (in development mode only).
    pub entra: Option<WebEntraConfig>,
}

/// What MSAL in the page needs to sign in with Entra ID; none of it is secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebEntraConfig {
    pub tenant_id: String,
    /// The SPA registration's client id; `None` when not configured (the page says so).
    pub client_id: Option<String>,
    /// `https://login.microsoftonline.com/<tenant>`.
    pub authority: String,
    /// The delegated scope the page requests for the API, e.g. `api://constructos/access_as_user`.
    pub api_scope: String,
}

impl WebConfig {
    /// Reads the web settings; `audiences` are the API's accepted `aud` values.
    fn from_env(audiences: &[String]) -> Self {
        let entra = list("CONSTRUCTOS_ENTRA_TENANT_IDS")
            .into_iter()
            .next()
            .map(|tenant_id| {
                let authority = var_or(
                    "CONSTRUCTOS_ENTRA_AUTHORITY",
                    "https://login.microsoftonline.com",
                );
                let api = audiences
                    .first()
                    .map_or("api://constructos", String::as_str);
                WebEntraConfig {
                    authority: format!("{}/{tenant_id}", authority.trim_end_matches('/')),
                    tenant_id,
                    client_id: var("CONSTRUCTOS_WEB_CLIENT_ID"),
                    api_scope: var("CONSTRUCTOS_WEB_API_SCOPE")
                        .unwrap_or_else(|| format!("{}/access_as_user", api.trim_end_matches('/'))),
                }
            });
        Self {
            dist_dir: PathBuf::from(var_or("CONSTRUCTOS_WEB_DIST", "web/dist")),
            entra,
        }
    }
}

/// The supplier on tax invoices; `None` where not configured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyConfig {
    pub name: Option<String>,
    pub vat_number: Option<String>,
    pub address: Option<String>,
}

/// What the gateway lets through its front door (see the table in the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeConfig {
    /// Requests per second refilled to each client IP's bucket.
    pub rate_limit_ip_per_sec: NonZeroU32,
    /// The size of each client IP's bucket.
    pub rate_limit_ip_burst: NonZeroU32,
    /// Requests per second refilled to each authenticated subject's bucket.
    pub rate_limit_subject_per_sec: NonZeroU32,
    /// The size of each subject's bucket.
    pub rate_limit_subject_burst: NonZeroU32,
    /// Proxies whose `X-Forwarded-For` names the client; empty: the socket peer is the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// Web origins allowed to call the API from a browser; empty: no CORS headers at all.
    pub cors_origins: Vec<String>,
    /// The largest request body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// The deepest selection nesting an operation may have.
    pub graphql_max_depth: usize,
    /// The highest complexity (fields, weighted) an operation may have.
    pub graphql_max_complexity: usize,
    /// The most aliases an operation may use, fragments expanded.
    pub graphql_max_aliases: usize,
    /// The most top-level fields an operation may select.
    pub graphql_max_root_fields: usize,
    /// How long a GraphQL request may run before it is cancelled.
    pub graphql_deadline: Duration,
    /// A JSON file `{"<sha256 hex>": "<query>"}`; when set, only those operations run.
    pub persisted_queries_file: Option<PathBuf>,
}

impl EdgeConfig {
    /// Reads the edge settings from the environment.
    pub fn from_env() -> anyhow::Result<Self> {
        Ok(Self {
            rate_limit_ip_per_sec: parsed("CONSTRUCTOS_RATE_LIMIT_IP_PER_SEC", "50")?,
            rate_limit_ip_burst: parsed("CONSTRUCTOS_RATE_LIMIT_IP_BURST", "200")?,
            rate_limit_subject_per_sec: parsed("CONSTRUCTOS_RATE_LIMIT_SUBJECT_PER_SEC", "20")?,
            rate_limit_subject_burst: parsed("CONSTRUCTOS_RATE_LIMIT_SUBJECT_BURST", "100")?,
            trusted_proxies: ip_list(&var_or("CONSTRUCTOS_TRUSTED_PROXIES", ""))
                .context("CONSTRUCTOS_TRUSTED_PROXIES must be comma-separated IP addresses")?,
            cors_origins: origin_list(&var_or("CONSTRUCTOS_CORS_ORIGINS", ""))
                .context("CONSTRUCTOS_CORS_ORIGINS must be comma-separated web origins")?,
            body_limit_bytes: parsed("CONSTRUCTOS_BODY_LIMIT_BYTES", "65536")?,
            graphql_max_depth: parsed("CONSTRUCTOS_GRAPHQL_MAX_DEPTH", "12")?,
            graphql_max_complexity: parsed("CONSTRUCTOS_GRAPHQL_MAX_COMPLEXITY", "500")?,
            graphql_max_aliases: parsed("CONSTRUCTOS_GRAPHQL_MAX_ALIASES", "30")?,
            graphql_max_root_fields: parsed("CONSTRUCTOS_GRAPHQL_MAX_ROOT_FIELDS", "20")?,
            graphql_deadline: Duration::from_secs(
                parsed::<NonZeroU64>("CONSTRUCTOS_GRAPHQL_DEADLINE_SECS", "10")?.get(),
            ),
            persisted_queries_file: var("CONSTRUCTOS_PERSISTED_QUERIES_FILE").map(PathBuf::from),
        })
    }
}

/// The non-empty entries of a comma-separated list, trimmed.
fn entries(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(',').map(str::trim).filter(|e| !e.is_empty())
}

/// `10.0.0.1, ::1` → IP addresses.
fn ip_list(raw: &str) -> anyhow::Result<Vec<IpAddr>> {
    entries(raw)
        .map(|e| {
            e.parse::<IpAddr>()
                .map_err(|err| anyhow::anyhow!("{e:?} is not an IP address: {err}"))
        })
        .collect()
}

/// `https://app.example.co.za, http://localhost:5173` → origins as browsers send them:
/// scheme and host (and port), no path, no trailing slash.
fn origin_list(raw: &str) -> anyhow::Result<Vec<String>> {
    entries(raw)
        .map(|e| {
            let rest = e
                .strip_prefix("https://")
                .or_else(|| e.strip_prefix("http://"))
                .ok_or_else(|| anyhow::anyhow!("{e:?} does not start with http:// or https://"))?;
            let well_formed = !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
            if !well_formed {
                anyhow::bail!("{e:?} is not an origin (scheme://host[:port], nothing after)");
            }
            Ok(e.to_string())
        })
        .collect()
}

/// Where tokens come from and whom they must be for.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    /// Accepted `iss` values (one per accepted Entra ID tenant).
    pub issuers: Vec<String>,
    /// Accepted `aud` values: the API's application id URI and/or client id.
    pub audiences: Vec<String>,
    /// Accepted `tid` values; empty accepts the issuers' tokens whatever their tenant.
    pub tenants: Vec<String>,
    /// Where the signing keys come from.
    pub keys: KeySource,
    /// A delegated scope (`scp`) every token must carry, e.g. `access_as_user`.
    pub required_scope: Option<String>,
    /// Seconds of clock skew tolerated on `exp` and `nbf`.
    pub leeway_secs: u64,
    /// Seconds after which cached signing keys are fetched again.
    pub jwks_ttl_secs: u64,
    /// The least seconds between two fetches caused by unknown key ids.
    pub jwks_min_refresh_secs: u64,
}

/// Where the token validator finds the issuer's signing keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// A JWKS document at this URL.
    Jwks(String),
    /// An OpenID Connect discovery document whose `jwks_uri` names the JWKS.
    Discovery(String),
}

/// The Entra ID v2.0 issuer of a tenant.
pub fn entra_issuer(authority: &str, tenant: &str) -> String {
    format!("{}/{tenant}/v2.0", authority.trim_end_matches('/'))
}

fn list(name: &str) -> Vec<String> {
    var(name)
        .map(|v| {
            v.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

impl AuthConfig {
    /// Reads the token settings: Entra ID when `CONSTRUCTOS_ENTRA_TENANT_IDS` is set,
    /// otherwise one issuer (by default the development issuer at `dev_issuer_url`).
    fn from_env(dev_issuer_url: &str) -> anyhow::Result<Self> {
        let mut audiences = list("CONSTRUCTOS_AUTH_AUDIENCE");
        if audiences.is_empty() {
            audiences.push("api://constructos".to_string());
        }
        let entra_tenants = list("CONSTRUCTOS_ENTRA_TENANT_IDS");
        let (issuers, tenants, discovery) = if let Some(first) = entra_tenants.first() {
            let authority = var_or(
                "CONSTRUCTOS_ENTRA_AUTHORITY",
                "https://login.microsoftonline.com",
            );
            let issuers = entra_tenants
                .iter()
                .map(|t| entra_issuer(&authority, t))
                .collect();
            let discovery = format!(
                "{}/.well-known/openid-configuration",
                entra_issuer(&authority, first)
            );
            (issuers, entra_tenants, discovery)
        } else {
            let issuer = var("CONSTRUCTOS_AUTH_ISSUER")
                .unwrap_or_else(|| dev_issuer_url.to_string())
                .trim_end_matches('/')
                .to_string();
            let mut tenants = list("CONSTRUCTOS_AUTH_TENANT_IDS");
            if tenants.is_empty() && issuer == dev_issuer_url {
                tenants.push(crate::auth::DEV_TENANT_ID.to_string());
            }
            let discovery = format!("{issuer}/.well-known/openid-configuration");
            (vec![issuer], tenants, discovery)
        };
        Ok(Self {
            issuers,
            audiences,
            tenants,
            keys: match var("CONSTRUCTOS_AUTH_JWKS_URL") {
                Some(url) => KeySource::Jwks(url),
                None => KeySource::Discovery(discovery),
            },
            required_scope: var("CONSTRUCTOS_AUTH_REQUIRED_SCOPE"),
            leeway_secs: parsed("CONSTRUCTOS_AUTH_LEEWAY_SECS", "30")?,
            jwks_ttl_secs: parsed("CONSTRUCTOS_AUTH_JWKS_TTL_SECS", "3600")?,
            jwks_min_refresh_secs: parsed("CONSTRUCTOS_AUTH_JWKS_MIN_REFRESH_SECS", "10")?,
        })
    }
}

/// The financial year's last month, 1–12.
fn year_end_month() -> anyhow::Result<u32> {
    let month: u32 = parsed("CONSTRUCTOS_FINANCE_YEAR_END_MONTH", "2")?;
    if !(1..=12).contains(&month) {
        anyhow::bail!("CONSTRUCTOS_FINANCE_YEAR_END_MONTH must be 1 to 12, not {month}");
    }
    Ok(month)
}

/// The purchase order approval limits: the defaults, with the roles the variable names
/// replaced; a malformed entry stops start-up, naming it.
fn approval_limits() -> anyhow::Result<constructos_domain::orders::approval::ApprovalLimits> {
    let raw = var_or("CONSTRUCTOS_PO_APPROVAL_LIMITS", "");
    constructos_domain::orders::approval::ApprovalLimits::parse(&raw).map_err(|e| {
        anyhow::anyhow!(
            "CONSTRUCTOS_PO_APPROVAL_LIMITS={raw} is not valid: {e} (expected e.g. Site_Manager=50000,Project_Manager=500000,Finance_Manager=none)"
        )
    })
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

/// The three-way match's tolerances; neither may be negative.
fn match_tolerance() -> anyhow::Result<constructos_domain::finance::MatchTolerance> {
    let quantity: rust_decimal::Decimal = parsed("CONSTRUCTOS_MATCH_QUANTITY_TOLERANCE", "0")?;
    let price_percent: rust_decimal::Decimal =
        parsed("CONSTRUCTOS_MATCH_PRICE_TOLERANCE_PERCENT", "2")?;
    if quantity.is_sign_negative() || price_percent.is_sign_negative() {
        anyhow::bail!("the CONSTRUCTOS_MATCH_* tolerances cannot be negative");
    }
    Ok(constructos_domain::finance::MatchTolerance {
        quantity,
        price_percent,
    })
}

/// The variable naming `domain`'s service URL: `CONSTRUCTOS_<DOMAIN>_URL`.
pub fn service_url_variable(domain: Domain) -> String {
    format!("CONSTRUCTOS_{}_URL", domain.name().to_uppercase())
}

impl Config {
    /// Reads the configuration from the environment.
    pub fn from_env() -> anyhow::Result<Self> {
        let dev_issuer_addr: SocketAddr = parsed("CONSTRUCTOS_DEV_ISSUER_ADDR", "127.0.0.1:8090")?;
        let auth = AuthConfig::from_env(&format!("http://{dev_issuer_addr}"))?;
        let web = WebConfig::from_env(&auth.audiences);
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
            auth,
            data_dir: PathBuf::from(var_or("CONSTRUCTOS_DATA_DIR", ".data")),
            dev_mode: parsed("CONSTRUCTOS_DEV", "true")?,
            service_urls: Domain::ALL
                .into_iter()
                .filter_map(|domain| Some((domain, var(&service_url_variable(domain))?)))
                .collect(),
            finance_year_end_month: year_end_month()?,
            business_dates: parsed("CONSTRUCTOS_BUSINESS_DATES", "1900-01-01..2199-12-31")?,
            match_tolerance: match_tolerance()?,
            company: CompanyConfig {
                name: var("CONSTRUCTOS_COMPANY_NAME"),
                vat_number: var("CONSTRUCTOS_COMPANY_VAT_NUMBER"),
                address: var("CONSTRUCTOS_COMPANY_ADDRESS"),
            },
            edge: EdgeConfig::from_env()?,
            web,
            po_approval_limits: approval_limits()?,
            stock_check_timeout: std::time::Duration::from_millis(parsed(
                "CONSTRUCTOS_STOCK_CHECK_TIMEOUT_MS",
                "1500",
            )?),
        })
    }

    /// The URL (and `iss`) of the development issuer.
    pub fn dev_issuer_url(&self) -> String {
        format!("http://{}", self.dev_issuer_addr)
    }

    /// The audience development tokens are minted for (the first accepted one).
    pub fn dev_audience(&self) -> &str {
        self.auth
            .audiences
            .first()
            .map_or("api://constructos", String::as_str)
    }

    /// The database name of a domain, e.g. `constructos_identity`.
    pub fn database_name(&self, domain: Domain) -> String {
        format!("{}_{}", self.db_prefix, domain.name())
    }

    /// Where `domain`'s own service runs, when it runs apart from the gateway.
    pub fn service_url(&self, domain: Domain) -> Option<&str> {
        self.service_urls.get(&domain).map(String::as_str)
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

    /// The topic of `domain`'s dead letters, with the namespace applied.
    pub fn dead_letter_topic(&self, domain: Domain) -> String {
        format!("{}{}", self.topic_namespace, domain.dead_letter_topic())
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

    #[test]
    fn proxy_and_origin_lists_are_parsed_and_checked() {
        assert_eq!(ip_list("").expect("empty"), Vec::<IpAddr>::new());
        assert_eq!(
            ip_list(" 10.0.0.1, ::1 ,").expect("valid"),
            vec![
                "10.0.0.1".parse::<IpAddr>().expect("ip"),
                "::1".parse::<IpAddr>().expect("ip")
            ]
        );
        assert!(ip_list("10.0.0.0/8").is_err(), "networks are not addresses");
        assert_eq!(
            origin_list("https://app.example.co.za, http://localhost:5173").expect("valid"),
            vec!["https://app.example.co.za", "http://localhost:5173"]
        );
        assert!(origin_list("app.example.co.za").is_err(), "no scheme");
        assert!(
            origin_list("https://app.example.co.za/").is_err(),
            "trailing slash"
        );
        assert!(origin_list("*").is_err(), "no wildcard");
    }

    #[test]
    fn edge_defaults_are_generous() {
        let edge = EdgeConfig::from_env().expect("defaults are valid");
        assert!(edge.rate_limit_ip_burst.get() >= 100);
        assert_eq!(edge.body_limit_bytes, 64 * 1024);
        assert!(edge.cors_origins.is_empty());
        assert!(edge.trusted_proxies.is_empty());
        assert!(edge.persisted_queries_file.is_none());
        assert_eq!(edge.graphql_deadline, Duration::from_secs(10));
    }
}
