//! The property the issue asks for: every report as at a past date equals what a replay
//! of the events up to that date gives — on random histories of balanced journals on
//! random dates across three financial years, some reversed later. The replay is
//! `Books`, a pure fold of the events loaded from the finance event store.

use chrono::{Days, NaiveDate};
use constructos_domain::finance::{
    vat_return, Books, FinancialCalendar, JournalEvent, LedgerAccountEvent, Rand,
    JOURNAL_AGGREGATE, LEDGER_ACCOUNT_AGGREGATE,
};
use constructos_projections::finance::{FinanceQueries, FinanceReports};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config as ProptestConfig, TestRunner};
use serde_json::{json, Value};
use sqlx::{PgPool, Row};

use crate::finance::{post, seeded};
use crate::finance_reports::line;
use crate::harness::{eventually, spawn_domains, TestApp, FINANCE};

/// The seeded chart's codes, for random journals.
const CODES: [&str; 19] = [
    "1000", "1100", "1150", "1200", "1500", "2000", "2050", "2100", "2200", "2210", "2220", "3000",
    "3100", "4000", "5000", "5100", "5200", "5300", "6000",
];
const FIRST_DAY: (i32, u32, u32) = (2025, 1, 1);
/// Three years: across the February year ends of 2025, 2026 and 2027.
const SPAN_DAYS: u64 = 3 * 365;

fn day(offset: u64) -> NaiveDate {
    let (y, m, d) = FIRST_DAY;
    NaiveDate::from_ymd_opt(y, m, d).expect("date") + Days::new(offset)
}

/// A random balanced journal: pairs of equal debit and credit lines on random accounts,
/// some carrying a project and cost code; maybe reversed some days later.
#[derive(Debug, Clone)]
struct RandomJournal {
    day: u64,
    pairs: Vec<(usize, usize, i64, Option<u8>)>,
    reversed_after: Option<u64>,
}

#[derive(Debug, Clone)]
struct RandomCase {
    journals: Vec<RandomJournal>,
    /// (from, as at) offsets to ask the reports about.
    asks: Vec<(u64, u64)>,
}

fn random_case() -> impl Strategy<Value = RandomCase> {
    use proptest::prelude::*;
    let journal = (
        0..SPAN_DAYS,
        prop::collection::vec(
            (
                0..CODES.len(),
                0..CODES.len(),
                1i64..20_000_000,
                prop::option::of(0u8..3),
            ),
            1..4,
        ),
        prop::option::weighted(0.2, 0u64..90),
    )
        .prop_map(|(day, pairs, reversed_after)| RandomJournal {
            day,
            pairs,
            reversed_after,
        });
    // An end of a span is a random day, or a day a journal falls on, the day before
    // it, or its reversal's day: the boundaries where `<` and `<=` differ.
    let end = (
        0..SPAN_DAYS + 60,
        prop::option::of((any::<prop::sample::Index>(), 0u8..3)),
    );
    (
        prop::collection::vec(journal, 2..9),
        prop::collection::vec((end.clone(), end), 6),
    )
        .prop_map(|(journals, ends)| {
            let pick = |(random, on_journal): (u64, Option<(prop::sample::Index, u8)>)| {
                let Some((index, which)) = on_journal else {
                    return random;
                };
                let j = index.get(&journals);
                match which {
                    0 => j.day,
                    1 => j.day.saturating_sub(1),
                    _ => j.day + j.reversed_after.unwrap_or(0),
                }
            };
            let asks = ends
                .into_iter()
                .map(|(a, b)| {
                    let (a, b) = (pick(a), pick(b));
                    (a.min(b), a.max(b))
                })
                .collect();
            RandomCase { journals, asks }
        })
}

async fn post_case(app: &TestApp, token: &str, case: &RandomCase) {
    for (index, j) in case.journals.iter().enumerate() {
        let amount = |cents: i64| Rand::cents(cents).to_string();
        let lines: Vec<Value> = j
            .pairs
            .iter()
            .flat_map(|(dr, cr, cents, project)| {
                let project = project.map(|p| format!("PRJ-{p}"));
                let cost = project.as_ref().map(|_| "CC-100");
                [
                    line(
                        CODES[*dr],
                        "DEBIT",
                        &amount(*cents),
                        project.as_deref(),
                        cost,
                    ),
                    line(CODES[*cr], "CREDIT", &amount(*cents), None, None),
                ]
            })
            .collect();
        let date = day(j.day).to_string();
        let id = post(app, token, &date, &format!("Random journal {index}"), lines).await;
        if let Some(after) = j.reversed_after {
            let r = app
                .graphql(
                    token,
                    "mutation($id: ID!, $d: NaiveDate!) { reverseJournal(id: $id, date: $d) { id } }",
                    json!({ "id": id, "d": day(j.day + after).to_string() }),
                )
                .await;
            r.data();
        }
    }
}

