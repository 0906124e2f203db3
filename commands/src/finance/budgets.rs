//! Setting project budgets: one `finance.budget` stream per project, each `BudgetSet`
//! and `BudgetLineAdded` sealed into the hash chain like every finance event.
//!
//! Permission to set: `finance.accounts.manage` (Admin, Finance_Manager). A budget is a
//! management decision about what a project may spend, like the shape of the chart of
//! accounts — not day-to-day bookkeeping, so `finance.journals.post` (which Finance_User
//! holds) is deliberately not enough. Adding what orders decided (a task's budget, an
//! approved variation: `finance.project_budgets`) needs only `finance.journals.post`,
//! what finance's workers act with: the decision was orders', by whoever holds
//! `orders.projects.write`; finance only books it.

use constructos_domain::access::Permission;
use constructos_domain::finance::{Budget, BudgetCommand, BudgetShare, Rand};
use serde::{Deserialize, Serialize};

use super::service::FinanceCommands;
use crate::{CommandContext, CommandError};

/// A budget to set: the project, cost code, period (`YYYY-MM`) and amount (≥ 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetBudgetInput {
    pub project_id: String,
    pub cost_code: String,
    pub period: String,
    pub amount: Rand,
}

impl FinanceCommands {
    /// Sets the budget of one cost code of a project for one period, replacing the
    /// amount set before; returns the project id (the budget's stream).
    pub async fn set_budget(
        &self,
        ctx: &CommandContext,
        input: SetBudgetInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::AccountsManage)?;
        let project_id = input.project_id.trim().to_string();
        // A project finance knows (from orders' events) and the caller may see.
        self.check_projects(ctx, [Some(project_id.as_str())])
            .await?;
        let command = BudgetCommand::SetBudget {
            project_id: project_id.clone(),
            cost_code: input.cost_code,
            period: input.period,
            amount: input.amount,
        };
        self.execute::<Budget>(ctx, &project_id, command, &())
            .await?;
        Ok(project_id)
    }

    /// Adds `shares` of `cost_code` to the project's budget on behalf of `source` (what
    /// orders decided), exactly once per source: a source already budgeted adds nothing
    /// and is answered the same. Returns the project id.
    pub async fn add_to_budget(
        &self,
        ctx: &CommandContext,
        input: AddToBudgetInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        let project_id = input.project_id.trim().to_string();
        self.check_projects(ctx, [Some(project_id.as_str())])
            .await?;
        let command = BudgetCommand::AddToBudget {
            project_id: project_id.clone(),
            source: input.source,
            cost_code: input.cost_code,
            shares: input.shares,
        };
        self.execute::<Budget>(ctx, &project_id, command, &())
            .await?;
        Ok(project_id)
    }
}

/// What another domain's decision adds to a project's budget: the source it comes from
/// (budgeted once), the cost code and the amount per period (negative: taken).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddToBudgetInput {
    pub project_id: String,
    pub source: String,
    pub cost_code: String,
    pub shares: Vec<BudgetShare>,
}
