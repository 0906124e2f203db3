//! The `idle` section: the CPU an idle stack uses. `constructos up` of the same build
//! (the `constructos` binary beside this one, built first when cargo runs the bench)
//! starts with databases, topics, ports and a data directory of its own beside the
//! running broker: it migrates, seeds and runs every relay and projection worker. Once
//! it listens and has settled, the utime + stime (`/proc/<pid>/stat`) of the broker
//! (every `tansu` process) and of the stack are sampled over `--idle-seconds`. The
//! broker is shared, so its use before the stack started is sampled and shown too.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use tokio::net::{TcpListener, TcpStream};
use tokio::process::{Child, Command};
use tokio::time::Instant;

use crate::report::{Row, Section};
use crate::Bench;

/// The target, in percent of one core, broker and stack together.
const TARGET_PERCENT: f64 = 5.0;
/// How long the stack may take to migrate, seed and listen.
const START_TIMEOUT: Duration = Duration::from_secs(180);
/// How long after it listens before sampling: consumers join their groups and go idle.
const SETTLE: Duration = Duration::from_secs(10);
/// The broker's own use is sampled this long before the stack starts.
const BASELINE: Duration = Duration::from_secs(5);

/// Runs the section.
pub async fn run(bench: &Bench) -> anyhow::Result<Section> {
    let ticks = clock_ticks().await;
    let broker = broker_pids(&bench.config.kafka_brokers)?;
    anyhow::ensure!(
        !broker.is_empty(),
        "no tansu process found: start the broker (scripts/broker.sh start)"
    );
    let baseline = percent(&broker, BASELINE, ticks).await?;
    let binary = constructos_binary().await?;
    let data_dir = std::env::temp_dir().join(format!("{}-idle", bench.config.db_prefix));
    std::fs::create_dir_all(&data_dir).context("Failed to make the stack's data directory")?;
    let gateway = free_port().await?;
    let mut child = start(bench, &binary, &data_dir, gateway).await?;
    let sampled = sample(&mut child, &broker, gateway, bench.args.idle_seconds, ticks).await;
    stop(&mut child).await;
    let (broker_percent, stack_percent) = sampled?;
    let total = broker_percent + stack_percent;
    let mut section = Section::default();
    section
        .row(Row::info(
            "idle: broker before the stack started",
            format!("{baseline:.2}% of one core"),
        ))
        .row(Row::info(
            "idle: broker (tansu)",
            format!("{broker_percent:.2}% of one core"),
        ))
        .row(Row::info(
            "idle: constructos up",
            format!("{stack_percent:.2}% of one core"),
        ))
        .row(Row::target(
            "idle stack CPU (broker + constructos)",
            format!("{total:.2}% of one core over {}s", bench.args.idle_seconds),
            format!("< {TARGET_PERCENT:.0}%"),
            total < TARGET_PERCENT,
        ))
        .set("idle_cpu_percent_of_one_core", round(total))
        .set("idle_cpu.broker", round(broker_percent))
        .set("idle_cpu.constructos", round(stack_percent))
        .set("idle_cpu.broker_before_start", round(baseline))
        .set("idle_cpu.seconds", bench.args.idle_seconds);
    Ok(section)
}

fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Starts `constructos up` with its own databases, topics, ports and data directory;
/// its output goes to `up.log` there.
async fn start(
    bench: &Bench,
    binary: &Path,
    data_dir: &Path,
    gateway: u16,
) -> anyhow::Result<Child> {
    let prefix = format!("{}_idle", bench.config.db_prefix);
    let log = std::fs::File::create(data_dir.join("up.log")).context("Failed to open up.log")?;
    let child = Command::new(binary)
        .arg("up")
        .env("CONSTRUCTOS_DB_PREFIX", &prefix)
        .env("CONSTRUCTOS_TOPIC_NAMESPACE", format!("{prefix}."))
        .env("CONSTRUCTOS_KAFKA_BROKERS", &bench.config.kafka_brokers)
        .env("CONSTRUCTOS_GATEWAY_ADDR", format!("127.0.0.1:{gateway}"))
        .env(
            "CONSTRUCTOS_DEV_ISSUER_ADDR",
            format!("127.0.0.1:{}", free_port().await?),
        )
        .env(
            "CONSTRUCTOS_SERVICE_ADDR",
            format!("127.0.0.1:{}", free_port().await?),
        )
        .env("CONSTRUCTOS_DATA_DIR", data_dir)
        .stdin(Stdio::null())
        .stdout(log.try_clone().context("Failed to share up.log")?)
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("Failed to start {}", binary.display()))?;
    println!(
        "(started {} up, pid {}, log {})",
        binary.display(),
        child.id().unwrap_or_default(),
        data_dir.join("up.log").display()
    );
    Ok(child)
}

