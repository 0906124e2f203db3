//! The budget aggregate (`finance.budget`, one stream per project): how much the project
//! may spend per cost code per period (`YYYY-MM`). Setting a budget (`SetBudget`)
//! replaces the amount for that cost code and period; the event keeps the previous
//! amount, so the history of every revision stays readable. What orders decides — a
//! task's budget, an approved variation — is *added* (`AddToBudget`, one
//! `BudgetLineAdded` per line it changes), once per source. Budget vs actual vs
//! committed is a report (`projectCostReport`), not state kept here.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::period::{parse_period, period_of};
use super::{BudgetCommand, BudgetEvent, BudgetShare, FinanceError, Rand, BUDGET_AGGREGATE};
use crate::values::{Code, Identifier, Reference};

/// A project's budget: the amount per (cost code, period), and the sources already
/// added.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    project_id: Option<String>,
    amounts: BTreeMap<(String, String), Rand>,
    #[serde(default)]
    sources: BTreeSet<String>,
}

/// `amount` spread over the calendar months from `start` to `finish` (both included),
/// pro rata by days: each month's share is the rounded (half up, to the cent)
/// cumulative amount at its last day less that at the month before, so the shares add
/// up to `amount` exactly. A finish before the start is read as the one day `start`.
pub fn phase_over_months(amount: Rand, start: NaiveDate, finish: NaiveDate) -> Vec<BudgetShare> {
    let finish = finish.max(start);
    let total_days = Decimal::from((finish - start).num_days() + 1);
    let cumulative = |days: i64| {
        let value = (amount.as_decimal() * Decimal::from(days) / total_days)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        Rand::from_decimal(value).unwrap_or(amount)
    };
    let mut shares = Vec::new();
    let mut month_start = start;
    let mut before = Rand::ZERO;
    while month_start <= finish {
        let next_month = first_of_next_month(month_start);
        let month_end = next_month.pred_opt().unwrap_or(finish).min(finish);
        let to_date = if month_end == finish {
            amount
        } else {
            cumulative((month_end - start).num_days() + 1)
        };
        shares.push(BudgetShare {
            period: period_of(month_start),
            amount: to_date - before,
        });
        before = to_date;
        month_start = next_month;
    }
    shares
}

fn first_of_next_month(date: NaiveDate) -> NaiveDate {
    let (year, month) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MAX)
}

impl Budget {
    /// The project the budget belongs to, once anything has been set.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The amount budgeted for `cost_code` in `period` (nought when never set).
    pub fn amount(&self, cost_code: &str, period: &str) -> Rand {
        self.amounts
            .get(&(cost_code.to_string(), period.to_string()))
            .copied()
            .unwrap_or(Rand::ZERO)
    }

    /// The total budgeted over every cost code and period.
    pub fn total(&self) -> Rand {
        self.amounts.values().copied().sum()
    }

    /// The total budgeted for `cost_code` over every period.
    pub fn cost_code_total(&self, cost_code: &str) -> Rand {
        self.amounts
            .iter()
            .filter(|((code, _), _)| code == cost_code)
            .map(|(_, amount)| *amount)
            .sum()
    }

    /// Whether `source` has been added.
    pub fn has_source(&self, source: &str) -> bool {
        self.sources.contains(source)
    }

    /// The project id, checked against the stream's.
    fn project(&self, project_id: &str) -> Result<String, FinanceError> {
        let project_id = required("project", project_id)?;
        let project_id = Identifier::parse("projectId", &project_id)?.into_string();
        if let Some(expected) = &self.project_id {
            if *expected != project_id {
                return Err(FinanceError::BudgetProjectMismatch {
                    expected: expected.clone(),
                    given: project_id,
                });
            }
        }
        Ok(project_id)
    }

