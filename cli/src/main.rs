//! `constructos`: one binary that runs any part of ConstructOS.

use anyhow::Context;
use clap::{Parser, Subcommand};
use constructos::modules::{self, MODULES};
use constructos::{seed, stack, ttl};
use constructos_infra::auth::TokenRequest;
use constructos_infra::{telemetry, Config, Domain};
use tokio_util::sync::CancellationToken;

/// mimalloc instead of glibc's malloc: the rebuild and the command path allocate a lot
/// of short-lived JSON, and glibc's free lists showed up in their profiles.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let mut config = Config::from_env()?;
    // Finance's tax invoices show the configured company (demo data only in development
    // mode); a process that runs finance does not start without it.
    let runs_finance = match &cli.command {
        Command::Up { .. } | Command::Seed => true,
        Command::Serve { domain } | Command::Project { domain } => *domain == Domain::Finance,
        Command::Gateway => config.service_url(Domain::Finance).is_none(),
        _ => false,
    };
    stack::settle_company(&mut config, runs_finance)?;
    // The business calendar is a process-wide setting, fixed before any command runs.
    config.business_dates.install();
    let shutdown = CancellationToken::new();
    let mut tasks = stack::Tasks::new();
    match cli.command {
        Command::Up { no_seed } => {
            let pools = stack::migrate(&config, MODULES).await?;
            stack::create_all_topics(&config).await?;
            let issuer = stack::dev_issuer(&config)?;
            let issuer_addr = stack::serve(
                &mut tasks,
                config.dev_issuer_addr,
                issuer.router(),
                &shutdown,
            )
            .await?;
            for module in MODULES {
                let pool = pool_of(&pools, module.domain)?;
                stack::spawn_relay(&mut tasks, &config, module.domain, pool.clone(), &shutdown)?;
                stack::spawn_projection(&mut tasks, &config, module, pool, &shutdown)?;
            }
            if !no_seed {
                // The relays and projection workers run already: orders learns the demo
                // customer from identity's events before the project names it.
                seed::seed_all(&config, &pools, Some(std::time::Duration::from_secs(30))).await?;
            }
            let gateway = stack::spawn_gateway(&mut tasks, &config, pools, &shutdown).await?;
            tracing::info!(gateway = %format!("http://{gateway}/graphql"), issuer = %format!("http://{issuer_addr}"), "ConstructOS is up");
            stack::run_until_stopped(tasks, shutdown).await
        }
        Command::Serve { domain } => {
            let module = modules::module(domain)?;
            let pool = pool_of(&stack::migrate(&config, &[module]).await?, domain)?;
            // Projections may read other domains' topics (orders reads identity's).
            stack::create_all_topics(&config).await?;
            stack::spawn_relay(&mut tasks, &config, domain, pool.clone(), &shutdown)?;
            stack::spawn_projection(&mut tasks, &config, module, pool.clone(), &shutdown)?;
            let router = stack::service_router(&config, module, pool);
            let addr = stack::serve(&mut tasks, config.service_addr, router, &shutdown).await?;
            tracing::info!(%domain, health = %format!("http://{addr}/readyz"), "domain service up");
            stack::run_until_stopped(tasks, shutdown).await
        }
        Command::Project { domain } => {
            let module = modules::module(domain)?;
            let pool = pool_of(&stack::migrate(&config, &[module]).await?, domain)?;
            stack::create_all_topics(&config).await?;
            stack::spawn_projection(&mut tasks, &config, module, pool, &shutdown)?;
            stack::run_until_stopped(tasks, shutdown).await
        }
        Command::Relay { domains } => {
            let modules = modules::modules(&domains)?;
            let domains: Vec<Domain> = modules.iter().map(|m| m.domain).collect();
            stack::create_topics(&config, &domains).await?;
            for (domain, pool) in stack::migrate(&config, &modules).await? {
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
            stack::migrate(&config, MODULES).await?;
            if !no_topics {
                stack::create_all_topics(&config).await?;
            }
            println!("migrated {} databases", MODULES.len());
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
            let pools = stack::migrate(&config, MODULES).await?;
            let seeded = seed::seed_all(&config, &pools, None).await?;
            println!("{seeded}");
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
                Some(at) => {
                    vec![constructos_services::finance::anchoring::anchor_at(&pool, at).await?]
                }
                None => {
                    constructos_services::finance::anchoring::anchor_through(&pool, through).await?
                }
            };
            if outcomes.is_empty() {
                println!("nothing to anchor: no finance day has ended since the last anchor");
            }
            for outcome in &outcomes {
                println!(
                    "{}",
                    constructos_services::finance::anchoring::describe(outcome)
                );
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

/// The pool of `domain` among those a command prepared.
fn pool_of(pools: &stack::Pools, domain: Domain) -> anyhow::Result<sqlx::PgPool> {
    pools
        .get(&domain)
        .cloned()
        .with_context(|| format!("the {domain} database was not prepared"))
}
