//! The financial statements as pure functions of account balances: the income
//! statement, the balance sheet, the VAT return summary and the project cost report.
//!
//! Both sides produce them the same way: the read side sums `read_model.journal_lines`
//! in SQL, the pure fold of [`super::Books`] sums `JournalPosted` events, and each hands
//! its [`AccountBalance`]s to these functions. So "the report as at D equals a replay of
//! the events up to D" is a question about the sums alone, and a test asks it.
//!
//! Signs: every amount is shown on its natural side — assets and expenses as debits
//! less credits, liabilities, equity and income as credits less debits.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{AccountType, CostType, FinancialCalendar, Rand, VatTreatment};

/// VAT output (credited with VAT charged on supplies).
const VAT_OUTPUT_ACCOUNT: &str = "2100";
/// VAT input (debited with VAT paid on purchases).
const VAT_INPUT_ACCOUNT: &str = "1200";

/// The cost types, in the order reports list them.
pub const COST_TYPES: [CostType; 4] = [
    CostType::Labour,
    CostType::Materials,
    CostType::Plant,
    CostType::Subcontractors,
];

/// One account's debits and credits over some span of dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountBalance {
    pub code: String,
    pub name: String,
    /// `None` when the account is unknown to the chart (it never is for a posted line).
    pub account_type: Option<AccountType>,
    pub cost_type: Option<CostType>,
    pub debits: Rand,
    pub credits: Rand,
}

impl AccountBalance {
    /// Debits less credits.
    pub fn net_debit(&self) -> Rand {
        self.debits - self.credits
    }

    /// Credits less debits.
    pub fn net_credit(&self) -> Rand {
        self.credits - self.debits
    }

    fn natural(&self) -> Rand {
        match self.account_type {
            Some(AccountType::Asset | AccountType::Expense) | None => self.net_debit(),
            Some(AccountType::Liability | AccountType::Equity | AccountType::Income) => {
                self.net_credit()
            }
        }
    }

    fn line(&self) -> ReportLine {
        ReportLine {
            code: self.code.clone(),
            name: self.name.clone(),
            amount: self.natural(),
        }
    }
}

/// One account's line in a statement, on its natural side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub code: String,
    pub name: String,
    pub amount: Rand,
}

/// An amount per cost type (`None`: an expense without one, e.g. overheads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostTypeAmount {
    pub cost_type: Option<CostType>,
    pub amount: Rand,
}

/// The income statement for journals dated `from..=to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeStatement {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub income: Vec<ReportLine>,
    pub total_income: Rand,
    /// Expense accounts with a cost type.
    pub cost_of_sales: Vec<ReportLine>,
    /// The cost of sales per cost type, every type listed.
    pub cost_of_sales_by_type: Vec<CostTypeAmount>,
    pub total_cost_of_sales: Rand,
    pub gross_profit: Rand,
    /// Expense accounts without a cost type: overheads.
    pub expenses: Vec<ReportLine>,
    pub total_expenses: Rand,
    pub net_profit: Rand,
}

fn total(lines: &[ReportLine]) -> Rand {
    lines.iter().map(|l| l.amount).sum()
}

fn of_type(balances: &[AccountBalance], account_type: AccountType) -> Vec<&AccountBalance> {
    balances
        .iter()
        .filter(|b| b.account_type == Some(account_type))
        .collect()
}

/// Income less expenses over `balances`.
fn profit(balances: &[AccountBalance]) -> Rand {
    let income: Rand = of_type(balances, AccountType::Income)
        .iter()
        .map(|b| b.net_credit())
        .sum();
    let expenses: Rand = of_type(balances, AccountType::Expense)
        .iter()
        .map(|b| b.net_debit())
        .sum();
    income - expenses
}

/// The income statement from the balances of journals dated `from..=to`.
pub fn income_statement(
    from: NaiveDate,
    to: NaiveDate,
    balances: &[AccountBalance],
) -> IncomeStatement {
    let income: Vec<ReportLine> = of_type(balances, AccountType::Income)
        .iter()
        .map(|b| b.line())
        .collect();
    let expenses_all = of_type(balances, AccountType::Expense);
    let cost_of_sales: Vec<ReportLine> = expenses_all
        .iter()
        .filter(|b| b.cost_type.is_some())
        .map(|b| b.line())
        .collect();
    let cost_of_sales_by_type = COST_TYPES
        .iter()
        .map(|t| CostTypeAmount {
            cost_type: Some(*t),
            amount: expenses_all
                .iter()
                .filter(|b| b.cost_type == Some(*t))
                .map(|b| b.net_debit())
                .sum(),
        })
        .collect();
    let expenses: Vec<ReportLine> = expenses_all
        .iter()
        .filter(|b| b.cost_type.is_none())
        .map(|b| b.line())
        .collect();
    let (total_income, total_cost_of_sales, total_expenses) =
        (total(&income), total(&cost_of_sales), total(&expenses));
    let gross_profit = total_income - total_cost_of_sales;
    IncomeStatement {
        from,
        to,
        income,
        total_income,
        cost_of_sales,
        cost_of_sales_by_type,
        total_cost_of_sales,
        gross_profit,
        expenses,
        total_expenses,
        net_profit: gross_profit - total_expenses,
    }
}

