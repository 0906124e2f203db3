//! The books as a pure fold of finance events: what an auditor's replay gives. Apply
//! the ledger account and journal events in any order (the journal date, not the order
//! of recording, decides what a report as at a date sees), then ask for the trial
//! balance, income statement, balance sheet or project costs as at any date. The read
//! models must answer exactly the same; `cli/tests/integration/finance_reports_replay.rs`
//! checks it on random histories.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::project_costs::{project_cost_report, CostFigure, ProjectCostReport};
use super::statements::{
    balance_sheet, financial_year_start, income_statement, AccountBalance, BalanceSheet,
    IncomeStatement,
};
use super::{
    AccountType, CostType, FinancialCalendar, JournalEvent, JournalLine, LedgerAccountEvent, Rand,
};

#[derive(Debug, Clone, PartialEq, Eq)]
struct Account {
    name: String,
    account_type: AccountType,
    cost_type: Option<CostType>,
}

/// The chart of accounts and every posted journal line with its date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Books {
    accounts: BTreeMap<String, Account>,
    lines: Vec<(NaiveDate, JournalLine)>,
}

impl Books {
    /// Empty books.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies an event of the ledger account `code`.
    pub fn apply_account(&mut self, code: &str, event: &LedgerAccountEvent) {
        match event {
            LedgerAccountEvent::LedgerAccountOpened {
                code,
                name,
                account_type,
                cost_type,
            } => {
                self.accounts.insert(
                    code.clone(),
                    Account {
                        name: name.clone(),
                        account_type: *account_type,
                        cost_type: *cost_type,
                    },
                );
            }
            LedgerAccountEvent::LedgerAccountRenamed { to, .. } => {
                if let Some(account) = self.accounts.get_mut(code) {
                    account.name = to.clone();
                }
            }
            LedgerAccountEvent::LedgerAccountClosed {} => {}
        }
    }

    /// Applies a journal event: a posted journal's lines enter the books under its date
    /// (a reversal is itself a posted journal, so `JournalReversed` changes no balance).
    pub fn apply_journal(&mut self, event: &JournalEvent) {
        if let JournalEvent::JournalPosted { date, lines, .. } = event {
            self.lines
                .extend(lines.iter().map(|line| (*date, line.clone())));
        }
    }

    /// Debits and credits per account of the lines dated within `from..=to` (from the
    /// beginning when `from` is `None`), by account code; accounts without such lines
    /// are left out.
    pub fn balances(&self, from: Option<NaiveDate>, to: NaiveDate) -> Vec<AccountBalance> {
        let mut sums: BTreeMap<&str, (Rand, Rand)> = BTreeMap::new();
        for (date, line) in &self.lines {
            if *date > to || from.is_some_and(|f| *date < f) {
                continue;
            }
            let entry = sums.entry(line.account_code.as_str()).or_default();
            match line.side {
                super::Side::Debit => entry.0 = entry.0 + line.amount,
                super::Side::Credit => entry.1 = entry.1 + line.amount,
            }
        }
        sums.into_iter()
            .map(|(code, (debits, credits))| {
                let account = self.accounts.get(code);
                AccountBalance {
                    code: code.to_string(),
                    name: account.map(|a| a.name.clone()).unwrap_or_default(),
                    account_type: account.map(|a| a.account_type),
                    cost_type: account.and_then(|a| a.cost_type),
                    debits,
                    credits,
                }
            })
            .collect()
    }

    /// The trial balance as at the end of `as_at`: per account, its net balance as
    /// (debit, credit), one of them nought.
    pub fn trial_balance(&self, as_at: NaiveDate) -> Vec<(String, Rand, Rand)> {
        self.balances(None, as_at)
            .into_iter()
            .map(|b| {
                let net = b.net_debit();
                if net.is_positive() {
                    (b.code, net, Rand::ZERO)
                } else {
                    (b.code, Rand::ZERO, -net)
                }
            })
            .collect()
    }

    /// The income statement for journals dated `from..=to`.
    pub fn income_statement(&self, from: NaiveDate, to: NaiveDate) -> IncomeStatement {
        income_statement(from, to, &self.balances(Some(from), to))
    }

    /// The project cost report as at the end of `as_at` for one project (or all), with
    /// the budgets and commitments given (the journals hold neither).
    pub fn project_cost_report(
        &self,
        as_at: NaiveDate,
        project_id: Option<&str>,
        budgets: &[CostFigure],
        commitments: &[CostFigure],
    ) -> ProjectCostReport {
        let mut actuals = Vec::new();
        let mut revenue = Rand::ZERO;
        for (date, line) in &self.lines {
            let Some(project) = &line.project_id else {
                continue;
            };
            if *date > as_at || project_id.is_some_and(|p| p != project) {
                continue;
            }
            let Some(account) = self.accounts.get(&line.account_code) else {
                continue;
            };
            match account.account_type {
                AccountType::Expense => actuals.push(CostFigure {
                    project_id: project.clone(),
                    cost_code: line.cost_code.clone(),
                    cost_type: account.cost_type,
                    amount: line.signed(),
                }),
                AccountType::Income => revenue = revenue - line.signed(),
                _ => {}
            }
        }
        project_cost_report(
            as_at,
            project_id.map(str::to_string),
            budgets,
            &actuals,
            commitments,
            revenue,
        )
    }

    /// The balance sheet as at the end of `as_at`.
    pub fn balance_sheet(&self, as_at: NaiveDate, calendar: FinancialCalendar) -> BalanceSheet {
        let start = financial_year_start(calendar, as_at);
        balance_sheet(
            as_at,
            calendar,
            &self.balances(None, as_at),
            &self.balances(Some(start), as_at),
        )
    }
}

#[cfg(test)]
mod tests;
