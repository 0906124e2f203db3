//! Budgeting what orders decides: a worker on the **orders** topic
//! (`finance.project_budgets`), exactly once per event, on the mechanism of
//! `parking.rs` (an event for a project finance does not know yet is parked and
//! retried). Every change goes through finance's command side (`AddToBudget` on the
//! project's `finance.budget` stream, hash-chained) and is *added* to what the cost code
//! holds, never replacing a budget set by hand.
//!
//! - `constructos.orders.WorkItemAdded.v1` of a **task** with a cost code and a budget
//!   above nought: the budget phased over the months the task is planned in, pro rata
//!   by days ([`phase_over_months`]); with only a planned start (or finish) all of it in
//!   that month; with neither, in the month the task was added. Source
//!   `orders.task/<WBS code>` (a code is unique in its project).
//! - `constructos.orders.VariationApproved.v1` with a cost code: its amount in the month
//!   it was approved (UTC), on the proposal's cost code; an omission takes from that cost
//!   code's latest periods first, never below nought. Source
//!   `orders.variation/<number>`.
//!
//! Phases, tasks without a cost code or budget, and variations without a cost code
//! (finance budgets per cost code: a line no actual cost is ever posted to would only
//! look like an underspend) add nothing. Redelivery, a restart between the append and
//! the applied-event record, or a retry from the parked table find the source budgeted
//! and add nothing again.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::finance::{AddToBudgetInput, FinanceCommands};
use constructos_domain::finance::{period_of, phase_over_months, BudgetShare, Rand};
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::ApplyError;
use serde::Deserialize;

use super::parking::{system_context, Attempt, Parkable, Parking};

/// The CloudEvent type of a phase or task joining a work breakdown.
pub const WORK_ITEM_ADDED: &str = "constructos.orders.WorkItemAdded.v1";
/// The CloudEvent type of an approved variation.
pub const VARIATION_APPROVED: &str = "constructos.orders.VariationApproved.v1";

/// The part of a work item finance budgets (`schemas/events/orders/WorkItemAdded.v1.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct BudgetedWorkItem {
    pub code: String,
    pub kind: String,
    pub planned_start: Option<NaiveDate>,
    pub planned_finish: Option<NaiveDate>,
    pub cost_code: Option<String>,
    pub budget: Rand,
}

#[derive(Debug, Clone, Deserialize)]
struct WorkItemAdded {
    item: BudgetedWorkItem,
}

/// The `data` of `VariationApproved` v1.
#[derive(Debug, Clone, Deserialize)]
pub struct VariationApproved {
    pub number: String,
    /// Excl. VAT; negative for an omission.
    pub amount: Rand,
    #[serde(default)]
    pub cost_code: Option<String>,
}

/// What an orders event adds to the project's budget, or `None` when nothing.
pub fn budget_of(
    event_type: &str,
    project_id: &str,
    data: &serde_json::Value,
    time: DateTime<Utc>,
) -> Result<Option<AddToBudgetInput>, serde_json::Error> {
    let coded = |code: &Option<String>| {
        code.as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
    };
    match event_type {
        WORK_ITEM_ADDED => {
            let WorkItemAdded { item } = serde_json::from_value(data.clone())?;
            let Some(cost_code) = coded(&item.cost_code) else {
                return Ok(None);
            };
            if item.kind != "TASK" || !item.budget.is_positive() {
                return Ok(None);
            }
            let shares = match (item.planned_start, item.planned_finish) {
                (Some(start), Some(finish)) => phase_over_months(item.budget, start, finish),
                (Some(day), None) | (None, Some(day)) => vec![share(day, item.budget)],
                (None, None) => vec![share(time.date_naive(), item.budget)],
            };
            Ok(Some(AddToBudgetInput {
                project_id: project_id.to_string(),
                source: format!("orders.task/{}", item.code),
                cost_code,
                shares,
            }))
        }
        VARIATION_APPROVED => {
            let variation: VariationApproved = serde_json::from_value(data.clone())?;
            let Some(cost_code) = coded(&variation.cost_code) else {
                return Ok(None);
            };
            Ok(Some(AddToBudgetInput {
                project_id: project_id.to_string(),
                source: format!("orders.variation/{}", variation.number),
                cost_code,
                shares: vec![share(time.date_naive(), variation.amount)],
            }))
        }
        _ => Ok(None),
    }
}

fn share(day: NaiveDate, amount: Rand) -> BudgetShare {
    BudgetShare {
        period: period_of(day),
        amount,
    }
}

/// Budgets tasks and approved variations (see the module docs).
#[derive(Clone)]
pub struct ProjectBudgets {
    commands: FinanceCommands,
}

/// The project budgets worker: [`ProjectBudgets`] parked and retried.
pub type ProjectBudgeting = Parking<ProjectBudgets>;

impl Parking<ProjectBudgets> {
    /// The worker budgeting orders' tasks and variations through `commands`.
    pub fn project_budgets(commands: FinanceCommands) -> Self {
        let pool = commands.pool().clone();
        Parking::new(ProjectBudgets { commands }, pool)
    }
}

