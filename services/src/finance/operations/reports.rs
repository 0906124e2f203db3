//! The financial reports, each as at the date asked.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::CommandError;
use constructos_domain::access::Access;
use constructos_domain::finance as domain;
use serde::{Deserialize, Serialize};

use super::LEDGER_READERS;
use crate::finance::{arguments, FinanceService};
use crate::{Call, Handle, Operation};

/// Refuses a span that ends before it starts.
fn check_span(from: NaiveDate, to: NaiveDate) -> Result<(), CommandError> {
    if from > to {
        return Err(CommandError::Rejected(format!(
            "the period starts ({from}) after it ends ({to})"
        )));
    }
    Ok(())
}

/// The income statement for journals dated `from..=to`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IncomeStatement {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Operation for IncomeStatement {
    type Service = FinanceService;
    type Answer = domain::IncomeStatement;
    const NAME: &'static str = "income_statement";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<IncomeStatement> for FinanceService {
    async fn handle(
        &self,
        _: &Call,
        op: IncomeStatement,
    ) -> Result<domain::IncomeStatement, CommandError> {
        let (from, to) = (
            arguments::day("from", op.from)?,
            arguments::day("to", op.to)?,
        );
        check_span(from, to)?;
        self.reports
            .income_statement(from, to)
            .await
            .map_err(CommandError::from)
    }
}

/// The balance sheet as at the end of a date.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BalanceSheet {
    pub as_at: NaiveDate,
}

impl Operation for BalanceSheet {
    type Service = FinanceService;
    type Answer = domain::BalanceSheet;
    const NAME: &'static str = "balance_sheet";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<BalanceSheet> for FinanceService {
    async fn handle(
        &self,
        _: &Call,
        op: BalanceSheet,
    ) -> Result<domain::BalanceSheet, CommandError> {
        let as_at = arguments::day("asAt", op.as_at)?;
        self.reports
            .balance_sheet(as_at)
            .await
            .map_err(CommandError::from)
    }
}

/// The VAT return summary for the VAT period `from..=to`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VatReturn {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Operation for VatReturn {
    type Service = FinanceService;
    type Answer = domain::VatReturn;
    const NAME: &'static str = "vat_return";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<VatReturn> for FinanceService {
    async fn handle(&self, _: &Call, op: VatReturn) -> Result<domain::VatReturn, CommandError> {
        let (from, to) = (
            arguments::day("from", op.from)?,
            arguments::day("to", op.to)?,
        );
        check_span(from, to)?;
        self.reports
            .vat_return(from, to)
            .await
            .map_err(CommandError::from)
    }
}

/// Budget vs actual vs committed per project and cost code as at the end of a date.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProjectCostReport {
    pub as_at: NaiveDate,
    pub project_id: Option<String>,
}

impl Operation for ProjectCostReport {
    type Service = FinanceService;
    type Answer = domain::ProjectCostReport;
    const NAME: &'static str = "project_cost_report";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<ProjectCostReport> for FinanceService {
    async fn handle(
        &self,
        _: &Call,
        op: ProjectCostReport,
    ) -> Result<domain::ProjectCostReport, CommandError> {
        let as_at = arguments::day("asAt", op.as_at)?;
        let project_id = arguments::maybe_id("projectId", op.project_id)?;
        self.reports
            .project_cost_report(as_at, project_id.as_deref())
            .await
            .map_err(CommandError::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use constructos_commands::finance::SetBudgetInput;
    use constructos_domain::finance::{income_statement, Rand};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
    }

    /// What the finance service's HTTP transport does to an input and an answer.
    #[test]
    fn inputs_and_reports_survive_the_wire() {
        let input = SetBudgetInput {
            project_id: "PRJ-1".into(),
            cost_code: "CC-100".into(),
            period: "2026-03".into(),
            amount: Rand::cents(123_450),
        };
        let json = serde_json::to_value(&input).expect("serialised");
        assert_eq!(json["amount"], "1234.50");
        let back: SetBudgetInput = serde_json::from_value(json).expect("deserialised");
        assert_eq!(back, input);

        let statement = income_statement(day(1), day(31), &[]);
        let text = serde_json::to_string(&statement).expect("serialised");
        let back: domain::IncomeStatement = serde_json::from_str(&text).expect("deserialised");
        assert_eq!(back, statement);
    }
}
