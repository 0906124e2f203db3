//! The one test harness: fresh databases and topics per test, the real broker, the real
//! development issuer, and the gateway on port 0.

use std::net::SocketAddr;
use std::time::Duration;

use constructos::modules::{self, MODULES};
use constructos::stack::{self, Tasks};

use crate::templates::{self, ensure_broker};
use constructos_infra::auth::{DevIssuer, TokenRequest};
use constructos_infra::config::KeySource;
use constructos_infra::{db, Config, Domain};
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::Message;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// How long a test waits for something that happens asynchronously.
pub const EVENTUALLY: Duration = Duration::from_secs(30);

/// A test's own databases (one per built domain, each a copy of its domain's migrated
/// template) and topic namespace, nothing running yet.
pub struct TestEnv {
    pub config: Config,
    /// Every built domain's database.
    pub pools: stack::Pools,
    // The pools tests read most, by name.
    pub identity: PgPool,
    pub orders: PgPool,
    pub hr: PgPool,
    pub finance: PgPool,
}

impl TestEnv {
    /// Copies `ct_<id>_<domain>` for every built domain from its template and creates the
    /// namespaced topics; starts the broker when none answers.
    pub async fn new() -> Self {
        let env = Self::databases_only().await;
        ensure_broker(&env.config).await;
        stack::create_all_topics(&env.config).await.expect("topics");
        env
    }

    /// Only the databases, for tests of the write side that need no broker.
    pub async fn databases_only() -> Self {
        constructos_infra::telemetry::init(false);
        let id = Uuid::new_v4().simple().to_string()[..12].to_string();
        let mut config = Config::from_env().expect("configuration");
        // As `constructos` does when it starts: demo company in development mode.
        constructos::stack::settle_company(&mut config, true).expect("the company");
        config.db_prefix = format!("ct_{id}");
        config.topic_namespace = format!("test.{id}.");
        config.topic_partitions = 3;
        config.data_dir = std::env::temp_dir().join("constructos-test-data");
        config.gateway_addr = "127.0.0.1:0".parse().expect("address");
        config.dev_issuer_addr = "127.0.0.1:0".parse().expect("address");
        let mut pools = stack::Pools::new();
        for module in MODULES {
            let pool = templates::database_from_template(&config, module).await;
            pools.insert(module.domain, pool);
        }
        let pool = |domain| pools.get(&domain).cloned().expect("a pool per domain");
        let (identity, orders, hr, finance) = (
            pool(Domain::Identity),
            pool(Domain::Orders),
            pool(Domain::Hr),
            pool(Domain::Finance),
        );
        Self {
            config,
            pools,
            identity,
            orders,
            hr,
            finance,
        }
    }

    /// The pool of `domain`.
    pub fn pool(&self, domain: Domain) -> PgPool {
        self.pools.get(&domain).cloned().expect("a built domain")
    }

    /// Drops every database this test created.
    pub async fn drop_databases(&self) {
        for pool in self.pools.values() {
            pool.close().await;
        }
        let admin = db::connect_url(&self.config.url_with_database("postgres").expect("url"), 1)
            .await
            .expect("admin connection");
        for domain in self.pools.keys() {
            let name = self.config.database_name(*domain);
            sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .execute(&admin)
                .await
                .expect("drop database");
        }
    }

    /// A consumer of the identity topic from its beginning, in a group of its own.
    pub fn topic_reader(&self) -> StreamConsumer {
        let group = format!(
            "{}reader.{}",
            self.config.topic_namespace,
            Uuid::new_v4().simple()
        );
        let consumer = constructos_infra::kafka::consumer(&self.config, &group).expect("consumer");
        consumer
            .subscribe(&[&self.config.topic(Domain::Identity)])
            .expect("subscribe");
        consumer
    }
}

