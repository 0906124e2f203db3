//! The `stock_check` section: the latency of the blueprint's one synchronous call, a
//! quote's "is this quantity available here?", with inventory as its own
//! `constructos serve inventory` process on loopback — the HTTP path a separately
//! deployed sales service takes (the caller's token validated again by inventory) —
//! beside the same call in process. Sequential calls, one at a time, after a warm-up.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::Context;
use constructos::stack::{self, Tasks};
use constructos_commands::inventory::{
    DefineProductInput, InventoryCommands, OpenLocationInput, ProductDetailsInput,
    ReceiveStockInput,
};
use constructos_domain::access::Role;
use constructos_domain::finance::VatTreatment;
use constructos_domain::inventory::{LocationKind, ProductCategory};
use constructos_infra::auth::TokenRequest;
use constructos_infra::{db, Domain};
use constructos_services::inventory::{CheckStock, InventoryClient, InventoryService};
use constructos_services::Call;
use rust_decimal::Decimal;
use tokio::process::{Child, Command};
use tokio_util::sync::CancellationToken;

use crate::idle::{constructos_binary, free_port, stop};
use crate::report::{quantile, Row, Section};
use crate::{caller, Bench};

/// Calls measured per path.
const CALLS: usize = 3_000;
/// Calls made first and not counted.
const WARM_UP: usize = 200;

/// Runs the section.
pub async fn run(bench: &Bench) -> anyhow::Result<Section> {
    let mut config = bench.config.clone();
    config.dev_mode = true;
    config.db_prefix = format!("{}_stock", bench.config.db_prefix);
    config.data_dir = std::env::temp_dir().join(format!("{}-stock", config.db_prefix));
    std::fs::create_dir_all(&config.data_dir).context("Failed to make a data directory")?;
    // The development issuer in this process; the inventory service trusts it.
    let shutdown = CancellationToken::new();
    let mut tasks = Tasks::new();
    let listener = stack::bind("127.0.0.1:0".parse()?).await?;
    let issuer_addr = listener.local_addr()?;
    config.dev_issuer_addr = issuer_addr;
    let issuer = stack::dev_issuer(&config)?;
    stack::serve_on(&mut tasks, listener, issuer.router(), &shutdown)?;
    let service_port = free_port().await?;
    let binary = constructos_binary().await?;
    let mut child = start(&config, &binary, issuer_addr, service_port).await?;
    let measured = measure(&config, &issuer, service_port, &mut child).await;
    stop(&mut child).await;
    shutdown.cancel();
    let (mut remote, mut local) = measured?;
    let (p50, p99) = (quantile(&mut remote, 0.5), quantile(&mut remote, 0.99));
    let (local_p50, local_p99) = (quantile(&mut local, 0.5), quantile(&mut local, 0.99));
    let mut section = Section::default();
    section
        .row(Row::info(
            "stock check: sales → inventory over HTTP (serve inventory)",
            format!("p50 {p50:.2} ms, p99 {p99:.2} ms over {CALLS} calls"),
        ))
        .row(Row::info(
            "stock check: in process",
            format!("p50 {local_p50:.3} ms, p99 {local_p99:.3} ms over {CALLS} calls"),
        ))
        .set("stock_check_ms.p50", round(p50))
        .set("stock_check_ms.p99", round(p99))
        .set("stock_check_ms.in_process_p50", round(local_p50))
        .set("stock_check_ms.in_process_p99", round(local_p99))
        .set("stock_check_ms.calls", CALLS as u64);
    Ok(section)
}

fn round(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// Starts `constructos serve inventory` over the section's databases, trusting the
/// issuer at `issuer`; its output goes to `serve.log` in the data directory.
async fn start(
    config: &constructos_infra::Config,
    binary: &Path,
    issuer: std::net::SocketAddr,
    port: u16,
) -> anyhow::Result<Child> {
    let log = std::fs::File::create(config.data_dir.join("serve.log"))
        .context("Failed to open serve.log")?;
    Command::new(binary)
        .args(["serve", "inventory"])
        .env("CONSTRUCTOS_DB_PREFIX", &config.db_prefix)
        .env(
            "CONSTRUCTOS_TOPIC_NAMESPACE",
            format!("{}.", config.db_prefix),
        )
        .env("CONSTRUCTOS_KAFKA_BROKERS", &config.kafka_brokers)
        .env("CONSTRUCTOS_SERVICE_ADDR", format!("127.0.0.1:{port}"))
        .env("CONSTRUCTOS_DEV_ISSUER_ADDR", issuer.to_string())
        .env("CONSTRUCTOS_DATA_DIR", &config.data_dir)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(log.try_clone().context("Failed to share serve.log")?)
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("Failed to start {} serve inventory", binary.display()))
}

