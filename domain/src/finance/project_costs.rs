//! The project cost report as a pure function: per project and cost code, the budget
//! (periods up to the as-at month), the actual cost (net debits to expense accounts
//! carrying that project and cost code, dated on or before the as-at date, broken down
//! by cost type), what is committed (open purchase orders) and the variance.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::statements::{CostTypeAmount, COST_TYPES};
use super::{CostType, Rand};

/// An amount of one project and cost code (`None`: a line posted without a cost code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostFigure {
    pub project_id: String,
    pub cost_code: Option<String>,
    /// For actual costs: the expense account's cost type (`None`: overheads).
    pub cost_type: Option<CostType>,
    pub amount: Rand,
}

/// One project and cost code in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectCostLine {
    pub project_id: String,
    pub cost_code: Option<String>,
    pub budget: Rand,
    pub actual: Rand,
    /// The actual cost per cost type: the four types, then overheads (`None`) if any.
    pub actual_by_cost_type: Vec<CostTypeAmount>,
    pub committed: Rand,
    /// Budget less actual less committed: what is left to spend (negative: overspent).
    pub variance: Rand,
}

/// Budget vs actual vs committed for one project (or every project) as at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectCostReport {
    pub as_at: NaiveDate,
    pub project_id: Option<String>,
    pub lines: Vec<ProjectCostLine>,
    pub total_budget: Rand,
    pub total_actual: Rand,
    pub total_committed: Rand,
    pub total_variance: Rand,
    /// Net credits to income accounts carrying the project(s), dated on or before `as_at`.
    pub revenue: Rand,
}

#[derive(Default)]
struct Sums {
    budget: Rand,
    committed: Rand,
    actual: BTreeMap<Option<u8>, Rand>,
}

fn rank(cost_type: Option<CostType>) -> Option<u8> {
    cost_type.and_then(|t| COST_TYPES.iter().position(|c| *c == t).map(|p| p as u8))
}

/// Assembles the report; lines by project and cost code (those without a code last).
pub fn project_cost_report(
    as_at: NaiveDate,
    project_id: Option<String>,
    budgets: &[CostFigure],
    actuals: &[CostFigure],
    commitments: &[CostFigure],
    revenue: Rand,
) -> ProjectCostReport {
    let mut sums: BTreeMap<(String, bool, Option<String>), Sums> = BTreeMap::new();
    // (project, no cost code, cost code): lines without a cost code sort last.
    let key = |f: &CostFigure| {
        (
            f.project_id.clone(),
            f.cost_code.is_none(),
            f.cost_code.clone(),
        )
    };
    for f in budgets {
        let s = sums.entry(key(f)).or_default();
        s.budget = s.budget + f.amount;
    }
    for f in commitments {
        let s = sums.entry(key(f)).or_default();
        s.committed = s.committed + f.amount;
    }
    for f in actuals {
        let s = sums.entry(key(f)).or_default();
        let slot = s.actual.entry(rank(f.cost_type)).or_default();
        *slot = *slot + f.amount;
    }
    let lines: Vec<ProjectCostLine> = sums
        .into_iter()
        .map(|((project_id, _, cost_code), s)| {
            let mut actual_by_cost_type: Vec<CostTypeAmount> = COST_TYPES
                .iter()
                .enumerate()
                .map(|(i, t)| CostTypeAmount {
                    cost_type: Some(*t),
                    amount: s.actual.get(&Some(i as u8)).copied().unwrap_or_default(),
                })
                .collect();
            if let Some(overheads) = s.actual.get(&None) {
                actual_by_cost_type.push(CostTypeAmount {
                    cost_type: None,
                    amount: *overheads,
                });
            }
            let actual: Rand = s.actual.values().copied().sum();
            ProjectCostLine {
                project_id,
                cost_code,
                budget: s.budget,
                actual,
                actual_by_cost_type,
                committed: s.committed,
                variance: s.budget - actual - s.committed,
            }
        })
        .collect();
    let sum = |f: fn(&ProjectCostLine) -> Rand| -> Rand { lines.iter().map(f).sum() };
    ProjectCostReport {
        as_at,
        project_id,
        total_budget: sum(|l| l.budget),
        total_actual: sum(|l| l.actual),
        total_committed: sum(|l| l.committed),
        total_variance: sum(|l| l.variance),
        lines,
        revenue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(code: Option<&str>, cost_type: Option<CostType>, cents: i64) -> CostFigure {
        CostFigure {
            project_id: "PRJ-1".into(),
            cost_code: code.map(Into::into),
            cost_type,
            amount: Rand::cents(cents),
        }
    }

    #[test]
    fn variance_is_budget_less_actual_less_committed() {
        let day = NaiveDate::from_ymd_opt(2026, 4, 30).expect("date");
        let report = project_cost_report(
            day,
            Some("PRJ-1".into()),
            &[
                figure(Some("CC-100"), None, 100_000),
                figure(Some("CC-100"), None, 50_000),
            ],
            &[
                figure(Some("CC-100"), Some(CostType::Materials), 60_000),
                figure(Some("CC-100"), Some(CostType::Labour), 10_000),
                figure(None, None, 5_000),
            ],
            &[figure(Some("CC-100"), None, 20_000)],
            Rand::cents(300_000),
        );
        assert_eq!(report.lines.len(), 2);
        let cc100 = &report.lines[0];
        assert_eq!(cc100.cost_code.as_deref(), Some("CC-100"));
        assert_eq!(cc100.budget, Rand::cents(150_000));
        assert_eq!(cc100.actual, Rand::cents(70_000));
        assert_eq!(cc100.committed, Rand::cents(20_000));
        assert_eq!(cc100.variance, Rand::cents(60_000));
        assert_eq!(cc100.actual_by_cost_type.len(), 4, "no overheads line");
        assert_eq!(cc100.actual_by_cost_type[1].amount, Rand::cents(60_000));
        let uncoded = &report.lines[1];
        assert_eq!(
            uncoded.cost_code, None,
            "lines without a cost code come last"
        );
        assert_eq!(uncoded.variance, Rand::cents(-5_000));
        assert_eq!(uncoded.actual_by_cost_type[4].cost_type, None);
        assert_eq!(report.total_variance, Rand::cents(55_000));
        assert_eq!(report.revenue, Rand::cents(300_000));
    }
}