    fn decide(&self, command: BudgetCommand) -> Result<Vec<BudgetEvent>, FinanceError> {
        match command {
            BudgetCommand::SetBudget {
                project_id,
                cost_code,
                period,
                amount,
            } => {
                let project_id = self.project(&project_id)?;
                let cost_code = required("cost code", &cost_code)?;
                let cost_code = Code::parse("costCode", &cost_code)?.into_string();
                // Normalised through the date, so "2026-03" is the only spelling stored.
                let period = period_of(parse_period(&period)?);
                if amount < Rand::ZERO {
                    return Err(FinanceError::NegativeBudget(amount));
                }
                let previous = self.amount(&cost_code, &period);
                Ok(vec![BudgetEvent::BudgetSet {
                    project_id,
                    cost_code,
                    period,
                    amount,
                    previous,
                }])
            }
            BudgetCommand::AddToBudget {
                project_id,
                source,
                cost_code,
                shares,
            } => self.add(&project_id, &source, &cost_code, &shares),
        }
    }

    /// `AddToBudget`: positive shares add to their period's line; the negative ones,
    /// summed, are taken from the cost code's lines, latest period first, each to no
    /// less than nought (what the cost code does not hold is not taken). An omission
    /// that finds nothing to take records a 0.00 line, so its source is remembered.
    fn add(
        &self,
        project_id: &str,
        source: &str,
        cost_code: &str,
        shares: &[BudgetShare],
    ) -> Result<Vec<BudgetEvent>, FinanceError> {
        let project_id = self.project(project_id)?;
        let source = required("source", source)?;
        let source = Reference::parse("source", &source)?.into_string();
        let cost_code = required("cost code", cost_code)?;
        let cost_code = Code::parse("costCode", &cost_code)?.into_string();
        if shares.is_empty() {
            return Err(FinanceError::NothingToBudget);
        }
        let mut merged: BTreeMap<String, Rand> = BTreeMap::new();
        for share in shares {
            let period = period_of(parse_period(&share.period)?);
            let sum = merged.entry(period).or_insert(Rand::ZERO);
            *sum = sum.checked_add(share.amount).unwrap_or(Rand::LARGEST);
        }
        if self.sources.contains(&source) {
            return Ok(vec![]);
        }
        // The cost code's lines as this decision changes them.
        let mut lines: BTreeMap<String, Rand> = self
            .amounts
            .iter()
            .filter(|((code, _), _)| *code == cost_code)
            .map(|((_, period), amount)| (period.clone(), *amount))
            .collect();
        let too_large = |period: &str| FinanceError::BudgetTooLarge {
            cost_code: cost_code.clone(),
            period: period.to_string(),
        };
        let mut events = Vec::new();
        let mut to_take = Rand::ZERO;
        let mut first_taking = None;
        for (period, amount) in &merged {
            if *amount < Rand::ZERO {
                to_take = to_take - *amount;
                first_taking.get_or_insert_with(|| period.clone());
                continue;
            }
            let previous = lines.get(period).copied().unwrap_or(Rand::ZERO);
            let after = previous
                .checked_add(*amount)
                .filter(|a| a.abs_le_largest())
                .ok_or_else(|| too_large(period))?;
            lines.insert(period.clone(), after);
            events.push(self.line(&project_id, &cost_code, period, *amount, previous, &source));
        }
        if let Some(first_taking) = first_taking {
            let mut taken_any = false;
            for (period, held) in lines.iter().rev() {
                if !to_take.is_positive() {
                    break;
                }
                if !held.is_positive() {
                    continue;
                }
                let take = (*held).min(to_take);
                to_take = to_take - take;
                taken_any = true;
                events.push(self.line(&project_id, &cost_code, period, -take, *held, &source));
            }
            if !taken_any {
                let held = lines.get(&first_taking).copied().unwrap_or(Rand::ZERO);
                events.push(self.line(
                    &project_id,
                    &cost_code,
                    &first_taking,
                    Rand::ZERO,
                    held,
                    &source,
                ));
            }
        }
        Ok(events)
    }

    fn line(
        &self,
        project_id: &str,
        cost_code: &str,
        period: &str,
        amount: Rand,
        previous: Rand,
        source: &str,
    ) -> BudgetEvent {
        BudgetEvent::BudgetLineAdded {
            project_id: project_id.to_string(),
            cost_code: cost_code.to_string(),
            period: period.to_string(),
            amount,
            previous,
            source: source.to_string(),
        }
    }
}

