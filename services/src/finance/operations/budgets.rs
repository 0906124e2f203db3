//! Project budgets.

use async_trait::async_trait;
use constructos_commands::finance::SetBudgetInput;
use constructos_commands::CommandError;
use constructos_domain::access::Access;
use constructos_projections::finance::BudgetRow;
use serde::{Deserialize, Serialize};

use super::{ACCOUNT_MANAGERS, LEDGER_READERS};
use crate::finance::{arguments, FinanceService};
use crate::{Call, Handle, Operation};

/// Sets a project's budget for one cost code and period; answers the project id.
impl Operation for SetBudgetInput {
    type Service = FinanceService;
    type Answer = String;
    const NAME: &'static str = "set_budget";
    const ACCESS: Access = ACCOUNT_MANAGERS;
}

#[async_trait]
impl Handle<SetBudgetInput> for FinanceService {
    async fn handle(&self, call: &Call, op: SetBudgetInput) -> Result<String, CommandError> {
        self.commands.set_budget(&call.context, op).await
    }
}

/// The budgets of one project (or every project) by cost code and period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Budgets {
    pub project_id: Option<String>,
}

impl Operation for Budgets {
    type Service = FinanceService;
    type Answer = Vec<BudgetRow>;
    const NAME: &'static str = "budgets";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<Budgets> for FinanceService {
    async fn handle(&self, _: &Call, op: Budgets) -> Result<Vec<BudgetRow>, CommandError> {
        let project_id = arguments::maybe_id("projectId", op.project_id)?;
        self.reports
            .budgets(project_id.as_deref())
            .await
            .map_err(CommandError::from)
    }
}
