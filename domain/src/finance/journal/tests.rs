//! Given/when/then tests of the journal aggregate (one refusal per rule), and the
//! properties of double entry over any sequence of journals.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use async_trait::async_trait;
use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::test::TestFramework;
use cqrs_es::Aggregate;
use proptest::prelude::*;

use crate::finance::*;

/// A ledger double: these accounts open, these closed, these periods closed.
#[derive(Default)]
struct FakeLedger {
    closed_accounts: BTreeSet<String>,
    closed_periods: BTreeSet<String>,
}

const OPEN: &[&str] = &[
    "1000", "1100", "2000", "2100", "4000", "5000", "5100", "6000",
];

#[async_trait]
impl Ledger for FakeLedger {
    async fn account_status(&self, code: &str) -> Result<Option<AccountStatus>, String> {
        if self.closed_accounts.contains(code) {
            Ok(Some(AccountStatus::Closed))
        } else if OPEN.contains(&code) {
            Ok(Some(AccountStatus::Open))
        } else {
            Ok(None)
        }
    }

    async fn period_closed(&self, period: &str) -> Result<bool, String> {
        Ok(self.closed_periods.contains(period))
    }
}

fn services(ledger: FakeLedger) -> JournalServices {
    JournalServices::new(Arc::new(ledger))
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
}

fn line(code: &str, side: Side, cents: i64) -> JournalLine {
    JournalLine {
        account_code: code.into(),
        side,
        amount: Rand::cents(cents),
        project_id: Some("PRJ-2026-014".into()),
        cost_code: None,
        site_id: None,
    }
}

fn post(lines: Vec<JournalLine>) -> JournalCommand {
    JournalCommand::PostJournal {
        date: day(15),
        narrative: " Cement for slab ".into(),
        source: JournalSource::Manual,
        lines,
        reverses: None,
    }
}

/// Balanced, but 1200 (VAT input) is not open in the double.
fn balanced() -> Vec<JournalLine> {
    vec![
        line("5100", Side::Debit, 1_000_000),
        line("1200", Side::Debit, 150_000),
        line("2000", Side::Credit, 1_150_000),
    ]
}

fn posted(lines: Vec<JournalLine>, reverses: Option<&str>) -> JournalEvent {
    JournalEvent::JournalPosted {
        date: day(15),
        period: "2026-03".into(),
        narrative: "Cement for slab".into(),
        source: JournalSource::Manual,
        lines,
        reverses: reverses.map(str::to_string),
    }
}

#[test]
fn posts_a_balanced_journal() {
    let lines = vec![
        line("5100", Side::Debit, 1_000_000),
        line("2000", Side::Credit, 1_000_000),
    ];
    TestFramework::<Journal>::with(services(FakeLedger::default()))
        .given_no_previous_events()
        .when(post(lines.clone()))
        .then_expect_events(vec![posted(lines, None)]);
}

#[test]
fn refuses_an_unbalanced_journal() {
    let lines = vec![
        line("5100", Side::Debit, 1_000_000),
        line("2000", Side::Credit, 999_999),
    ];
    TestFramework::<Journal>::with(services(FakeLedger::default()))
        .given_no_previous_events()
        .when(post(lines))
        .then_expect_error(FinanceError::Unbalanced {
            debits: Rand::cents(1_000_000),
            credits: Rand::cents(999_999),
        });
}

#[test]
fn refuses_a_zero_line() {
    let lines = vec![
        line("5100", Side::Debit, 100),
        line("2000", Side::Credit, 100),
        line("6000", Side::Debit, 0),
    ];
    TestFramework::<Journal>::with(services(FakeLedger::default()))
        .given_no_previous_events()
        .when(post(lines))
        .then_expect_error(FinanceError::NonPositiveAmount { line: 3 });
}

#[test]
fn refuses_a_negative_line() {
    let lines = vec![
        line("5100", Side::Debit, -100),
        line("2000", Side::Credit, -100),
    ];
    TestFramework::<Journal>::with(services(FakeLedger::default()))
        .given_no_previous_events()
        .when(post(lines))
        .then_expect_error(FinanceError::NonPositiveAmount { line: 1 });
}