fn required(field: &'static str, value: &str) -> Result<String, FinanceError> {
    let value = value.trim();
    if value.is_empty() {
        Err(FinanceError::Required(field))
    } else {
        Ok(value.to_string())
    }
}

impl Aggregate for Budget {
    const TYPE: &'static str = BUDGET_AGGREGATE;
    type Command = BudgetCommand;
    type Event = BudgetEvent;
    type Error = FinanceError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        for event in self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            BudgetEvent::BudgetSet {
                project_id,
                cost_code,
                period,
                amount,
                ..
            } => {
                self.project_id = Some(project_id);
                self.amounts.insert((cost_code, period), amount);
            }
            BudgetEvent::BudgetLineAdded {
                project_id,
                cost_code,
                period,
                amount,
                previous,
                source,
            } => {
                self.project_id = Some(project_id);
                self.amounts.insert((cost_code, period), previous + amount);
                self.sources.insert(source);
            }
        }
    }
}

impl crate::stored::Stored for Budget {
    /// 2: the sources added from other domains are part of the state.
    const SNAPSHOT_SCHEMA: i32 = 2;
}

#[cfg(test)]
mod tests {
    use super::*;
    use cqrs_es::test::TestFramework;
    use proptest::prelude::*;

    fn set(project: &str, cost_code: &str, period: &str, cents: i64) -> BudgetCommand {
        BudgetCommand::SetBudget {
            project_id: project.into(),
            cost_code: cost_code.into(),
            period: period.into(),
            amount: Rand::cents(cents),
        }
    }

    fn was_set(cost_code: &str, period: &str, cents: i64, previous: i64) -> BudgetEvent {
        BudgetEvent::BudgetSet {
            project_id: "PRJ-2026-014".into(),
            cost_code: cost_code.into(),
            period: period.into(),
            amount: Rand::cents(cents),
            previous: Rand::cents(previous),
        }
    }

    #[test]
    fn sets_a_first_budget_with_nought_before() {
        TestFramework::<Budget>::with(())
            .given_no_previous_events()
            .when(set(" PRJ-2026-014 ", " CC-100 ", "2026-03", 50_000_000))
            .then_expect_events(vec![was_set("CC-100", "2026-03", 50_000_000, 0)]);
    }

    #[test]
    fn a_revision_carries_the_previous_amount() {
        TestFramework::<Budget>::with(())
            .given(vec![
                was_set("CC-100", "2026-03", 50_000_000, 0),
                was_set("CC-200", "2026-03", 10_000, 0),
            ])
            .when(set("PRJ-2026-014", "CC-100", "2026-03", 42_000_000))
            .then_expect_events(vec![was_set("CC-100", "2026-03", 42_000_000, 50_000_000)]);
    }

    #[test]
    fn nought_is_a_budget() {
        TestFramework::<Budget>::with(())
            .given(vec![was_set("CC-100", "2026-04", 100, 0)])
            .when(set("PRJ-2026-014", "CC-100", "2026-04", 0))
            .then_expect_events(vec![was_set("CC-100", "2026-04", 0, 100)]);
    }

    #[test]
    fn refuses_a_negative_amount() {
        TestFramework::<Budget>::with(())
            .given_no_previous_events()
            .when(set("PRJ-2026-014", "CC-100", "2026-03", -1))
            .then_expect_error(FinanceError::NegativeBudget(Rand::cents(-1)));
    }

    #[test]
    fn refuses_a_bad_period() {
        for period in ["2026-13", "2026-3", "March", ""] {
            TestFramework::<Budget>::with(())
                .given_no_previous_events()
                .when(set("PRJ-2026-014", "CC-100", period, 100))
                .then_expect_error(FinanceError::InvalidPeriod(period.into()));
        }
    }

    #[test]
    fn refuses_an_empty_project_or_cost_code() {
        TestFramework::<Budget>::with(())
            .given_no_previous_events()
            .when(set("  ", "CC-100", "2026-03", 100))
            .then_expect_error(FinanceError::Required("project"));
        TestFramework::<Budget>::with(())
            .given_no_previous_events()
            .when(set("PRJ-2026-014", "", "2026-03", 100))
            .then_expect_error(FinanceError::Required("cost code"));
    }

