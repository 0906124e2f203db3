//! The reads of a project's details, each for a project the caller may see: its bill of
//! quantities, work breakdown, variations, claims (with their lines) and the figures of
//! its status. Outside the caller's scope a project has no details (`NOT_FOUND`).

use async_trait::async_trait;
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_projections::orders::{
    BoqLineRow, ClaimLineRow, ClaimRow, ReleaseRow, VariationRow, WorkItemRow,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::OrdersService;
use crate::{Call, Handle, Operation};

const PROJECT_READERS: Access =
    Access::AnyOf(&[Permission::ProjectsRead, Permission::ProjectsReadAssigned]);

/// Declares a read of one project's details.
macro_rules! project_read {
    ($(#[$doc:meta])* $op:ident $name:literal answers $answer:ty, |$svc:ident, $id:ident| $run:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Serialize, Deserialize)]
        pub struct $op {
            pub project_id: String,
        }

        impl Operation for $op {
            type Service = OrdersService;
            type Answer = $answer;
            const NAME: &'static str = $name;
            const ACCESS: Access = PROJECT_READERS;
        }

        #[async_trait]
        impl Handle<$op> for OrdersService {
            async fn handle(&self, call: &Call, op: $op) -> Result<$answer, CommandError> {
                self.require_visible(&call.context, &op.project_id).await?;
                let ($svc, $id) = (&self.queries, op.project_id.as_str());
                $run.map_err(CommandError::from)
            }
        }
    };
}

project_read! {
    /// The bill of quantities, with what is claimed of each item.
    ProjectBill "project_bill" answers Vec<BoqLineRow>, |q, id| q.bill_of_quantities(id).await
}

project_read! {
    /// The work breakdown: phases and tasks with progress and dependencies.
    ProjectWork "project_work" answers Vec<WorkItemRow>, |q, id| q.work_items(id).await
}

project_read! {
    /// The variation orders.
    ProjectVariations "project_variations" answers Vec<VariationRow>, |q, id| q.variations(id).await
}

project_read! {
    /// The retention releases.
    ProjectReleases "project_releases" answers Vec<ReleaseRow>, |q, id| q.releases(id).await
}

/// A claim with its lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimWithLines {
    pub claim: ClaimRow,
    pub lines: Vec<ClaimLineRow>,
}

/// The progress claims, each with its lines.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProjectClaims {
    pub project_id: String,
}

impl Operation for ProjectClaims {
    type Service = OrdersService;
    type Answer = Vec<ClaimWithLines>;
    const NAME: &'static str = "project_claims";
    const ACCESS: Access = PROJECT_READERS;
}

#[async_trait]
impl Handle<ProjectClaims> for OrdersService {
    async fn handle(
        &self,
        call: &Call,
        op: ProjectClaims,
    ) -> Result<Vec<ClaimWithLines>, CommandError> {
        self.require_visible(&call.context, &op.project_id).await?;
        let claims = self.queries.claims(&op.project_id).await?;
        let mut lines = self.queries.claim_lines(&op.project_id).await?;
        Ok(claims
            .into_iter()
            .map(|claim| ClaimWithLines {
                lines: lines.remove(&claim.claim_id).unwrap_or_default(),
                claim,
            })
            .collect())
    }
}

/// The project status read model: the money of a project in one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectFigures {
    /// The contract value with approved variations, excluding VAT.
    pub contract_value: Decimal,
    /// Budget at completion: Σ the work breakdown's task budgets.
    pub budget: Decimal,
    /// Earned value: Σ task budget × percent complete.
    pub earned_value: Decimal,
    /// Committed: the value of the project's approved purchase orders (what a closed
    /// order received; nought once cancelled).
    pub committed: Decimal,
    /// Actual cost: finance's net postings to the project's expense accounts.
    pub actual: Decimal,
    /// Forecast at completion: budget ÷ cost performance (earned value ÷ actual); the
    /// budget while nothing is earned or spent, the actual cost when it already exceeds
    /// that.
    pub forecast_at_completion: Decimal,
    /// Σ approved variations.
    pub approved_variations: Decimal,
    /// Approved progress claims, excluding VAT.
    pub claimed_to_date: Decimal,
    /// Retention withheld by claims and not yet released.
    pub retention_held: Decimal,
    pub retention_released: Decimal,
}

/// The figures of the project's status.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProjectStatusFigures {
    pub project_id: String,
}

impl Operation for ProjectStatusFigures {
    type Service = OrdersService;
    type Answer = Option<ProjectFigures>;
    const NAME: &'static str = "project_figures";
    const ACCESS: Access = PROJECT_READERS;
}

#[async_trait]
impl Handle<ProjectStatusFigures> for OrdersService {
    async fn handle(
        &self,
        call: &Call,
        op: ProjectStatusFigures,
    ) -> Result<Option<ProjectFigures>, CommandError> {
        let scope = call.context.project_scope()?;
        let Some(project) = self.queries.project(&op.project_id, scope).await? else {
            return Ok(None);
        };
        let work = self.queries.work_figures(&project.id).await?;
        let actual = self.queries.actual_cost(&project.id).await?;
        let (committed, _) = self.trade.project_commitments(&project.id).await?;
        Ok(Some(ProjectFigures {
            contract_value: project.contract_value.unwrap_or_default() + project.varied_by,
            budget: work.budget,
            earned_value: work.earned_value,
            committed,
            actual,
            forecast_at_completion: forecast_at_completion(work.budget, work.earned_value, actual),
            approved_variations: project.varied_by,
            claimed_to_date: project.claimed_to_date,
            retention_held: project.retention_withheld - project.retention_released,
            retention_released: project.retention_released,
        }))
    }
}

/// Estimate at completion by cost performance: budget × actual ÷ earned value, rounded
/// to the cent; the budget when nothing is earned yet, and never below what is spent.
pub fn forecast_at_completion(budget: Decimal, earned: Decimal, actual: Decimal) -> Decimal {
    let forecast = if earned > Decimal::ZERO && actual > Decimal::ZERO {
        (budget * actual / earned).round_dp(2)
    } else {
        budget
    };
    forecast.max(actual)
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::forecast_at_completion;

    #[test]
    fn the_forecast_follows_cost_performance() {
        // Half the budget earned for 60% of it spent: 1.2 × the budget.
        assert_eq!(
            forecast_at_completion(dec!(1000), dec!(500), dec!(600)),
            dec!(1200)
        );
        assert_eq!(
            forecast_at_completion(dec!(1000), dec!(0), dec!(0)),
            dec!(1000)
        );
        // Spent already more than budgeted, nothing earned: at least what is spent.
        assert_eq!(
            forecast_at_completion(dec!(1000), dec!(0), dec!(1500)),
            dec!(1500)
        );
    }
}
