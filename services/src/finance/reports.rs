//! Budgets and the financial reports through the finance service: one request variant
//! (`FinanceRequest::Reports`) carrying a [`ReportsRequest`], so the budgets and reports
//! stay in this file. Setting a budget needs `finance.accounts.manage` (checked by the
//! command side); every report needs `finance.ledger.read`.

use chrono::NaiveDate;
use constructos_commands::finance::{FinanceCommands, SetBudgetInput};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Permission;
use constructos_domain::finance::{BalanceSheet, IncomeStatement, ProjectCostReport, VatReturn};
use constructos_projections::finance::{BudgetRow, FinanceReports};
use serde::{Deserialize, Serialize};

use super::{arguments, unexpected, FinanceClient, FinanceRequest, FinanceResponse};
use crate::Call;

/// A budget command or a report.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "report", rename_all = "snake_case")]
pub enum ReportsRequest {
    SetBudget {
        input: SetBudgetInput,
    },
    Budgets {
        project_id: Option<String>,
    },
    IncomeStatement {
        from: NaiveDate,
        to: NaiveDate,
    },
    BalanceSheet {
        as_at: NaiveDate,
    },
    VatReturn {
        from: NaiveDate,
        to: NaiveDate,
    },
    ProjectCostReport {
        as_at: NaiveDate,
        project_id: Option<String>,
    },
}

/// What a [`ReportsRequest`] answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "report", content = "value", rename_all = "snake_case")]
pub enum ReportsResponse {
    /// The budget was set; the project id.
    BudgetSet(String),
    Budgets(Vec<BudgetRow>),
    IncomeStatement(IncomeStatement),
    BalanceSheet(BalanceSheet),
    VatReturn(VatReturn),
    ProjectCostReport(ProjectCostReport),
}

fn read_failed(error: anyhow::Error) -> CommandError {
    CommandError::Internal(format!("{error:#}"))
}

/// Refuses a span that ends before it starts.
fn check_span(from: NaiveDate, to: NaiveDate) -> Result<(), CommandError> {
    if from > to {
        return Err(CommandError::Rejected(format!(
            "the period starts ({from}) after it ends ({to})"
        )));
    }
    Ok(())
}

/// Answers a budget command or report in-process.
pub(super) async fn handle(
    commands: &FinanceCommands,
    reports: &FinanceReports,
    ctx: &CommandContext,
    request: ReportsRequest,
) -> Result<ReportsResponse, CommandError> {
    if let ReportsRequest::SetBudget { input } = request {
        return commands
            .set_budget(ctx, input)
            .await
            .map(ReportsResponse::BudgetSet);
    }
    ctx.require(Permission::LedgerRead)?;
    match request {
        ReportsRequest::SetBudget { .. } => {
            return Err(CommandError::Internal(
                "a budget command reached the reports".to_string(),
            ))
        }
        ReportsRequest::Budgets { project_id } => {
            let project_id = arguments::maybe_id("projectId", project_id)?;
            reports
                .budgets(project_id.as_deref())
                .await
                .map(ReportsResponse::Budgets)
        }
        ReportsRequest::IncomeStatement { from, to } => {
            let (from, to) = (arguments::day("from", from)?, arguments::day("to", to)?);
            check_span(from, to)?;
            reports
                .income_statement(from, to)
                .await
                .map(ReportsResponse::IncomeStatement)
        }
        ReportsRequest::BalanceSheet { as_at } => reports
            .balance_sheet(arguments::day("asAt", as_at)?)
            .await
            .map(ReportsResponse::BalanceSheet),
        ReportsRequest::VatReturn { from, to } => {
            let (from, to) = (arguments::day("from", from)?, arguments::day("to", to)?);
            check_span(from, to)?;
            reports
                .vat_return(from, to)
                .await
                .map(ReportsResponse::VatReturn)
        }
        ReportsRequest::ProjectCostReport { as_at, project_id } => {
            let as_at = arguments::day("asAt", as_at)?;
            let project_id = arguments::maybe_id("projectId", project_id)?;
            reports
                .project_cost_report(as_at, project_id.as_deref())
                .await
                .map(ReportsResponse::ProjectCostReport)
        }
    }
    .map_err(read_failed)
}

impl FinanceClient {
    /// Sends a budget command or asks for a report.
    pub async fn report(
        &self,
        call: &Call,
        request: ReportsRequest,
    ) -> Result<ReportsResponse, CommandError> {
        match self
            .api
            .handle(call, FinanceRequest::Reports { request })
            .await?
        {
            FinanceResponse::Reports(response) => Ok(*response),
            other => Err(unexpected(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use constructos_domain::finance::{income_statement, Rand};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
    }

    /// What the finance service's HTTP transport does to a request and an answer.
    #[test]
    fn requests_and_reports_survive_the_wire() {
        let request = FinanceRequest::Reports {
            request: ReportsRequest::SetBudget {
                input: SetBudgetInput {
                    project_id: "PRJ-1".into(),
                    cost_code: "CC-100".into(),
                    period: "2026-03".into(),
                    amount: Rand::cents(123_450),
                },
            },
        };
        let json = serde_json::to_value(&request).expect("serialised");
        assert_eq!(json["op"], "reports");
        assert_eq!(json["request"]["input"]["amount"], "1234.50");
        let back: FinanceRequest = serde_json::from_value(json).expect("deserialised");
        assert!(matches!(
            back,
            FinanceRequest::Reports {
                request: ReportsRequest::SetBudget { input }
            } if input.amount == Rand::cents(123_450)
        ));

        let statement = income_statement(day(1), day(31), &[]);
        let response = FinanceResponse::Reports(Box::new(ReportsResponse::IncomeStatement(
            statement.clone(),
        )));
        let text = serde_json::to_string(&response).expect("serialised");
        let back: FinanceResponse = serde_json::from_str(&text).expect("deserialised");
        match back {
            FinanceResponse::Reports(r) => match *r {
                ReportsResponse::IncomeStatement(s) => assert_eq!(s, statement),
                other => panic!("unexpected {other:?}"),
            },
            other => panic!("unexpected {other:?}"),
        }
    }
}