/// Waits for the service, stocks one product, then times the calls both ways.
async fn measure(
    config: &constructos_infra::Config,
    issuer: &constructos_infra::auth::DevIssuer,
    port: u16,
    child: &mut Child,
) -> anyhow::Result<(Vec<f64>, Vec<f64>)> {
    let http = reqwest::Client::new();
    let ready = format!("http://127.0.0.1:{port}/readyz");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait()? {
            anyhow::bail!(
                "serve inventory exited ({status}); see serve.log in {}",
                config.data_dir.display()
            );
        }
        if matches!(http.get(&ready).send().await, Ok(r) if r.status().is_success()) {
            break;
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "serve inventory did not get ready in 120 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let pool = db::connect_url(&config.database_url_for(Domain::Inventory)?, 4).await?;
    let commands = InventoryCommands::new(pool.clone());
    let clerk = caller::context(Role::InventoryClerk, "bench-stock");
    let details = ProductDetailsInput {
        description: "Bench cement".into(),
        category: ProductCategory::Materials,
        unit: "bag".into(),
        conversions: vec![],
        standard_cost: Decimal::from(90),
        sell_price: Decimal::from(119),
        vat: VatTreatment::Standard,
        reorder_level: Decimal::ZERO,
        reorder_quantity: Decimal::ZERO,
        preferred_vendor_id: None,
    };
    commands
        .define_product(
            &clerk,
            DefineProductInput {
                sku: "BENCH-CEM".into(),
                details,
            },
        )
        .await?;
    let warehouse = OpenLocationInput {
        code: "WH-BENCH".into(),
        name: "Bench warehouse".into(),
        kind: LocationKind::Warehouse,
        project_id: None,
        allow_negative: false,
    };
    commands.open_location(&clerk, warehouse).await?;
    let receipt = ReceiveStockInput {
        product: "BENCH-CEM".into(),
        location: "WH-BENCH".into(),
        quantity: Decimal::from(1_000),
        unit_cost: Decimal::from(90),
        reference: "GRN-BENCH".into(),
        unit: None,
    };
    commands.receive(&clerk, receipt).await?;
    let token = issuer.mint(&TokenRequest {
        subject: "bench-rep".to_string(),
        name: None,
        roles: vec!["Sales_Rep".to_string()],
        ttl: Duration::from_secs(3_600),
    })?;
    let call = Call {
        context: caller::context(Role::SalesRep, "bench-stock-check"),
        token,
    };
    let ask = || CheckStock {
        product: "BENCH-CEM".into(),
        location: "WH-BENCH".into(),
        quantity: Decimal::from(40),
        by: chrono::Utc::now().date_naive(),
    };
    // The service's projection has the receipt once a check sees it.
    let remote = InventoryClient::remote(&format!("http://127.0.0.1:{port}"));
    let seen = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(answer) = remote.call(&call, ask()).await {
            if answer.availability.available == Decimal::from(1_000) {
                break;
            }
        }
        anyhow::ensure!(
            Instant::now() < seen,
            "the receipt did not reach inventory's read model"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let local = InventoryClient::local(InventoryService::new(pool));
    Ok((
        time(&remote, &call, &ask).await?,
        time(&local, &call, &ask).await?,
    ))
}

/// Milliseconds of each of [`CALLS`] calls after [`WARM_UP`].
async fn time(
    client: &InventoryClient,
    call: &Call,
    ask: &impl Fn() -> CheckStock,
) -> anyhow::Result<Vec<f64>> {
    let mut times = Vec::with_capacity(CALLS);
    for n in 0..WARM_UP + CALLS {
        let started = Instant::now();
        let answer = client.call(call, ask()).await?;
        let elapsed = started.elapsed().as_secs_f64() * 1_000.0;
        anyhow::ensure!(
            answer.availability.available > Decimal::ZERO,
            "no stock seen"
        );
        if n >= WARM_UP {
            times.push(elapsed);
        }
    }
    Ok(times)
}