impl ProjectBudgets {
    /// What `event` adds, or `None` when nothing or it breaks its contract (logged).
    fn asked(event: &CloudEvent) -> Option<AddToBudgetInput> {
        budget_of(&event.event_type, &event.subject, &event.data, event.time)
            .map_err(|e| {
                tracing::error!(event_id = %event.id, event_type = %event.event_type, error = %e, "skipping an orders event that breaks its contract");
            })
            .ok()
            .flatten()
    }
}

#[async_trait]
impl Parkable for ProjectBudgets {
    const NAME: &'static str = "finance.project_budgets";
    const TYPES: &'static [&'static str] = &[WORK_ITEM_ADDED, VARIATION_APPROVED];

    fn source_id(event: &CloudEvent) -> Option<String> {
        Self::asked(event).map(|input| format!("{}/{}", input.project_id, input.source))
    }

    async fn attempt(&self, event: &CloudEvent) -> Result<Attempt, ApplyError> {
        let Some(input) = Self::asked(event) else {
            return Ok(Attempt::Done);
        };
        let ctx = system_context(Self::NAME, event);
        let source = input.source.clone();
        let result = self.commands.add_to_budget(&ctx, input).await;
        if result.is_ok() {
            tracing::info!(project_id = %event.subject, source, "budgeted from orders");
        }
        Attempt::of(
            result,
            format!("Failed to budget {source} of project {}", event.subject),
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::inconsistent_digit_grouping)]
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("a time")
    }

    fn task(json: serde_json::Value) -> Option<AddToBudgetInput> {
        let mut item = serde_json::json!({
            "code": "2.1", "name": "Foundations", "kind": "TASK", "parent": "2",
            "planned_start": null, "planned_finish": null, "cost_code": "CC-200",
            "budget": "3000.00", "percent_complete": "0", "actual_start": null, "actual_finish": null
        });
        if let (Some(item), Some(over)) = (item.as_object_mut(), json.as_object()) {
            item.extend(over.clone());
        }
        budget_of(
            WORK_ITEM_ADDED,
            "PRJ-1",
            &serde_json::json!({ "item": item }),
            at("2026-05-20T10:00:00Z"),
        )
        .expect("a work item")
    }

    #[test]
    fn a_task_is_budgeted_over_its_planned_months() {
        let input = task(
            serde_json::json!({ "planned_start": "2026-03-01", "planned_finish": "2026-04-30" }),
        )
        .expect("budgeted");
        assert_eq!(input.source, "orders.task/2.1");
        assert_eq!(input.cost_code, "CC-200");
        let shares: Vec<(String, Rand)> = input
            .shares
            .into_iter()
            .map(|s| (s.period, s.amount))
            .collect();
        // 31 of 61 days in March.
        assert_eq!(
            shares,
            vec![
                ("2026-03".to_string(), Rand::cents(1524_59)),
                ("2026-04".to_string(), Rand::cents(1475_41)),
            ]
        );
    }

    #[test]
    fn a_task_without_dates_lands_in_the_month_it_was_added_and_with_one_date_in_that_month() {
        let undated = task(serde_json::json!({})).expect("budgeted");
        assert_eq!(
            undated.shares,
            vec![share(
                at("2026-05-20T10:00:00Z").date_naive(),
                Rand::cents(3000_00)
            )]
        );
        let finish_only =
            task(serde_json::json!({ "planned_finish": "2026-08-15" })).expect("budgeted");
        assert_eq!(finish_only.shares[0].period, "2026-08");
    }

    #[test]
    fn phases_uncoded_and_unbudgeted_tasks_add_nothing() {
        assert!(task(serde_json::json!({ "kind": "PHASE", "parent": null })).is_none());
        assert!(task(serde_json::json!({ "cost_code": null })).is_none());
        assert!(task(serde_json::json!({ "cost_code": " " })).is_none());
        assert!(task(serde_json::json!({ "budget": "0.00" })).is_none());
    }

    #[test]
    fn a_variation_lands_in_the_month_it_was_approved_on_its_cost_code() {
        let data = serde_json::json!({ "number": "VO-002", "amount": "-500.00", "contract_value": "9500.00", "cost_code": "CC-300" });
        let input = budget_of(
            VARIATION_APPROVED,
            "PRJ-1",
            &data,
            at("2026-06-30T23:59:00Z"),
        )
        .expect("a variation")
        .expect("budgeted");
        assert_eq!(input.source, "orders.variation/VO-002");
        assert_eq!(input.cost_code, "CC-300");
        assert_eq!(
            input.shares,
            vec![BudgetShare {
                period: "2026-06".into(),
                amount: -Rand::cents(500_00)
            }]
        );
        // Stored before the cost code was carried, or proposed without one: nothing.
        let old = serde_json::json!({ "number": "VO-001", "amount": "100.00", "contract_value": "10100.00" });
        assert!(budget_of(
            VARIATION_APPROVED,
            "PRJ-1",
            &old,
            at("2026-06-01T00:00:00Z")
        )
        .expect("old")
        .is_none());
    }

    #[test]
    fn an_event_that_breaks_its_contract_is_an_error() {
        let broken = serde_json::json!({ "number": "VO-001" });
        assert!(budget_of(
            VARIATION_APPROVED,
            "PRJ-1",
            &broken,
            at("2026-06-01T00:00:00Z")
        )
        .is_err());
    }
}
