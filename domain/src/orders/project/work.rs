//! The work breakdown: phases and tasks with planned and actual dates, percent
//! complete and a budget per cost code, and finish-to-start dependencies between them
//! (a dependency that would close a cycle is refused).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::contract::percent_of;
use crate::finance::Rand;

/// A phase groups tasks; only tasks carry progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WorkItemKind {
    Phase,
    Task,
}

impl WorkItemKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkItemKind::Phase => "PHASE",
            WorkItemKind::Task => "TASK",
        }
    }
}

/// One phase or task of the work breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkItem {
    /// The WBS code, e.g. `2` for a phase and `2.3` for a task in it.
    pub code: String,
    pub name: String,
    pub kind: WorkItemKind,
    /// The phase it belongs to; phases are top level.
    pub parent: Option<String>,
    pub planned_start: Option<NaiveDate>,
    pub planned_finish: Option<NaiveDate>,
    pub cost_code: Option<String>,
    /// The budget of a task, excluding VAT; phases roll their tasks up.
    pub budget: Rand,
    pub percent_complete: Decimal,
    pub actual_start: Option<NaiveDate>,
    pub actual_finish: Option<NaiveDate>,
}

/// Why the work breakdown refused a change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkError {
    #[error("code: the work item {0} already exists")]
    Taken(String),
    #[error("parent: no phase {0} exists")]
    NoSuchPhase(String),
    #[error("parent: a phase is top level, and a task belongs to a phase")]
    Nesting,
    #[error("plannedFinish: {finish} is before the planned start {start}")]
    Dates { start: NaiveDate, finish: NaiveDate },
    #[error("code: no work item {0} exists")]
    Unknown(String),
    #[error("code: {0} is a phase; progress is recorded on its tasks")]
    PhaseProgress(String),
    #[error("percentComplete: {0} is outside 0–100")]
    Percent(Decimal),
    #[error("actualFinish: a task finishes when it is 100% complete")]
    FinishedEarly,
    #[error("successor: a work item cannot follow itself")]
    SelfDependency,
    #[error("successor: {successor} after {predecessor} would close a cycle ({path})")]
    Cycle {
        predecessor: String,
        successor: String,
        path: String,
    },
    #[error("successor: {successor} already follows {predecessor}")]
    Repeated {
        predecessor: String,
        successor: String,
    },
}

/// The work breakdown of one project.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkBreakdown {
    pub items: BTreeMap<String, WorkItem>,
    /// successor → its predecessors (finish-to-start).
    pub after: BTreeMap<String, BTreeSet<String>>,
}

impl WorkBreakdown {
    /// Checks a new item against the breakdown.
    pub fn check_new(&self, item: &WorkItem) -> Result<(), WorkError> {
        if self.items.contains_key(&item.code) {
            return Err(WorkError::Taken(item.code.clone()));
        }
        match (item.kind, &item.parent) {
            (WorkItemKind::Phase, None) => {}
            (WorkItemKind::Task, Some(parent)) => match self.items.get(parent) {
                Some(p) if p.kind == WorkItemKind::Phase => {}
                Some(_) => return Err(WorkError::Nesting),
                None => return Err(WorkError::NoSuchPhase(parent.clone())),
            },
            _ => return Err(WorkError::Nesting),
        }
        if let (Some(start), Some(finish)) = (item.planned_start, item.planned_finish) {
            if finish < start {
                return Err(WorkError::Dates { start, finish });
            }
        }
        Ok(())
    }

    /// Checks progress on a task.
    pub fn check_progress(
        &self,
        code: &str,
        percent: Decimal,
        actual_finish: Option<NaiveDate>,
    ) -> Result<(), WorkError> {
        let item = self
            .items
            .get(code)
            .ok_or_else(|| WorkError::Unknown(code.to_string()))?;
        if item.kind == WorkItemKind::Phase {
            return Err(WorkError::PhaseProgress(code.to_string()));
        }
        if percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED || percent.scale() > 2 {
            return Err(WorkError::Percent(percent));
        }
        if actual_finish.is_some() && percent != Decimal::ONE_HUNDRED {
            return Err(WorkError::FinishedEarly);
        }
        Ok(())
    }

    /// Checks that `successor` may start only after `predecessor` finishes: both exist,
    /// differ, and no chain already leads from `successor` back to `predecessor`.
    pub fn check_dependency(&self, predecessor: &str, successor: &str) -> Result<(), WorkError> {
        for code in [predecessor, successor] {
            if !self.items.contains_key(code) {
                return Err(WorkError::Unknown(code.to_string()));
            }
        }
        if predecessor == successor {
            return Err(WorkError::SelfDependency);
        }
        if self
            .after
            .get(successor)
            .is_some_and(|p| p.contains(predecessor))
        {
            return Err(WorkError::Repeated {
                predecessor: predecessor.to_string(),
                successor: successor.to_string(),
            });
        }
        // A cycle: predecessor already (transitively) comes after successor.
        if let Some(path) = self.chain(successor, predecessor) {
            return Err(WorkError::Cycle {
                predecessor: predecessor.to_string(),
                successor: successor.to_string(),
                path: path.join(" → "),
            });
        }
        Ok(())
    }

