//! The financial reports and budgets in the schema: `incomeStatement`, `balanceSheet`,
//! `vatReturn`, `projectCostReport` and `budgets` for ledger readers
//! (`finance.ledger.read`), each answered as at the date asked; `setBudget` for those
//! who manage the chart of accounts (`finance.accounts.manage`).

use async_graphql::{Context, Object, ID};
use chrono::NaiveDate;
use constructos_commands::finance::SetBudgetInput as SetBudgetCommand;
use constructos_services::finance::{FinanceClient, ReportsRequest, ReportsResponse};

use super::errors::{call, request_id, service};
use super::finance_report_types::{
    BalanceSheet, Budget, IncomeStatement, ProjectCostReport, SetBudgetInput, VatReturn,
};
use super::finance_types::FinanceChanged;

async fn report(
    ctx: &Context<'_>,
    request: ReportsRequest,
) -> async_graphql::Result<ReportsResponse> {
    ctx.data::<FinanceClient>()?
        .report(call(ctx)?, request)
        .await
        .map_err(|e| service(ctx, e))
}

fn unexpected(ctx: &Context<'_>, response: ReportsResponse) -> async_graphql::Error {
    service(
        ctx,
        constructos_commands::CommandError::Internal(format!(
            "unexpected reports response {response:?}"
        )),
    )
}

#[derive(Default)]
pub struct FinanceReportsQuery;

#[Object]
impl FinanceReportsQuery {
    /// The income statement for journals dated `from`..=`to`: income, cost of sales by
    /// cost type, gross profit, overheads and net profit.
    async fn income_statement(
        &self,
        ctx: &Context<'_>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> async_graphql::Result<IncomeStatement> {
        match report(ctx, ReportsRequest::IncomeStatement { from, to }).await? {
            ReportsResponse::IncomeStatement(s) => Ok(s.into()),
            other => Err(unexpected(ctx, other)),
        }
    }

    /// The balance sheet as at the end of `asAt`: assets, liabilities, and equity with
    /// the profit of earlier years and of the current financial year.
    async fn balance_sheet(
        &self,
        ctx: &Context<'_>,
        as_at: NaiveDate,
    ) -> async_graphql::Result<BalanceSheet> {
        match report(ctx, ReportsRequest::BalanceSheet { as_at }).await? {
            ReportsResponse::BalanceSheet(s) => Ok(s.into()),
            other => Err(unexpected(ctx, other)),
        }
    }

    /// The VAT return summary for the VAT period `from`..=`to`: output VAT, input VAT,
    /// net payable (negative: a refund due) and the supplies by VAT treatment.
    async fn vat_return(
        &self,
        ctx: &Context<'_>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> async_graphql::Result<VatReturn> {
        match report(ctx, ReportsRequest::VatReturn { from, to }).await? {
            ReportsResponse::VatReturn(r) => Ok(r.into()),
            other => Err(unexpected(ctx, other)),
        }
    }

    /// Budget vs actual vs committed per project and cost code as at the end of
    /// `asAt`, for one project or (without `projectId`) every project.
    async fn project_cost_report(
        &self,
        ctx: &Context<'_>,
        as_at: NaiveDate,
        project_id: Option<String>,
    ) -> async_graphql::Result<ProjectCostReport> {
        let request = ReportsRequest::ProjectCostReport { as_at, project_id };
        match report(ctx, request).await? {
            ReportsResponse::ProjectCostReport(r) => Ok(r.into()),
            other => Err(unexpected(ctx, other)),
        }
    }

    /// The budgets of one project (or every project) by cost code and period.
    async fn budgets(
        &self,
        ctx: &Context<'_>,
        project_id: Option<String>,
    ) -> async_graphql::Result<Vec<Budget>> {
        match report(ctx, ReportsRequest::Budgets { project_id }).await? {
            ReportsResponse::Budgets(rows) => Ok(rows.into_iter().map(Budget::from).collect()),
            other => Err(unexpected(ctx, other)),
        }
    }
}

#[derive(Default)]
pub struct FinanceReportsMutation;

#[Object]
impl FinanceReportsMutation {
    /// Sets a project's budget for one cost code and period (`YYYY-MM`), replacing the
    /// amount set before; answers the project id.
    async fn set_budget(
        &self,
        ctx: &Context<'_>,
        input: SetBudgetInput,
    ) -> async_graphql::Result<FinanceChanged> {
        let input = SetBudgetCommand {
            project_id: input.project_id,
            cost_code: input.cost_code,
            period: input.period,
            amount: input.amount.0,
        };
        match report(ctx, ReportsRequest::SetBudget { input }).await? {
            ReportsResponse::BudgetSet(project_id) => Ok(FinanceChanged {
                id: ID(project_id),
                correlation_id: request_id(ctx),
            }),
            other => Err(unexpected(ctx, other)),
        }
    }
}