/// Waits until every posted journal and opened account of the event store is in the
/// read model (they travel on different partitions, so either may lag).
async fn caught_up(pool: &PgPool) {
    eventually("the projection catches up with the event store", || async {
        let row = sqlx::query(
            "SELECT (SELECT count(*) FROM events WHERE event_type IN ('JournalPosted', 'LedgerAccountOpened'))
                        AS stored,
                    (SELECT count(*) FROM read_model.journals)
                    + (SELECT count(*) FROM read_model.ledger_accounts) AS projected",
        )
        .fetch_one(pool)
        .await
        .ok()?;
        let (stored, projected): (i64, i64) =
            (row.try_get("stored").ok()?, row.try_get("projected").ok()?);
        (stored == projected).then_some(())
    })
    .await;
}

/// The replay: the accounts, and the journals dated on or before `as_at`, folded from
/// the event store alone.
async fn replay_until(pool: &PgPool, as_at: NaiveDate) -> Books {
    let rows = sqlx::query(
        "SELECT aggregate_type, aggregate_id, payload::jsonb AS payload FROM events
          WHERE aggregate_type IN ($1, $2) ORDER BY tx_id, global_id",
    )
    .bind(LEDGER_ACCOUNT_AGGREGATE)
    .bind(JOURNAL_AGGREGATE)
    .fetch_all(pool)
    .await
    .expect("the finance events");
    let mut books = Books::new();
    for row in rows {
        let aggregate_type: String = row.get("aggregate_type");
        let id: String = row.get("aggregate_id");
        let payload: Value = row.get("payload");
        if aggregate_type == LEDGER_ACCOUNT_AGGREGATE {
            let event: LedgerAccountEvent =
                serde_json::from_value(payload).expect("an account event");
            books.apply_account(&id, &event);
        } else {
            let event: JournalEvent = serde_json::from_value(payload).expect("a journal event");
            if let JournalEvent::JournalPosted { date, .. } = &event {
                if *date <= as_at {
                    books.apply_journal(&event);
                }
            }
        }
    }
    books
}

#[tokio::test]
async fn finance_reports_as_at_any_date_equal_a_replay_of_the_events_up_to_it() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    for p in 0..3 {
        let id = format!("PRJ-{p}");
        app.project_event_known_to_finance(&id, &id, "site-1").await;
    }
    let user = app.token("fiona", &["Finance_User"]);
    let calendar = FinancialCalendar::default();
    let queries = FinanceQueries::new(app.env.finance.clone());
    let reports = FinanceReports::new(app.env.finance.clone(), calendar);
    // Each case adds its random history to the same books (the replay always folds the
    // whole store), so later cases check ever longer histories. Cases are drawn without
    // shrinking: each touches the database, and a failure prints its whole history.
    let cases = 6;
    let mut runner = TestRunner::new(ProptestConfig::with_cases(cases));
    for n in 0..cases {
        let case = random_case()
            .new_tree(&mut runner)
            .expect("a random case")
            .current();
        post_case(&app, &user, &case).await;
        caught_up(&app.env.finance).await;
        for (from, as_at) in &case.asks {
            let (from, as_at) = (day(*from), day(*as_at));
            let books = replay_until(&app.env.finance, as_at).await;
            let context = format!("case {n} as at {as_at} (from {from}): {case:?}");

            let tb = queries.trial_balance(as_at).await.expect("trial balance");
            let read: Vec<(String, Rand, Rand)> = tb
                .lines
                .into_iter()
                .map(|l| (l.code, l.debit, l.credit))
                .collect();
            assert_eq!(read, books.trial_balance(as_at), "trial balance, {context}");

            let is = reports
                .income_statement(from, as_at)
                .await
                .expect("income statement");
            assert_eq!(
                is,
                books.income_statement(from, as_at),
                "income statement, {context}"
            );

            let bs = reports.balance_sheet(as_at).await.expect("balance sheet");
            assert!(bs.balances, "the balance sheet balances, {context}");
            assert_eq!(
                bs,
                books.balance_sheet(as_at, calendar),
                "balance sheet, {context}"
            );

            let vat = reports.vat_return(from, as_at).await.expect("VAT return");
            let replayed = vat_return(from, as_at, &books.balances(Some(from), as_at), &[]);
            assert_eq!(vat, replayed, "VAT return, {context}");

            for project in [None, Some("PRJ-1")] {
                let costs = reports
                    .project_cost_report(as_at, project)
                    .await
                    .expect("project cost report");
                let replayed = books.project_cost_report(as_at, project, &[], &[]);
                assert_eq!(
                    costs, replayed,
                    "project cost report {project:?}, {context}"
                );
            }
        }
    }
    app.stop().await;
}
