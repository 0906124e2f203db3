//! The default chart of accounts of a South African construction company, seeded by
//! `constructos seed` and `constructos up`.

use super::{AccountType, CostType};

/// Goods received not invoiced: a receipt into stock waits here for its supplier's
/// bill (inventory's costing credits it, the bill's matched stock lines debit it).
pub const GOODS_RECEIVED_NOT_INVOICED: &str = "2010";

/// One account of the default chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartEntry {
    pub code: &'static str,
    pub name: &'static str,
    pub account_type: AccountType,
    pub cost_type: Option<CostType>,
}

const fn entry(code: &'static str, name: &'static str, account_type: AccountType) -> ChartEntry {
    ChartEntry {
        code,
        name,
        account_type,
        cost_type: None,
    }
}

const fn cost(code: &'static str, name: &'static str, cost_type: CostType) -> ChartEntry {
    ChartEntry {
        code,
        name,
        account_type: AccountType::Expense,
        cost_type: Some(cost_type),
    }
}

/// The default chart: assets 1xxx, liabilities 2xxx, equity 3xxx, income 4xxx,
/// cost of sales 5xxx (one per cost type), overheads 6xxx.
pub const DEFAULT_CHART: &[ChartEntry] = &[
    entry("1000", "Bank", AccountType::Asset),
    entry("1100", "Trade debtors", AccountType::Asset),
    entry("1150", "Retention receivable", AccountType::Asset),
    entry("1200", "VAT input", AccountType::Asset),
    entry("1300", "Inventory", AccountType::Asset),
    entry("1500", "Plant and equipment", AccountType::Asset),
    entry("2000", "Trade creditors", AccountType::Liability),
    entry(
        "2010",
        "Goods received not invoiced",
        AccountType::Liability,
    ),
    entry("2050", "Retention payable", AccountType::Liability),
    entry("2100", "VAT output", AccountType::Liability),
    entry("2200", "PAYE payable", AccountType::Liability),
    entry("2210", "UIF payable", AccountType::Liability),
    entry("2220", "SDL payable", AccountType::Liability),
    entry("2230", "Net pay payable", AccountType::Liability),
    entry("3000", "Share capital", AccountType::Equity),
    entry("3100", "Retained earnings", AccountType::Equity),
    entry("4000", "Contract revenue", AccountType::Income),
    entry("4900", "Internal plant hire recovered", AccountType::Income),
    cost("5000", "Cost of sales: labour", CostType::Labour),
    cost("5100", "Cost of sales: materials", CostType::Materials),
    cost("5200", "Cost of sales: plant", CostType::Plant),
    cost(
        "5300",
        "Cost of sales: subcontractors",
        CostType::Subcontractors,
    ),
    entry("6000", "Overheads", AccountType::Expense),
    entry("6050", "Stock adjustments", AccountType::Expense),
    entry("6100", "Salaries and wages", AccountType::Expense),
    entry("6110", "Employer's UIF and SDL", AccountType::Expense),
    entry("6190", "Labour charged to projects", AccountType::Expense),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_and_valid() {
        let codes: BTreeSet<_> = DEFAULT_CHART.iter().map(|e| e.code).collect();
        assert_eq!(codes.len(), DEFAULT_CHART.len());
        for e in DEFAULT_CHART {
            assert!(crate::finance::account_code(e.code).is_ok(), "{}", e.code);
        }
    }
}
