//! SARS's tax tables as data: one JSON file per tax year (`tables/<year>.json`, the
//! year named by the February it ends in), embedded at build time and parsed once. A
//! pay date is taxed by the table of its tax year (1 March to the end of February); a
//! date whose year has no table is refused, never taxed by a neighbouring year's.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One bracket: on taxable income above `above`, `base` plus `rate` of the excess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bracket {
    pub above: Decimal,
    pub base: Decimal,
    pub rate: Decimal,
}

/// The rebates by age (s 6 of the Income Tax Act): primary for everyone, secondary
/// from 65, tertiary from 75.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rebates {
    pub primary: Decimal,
    pub secondary: Decimal,
    pub tertiary: Decimal,
}

/// The income below which no tax is due, by age (what the rebates imply; kept to
/// check the table against itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    pub under_65: Decimal,
    pub from_65: Decimal,
    pub from_75: Decimal,
}

/// Medical scheme fees tax credits, rand a month (s 6A).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedicalCredits {
    pub main: Decimal,
    pub first_dependant: Decimal,
    pub additional: Decimal,
}

/// UIF: employee and employer each pay `rate` of remuneration up to the ceiling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uif {
    pub rate: Decimal,
    pub monthly_ceiling: Decimal,
}

/// SDL: the employer pays `rate` of remuneration when its annual payroll exceeds the
/// threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sdl {
    pub rate: Decimal,
    pub annual_payroll_threshold: Decimal,
}

/// The tables of one tax year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxTable {
    /// The year of assessment, named by the February it ends in (2026: 1 March 2025 –
    /// 28 February 2026).
    pub tax_year: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Where the figures come from.
    pub source: String,
    /// Ascending by `above`, the first above nought.
    pub brackets: Vec<Bracket>,
    pub rebates: Rebates,
    pub thresholds: Thresholds,
    pub medical_credits: MedicalCredits,
    pub uif: Uif,
    pub sdl: Sdl,
}

impl TaxTable {
    /// The tax on `income` a year before rebates.
    pub fn tax_before_rebates(&self, income: Decimal) -> Decimal {
        self.brackets
            .iter()
            .rev()
            .find(|b| income > b.above)
            .map_or(Decimal::ZERO, |b| b.base + b.rate * (income - b.above))
    }

    /// The rebates a person of `age` (on the last day of the tax year) gets.
    pub fn rebate(&self, age: u32) -> Decimal {
        let mut rebate = self.rebates.primary;
        if age >= 65 {
            rebate += self.rebates.secondary;
        }
        if age >= 75 {
            rebate += self.rebates.tertiary;
        }
        rebate
    }
}

const FILES: [&str; 2] = [
    include_str!("tables/2025.json"),
    include_str!("tables/2026.json"),
];

/// Every table this build carries, by tax year.
pub static TAX_TABLES: LazyLock<Vec<TaxTable>> = LazyLock::new(|| {
    FILES
        .iter()
        .filter_map(|file| serde_json::from_str(file).ok())
        .collect()
});

/// The tax year `date` falls in: the year of the February that ends it.
pub fn tax_year_of(date: NaiveDate) -> i32 {
    if date.month() >= 3 {
        date.year() + 1
    } else {
        date.year()
    }
}

/// The table for the tax year of `pay_date`, if this build has it.
pub fn table_for(pay_date: NaiveDate) -> Option<&'static TaxTable> {
    let year = tax_year_of(pay_date);
    TAX_TABLES.iter().find(|t| t.tax_year == year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses_covers_its_year_and_agrees_with_its_thresholds() {
        assert_eq!(TAX_TABLES.len(), FILES.len());
        for t in TAX_TABLES.iter() {
            assert_eq!(tax_year_of(t.starts_on), t.tax_year);
            assert_eq!(tax_year_of(t.ends_on), t.tax_year);
            assert!(t.brackets.windows(2).all(|w| w[0].above < w[1].above));
            // At each threshold the tax before rebates is the rebate: no tax below it.
            for (threshold, age) in [
                (t.thresholds.under_65, 40),
                (t.thresholds.from_65, 70),
                (t.thresholds.from_75, 80),
            ] {
                let gap = t.tax_before_rebates(threshold) - t.rebate(age);
                assert!(
                    gap.abs() < Decimal::ONE,
                    "{}: {threshold} leaves {gap}",
                    t.tax_year
                );
            }
        }
    }

    #[test]
    fn the_tax_year_runs_from_march_to_february() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(tax_year_of(day(2025, 2, 28)), 2025);
        assert_eq!(tax_year_of(day(2025, 3, 1)), 2026);
        assert_eq!(table_for(day(2025, 12, 25)).map(|t| t.tax_year), Some(2026));
        assert!(table_for(day(2019, 6, 1)).is_none());
    }
}