/// Reads messages until `until` says enough or the time is up; returns (headers, body) pairs.
pub async fn read_messages(
    consumer: &StreamConsumer,
    until: impl Fn(&[(Vec<(String, String)>, Value)]) -> bool,
) -> Vec<(Vec<(String, String)>, Value)> {
    use rdkafka::message::Headers;
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + EVENTUALLY;
    while !until(&seen) {
        let message = tokio::time::timeout_at(deadline, consumer.recv())
            .await
            .expect("messages arrived in time")
            .expect("a readable message");
        let headers = message
            .headers()
            .map(|hs| {
                hs.iter()
                    .map(|h| {
                        (
                            h.key.to_string(),
                            String::from_utf8_lossy(h.value.unwrap_or_default()).to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let body: Value =
            serde_json::from_slice(message.payload().unwrap_or_default()).expect("JSON body");
        seen.push((headers, body));
    }
    seen
}

/// The whole pipeline for identity: issuer, relay, projection worker and gateway.
pub struct TestApp {
    pub env: TestEnv,
    pub address: SocketAddr,
    /// The identity service's own address, when it runs apart from the gateway.
    pub service_address: Option<SocketAddr>,
    pub issuer: DevIssuer,
    pub client: reqwest::Client,
    shutdown: CancellationToken,
    tasks: Tasks,
}

/// Where identity is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topology {
    /// Inside the gateway's process, as `constructos up` runs it.
    InProcess,
    /// By the identity service (`constructos serve identity`) that the gateway calls over HTTP.
    Split,
}

/// Identity alone: what tests of accounts, contacts, leads, tokens and the edge run.
pub const IDENTITY: &[Domain] = &[Domain::Identity];

/// Identity and orders: projects and who is assigned to them.
pub const IDENTITY_ORDERS: &[Domain] = &[Domain::Identity, Domain::Orders];

/// Identity and HR: employee records and the users linked to them.
pub const IDENTITY_HR: &[Domain] = &[Domain::Identity, Domain::Hr];

/// What finance's documents name: identity's accounts, orders' projects, and finance.
pub const FINANCE: &[Domain] = &[Domain::Identity, Domain::Orders, Domain::Finance];

/// Every built domain.
fn all_domains() -> Vec<Domain> {
    MODULES.iter().map(|module| module.domain).collect()
}

/// Starts the pipeline of every domain, in process, on a fresh environment.
pub async fn spawn_app() -> TestApp {
    spawn_app_as(Topology::InProcess).await
}

/// Starts only the relays, workers (and, split, services) of `domains`: the gateway
/// still answers every domain, but only these domains' read models follow their events.
pub async fn spawn_domains(domains: &[Domain]) -> TestApp {
    start(Topology::InProcess, domains, |_| {}).await
}

/// [`spawn_domains`] with `configure` applied to the test's configuration first.
pub async fn spawn_domains_with(
    domains: &[Domain],
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    start(Topology::InProcess, domains, configure).await
}

/// Starts the pipeline of every domain in the given topology on a fresh environment.
pub async fn spawn_app_as(topology: Topology) -> TestApp {
    start(topology, &all_domains(), |_| {}).await
}

/// Starts the pipeline in process, with `configure` applied to the test's configuration
/// before the gateway is built (e.g. tiny rate limits, development mode off).
pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    start(Topology::InProcess, &all_domains(), configure).await
}

async fn start(
    topology: Topology,
    domains: &[Domain],
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    let mut env = TestEnv::new().await;
    configure(&mut env.config);
    let shutdown = CancellationToken::new();
    let mut tasks = Tasks::new();
    // Bind the issuer first: its URL is the `iss` its tokens carry.
    let listener = stack::bind(env.config.dev_issuer_addr)
        .await
        .expect("bind issuer");
    let issuer_url = format!("http://{}", listener.local_addr().expect("issuer address"));
    env.config.dev_issuer_addr = listener.local_addr().expect("issuer address");
    env.config.auth.issuers = vec![issuer_url.clone()];
    env.config.auth.keys =
        KeySource::Discovery(format!("{issuer_url}/.well-known/openid-configuration"));
    let issuer = stack::dev_issuer(&env.config).expect("dev issuer");
    stack::serve_on(&mut tasks, listener, issuer.router(), &shutdown).expect("serve issuer");
    let running: Vec<_> = domains
        .iter()
        .map(|&domain| {
            let module = modules::module(domain).expect("a built domain");
            (module, env.pool(domain))
        })
        .collect();
    for (module, pool) in &running {
        stack::spawn_relay(
            &mut tasks,
            &env.config,
            module.domain,
            pool.clone(),
            &shutdown,
        )
        .expect("relay");
        // A subscription to a domain that does not run here would wait for nothing.
        stack::spawn_projection_reading(
            &mut tasks,
            &env.config,
            module,
            pool.clone(),
            domains,
            &shutdown,
        )
        .expect("projection");
    }
    let (service_address, gateway_pools) = match topology {
        Topology::InProcess => (None, env.pools.clone()),
        Topology::Split => {
            let mut identity = None;
            let mut local = env.pools.clone();
            for (module, pool) in &running {
                let domain = module.domain;
                local.remove(&domain);
                let router = stack::service_router(&env.config, module, pool.clone());
                let addr = stack::serve(
                    &mut tasks,
                    "127.0.0.1:0".parse().expect("address"),
                    router,
                    &shutdown,
                )
                .await
                .expect("domain service");
                env.config
                    .service_urls
                    .insert(domain, format!("http://{addr}"));
                if domain == Domain::Identity {
                    identity = Some(addr);
                }
            }
            (identity, local)
        }
    };
    let address = stack::spawn_gateway(&mut tasks, &env.config, gateway_pools, &shutdown)
        .await
        .expect("gateway");
    TestApp {
        env,
        address,
        service_address,
        issuer,
        client: reqwest::Client::new(),
        shutdown,
        tasks,
    }
}

/// A GraphQL response.
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Response {
    /// The `code` extension of the first error, if any.
    pub fn error_code(&self) -> Option<&str> {
        self.body["errors"][0]["extensions"]["code"].as_str()
    }

    /// `data`, failing the test on any error.
    pub fn data(&self) -> &Value {
        assert!(
            self.body.get("errors").is_none(),
            "unexpected errors: {}",
            self.body
        );
        &self.body["data"]
    }
}

impl TestApp {
    /// A valid token for `subject` with `roles`.
    pub fn token(&self, subject: &str, roles: &[&str]) -> String {
        self.issuer
            .mint(&TokenRequest {
                subject: subject.to_string(),
                name: None,
                roles: roles.iter().map(|r| r.to_string()).collect(),
                ttl: Duration::from_secs(600),
            })
            .expect("token")
    }

    /// `POST /graphql` with an optional bearer token and request id.
    pub async fn graphql_with(
        &self,
        token: Option<&str>,
        request_id: Option<&str>,
        query: &str,
        variables: Value,
    ) -> Response {
        let mut request = self
            .client
            .post(format!("http://{}/graphql", self.address))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(id) = request_id {
            request = request.header("x-request-id", id);
        }
        let response = request.send().await.expect("gateway answered");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.json().await.expect("JSON response");
        Response {
            status,
            headers,
            body,
        }
    }

    /// `POST /graphql` with a token.
    pub async fn graphql(&self, token: &str, query: &str, variables: Value) -> Response {
        self.graphql_with(Some(token), None, query, variables).await
    }

    /// Waits until a domain knows another domain's object `id`: its row in the copy
    /// `read_model.<copy>` of the database `pool` (identity's `known_employees` and
    /// `known_projects`, orders' `known_accounts`), kept from the owner's events.
    /// References are checked against these copies, so a test that refers to an object
    /// it has just created waits here first.
    pub async fn until_known(&self, pool: &PgPool, copy: &str, id: &str) {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM read_model.{copy} WHERE id = $1)");
        eventually(&format!("{id} in read_model.{copy}"), || async {
            let known: bool = sqlx::query_scalar(&sql)
                .bind(id)
                .fetch_one(pool)
                .await
                .expect("the copy is readable");
            known.then_some(())
        })
        .await
    }

    /// How many events the event store of `pool` holds for the aggregate `id`: what a
    /// refused command must leave unchanged.
    pub async fn events_of(&self, pool: &PgPool, id: &str) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_id = $1")
            .bind(id)
            .fetch_one(pool)
            .await
            .expect("the event store is readable")
    }

    /// How many events of `event_type` the event store of `pool` holds.
    pub async fn events_of_type(&self, pool: &PgPool, event_type: &str) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM events WHERE event_type = $1")
            .bind(event_type)
            .fetch_one(pool)
            .await
            .expect("the event store is readable")
    }

    /// Runs the `constructos` binary against this test's databases. Awaited, not run
    /// blocking: the app's tasks share the test's runtime, and a worker stalled
    /// mid-transaction would hold back a command that waits for open transactions
    /// (`anchor-ledger` does).
    pub async fn constructos(&self, args: &[&str]) -> std::process::Output {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_constructos"))
            .args(args)
            .env("CONSTRUCTOS_DB_PREFIX", &self.env.config.db_prefix)
            .output()
            .await
            .expect("constructos runs")
    }

    /// Stops everything and drops the test's databases.
    pub async fn stop(mut self) {
        self.shutdown.cancel();
        while let Some(done) = self.tasks.join_next().await {
            done.expect("task did not panic")
                .expect("task ended cleanly");
        }
        self.env.drop_databases().await;
    }
}