    #[test]
    fn refuses_another_projects_budget_on_this_stream() {
        TestFramework::<Budget>::with(())
            .given(vec![was_set("CC-100", "2026-03", 100, 0)])
            .when(set("PRJ-OTHER", "CC-100", "2026-03", 100))
            .then_expect_error(FinanceError::BudgetProjectMismatch {
                expected: "PRJ-2026-014".into(),
                given: "PRJ-OTHER".into(),
            });
    }

    proptest! {
        /// Whatever sequence of amounts is set, each event's `previous` is what the
        /// last event for that cost code and period set, and the state's total is the
        /// sum of the latest amounts.
        #[test]
        fn previous_is_always_the_last_amount_set(
            settings in prop::collection::vec((0usize..3, 1u32..=12, -1_000i64..10_000_000), 1..40)
        ) {
            let mut budget = Budget::default();
            let mut latest: BTreeMap<(String, String), Rand> = BTreeMap::new();
            for (code, month, cents) in settings {
                let cost_code = format!("CC-{code}");
                let period = format!("2026-{month:02}");
                let result = budget.decide(set("PRJ-1", &cost_code, &period, cents));
                if cents < 0 {
                    prop_assert_eq!(result, Err(FinanceError::NegativeBudget(Rand::cents(cents))));
                    continue;
                }
                let mut events = result.expect("accepted");
                prop_assert_eq!(events.len(), 1);
                let event = events.remove(0);
                let key = (cost_code, period);
                let BudgetEvent::BudgetSet { previous, amount, .. } = &event else {
                    return Err(TestCaseError::fail("SetBudget sets"));
                };
                prop_assert_eq!(*previous, latest.get(&key).copied().unwrap_or(Rand::ZERO));
                prop_assert_eq!(*amount, Rand::cents(cents));
                latest.insert(key, *amount);
                budget.apply(event);
            }
            prop_assert_eq!(budget.total(), latest.values().copied().sum::<Rand>());
        }
    }
    fn add(source: &str, cost_code: &str, shares: &[(&str, i64)]) -> BudgetCommand {
        BudgetCommand::AddToBudget {
            project_id: "PRJ-2026-014".into(),
            source: source.into(),
            cost_code: cost_code.into(),
            shares: shares
                .iter()
                .map(|(period, cents)| BudgetShare {
                    period: (*period).into(),
                    amount: Rand::cents(*cents),
                })
                .collect(),
        }
    }

