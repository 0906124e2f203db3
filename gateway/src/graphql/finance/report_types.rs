//! The report and budget types of the schema: the income statement, balance sheet, VAT
//! return summary, project cost report and budgets. Amounts are `Rand` strings.

use async_graphql::{InputObject, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::finance as domain;
use constructos_projections::finance::BudgetRow;

use super::ledger_types::Rand;

/// One account's line in a statement, on its natural side (assets and expenses as
/// debits less credits; liabilities, equity and income as credits less debits).
#[derive(SimpleObject)]
pub struct ReportLine {
    pub code: String,
    pub name: String,
    pub amount: Rand,
}

fn lines(lines: Vec<domain::ReportLine>) -> Vec<ReportLine> {
    lines
        .into_iter()
        .map(|l| ReportLine {
            code: l.code,
            name: l.name,
            amount: Rand(l.amount),
        })
        .collect()
}

/// An amount per cost type.
#[derive(SimpleObject)]
pub struct CostTypeAmount {
    /// `LABOUR`, `MATERIALS`, `PLANT` or `SUBCONTRACTORS`; null for expenses without a
    /// cost type (overheads).
    pub cost_type: Option<String>,
    pub amount: Rand,
}

fn by_type(amounts: Vec<domain::CostTypeAmount>) -> Vec<CostTypeAmount> {
    amounts
        .into_iter()
        .map(|a| CostTypeAmount {
            cost_type: a.cost_type.map(|t| t.as_str().to_string()),
            amount: Rand(a.amount),
        })
        .collect()
}

/// The income statement for journals dated `from`..=`to`.
#[derive(SimpleObject)]
pub struct IncomeStatement {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub income: Vec<ReportLine>,
    pub total_income: Rand,
    /// Expense accounts with a cost type.
    pub cost_of_sales: Vec<ReportLine>,
    /// Every cost type, nought where nothing was posted.
    pub cost_of_sales_by_type: Vec<CostTypeAmount>,
    pub total_cost_of_sales: Rand,
    pub gross_profit: Rand,
    /// Expense accounts without a cost type: overheads.
    pub expenses: Vec<ReportLine>,
    pub total_expenses: Rand,
    pub net_profit: Rand,
}

impl From<domain::IncomeStatement> for IncomeStatement {
    fn from(s: domain::IncomeStatement) -> Self {
        Self {
            from: s.from,
            to: s.to,
            income: lines(s.income),
            total_income: Rand(s.total_income),
            cost_of_sales: lines(s.cost_of_sales),
            cost_of_sales_by_type: by_type(s.cost_of_sales_by_type),
            total_cost_of_sales: Rand(s.total_cost_of_sales),
            gross_profit: Rand(s.gross_profit),
            expenses: lines(s.expenses),
            total_expenses: Rand(s.total_expenses),
            net_profit: Rand(s.net_profit),
        }
    }
}

/// The balance sheet as at the end of a date. Equity is the equity accounts plus the
/// profit of earlier financial years and of the current year so far (income less
/// expenses not yet closed to retained earnings), so assets = liabilities + equity.
#[derive(SimpleObject)]
pub struct BalanceSheet {
    pub as_at: NaiveDate,
    /// The financial year `asAt` falls in, named by the calendar year it ends in.
    pub financial_year: i32,
    pub financial_year_start: NaiveDate,
    pub assets: Vec<ReportLine>,
    pub total_assets: Rand,
    pub liabilities: Vec<ReportLine>,
    pub total_liabilities: Rand,
    /// The equity accounts.
    pub equity: Vec<ReportLine>,
    /// Income less expenses dated before the current financial year.
    pub retained_profit_earlier_years: Rand,
    /// Income less expenses from the start of the financial year to `asAt`.
    pub current_year_profit: Rand,
    pub total_equity: Rand,
    pub total_liabilities_and_equity: Rand,
    /// Assets less liabilities and equity: "0.00" when the books balance.
    pub difference: Rand,
    pub balances: bool,
}

impl From<domain::BalanceSheet> for BalanceSheet {
    fn from(s: domain::BalanceSheet) -> Self {
        Self {
            as_at: s.as_at,
            financial_year: s.financial_year,
            financial_year_start: s.financial_year_start,
            assets: lines(s.assets),
            total_assets: Rand(s.total_assets),
            liabilities: lines(s.liabilities),
            total_liabilities: Rand(s.total_liabilities),
            equity: lines(s.equity),
            retained_profit_earlier_years: Rand(s.retained_profit_earlier_years),
            current_year_profit: Rand(s.current_year_profit),
            total_equity: Rand(s.total_equity),
            total_liabilities_and_equity: Rand(s.total_liabilities_and_equity),
            difference: Rand(s.difference),
            balances: s.balances,
        }
    }
}

/// Supplies invoiced under one VAT treatment in the VAT period.
#[derive(SimpleObject)]
pub struct VatSupplies {
    /// `STANDARD`, `ZERO_RATED` or `EXEMPT`.
    pub treatment: String,
    pub value_excl_vat: Rand,
    pub vat: Rand,
}

/// The VAT return summary for a VAT period.
#[derive(SimpleObject)]
pub struct VatReturn {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Net credits to VAT output (2100) dated in the period.
    pub output_vat: Rand,
    /// Net debits to VAT input (1200) dated in the period.
    pub input_vat: Rand,
    /// Output less input; negative when SARS owes a refund.
    pub net_payable: Rand,
    pub refund_due: bool,
    /// Supplies on issued customer invoices less credit notes dated in the period, per
    /// treatment.
    pub supplies: Vec<VatSupplies>,
}

impl From<domain::VatReturn> for VatReturn {
    fn from(r: domain::VatReturn) -> Self {
        Self {
            from: r.from,
            to: r.to,
            output_vat: Rand(r.output_vat),
            input_vat: Rand(r.input_vat),
            net_payable: Rand(r.net_payable),
            refund_due: r.refund_due,
            supplies: r
                .supplies
                .into_iter()
                .map(|s| VatSupplies {
                    treatment: s.treatment.as_str().to_string(),
                    value_excl_vat: Rand(s.value_excl_vat),
                    vat: Rand(s.vat),
                })
                .collect(),
        }
    }
}

/// One project and cost code: budget vs actual vs committed.
#[derive(SimpleObject)]
pub struct ProjectCostLine {
    pub project_id: String,
    /// Null for costs posted without a cost code.
    pub cost_code: Option<String>,
    /// Budgets of the periods up to the as-at month.
    pub budget: Rand,
    /// Net debits to expense accounts with this project and cost code.
    pub actual: Rand,
    pub actual_by_cost_type: Vec<CostTypeAmount>,
    /// Open purchase-order commitments (nought until purchase orders feed them).
    pub committed: Rand,
    /// Budget less actual less committed; negative when overspent.
    pub variance: Rand,
}

/// Budget vs actual vs committed as at a date, for one project or all.
#[derive(SimpleObject)]
pub struct ProjectCostReport {
    pub as_at: NaiveDate,
    pub project_id: Option<String>,
    pub lines: Vec<ProjectCostLine>,
    pub total_budget: Rand,
    pub total_actual: Rand,
    pub total_committed: Rand,
    pub total_variance: Rand,
    /// Net credits to income accounts carrying the project(s).
    pub revenue: Rand,
}

impl From<domain::ProjectCostReport> for ProjectCostReport {
    fn from(r: domain::ProjectCostReport) -> Self {
        Self {
            as_at: r.as_at,
            project_id: r.project_id,
            lines: r
                .lines
                .into_iter()
                .map(|l| ProjectCostLine {
                    project_id: l.project_id,
                    cost_code: l.cost_code,
                    budget: Rand(l.budget),
                    actual: Rand(l.actual),
                    actual_by_cost_type: by_type(l.actual_by_cost_type),
                    committed: Rand(l.committed),
                    variance: Rand(l.variance),
                })
                .collect(),
            total_budget: Rand(r.total_budget),
            total_actual: Rand(r.total_actual),
            total_committed: Rand(r.total_committed),
            total_variance: Rand(r.total_variance),
            revenue: Rand(r.revenue),
        }
    }
}

/// A project's budget for one cost code and period.
#[derive(SimpleObject)]
pub struct Budget {
    pub project_id: String,
    pub cost_code: String,
    /// `YYYY-MM`.
    pub period: String,
    pub amount: Rand,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<String>,
}

impl From<BudgetRow> for Budget {
    fn from(r: BudgetRow) -> Self {
        Self {
            project_id: r.project_id,
            cost_code: r.cost_code,
            period: r.period,
            amount: Rand(r.amount),
            updated_at: r.updated_at,
            updated_by: r.updated_by,
        }
    }
}

/// A budget to set: replaces the amount for the project, cost code and period.
#[derive(InputObject)]
pub struct SetBudgetInput {
    pub project_id: String,
    pub cost_code: String,
    /// `YYYY-MM`.
    pub period: String,
    /// Nought or more.
    pub amount: Rand,
}