#[test]
fn refuses_a_single_line() {
    TestFramework::<Journal>::with(services(FakeLedger::default()))
        .given_no_previous_events()
        .when(post(vec![line("5100", Side::Debit, 100)]))
        .then_expect_error(FinanceError::TooFewLines);
}

#[test]
fn refuses_an_unknown_account() {
    TestFramework::<Journal>::with(services(FakeLedger::default()))
        .given_no_previous_events()
        .when(post(balanced()))
        .then_expect_error(FinanceError::UnknownAccount("1200".into()));
}

#[test]
fn refuses_a_closed_account() {
    let ledger = FakeLedger {
        closed_accounts: BTreeSet::from(["2000".to_string()]),
        ..FakeLedger::default()
    };
    let lines = vec![
        line("5100", Side::Debit, 100),
        line("2000", Side::Credit, 100),
    ];
    TestFramework::<Journal>::with(services(ledger))
        .given_no_previous_events()
        .when(post(lines))
        .then_expect_error(FinanceError::ClosedAccount("2000".into()));
}

#[test]
fn refuses_a_closed_period() {
    let ledger = FakeLedger {
        closed_periods: BTreeSet::from(["2026-03".to_string()]),
        ..FakeLedger::default()
    };
    let lines = vec![
        line("5100", Side::Debit, 100),
        line("2000", Side::Credit, 100),
    ];
    TestFramework::<Journal>::with(services(ledger))
        .given_no_previous_events()
        .when(post(lines))
        .then_expect_error(FinanceError::PeriodClosed("2026-03".into()));
}

#[test]
fn refuses_to_post_twice() {
    let lines = vec![
        line("5100", Side::Debit, 100),
        line("2000", Side::Credit, 100),
    ];
    TestFramework::<Journal>::with(services(FakeLedger::default()))
        .given(vec![posted(lines.clone(), None)])
        .when(post(lines))
        .then_expect_error(FinanceError::JournalAlreadyPosted);
}

fn reverse() -> JournalCommand {
    JournalCommand::ReverseJournal {
        reversal_id: "rev-1".into(),
        date: day(20),
    }
}

fn simple() -> Vec<JournalLine> {
    vec![
        line("5100", Side::Debit, 100),
        line("2000", Side::Credit, 100),
    ]
}

#[test]
fn marks_a_journal_reversed() {
    TestFramework::<Journal>::with(services(FakeLedger::default()))
        .given(vec![posted(simple(), None)])
        .when(reverse())
        .then_expect_events(vec![JournalEvent::JournalReversed {
            reversal_id: "rev-1".into(),
            date: day(20),
        }]);
}

#[test]
fn refuses_a_reversal_of_a_reversal() {
    TestFramework::<Journal>::with(services(FakeLedger::default()))
        .given(vec![posted(simple(), Some("orig-1"))])
        .when(reverse())
        .then_expect_error(FinanceError::CannotReverseAReversal);
}

#[test]
fn refuses_a_double_reversal() {
    TestFramework::<Journal>::with(services(FakeLedger::default()))
        .given(vec![
            posted(simple(), None),
            JournalEvent::JournalReversed {
                reversal_id: "rev-0".into(),
                date: day(18),
            },
        ])
        .when(reverse())
        .then_expect_error(FinanceError::AlreadyReversed);
}

#[test]
fn refuses_a_reversal_into_a_closed_period() {
    let ledger = FakeLedger {
        closed_periods: BTreeSet::from(["2026-03".to_string()]),
        ..FakeLedger::default()
    };
    TestFramework::<Journal>::with(services(ledger))
        .given(vec![posted(simple(), None)])
        .when(reverse())
        .then_expect_error(FinanceError::PeriodClosed("2026-03".into()));
}

#[test]
fn refuses_to_reverse_an_unknown_journal() {
    TestFramework::<Journal>::with(services(FakeLedger::default()))
        .given_no_previous_events()
        .when(reverse())
        .then_expect_error(FinanceError::JournalNotFound);
}

#[test]
fn reversing_lines_swap_sides_only() {
    let mut journal = Journal::default();
    journal.apply(posted(simple(), None));
    let swapped = journal.reversing_lines();
    assert_eq!(swapped[0].side, Side::Credit);
    assert_eq!(swapped[1].side, Side::Debit);
    assert_eq!(swapped[0].amount, simple()[0].amount);
    assert_eq!(swapped[0].project_id, simple()[0].project_id);
}

