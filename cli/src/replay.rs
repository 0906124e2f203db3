//! `constructos replay finance --until DATE`: rebuilds the finance read models into a
//! fresh database from the event store alone (`projections::rebuild`: fresh tables
//! swapped in for the migrated ones), and reads the trial balance from them.

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use constructos_infra::{db, Config, Domain};
use constructos_projections::finance::{FinanceProjection, FinanceQueries, TrialBalance};
use constructos_projections::rebuild::rebuild;

/// What a replay produced.
pub struct Replayed {
    /// The fresh database the read models were rebuilt in (kept for inspection).
    pub database: String,
    /// How many events changed the rebuilt read models.
    pub events: usize,
    pub trial_balance: TrialBalance,
}

/// Replays the finance events recorded up to the end of `until` (UTC; all when `None`)
/// into a new database and returns the trial balance as at `until` (today when `None`).
pub async fn replay_finance(config: &Config, until: Option<NaiveDate>) -> anyhow::Result<Replayed> {
    let source = db::connect(config, Domain::Finance).await?;
    let mut fresh = config.clone();
    fresh.db_prefix = format!(
        "{}_replay_{}",
        config.db_prefix,
        Utc::now().format("%Y%m%d%H%M%S%3f")
    );
    let target = db::prepare(&fresh, Domain::Finance, db::migrations::finance()).await?;
    let until_time = match until {
        Some(date) => Some(
            date.succ_opt()
                .context("the date is at the end of the calendar")?
                .and_hms_opt(0, 0, 0)
                .context("midnight exists")?
                .and_utc(),
        ),
        None => None,
    };
    let events = rebuild(&source, &target, "finance", &FinanceProjection, until_time)
        .await?
        .events;
    let as_at = until.unwrap_or_else(|| Utc::now().date_naive());
    let trial_balance = FinanceQueries::new(target.clone())
        .trial_balance(as_at)
        .await?;
    source.close().await;
    target.close().await;
    Ok(Replayed {
        database: fresh.database_name(Domain::Finance),
        events,
        trial_balance,
    })
}

/// The trial balance as a table for the terminal.
pub fn print(replayed: &Replayed) -> String {
    let tb = &replayed.trial_balance;
    let mut out = format!(
        "Replayed {} finance events into {}\nTrial balance as at {}\n{:<6} {:<32} {:>16} {:>16}\n",
        replayed.events, replayed.database, tb.as_at, "code", "account", "debit", "credit"
    );
    for line in &tb.lines {
        out.push_str(&format!(
            "{:<6} {:<32} {:>16} {:>16}\n",
            line.code,
            line.name,
            line.debit.to_string(),
            line.credit.to_string()
        ));
    }
    out.push_str(&format!(
        "{:<6} {:<32} {:>16} {:>16}\n",
        "",
        "total",
        tb.total_debit.to_string(),
        tb.total_credit.to_string()
    ));
    out
}