    /// A chain of finish-to-start links from `from` to `to`, if one exists.
    fn chain(&self, from: &str, to: &str) -> Option<Vec<String>> {
        // Depth-first over "who waits for whom"; the breakdown is small.
        let mut stack = vec![vec![from.to_string()]];
        let mut seen = BTreeSet::new();
        while let Some(path) = stack.pop() {
            let last = path.last()?.clone();
            if last == to {
                return Some(path);
            }
            if !seen.insert(last.clone()) {
                continue;
            }
            for (next, predecessors) in &self.after {
                if predecessors.contains(&last) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push(longer);
                }
            }
        }
        None
    }

    /// The budget at completion: Σ task budgets.
    pub fn budget(&self) -> Rand {
        self.tasks().map(|t| t.budget).sum()
    }

    /// Earned value: Σ task budget × percent complete.
    pub fn earned_value(&self) -> Rand {
        self.tasks()
            .map(|t| percent_of(t.budget, t.percent_complete))
            .sum()
    }

    fn tasks(&self) -> impl Iterator<Item = &WorkItem> {
        self.items.values().filter(|i| i.kind == WorkItemKind::Task)
    }
}

#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping)] // amounts read as rand_cents
mod tests {
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    use super::*;

    fn item(code: &str, kind: WorkItemKind, parent: Option<&str>) -> WorkItem {
        WorkItem {
            code: code.into(),
            name: format!("work {code}"),
            kind,
            parent: parent.map(String::from),
            planned_start: None,
            planned_finish: None,
            cost_code: None,
            budget: Rand::cents(100_00),
            percent_complete: Decimal::ZERO,
            actual_start: None,
            actual_finish: None,
        }
    }

    fn breakdown(tasks: usize) -> WorkBreakdown {
        let mut wbs = WorkBreakdown::default();
        wbs.items
            .insert("1".into(), item("1", WorkItemKind::Phase, None));
        for n in 0..tasks {
            let code = format!("1.{n}");
            wbs.items
                .insert(code.clone(), item(&code, WorkItemKind::Task, Some("1")));
        }
        wbs
    }

    #[test]
    fn tasks_belong_to_phases() {
        let wbs = breakdown(1);
        assert_eq!(
            wbs.check_new(&item("2.1", WorkItemKind::Task, Some("9"))),
            Err(WorkError::NoSuchPhase("9".into()))
        );
        assert_eq!(
            wbs.check_new(&item("1.0.1", WorkItemKind::Task, Some("1.0"))),
            Err(WorkError::Nesting)
        );
        assert_eq!(
            wbs.check_new(&item("1", WorkItemKind::Phase, None)),
            Err(WorkError::Taken("1".into()))
        );
    }

    #[test]
    fn a_cycle_is_refused_with_its_path() {
        let mut wbs = breakdown(3);
        for (p, s) in [("1.0", "1.1"), ("1.1", "1.2")] {
            wbs.check_dependency(p, s).expect("no cycle");
            wbs.after.entry(s.into()).or_default().insert(p.into());
        }
        assert_eq!(
            wbs.check_dependency("1.2", "1.0"),
            Err(WorkError::Cycle {
                predecessor: "1.2".into(),
                successor: "1.0".into(),
                path: "1.0 → 1.1 → 1.2".into(),
            })
        );
        assert_eq!(
            wbs.check_dependency("1.0", "1.0"),
            Err(WorkError::SelfDependency)
        );
    }

    #[test]
    fn earned_value_is_budget_times_progress() {
        let mut wbs = breakdown(2);
        if let Some(t) = wbs.items.get_mut("1.0") {
            t.percent_complete = dec!(50);
        }
        assert_eq!(wbs.budget(), Rand::cents(200_00));
        assert_eq!(wbs.earned_value(), Rand::cents(50_00));
    }

    proptest! {
        /// Whatever links are asked for, the accepted ones never form a cycle: every
        /// accepted graph has a topological order.
        #[test]
        fn accepted_dependencies_stay_acyclic(links in proptest::collection::vec((0usize..6, 0usize..6), 0..30)) {
            let mut wbs = breakdown(6);
            for (p, s) in links {
                let (p, s) = (format!("1.{p}"), format!("1.{s}"));
                if wbs.check_dependency(&p, &s).is_ok() {
                    wbs.after.entry(s).or_default().insert(p);
                }
            }
            // Kahn's algorithm empties the graph only when it is acyclic.
            let mut remaining: BTreeMap<String, BTreeSet<String>> = wbs.after.clone();
            let mut done: BTreeSet<String> = wbs.items.keys().filter(|k| !remaining.contains_key(*k)).cloned().collect();
            loop {
                let ready: Vec<String> = remaining.iter().filter(|(_, ps)| ps.iter().all(|p| done.contains(p))).map(|(s, _)| s.clone()).collect();
                if ready.is_empty() { break; }
                for s in ready { remaining.remove(&s); done.insert(s); }
            }
            prop_assert!(remaining.is_empty());
        }
    }
}