/// The first day of the financial year `date` falls in.
pub fn financial_year_start(calendar: FinancialCalendar, date: NaiveDate) -> NaiveDate {
    let start_month = calendar.year_end_month() % 12 + 1;
    let year = calendar.financial_year(date);
    let start_year = if start_month == 1 { year } else { year - 1 };
    // Day 1 of a month 1–12 always exists; the fallback is never taken.
    NaiveDate::from_ymd_opt(start_year, start_month, 1).unwrap_or(date.with_day(1).unwrap_or(date))
}

/// The balance sheet as at a date. Equity is the equity accounts plus two lines the
/// ledger keeps in income and expense accounts: the profit of earlier financial years
/// not yet closed to retained earnings, and the profit of the current year so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceSheet {
    pub as_at: NaiveDate,
    /// The financial year `as_at` falls in (named by the year it ends in).
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
    /// Income less expenses dated from the start of the financial year to `as_at`.
    pub current_year_profit: Rand,
    pub total_equity: Rand,
    pub total_liabilities_and_equity: Rand,
    /// Assets less liabilities and equity: nought when the books balance.
    pub difference: Rand,
    pub balances: bool,
}

/// The balance sheet from the balances of every journal dated on or before `as_at`
/// (`to_date`) and of those dated within its financial year (`current_year`).
pub fn balance_sheet(
    as_at: NaiveDate,
    calendar: FinancialCalendar,
    to_date: &[AccountBalance],
    current_year: &[AccountBalance],
) -> BalanceSheet {
    let lines = |t| -> Vec<ReportLine> { of_type(to_date, t).iter().map(|b| b.line()).collect() };
    let (assets, liabilities, equity) = (
        lines(AccountType::Asset),
        lines(AccountType::Liability),
        lines(AccountType::Equity),
    );
    let current_year_profit = profit(current_year);
    let retained_profit_earlier_years = profit(to_date) - current_year_profit;
    let (total_assets, total_liabilities) = (total(&assets), total(&liabilities));
    let total_equity = total(&equity) + retained_profit_earlier_years + current_year_profit;
    let total_liabilities_and_equity = total_liabilities + total_equity;
    let difference = total_assets - total_liabilities_and_equity;
    BalanceSheet {
        as_at,
        financial_year: calendar.financial_year(as_at),
        financial_year_start: financial_year_start(calendar, as_at),
        assets,
        total_assets,
        liabilities,
        total_liabilities,
        equity,
        retained_profit_earlier_years,
        current_year_profit,
        total_equity,
        total_liabilities_and_equity,
        difference,
        balances: difference.is_zero(),
    }
}

/// The value of supplies invoiced under one VAT treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatSupplies {
    pub treatment: VatTreatment,
    pub value_excl_vat: Rand,
    pub vat: Rand,
}

/// The VAT return summary for a VAT period `from..=to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatReturn {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Net credits to VAT output dated in the period.
    pub output_vat: Rand,
    /// Net debits to VAT input dated in the period.
    pub input_vat: Rand,
    /// Output less input: payable to SARS, or (negative) a refund due.
    pub net_payable: Rand,
    pub refund_due: bool,
    /// Supplies on customer invoices less credit notes dated in the period, per
    /// treatment (all three).
    pub supplies: Vec<VatSupplies>,
}

/// The VAT return from the balances of journals dated `from..=to` and the invoiced
/// supplies of the period (any treatment missing is reported as nought).
pub fn vat_return(
    from: NaiveDate,
    to: NaiveDate,
    balances: &[AccountBalance],
    supplies: &[VatSupplies],
) -> VatReturn {
    let net = |code: &str, f: fn(&AccountBalance) -> Rand| -> Rand {
        balances.iter().filter(|b| b.code == code).map(f).sum()
    };
    let output_vat = net(VAT_OUTPUT_ACCOUNT, AccountBalance::net_credit);
    let input_vat = net(VAT_INPUT_ACCOUNT, AccountBalance::net_debit);
    let net_payable = output_vat - input_vat;
    let supplies = [
        VatTreatment::Standard,
        VatTreatment::ZeroRated,
        VatTreatment::Exempt,
    ]
    .iter()
    .map(|t| {
        let of = supplies.iter().filter(|s| s.treatment == *t);
        VatSupplies {
            treatment: *t,
            value_excl_vat: of.clone().map(|s| s.value_excl_vat).sum(),
            vat: of.map(|s| s.vat).sum(),
        }
    })
    .collect();
    VatReturn {
        from,
        to,
        output_vat,
        input_vat,
        net_payable,
        refund_due: net_payable < Rand::ZERO,
        supplies,
    }
}
