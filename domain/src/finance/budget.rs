//! The budget aggregate (`finance.budget`, one stream per project): how much the project
//! may spend per cost code per period (`YYYY-MM`). Setting a budget replaces the amount
//! for that cost code and period; the event keeps the previous amount, so the history
//! of every revision stays readable. Budget vs actual vs committed is a report
//! (`projectCostReport`), not state kept here.

use std::collections::BTreeMap;

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::period::{parse_period, period_of};
use super::{BudgetCommand, BudgetEvent, FinanceError, Rand, BUDGET_AGGREGATE};
use crate::values::{Code, Identifier};

/// A project's budget: the amount per (cost code, period).
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    project_id: Option<String>,
    amounts: BTreeMap<(String, String), Rand>,
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

    fn decide(&self, command: BudgetCommand) -> Result<BudgetEvent, FinanceError> {
        match command {
            BudgetCommand::SetBudget {
                project_id,
                cost_code,
                period,
                amount,
            } => {
                let project_id = required("project", &project_id)?;
                let project_id = Identifier::parse("projectId", &project_id)?.into_string();
                if let Some(expected) = &self.project_id {
                    if *expected != project_id {
                        return Err(FinanceError::BudgetProjectMismatch {
                            expected: expected.clone(),
                            given: project_id,
                        });
                    }
                }
                let cost_code = required("cost code", &cost_code)?;
                let cost_code = Code::parse("costCode", &cost_code)?.into_string();
                // Normalised through the date, so "2026-03" is the only spelling stored.
                let period = period_of(parse_period(&period)?);
                if amount < Rand::ZERO {
                    return Err(FinanceError::NegativeBudget(amount));
                }
                let previous = self.amount(&cost_code, &period);
                Ok(BudgetEvent::BudgetSet {
                    project_id,
                    cost_code,
                    period,
                    amount,
                    previous,
                })
            }
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
        let event = self.decide(command)?;
        sink.write(event, self).await;
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
        }
    }
}

impl crate::stored::Stored for Budget {}

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
                let event = result.expect("accepted");
                let key = (cost_code, period);
                let BudgetEvent::BudgetSet { previous, amount, .. } = &event;
                prop_assert_eq!(*previous, latest.get(&key).copied().unwrap_or(Rand::ZERO));
                prop_assert_eq!(*amount, Rand::cents(cents));
                latest.insert(key, *amount);
                budget.apply(event);
            }
            prop_assert_eq!(budget.total(), latest.values().copied().sum::<Rand>());
        }
    }
}
