//! The financial reports and budgets in the schema: `incomeStatement`, `balanceSheet`,
//! `vatReturn`, `projectCostReport` and `budgets` for ledger readers
//! (`finance.ledger.read`), each answered as at the date asked; `setBudget` for those
//! who manage the chart of accounts (`finance.accounts.manage`).

use async_graphql::{Context, Object};
use chrono::NaiveDate;
use constructos_commands::finance::SetBudgetInput as SetBudgetCommand;
use constructos_services::finance::{
    self as operations, BalanceSheet as BalanceSheetAsAt, Budgets, VatReturn as VatReturnFor,
};

use super::ledger::changed;
use super::ledger_types::FinanceChanged;
use super::report_types::{
    BalanceSheet, Budget, IncomeStatement, ProjectCostReport, SetBudgetInput, VatReturn,
};
use crate::graphql::errors::ask;

#[derive(Default)]
pub struct ReportsQuery;

#[Object]
impl ReportsQuery {
    /// The income statement for journals dated `from`..=`to`: income, cost of sales by
    /// cost type, gross profit, overheads and net profit.
    async fn income_statement(
        &self,
        ctx: &Context<'_>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> async_graphql::Result<IncomeStatement> {
        let statement = ask(ctx, operations::IncomeStatement { from, to }).await?;
        Ok(statement.into())
    }

    /// The balance sheet as at the end of `asAt`: assets, liabilities, and equity with
    /// the profit of earlier years and of the current financial year.
    async fn balance_sheet(
        &self,
        ctx: &Context<'_>,
        as_at: NaiveDate,
    ) -> async_graphql::Result<BalanceSheet> {
        Ok(ask(ctx, BalanceSheetAsAt { as_at }).await?.into())
    }

    /// The VAT return summary for the VAT period `from`..=`to`: output VAT, input VAT,
    /// net payable (negative: a refund due) and the supplies by VAT treatment.
    async fn vat_return(
        &self,
        ctx: &Context<'_>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> async_graphql::Result<VatReturn> {
        Ok(ask(ctx, VatReturnFor { from, to }).await?.into())
    }

    /// Budget vs actual vs committed per project and cost code as at the end of
    /// `asAt`, for one project or (without `projectId`) every project.
    async fn project_cost_report(
        &self,
        ctx: &Context<'_>,
        as_at: NaiveDate,
        project_id: Option<String>,
    ) -> async_graphql::Result<ProjectCostReport> {
        let report = operations::ProjectCostReport { as_at, project_id };
        Ok(ask(ctx, report).await?.into())
    }

    /// The budgets of one project (or every project) by cost code and period.
    async fn budgets(
        &self,
        ctx: &Context<'_>,
        project_id: Option<String>,
    ) -> async_graphql::Result<Vec<Budget>> {
        let rows = ask(ctx, Budgets { project_id }).await?;
        Ok(rows.into_iter().map(Budget::from).collect())
    }
}

#[derive(Default)]
pub struct ReportsMutation;

#[Object]
impl ReportsMutation {
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
        Ok(changed(ctx, ask(ctx, input).await?))
    }
}