/// Polls `check` until it returns `Some`, or fails the test after [`EVENTUALLY`].
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + EVENTUALLY;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The facts a test names: accounts and projects created through the gateway, as a
/// user would, and waited for until finance's own copy (kept from identity's and
/// orders' topics) knows them — finance refuses documents that name anything else.
impl TestApp {
    /// Creates an identity account (`CUSTOMER`, `VENDOR`, `SUBCONTRACTOR`) through the
    /// gateway as an administrator and waits until finance knows it; returns its id.
    pub async fn account_known_to_finance(
        &self,
        kind: &str,
        name: &str,
        vat_number: Option<&str>,
    ) -> String {
        let admin = self.token("harness-admin", &["Admin"]);
        let r = self
            .graphql(
                &admin,
                "mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }",
                json!({ "input": { "kind": kind, "name": name, "vatNumber": vat_number } }),
            )
            .await;
        let id = r.data()["createAccount"]["id"]
            .as_str()
            .expect("account id")
            .to_string();
        self.finance_knows("known_accounts", &id).await;
        id
    }

    /// Gives the account an address of `address_type` (`BILLING`, `PHYSICAL`,
    /// `POSTAL`) through the gateway and waits until finance's copy shows it.
    pub async fn account_address_known_to_finance(
        &self,
        id: &str,
        address_type: &str,
        lines: &[&str],
        city: &str,
        postal_code: &str,
    ) {
        let admin = self.token("harness-admin", &["Admin"]);
        let r = self
            .graphql(
                &admin,
                "mutation($id: ID!, $t: AddressType!, $a: AddressInput!) { changeAccountAddress(id: $id, type: $t, address: $a) { id } }",
                json!({ "id": id, "t": address_type, "a": {
                    "lines": lines, "city": city, "province": "KWAZULU_NATAL", "postalCode": postal_code } }),
            )
            .await;
        r.data();
        eventually("finance knows the account's address", || async {
            let known: bool = sqlx::query_scalar(
                "SELECT addresses ? $2 FROM read_model.known_accounts WHERE id = $1",
            )
            .bind(id)
            .bind(address_type)
            .fetch_optional(&self.env.finance)
            .await
            .expect("finance's copy")
            .unwrap_or(false);
            known.then_some(())
        })
        .await;
    }