/// Waits until the stack listens and has settled, then samples broker and stack.
async fn sample(
    child: &mut Child,
    broker: &[u32],
    gateway: u16,
    seconds: u64,
    ticks: f64,
) -> anyhow::Result<(f64, f64)> {
    let pid = child.id().context("the stack exited at once")?;
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", gateway)).await.is_err() {
        if let Some(status) = child.try_wait()? {
            anyhow::bail!("constructos up exited ({status}) before it listened; see its up.log");
        }
        anyhow::ensure!(
            started.elapsed() < START_TIMEOUT,
            "constructos up did not listen within {}s",
            START_TIMEOUT.as_secs()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!(
        "(stack up after {:.1}s; settling {}s, then sampling {seconds}s)",
        started.elapsed().as_secs_f64(),
        SETTLE.as_secs()
    );
    tokio::time::sleep(SETTLE).await;
    let mut all = broker.to_vec();
    all.push(pid);
    let before: Vec<u64> = all.iter().map(|&p| cpu_ticks(p).unwrap_or(0)).collect();
    let clock = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds.max(1))).await;
    let elapsed = clock.elapsed().as_secs_f64();
    let after: Vec<u64> = all.iter().map(|&p| cpu_ticks(p).unwrap_or(0)).collect();
    if let Some(status) = child.try_wait()? {
        anyhow::bail!("constructos up exited ({status}) while sampled; see its up.log");
    }
    let used = |i: usize| after[i].saturating_sub(before[i]) as f64 / ticks / elapsed * 100.0;
    let broker_percent: f64 = (0..broker.len()).map(used).sum();
    Ok((broker_percent, used(broker.len())))
}

/// Stops the stack: SIGTERM, then SIGKILL after 15 s.
pub(crate) async fn stop(child: &mut Child) {
    if let Some(pid) = child.id() {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(pid.to_string())
            .status()
            .await;
        if tokio::time::timeout(Duration::from_secs(15), child.wait())
            .await
            .is_ok()
        {
            return;
        }
    }
    let _ = child.kill().await;
}

/// The percent of one core `pids` use together over `window`.
async fn percent(pids: &[u32], window: Duration, ticks: f64) -> anyhow::Result<f64> {
    let before: u64 = pids.iter().filter_map(|&p| cpu_ticks(p)).sum();
    let clock = Instant::now();
    tokio::time::sleep(window).await;
    let after: u64 = pids.iter().filter_map(|&p| cpu_ticks(p)).sum();
    Ok(after.saturating_sub(before) as f64 / ticks / clock.elapsed().as_secs_f64() * 100.0)
}

/// utime + stime of `pid`, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces; the fields after it do not.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of stat; the state (field 3) is the first after the name.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// Every process named `tansu` that listens on the port of `brokers` (its command line
/// names it; another engineer's broker on another port is not ours).
fn broker_pids(brokers: &str) -> anyhow::Result<Vec<u32>> {
    let port = brokers
        .split(',')
        .next()
        .and_then(|b| b.rsplit_once(':'))
        .map(|(_, port)| format!(":{port}"))
        .unwrap_or_else(|| ":9092".to_string());
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").context("Failed to list /proc")? {
        let Ok(entry) = entry else { continue };
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let named =
            std::fs::read_to_string(entry.path().join("comm")).is_ok_and(|c| c.trim() == "tansu");
        let ours = std::fs::read(entry.path().join("cmdline"))
            .is_ok_and(|c| String::from_utf8_lossy(&c).contains(&port));
        if named && ours {
            pids.push(pid);
        }
    }
    Ok(pids)
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 when it cannot say).
async fn clock_ticks() -> f64 {
    let output = Command::new("getconf").arg("CLK_TCK").output().await;
    output
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|t| *t > 0.0)
        .unwrap_or(100.0)
}

/// A port free now (bound, then released).
pub(crate) async fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .context("Failed to find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// The `constructos` binary of this build: beside this one. When it is missing and cargo
/// runs the bench (`CARGO` is set), it is built first in the same profile. (Not always:
/// building it alone unifies features differently and rebuilds half the workspace; build
/// both with `cargo build --release -p constructos-bench -p constructos --bins`.)
pub(crate) async fn constructos_binary() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe().context("Failed to find the bench's own binary")?;
    let dir = exe
        .parent()
        .context("the bench's binary has no directory")?
        .to_path_buf();
    let binary = dir.join("constructos");
    if let (false, Ok(cargo)) = (binary.exists(), std::env::var("CARGO")) {
        let profile = if cfg!(debug_assertions) {
            "dev"
        } else {
            "release"
        };
        let mut build = Command::new(cargo);
        build.args([
            "build",
            "--profile",
            profile,
            "-p",
            "constructos",
            "-p",
            "constructos-bench",
            "--bins",
        ]);
        // target/<profile dir>/constructos-bench: build into the same target directory.
        if let Some(target) = dir.parent() {
            build.env("CARGO_TARGET_DIR", target);
        }
        println!("(building the constructos binary, {profile} profile)");
        let status = build.status().await.context("Failed to run cargo build")?;
        anyhow::ensure!(status.success(), "cargo build of constructos failed");
    }
    anyhow::ensure!(
        binary.exists(),
        "{} not found: cargo build --release -p constructos-bench -p constructos --bins",
        binary.display()
    );
    Ok(binary)
}