    fn added(
        source: &str,
        cost_code: &str,
        period: &str,
        cents: i64,
        previous: i64,
    ) -> BudgetEvent {
        BudgetEvent::BudgetLineAdded {
            project_id: "PRJ-2026-014".into(),
            cost_code: cost_code.into(),
            period: period.into(),
            amount: Rand::cents(cents),
            previous: Rand::cents(previous),
            source: source.into(),
        }
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn a_task_budget_adds_to_a_budget_set_by_hand() {
        TestFramework::<Budget>::with(())
            .given(vec![was_set("CC-100", "2026-03", 10_000, 0)])
            .when(add(
                "orders.task/1.1",
                "CC-100",
                &[("2026-03", 5_000), ("2026-04", 2_500)],
            ))
            .then_expect_events(vec![
                added("orders.task/1.1", "CC-100", "2026-03", 5_000, 10_000),
                added("orders.task/1.1", "CC-100", "2026-04", 2_500, 0),
            ]);
    }

    #[test]
    fn a_source_is_added_once() {
        TestFramework::<Budget>::with(())
            .given(vec![added(
                "orders.task/1.1",
                "CC-100",
                "2026-03",
                5_000,
                0,
            )])
            .when(add("orders.task/1.1", "CC-100", &[("2026-03", 5_000)]))
            .then_expect_events(vec![]);
    }

    #[test]
    fn two_tasks_on_one_cost_code_and_month_add_up() {
        TestFramework::<Budget>::with(())
            .given(vec![added(
                "orders.task/1.1",
                "CC-100",
                "2026-03",
                5_000,
                0,
            )])
            .when(add("orders.task/1.2", "CC-100", &[("2026-03", 7_000)]))
            .then_expect_events(vec![added(
                "orders.task/1.2",
                "CC-100",
                "2026-03",
                7_000,
                5_000,
            )]);
    }

    #[test]
    fn a_budget_set_by_hand_replaces_what_orders_added() {
        TestFramework::<Budget>::with(())
            .given(vec![added(
                "orders.task/1.1",
                "CC-100",
                "2026-03",
                5_000,
                0,
            )])
            .when(set("PRJ-2026-014", "CC-100", "2026-03", 4_000))
            .then_expect_events(vec![was_set("CC-100", "2026-03", 4_000, 5_000)]);
    }

    #[test]
    fn an_omission_takes_from_the_latest_periods_first_and_stops_at_nought() {
        TestFramework::<Budget>::with(())
            .given(vec![
                added("orders.task/1.1", "CC-100", "2026-03", 5_000, 0),
                added("orders.task/1.1", "CC-100", "2026-04", 3_000, 0),
                added("orders.task/1.2", "CC-200", "2026-05", 9_000, 0),
            ])
            .when(add(
                "orders.variation/VO-001",
                "CC-100",
                &[("2026-02", -4_000)],
            ))
            .then_expect_events(vec![
                added(
                    "orders.variation/VO-001",
                    "CC-100",
                    "2026-04",
                    -3_000,
                    3_000,
                ),
                added(
                    "orders.variation/VO-001",
                    "CC-100",
                    "2026-03",
                    -1_000,
                    5_000,
                ),
            ]);
        // More than the cost code holds: it goes to nought, the rest is not taken.
        TestFramework::<Budget>::with(())
            .given(vec![added(
                "orders.task/1.1",
                "CC-100",
                "2026-03",
                5_000,
                0,
            )])
            .when(add(
                "orders.variation/VO-002",
                "CC-100",
                &[("2026-06", -8_000)],
            ))
            .then_expect_events(vec![added(
                "orders.variation/VO-002",
                "CC-100",
                "2026-03",
                -5_000,
                5_000,
            )]);
    }

    #[test]
    fn an_omission_with_nothing_to_take_is_remembered_as_nought() {
        let events = vec![added("orders.variation/VO-001", "CC-900", "2026-06", 0, 0)];
        TestFramework::<Budget>::with(())
            .given_no_previous_events()
            .when(add(
                "orders.variation/VO-001",
                "CC-900",
                &[("2026-06", -8_000)],
            ))
            .then_expect_events(events.clone());
        // …so a task added later is not taken from by a redelivered omission.
        TestFramework::<Budget>::with(())
            .given(vec![
                events[0].clone(),
                added("orders.task/1.1", "CC-900", "2026-06", 5_000, 0),
            ])
            .when(add(
                "orders.variation/VO-001",
                "CC-900",
                &[("2026-06", -8_000)],
            ))
            .then_expect_events(vec![]);
    }

    #[test]
    fn adding_refuses_what_cannot_be_budgeted() {
        TestFramework::<Budget>::with(())
            .given_no_previous_events()
            .when(add("orders.task/1.1", "CC-100", &[]))
            .then_expect_error(FinanceError::NothingToBudget);
        TestFramework::<Budget>::with(())
            .given_no_previous_events()
            .when(add("orders.task/1.1", "CC-100", &[("2026-3", 100)]))
            .then_expect_error(FinanceError::InvalidPeriod("2026-3".into()));
        TestFramework::<Budget>::with(())
            .given_no_previous_events()
            .when(add(" ", "CC-100", &[("2026-03", 100)]))
            .then_expect_error(FinanceError::Required("source"));
        TestFramework::<Budget>::with(())
            .given(vec![added(
                "orders.task/1.1",
                "CC-100",
                "2026-03",
                5_000,
                0,
            )])
            .when(BudgetCommand::AddToBudget {
                project_id: "PRJ-OTHER".into(),
                source: "orders.task/1.2".into(),
                cost_code: "CC-100".into(),
                shares: vec![BudgetShare {
                    period: "2026-03".into(),
                    amount: Rand::cents(1),
                }],
            })
            .then_expect_error(FinanceError::BudgetProjectMismatch {
                expected: "PRJ-2026-014".into(),
                given: "PRJ-OTHER".into(),
            });
    }

    #[test]
    fn a_task_is_phased_over_its_months_by_days() {
        // 10 March to 9 May: 22 days in March, 30 in April, 9 in May (61 days).
        let shares = phase_over_months(
            Rand::cents(6_100_000),
            date("2026-03-10"),
            date("2026-05-09"),
        );
        let got: Vec<(String, Rand)> = shares.into_iter().map(|s| (s.period, s.amount)).collect();
        assert_eq!(
            got,
            vec![
                ("2026-03".to_string(), Rand::cents(2_200_000)),
                ("2026-04".to_string(), Rand::cents(3_000_000)),
                ("2026-05".to_string(), Rand::cents(900_000)),
            ]
        );
        // One month, and a year end.
        let one = phase_over_months(Rand::cents(100), date("2026-03-01"), date("2026-03-31"));
        assert_eq!(
            one,
            vec![BudgetShare {
                period: "2026-03".into(),
                amount: Rand::cents(100)
            }]
        );
        let across = phase_over_months(Rand::cents(100), date("2026-12-31"), date("2027-01-01"));
        assert_eq!(
            across,
            vec![
                BudgetShare {
                    period: "2026-12".into(),
                    amount: Rand::cents(50)
                },
                BudgetShare {
                    period: "2027-01".into(),
                    amount: Rand::cents(50)
                },
            ]
        );
    }

    /// What the worker derives from orders' events, in the proptest below.
    #[derive(Debug, Clone)]
    enum Decided {
        Task {
            code: usize,
            cost_code: usize,
            start: u32,
            days: i64,
            cents: i64,
        },
        Variation {
            number: usize,
            cost_code: usize,
            month: u32,
            cents: i64,
        },
    }

    impl Decided {
        fn command(&self) -> BudgetCommand {
            match self {
                Decided::Task {
                    code,
                    cost_code,
                    start,
                    days,
                    cents,
                } => {
                    let start = date("2026-01-01") + chrono::Duration::days(i64::from(*start));
                    let finish = start + chrono::Duration::days(*days);
                    BudgetCommand::AddToBudget {
                        project_id: "PRJ-1".into(),
                        source: format!("orders.task/1.{code}"),
                        cost_code: format!("CC-{cost_code}"),
                        shares: phase_over_months(Rand::cents(*cents), start, finish),
                    }
                }
                Decided::Variation {
                    number,
                    cost_code,
                    month,
                    cents,
                } => BudgetCommand::AddToBudget {
                    project_id: "PRJ-1".into(),
                    source: format!("orders.variation/VO-{number:03}"),
                    cost_code: format!("CC-{cost_code}"),
                    shares: vec![BudgetShare {
                        period: format!("2026-{month:02}"),
                        amount: Rand::cents(*cents),
                    }],
                },
            }
        }

        fn cost_code(&self) -> String {
            match self {
                Decided::Task { cost_code, .. } | Decided::Variation { cost_code, .. } => {
                    format!("CC-{cost_code}")
                }
            }
        }

        fn cents(&self) -> i64 {
            match self {
                Decided::Task { cents, .. } | Decided::Variation { cents, .. } => *cents,
            }
        }
    }

    fn decided() -> impl Strategy<Value = Vec<Decided>> {
        prop::collection::vec(
            prop_oneof![
                (0usize..3, 0u32..300, 0i64..120, 1i64..5_000_000).prop_map(
                    |(cost_code, start, days, cents)| Decided::Task {
                        code: 0,
                        cost_code,
                        start,
                        days,
                        cents
                    }
                ),
                (0usize..3, 1u32..=12, -3_000_000i64..3_000_000).prop_map(
                    |(cost_code, month, cents)| {
                        Decided::Variation {
                            number: 0,
                            cost_code,
                            month,
                            cents,
                        }
                    }
                ),
            ],
            1..30,
        )
        .prop_map(|mut all| {
            // Every task and variation has its own code or number, as in orders.
            for (i, d) in all.iter_mut().enumerate() {
                match d {
                    Decided::Task { code, .. } => *code = i,
                    Decided::Variation { number, .. } => *number = i,
                }
            }
            all
        })
    }

    fn fold(commands: impl IntoIterator<Item = BudgetCommand>) -> Budget {
        let mut budget = Budget::default();
        for command in commands {
            for event in budget.decide(command).expect("accepted") {
                budget.apply(event);
            }
        }
        budget
    }

    proptest! {
        /// Each cost code's budget is Σ its task budgets + Σ its approved variations in
        /// the order orders decided them, an omission taking it no lower than nought;
        /// no line is ever below nought; and however often any of it is delivered
        /// again, at any later point, nothing changes.
        #[test]
        fn the_budget_is_the_tasks_and_variations_floored_whatever_is_redelivered(
            decided in decided(),
            redeliveries in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..20),
        ) {
            let mut expected: BTreeMap<String, i64> = BTreeMap::new();
            for d in &decided {
                let total = expected.entry(d.cost_code()).or_insert(0);
                *total = (*total + d.cents()).max(0);
            }
            // Deliver in orders' order, with redeliveries of earlier events anywhere.
            let mut delivered: Vec<BudgetCommand> = decided.iter().map(Decided::command).collect();
            for (at, which) in redeliveries {
                let at = at.index(delivered.len() + 1);
                let which = which.index(at.max(1));
                let again = delivered[which.min(delivered.len() - 1)].clone();
                delivered.insert(at, again);
            }
            let once = fold(decided.iter().map(Decided::command));
            let budget = fold(delivered);
            prop_assert_eq!(&budget, &once);
            for (cost_code, cents) in &expected {
                prop_assert_eq!(budget.cost_code_total(cost_code), Rand::cents(*cents));
            }
            prop_assert!(budget.amounts.values().all(|a| *a >= Rand::ZERO));
            prop_assert_eq!(budget.total(), Rand::cents(expected.values().sum()));
        }

        /// Tasks alone (no omission): in any order, with duplicates, every line is the sum
        /// of the tasks' shares for it and the total is Σ task budgets.
        #[test]
        fn task_budgets_add_up_in_any_order(
            decided in decided(),
            order in any::<u64>(),
            duplicates in prop::collection::vec(any::<prop::sample::Index>(), 0..10),
        ) {
            let tasks: Vec<Decided> = decided.into_iter().filter(|d| matches!(d, Decided::Task { .. })).collect();
            prop_assume!(!tasks.is_empty());
            let mut delivered: Vec<BudgetCommand> = tasks.iter().map(Decided::command).collect();
            for d in duplicates {
                let again = delivered[d.index(delivered.len())].clone();
                delivered.push(again);
            }
            // A deterministic shuffle from `order`.
            let mut seed = order | 1;
            for i in (1..delivered.len()).rev() {
                seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
                let j = usize::try_from(seed % (i as u64 + 1)).unwrap_or(0);
                delivered.swap(i, j);
            }
            let budget = fold(delivered);
            let total: i64 = tasks.iter().map(Decided::cents).sum();
            prop_assert_eq!(budget.total(), Rand::cents(total));
            prop_assert_eq!(budget, fold(tasks.iter().map(Decided::command)));
        }

        /// Phasing never loses or invents a cent and never gives a month less than nought.
        #[test]
        fn phasing_adds_up(cents in 0i64..10_000_000_000, start in 0i64..3_000, days in 0i64..1_500) {
            let start = date("2020-01-01") + chrono::Duration::days(start);
            let shares = phase_over_months(Rand::cents(cents), start, start + chrono::Duration::days(days));
            prop_assert_eq!(shares.iter().map(|s| s.amount).sum::<Rand>(), Rand::cents(cents));
            prop_assert!(shares.iter().all(|s| s.amount >= Rand::ZERO));
            prop_assert_eq!(shares.first().map(|s| s.period.clone()), Some(period_of(start)));
        }
    }
}
