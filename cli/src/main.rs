//! `constructos`: one binary that runs any part of ConstructOS.

use anyhow::Context;
use clap::{Parser, Subcommand};
use constructos::{seed, stack, ttl};
use constructos_infra::auth::TokenRequest;
use constructos_infra::{telemetry, Config, Domain};
use tokio_util::sync::CancellationToken;

#[derive(Parser)]
#[command(
    name = "constructos",
    version,
    about = "ConstructOS: the business system of a construction company"
)]
struct Cli {
    /// Log as JSON lines (for production log shippers).
    #[arg(long, global = true, env = "CONSTRUCTOS_LOG_JSON")]
    log_json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Everything in one process for a laptop: migrate, create topics, serve the
    /// development issuer, run every relay and projection, seed demo data, serve the gateway.
    #[command(alias = "dev")]
    Up {
        /// Do not seed demo data.
        #[arg(long)]
        no_seed: bool,
    },
    /// One domain as its own service on CONSTRUCTOS_SERVICE_ADDR: its database, its API
    /// (`POST /v1/identity` for identity), relay, projection worker and health checks.
    Serve { domain: Domain },
    /// Only a domain's projection worker.
    Project { domain: Domain },
    /// Only the relays of the given domains (all when none are given).
    Relay { domains: Vec<Domain> },
    /// Only the GraphQL gateway. Identity is answered in its process, or by the identity
    /// service at CONSTRUCTOS_IDENTITY_URL when that is set.
    Gateway,
    /// Create and migrate the eight domain databases and create the topics.
    Migrate {
        /// Skip creating the Kafka topics.
        #[arg(long)]
        no_topics: bool,
    },
    /// Serve only the development issuer's JWKS.
    DevIssuer,
    /// Print a development token signed by the local issuer.
    DevToken {
        /// The subject (`sub`).
        #[arg(long, default_value = "dev")]
        sub: String,
        /// Comma-separated app roles, e.g. Finance_User,Site_Manager.
        #[arg(long, value_delimiter = ',', default_value = "Admin")]
        roles: Vec<String>,
        /// Display name (`name`); defaults to the subject.
        #[arg(long)]
        name: Option<String>,
        /// Lifetime, e.g. 90s, 15m, 1h, 7d.
        #[arg(long, default_value = "1h", value_parser = ttl::parse)]
        ttl: std::time::Duration,
    },
    /// Seed demo data into the identity domain (skipped when accounts exist) and the
    /// default chart of accounts into finance (accounts that exist are left alone).
    Seed,
    /// Recompute every finance hash chain; name the first broken link and exit non-zero.
    VerifyLedger,
    /// Anchor the finance ledger: a digest over every stream's head, chained to the
    /// previous anchor. Anchors each completed UTC day not yet anchored, up to and
    /// including --through (default yesterday), or the ledger as at --at.
    AnchorLedger {
        /// The last day to anchor (UTC), a day that is over.
        #[arg(long, conflicts_with = "at")]
        through: Option<chrono::NaiveDate>,
        /// Anchor the ledger as at this instant (RFC 3339) instead of at midnights.
        #[arg(long)]
        at: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Rebuild a domain's read models into a fresh database from its event store alone
    /// and print what they say (finance: the trial balance as at --until).
    Replay {
        domain: Domain,
        /// Only events recorded up to the end of this date (UTC).
        #[arg(long)]
        until: Option<chrono::NaiveDate>,
    },
    /// Print the GraphQL schema (SDL).
    PrintSchema,
    /// Print the role × permission matrix and the guarded fields (docs/rbac.md).
    PrintRbac,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init(cli.log_json);
    let config = Config::from_env()?;
    // The business calendar is a process-wide setting, fixed before any command runs.
    config.business_dates.install();
    let shutdown = CancellationToken::new();
    let mut tasks = stack::Tasks::new();
    match cli.command {
        Command::Up { no_seed } => {
            let pools = stack::migrate(&config, &Domain::ALL).await?;
            stack::create_topics(&config, &Domain::ALL).await?;
            let issuer = stack::dev_issuer(&config)?;
            let issuer_addr = stack::serve(
                &mut tasks,
                config.dev_issuer_addr,
                issuer.router(),
                &shutdown,
            )
            .await?;
            let mut gateway_pools = stack::GatewayPools::default();
            for (domain, pool) in pools {
                stack::spawn_relay(&mut tasks, &config, domain, pool.clone(), &shutdown)?;
                stack::spawn_projection(&mut tasks, &config, domain, pool.clone(), &shutdown)?;
                match domain {
                    Domain::Identity => gateway_pools.identity = Some(pool),
                    Domain::Orders => gateway_pools.orders = Some(pool),
                    Domain::Hr => gateway_pools.hr = Some(pool),
                    Domain::Finance => gateway_pools.finance = Some(pool),
                    _ => {}
                }
            }
            let identity = gateway_pools
                .identity
                .clone()
                .context("the identity database was not prepared")?;
            if !no_seed {
                let seeded = seed::seed(&identity).await?;
                tracing::info!(accounts = seeded, "demo data seeded");
                let orders = gateway_pools
                    .orders
                    .clone()
                    .context("the orders database was not prepared")?;
                // The relays and projection workers run already: orders learns the demo
                // customer from identity's events before the project names it.
                let project =
                    seed::seed_project(&identity, &orders, std::time::Duration::from_secs(30))
                        .await?;
                tracing::info!(project = ?project, "demo project seeded");
                let finance = gateway_pools
                    .finance
                    .clone()
                    .context("the finance database was not prepared")?;
                let opened = seed::seed_chart(&finance, stack::calendar(&config)).await?;
                tracing::info!(ledger_accounts = opened, "chart of accounts seeded");
                let orders = gateway_pools
                    .orders
                    .clone()
                    .context("the orders database was not prepared")?;
                let today = chrono::Utc::now().date_naive();
                let documents = seed::seed_finance(
                    &identity,
                    &orders,
                    &finance,
                    stack::calendar(&config),
                    today,
                )
                .await?;
                tracing::info!(documents, "demo invoices, bills and payments seeded");
            }
            let gateway =
                stack::spawn_gateway(&mut tasks, &config, gateway_pools, &shutdown).await?;
            tracing::info!(gateway = %format!("http://{gateway}/graphql"), issuer = %format!("http://{issuer_addr}"), "ConstructOS is up");
            stack::run_until_stopped(tasks, shutdown).await
        }
        Command::Serve { domain } => {
            let pool = stack::migrate(&config, &[domain]).await?.remove(0).1;
            // Projections may read other domains' topics (orders reads identity's).
            stack::create_topics(&config, &Domain::ALL).await?;
            stack::spawn_relay(&mut tasks, &config, domain, pool.clone(), &shutdown)?;
            stack::spawn_projection(&mut tasks, &config, domain, pool.clone(), &shutdown)?;
            let router = stack::service_router(&config, domain, pool);
            let addr = stack::serve(&mut tasks, config.service_addr, router, &shutdown).await?;
            tracing::info!(%domain, health = %format!("http://{addr}/readyz"), "domain service up");
            stack::run_until_stopped(tasks, shutdown).await
        }
        Command::Project { domain } => {
            let pool = stack::migrate(&config, &[domain]).await?.remove(0).1;
            stack::create_topics(&config, &Domain::ALL).await?;
            stack::spawn_projection(&mut tasks, &config, domain, pool, &shutdown)?;
            stack::run_until_stopped(tasks, shutdown).await
        }
        Command::Relay { domains } => {
            let domains = if domains.is_empty() {
                Domain::ALL.to_vec()
            } else {
                domains
            };
            stack::create_topics(&config, &domains).await?;
            for (domain, pool) in stack::migrate(&config, &domains).await? {
                stack::spawn_relay(&mut tasks, &config, domain, pool, &shutdown)?;
            }
            stack::run_until_stopped(tasks, shutdown).await
        }
        Command::Gateway => {
            let pools = stack::gateway_pools(&config).await?;
            let addr = stack::spawn_gateway(&mut tasks, &config, pools, &shutdown).await?;
            tracing::info!(gateway = %format!("http://{addr}/graphql"), "gateway up");
            stack::run_until_stopped(tasks, shutdown).await
        }
        Command::Migrate { no_topics } => {
            stack::migrate(&config, &Domain::ALL).await?;
            if !no_topics {
                stack::create_topics(&config, &Domain::ALL).await?;
            }
            println!("migrated {} databases", Domain::ALL.len());
            Ok(())
        }
        Command::DevIssuer => {
            let issuer = stack::dev_issuer(&config)?;
            let addr = stack::serve(
                &mut tasks,
                config.dev_issuer_addr,
                issuer.router(),
                &shutdown,
            )
            .await?;
            tracing::info!(jwks = %format!("http://{addr}/.well-known/jwks.json"), "development issuer up");
            stack::run_until_stopped(tasks, shutdown).await
        }
        Command::DevToken {
            sub,
            roles,
            name,
            ttl,
        } => {
            let issuer = stack::dev_issuer(&config)?;
            let roles = roles
                .into_iter()
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect();
            let token = issuer.mint(&TokenRequest {
                subject: sub,
                name,
                roles,
                ttl,
            })?;
            println!("{token}");
            Ok(())
        }
        Command::Seed => {
            let pool = stack::migrate(&config, &[Domain::Identity])
                .await?
                .remove(0)
                .1;
            let seeded = seed::seed(&pool).await?;
            println!("seeded {seeded} accounts");
            let finance = stack::migrate(&config, &[Domain::Finance])
                .await?
                .remove(0)
                .1;
            let opened = seed::seed_chart(&finance, stack::calendar(&config)).await?;
            println!("opened {opened} ledger accounts");
            let orders = stack::migrate(&config, &[Domain::Orders])
                .await?
                .remove(0)
                .1;
            let today = chrono::Utc::now().date_naive();
            let documents =
                seed::seed_finance(&pool, &orders, &finance, stack::calendar(&config), today)
                    .await?;
            println!("seeded {documents} invoices and bills");
            Ok(())
        }
        Command::VerifyLedger => {
            let pool = constructos_infra::db::connect(&config, Domain::Finance).await?;
            let verification = constructos_commands::finance::verify_ledger(&pool).await?;
            if let Some(link) = &verification.broken {
                eprintln!("ledger BROKEN at {link}");
            }
            if let Some(anchor) = &verification.broken_anchor {
                eprintln!("ledger anchor BROKEN at {anchor}");
            }
            if !verification.intact() {
                std::process::exit(2);
            }
            println!(
                "ledger verified: {} events in {} streams, every hash chain intact; {} anchors match",
                verification.events, verification.streams, verification.anchors
            );
            Ok(())
        }
        Command::AnchorLedger { through, at } => {
            let pool = constructos_infra::db::connect(&config, Domain::Finance).await?;
            let outcomes = match at {
                Some(at) => vec![constructos::anchoring::anchor_at(&pool, at).await?],
                None => constructos::anchoring::anchor_through(&pool, through).await?,
            };
            if outcomes.is_empty() {
                println!("nothing to anchor: no finance day has ended since the last anchor");
            }
            for outcome in &outcomes {
                println!("{}", constructos::anchoring::describe(outcome));
            }
            if matches!(
                outcomes.last(),
                Some(constructos_commands::finance::AnchorOutcome::NotYet { .. })
            ) {
                std::process::exit(3);
            }
            Ok(())
        }
        Command::Replay { domain, until } => {
            anyhow::ensure!(
                domain == Domain::Finance,
                "replay is built for finance so far, not {domain}"
            );
            let replayed = constructos::replay::replay_finance(&config, until).await?;
            print!("{}", constructos::replay::print(&replayed));
            Ok(())
        }
        Command::PrintSchema => {
            print!("{}", constructos_gateway::sdl());
            Ok(())
        }
        Command::PrintRbac => {
            print!("{}", constructos_gateway::rbac_markdown());
            Ok(())
        }
    }
}
