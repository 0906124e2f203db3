//! The race between closing a period and posting into it: once `closePeriod` has
//! committed, no journal dated in that period is ever appended. The check that a period
//! (and each account) is open must hold at commit, not only when the journal decided.
//! Each round posts many journals into a period while it is closed, on the command side
//! directly (no gateway, no broker needed), and then compares the commit order.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use constructos::seed::{self, DEMO_COMPANY};
use constructos_commands::finance::{FinanceCommands, PostJournalInput};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_domain::finance::{FinancialCalendar, JournalLine, JournalSource, Rand, Side};
use constructos_infra::auth::Caller;

use crate::harness::TestEnv;

const ROUNDS: u32 = 6;
const WRITERS: usize = 12;

fn accountant() -> CommandContext {
    CommandContext::new(
        Caller {
            subject: "race-accountant".into(),
            object_id: None,
            tenant_id: None,
            name: None,
            username: None,
            roles: vec![Role::Admin],
        },
        uuid::Uuid::new_v4().to_string(),
    )
}

fn journal(date: NaiveDate) -> PostJournalInput {
    let line = |account: &str, side| JournalLine {
        account_code: account.to_string(),
        side,
        amount: Rand::cents(10_000),
        project_id: None,
        cost_code: None,
        site_id: None,
    };
    PostJournalInput {
        date,
        narrative: "racing the close".to_string(),
        source: JournalSource::Manual,
        lines: vec![line("1000", Side::Debit), line("3000", Side::Credit)],
    }
}

#[tokio::test]
async fn no_journal_lands_in_a_period_after_its_close_committed() {
    let env = TestEnv::databases_only().await;
    let calendar = FinancialCalendar::default();
    seed::seed_chart(&env.finance, calendar)
        .await
        .expect("chart");
    let commands = Arc::new(FinanceCommands::new(
        env.finance.clone(),
        calendar,
        DEMO_COMPANY.supplier(),
    ));
    for round in 0..ROUNDS {
        // A period of its own each round: 2026-01, 2026-02, …
        let period = format!("2026-{:02}", round + 1);
        let date = NaiveDate::from_ymd_opt(2026, round + 1, 15).expect("date");
        // Writers post into the period without pause until a while after it closed.
        let stop = Arc::new(AtomicBool::new(false));
        let started = Arc::new(AtomicUsize::new(0));
        let mut writers = Vec::new();
        for _ in 0..WRITERS {
            let (commands, stop, started) = (commands.clone(), stop.clone(), started.clone());
            writers.push(tokio::spawn(async move {
                let mut posted = 0;
                while !stop.load(Ordering::Relaxed) {
                    match commands.post_journal(&accountant(), journal(date)).await {
                        Ok(_) => {
                            posted += 1;
                            started.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(CommandError::Rejected(_)) => {}
                        Err(other) => panic!("a journal failed otherwise: {other}"),
                    }
                }
                posted
            }));
        }
        // Close once the writers are in full flow (a loaded machine may take a while to
        // post the first journals), and then a little later.
        let flowing = tokio::time::Instant::now() + Duration::from_secs(30);
        while started.load(Ordering::Relaxed) < WRITERS && tokio::time::Instant::now() < flowing {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        commands
            .close_period(&accountant(), &period)
            .await
            .expect("the period closes");
        tokio::time::sleep(Duration::from_millis(150)).await;
        stop.store(true, Ordering::Relaxed);
        let mut posted = 0;
        for writer in writers {
            posted += writer.await.expect("writer did not panic");
        }
        assert!(
            posted > 0,
            "round {round}: the writers posted nothing before the close"
        );
        // Every journal dated in the period committed before the close did.
        let late: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM events j, events c
              WHERE j.aggregate_type = 'finance.journal' AND j.event_type = 'JournalPosted'
                AND j.payload->'JournalPosted'->>'period' = $1
                AND c.aggregate_type = 'finance.period' AND c.aggregate_id = $1
                AND c.event_type = 'PeriodClosed'
                AND j.global_id > c.global_id",
        )
        .bind(&period)
        .fetch_one(&env.finance)
        .await
        .expect("count");
        assert_eq!(
            late, 0,
            "round {round}: {late} journals landed in {period} after it closed"
        );
        // And a journal sent now is refused, naming the closed period.
        let refused = commands.post_journal(&accountant(), journal(date)).await;
        assert!(
            matches!(refused, Err(CommandError::Rejected(_))),
            "{refused:?}"
        );
    }
    env.drop_databases().await;
}