    /// Creates an orders project through the gateway as an administrator and waits
    /// until finance knows it; returns its id.
    pub async fn project_known_to_finance(&self, code: &str, site_id: &str) -> String {
        let admin = self.token("harness-admin", &["Admin"]);
        let r = self
            .graphql(
                &admin,
                "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
                json!({ "input": { "code": code, "name": format!("Project {code}"),
                                   "siteId": site_id, "siteName": format!("Site {site_id}") } }),
            )
            .await;
        let id = r.data()["createProject"]["id"]
            .as_str()
            .expect("project id")
            .to_string();
        self.finance_knows("known_projects", &id).await;
        id
    }

    async fn finance_knows(&self, table: &str, id: &str) {
        eventually(&format!("finance's {table} knows {id}"), || async {
            let known: bool = sqlx::query_scalar(&format!(
                "SELECT EXISTS (SELECT 1 FROM read_model.{table} WHERE id = $1)"
            ))
            .bind(id)
            .fetch_one(&self.env.finance)
            .await
            .expect("finance's copy");
            known.then_some(())
        })
        .await;
    }
}

/// One event of another domain, as its topic would deliver it to finance's copy.
fn foreign_event(
    domain: &str,
    aggregate_type: &str,
    id: &str,
    event_type: &str,
    data: Value,
) -> constructos_infra::cloudevents::CloudEvent {
    constructos_infra::cloudevents::CloudEvent::from_stored(
        domain,
        constructos_infra::cloudevents::StoredEvent {
            event_id: Uuid::new_v4(),
            aggregate_type: aggregate_type.to_string(),
            aggregate_id: id.to_string(),
            sequence: 1,
            event_type: event_type.to_string(),
            event_version: "1".to_string(),
            payload: json!({ event_type: data }),
            metadata: json!({ "subject": "test" }),
            recorded_at: chrono::Utc::now(),
        },
    )
}