// ---- properties ----

/// Decides `command` on `journal` as the write side does; the events, or the refusal.
fn decide(
    journal: &mut Journal,
    command: JournalCommand,
) -> Result<Vec<JournalEvent>, FinanceError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let sink = EventSink::default();
        journal
            .handle(command, &services(FakeLedger::default()), &sink)
            .await?;
        Ok(sink.collect().await)
    })
}

type Balances = BTreeMap<String, Rand>;

fn apply_to(balances: &mut Balances, events: &[JournalEvent]) {
    for event in events {
        if let JournalEvent::JournalPosted { lines, .. } = event {
            for l in lines {
                let b = balances.entry(l.account_code.clone()).or_default();
                *b = *b + l.signed();
            }
        }
    }
}

fn any_line() -> impl Strategy<Value = JournalLine> {
    (
        prop::sample::select(OPEN),
        prop_oneof![Just(Side::Debit), Just(Side::Credit)],
        -1_000i64..100_000_000,
    )
        .prop_map(|(code, side, cents)| line(code, side, cents))
}

/// Lines that balance by construction: debits, then one credit per debit split in two.
fn balanced_lines() -> impl Strategy<Value = Vec<JournalLine>> {
    prop::collection::vec(
        (
            prop::sample::select(OPEN),
            prop::sample::select(OPEN),
            2i64..100_000_000,
        ),
        1..5,
    )
    .prop_map(|pairs| {
        let mut lines = Vec::new();
        for (dr, cr, cents) in pairs {
            lines.push(line(dr, Side::Debit, cents));
            lines.push(line(cr, Side::Credit, cents / 2));
            lines.push(line(cr, Side::Credit, cents - cents / 2));
        }
        lines
    })
}

proptest! {
    /// Whatever is asked — balanced or not — what is accepted leaves the trial
    /// balance summing to nought.
    #[test]
    fn accepted_journals_keep_the_trial_balance_at_nought(
        asks in prop::collection::vec(
            prop_oneof![balanced_lines(), prop::collection::vec(any_line(), 0..6)],
            1..12,
        )
    ) {
        let mut balances = Balances::new();
        let mut accepted = 0;
        for lines in asks {
            let mut journal = Journal::default();
            if let Ok(events) = decide(&mut journal, post(lines)) {
                apply_to(&mut balances, &events);
                accepted += 1;
            }
        }
        let total: Rand = balances.values().copied().sum();
        prop_assert_eq!(total, Rand::ZERO, "after {} accepted journals", accepted);
    }

    /// A reversal restores every account's balance to what it was before the journal.
    #[test]
    fn a_reversal_restores_every_balance(before in balanced_lines(), lines in balanced_lines()) {
        let mut balances = Balances::new();
        let mut first = Journal::default();
        apply_to(&mut balances, &decide(&mut first, post(before)).expect("accepted"));
        let snapshot = balances.clone();

        let mut original = Journal::default();
        apply_to(&mut balances, &decide(&mut original, post(lines)).expect("accepted"));
        let marked = decide(&mut original, JournalCommand::ReverseJournal { reversal_id: "r".into(), date: day(20) });
        prop_assert!(marked.is_ok());
        let mut reversal = Journal::default();
        let events = decide(&mut reversal, JournalCommand::PostJournal {
            date: day(20),
            narrative: "Reversal".into(),
            source: JournalSource::Manual,
            lines: original.reversing_lines(),
            reverses: Some("orig".into()),
        }).expect("the reversal is accepted");
        apply_to(&mut balances, &events);

        for (code, balance) in &balances {
            prop_assert_eq!(*balance, snapshot.get(code).copied().unwrap_or_default(), "account {}", code);
        }
        // And a reversal cannot be reversed, nor the original twice.
        prop_assert_eq!(
            decide(&mut reversal, JournalCommand::ReverseJournal { reversal_id: "x".into(), date: day(21) }),
            Err(FinanceError::CannotReverseAReversal)
        );
        prop_assert_eq!(
            decide(&mut original, JournalCommand::ReverseJournal { reversal_id: "y".into(), date: day(21) }),
            Err(FinanceError::AlreadyReversed)
        );
    }
}