impl TestApp {
    /// Tells finance's copy of identity's accounts about the account `id` with an
    /// `AccountCreated` applied by finance's own projection (as identity's topic would
    /// deliver it), for tests that need a fixed id.
    pub async fn account_event_known_to_finance(
        &self,
        id: &str,
        kind: &str,
        name: &str,
        vat_number: Option<&str>,
    ) {
        let event = foreign_event(
            "identity",
            "identity.account",
            id,
            "AccountCreated",
            json!({ "kind": kind, "name": name, "registration_number": null, "vat_number": vat_number }),
        );
        constructos_projections::apply_message(
            &self.env.finance,
            &constructos_projections::finance::IdentityFactsProjection,
            &serde_json::to_vec(&event).expect("json"),
        )
        .await
        .expect("finance learns of the account");
    }

    /// Tells finance's copy of orders' projects about the project `id` with a
    /// `ProjectCreated` (as orders' topic would deliver it), for tests that need a
    /// fixed id.
    pub async fn project_event_known_to_finance(&self, id: &str, code: &str, site_id: &str) {
        let event = foreign_event(
            "orders",
            "orders.project",
            id,
            "ProjectCreated",
            json!({ "code": code, "name": format!("Project {code}"), "customer_account_id": null,
                    "site_id": site_id, "site_name": site_id, "starts_on": null }),
        );
        constructos_projections::apply_message(
            &self.env.finance,
            &constructos_projections::finance::ProjectFactsProjection,
            &serde_json::to_vec(&event).expect("json"),
        )
        .await
        .expect("finance learns of the project");
    }
}

/// Sends `request`; the body is JSON when it parses, `Null` otherwise.
pub async fn send(request: reqwest::RequestBuilder) -> Response {
    let response = request.send().await.expect("gateway answered");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.expect("body");
    Response {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

impl TestApp {
    /// The caller's user id, provisioning the user on the way (`me` does).
    pub async fn user_id(&self, token: &str) -> String {
        let r = self.graphql(token, "{ me { objectId } }", json!({})).await;
        r.data()["me"]["objectId"]
            .as_str()
            .expect("oid")
            .to_string()
    }

    /// Assigns the holder of `token` to `project` (as `admin`; only to it), and waits
    /// until orders shows them the project: the row-level scope their reads and writes
    /// are checked against. Whoever opened the project may be assigned to it already.
    pub async fn assign_to_project(&self, admin: &str, token: &str, project: &str) {
        self.until_known(&self.env.identity, "known_projects", project)
            .await;
        let user = self.user_id(token).await;
        let r = self
            .graphql(
                admin,
                "mutation($id: ID!, $p: [String!]!) { assignUser(id: $id, projects: $p, sites: []) { id } }",
                json!({ "id": user, "p": [project] }),
            )
            .await;
        // The project's opener is assigned to it already (identity.project_openers).
        if r.body["errors"][0]["message"] != "nothing to change" {
            r.data();
        }
        eventually("the assignment reaches orders", || async {
            let r = self
                .graphql(
                    token,
                    "query($id: ID!) { project(id: $id) { id } }",
                    json!({ "id": project }),
                )
                .await;
            (!r.data()["project"].is_null()).then_some(())
        })
        .await;
    }
}
