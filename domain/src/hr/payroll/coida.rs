//! The COIDA assessment estimate: what the Compensation Fund will assess the employer
//! for a year, from the earnings it paid (the Return of Earnings, W.As.8 / CF-2A).
//!
//! Each employee's earnings count up to the year's maximum earnings; the assessment is
//! the employer's tariff (rand per R100 of earnings, from its notice of assessment: the
//! Commissioner sets it per industry subclass and employer, so it is an input, not
//! data), rounded half away from nought to the cent, and never less than the minimum
//! assessment. The assessment year runs 1 March to the end of February, named like a
//! tax year by the February it ends in; its limits are data (`tables/coida.json`).

use std::sync::LazyLock;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::hr::HrError;

/// The limits of one assessment year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoidaYear {
    /// Named by the February it ends in (2026: 1 March 2025 – 28 February 2026).
    pub assessment_year: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The most of one employee's annual earnings that is assessed.
    pub maximum_earnings: Decimal,
    /// The least a commercial employer is assessed.
    pub minimum_assessment: Decimal,
    /// Where the figures come from.
    pub source: String,
}

/// Every assessment year this build carries.
pub static COIDA_YEARS: LazyLock<Vec<CoidaYear>> =
    LazyLock::new(|| serde_json::from_str(include_str!("tables/coida.json")).unwrap_or_default());

/// The limits of `assessment_year`, if this build has them.
pub fn coida_year(assessment_year: i32) -> Option<&'static CoidaYear> {
    COIDA_YEARS
        .iter()
        .find(|y| y.assessment_year == assessment_year)
}

/// What one employee earned in the year (gross of the approved and paid runs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeEarnings {
    pub employee_id: String,
    pub name: String,
    pub earnings: Decimal,
}

/// One employee's line of the estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoidaLine {
    pub employee_id: String,
    pub name: String,
    pub earnings: Decimal,
    /// The earnings up to the year's maximum.
    pub assessable: Decimal,
}

/// The estimate for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoidaEstimate {
    pub assessment_year: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub source: String,
    /// Rand per R100 of assessable earnings.
    pub tariff_per_hundred: Decimal,
    pub maximum_earnings: Decimal,
    pub minimum_assessment: Decimal,
    /// By employee, as given.
    pub lines: Vec<CoidaLine>,
    pub earnings: Decimal,
    pub assessable_earnings: Decimal,
    /// The tariff on the assessable earnings, to the cent.
    pub at_tariff: Decimal,
    /// What the Fund will assess: the tariff's figure or the minimum, whichever is more.
    pub assessment: Decimal,
    /// The minimum assessment applied (the tariff's figure was below it).
    pub minimum_applied: bool,
}

/// The estimate for `year` at `tariff_per_hundred` over each employee's earnings.
pub fn estimate(
    year: &CoidaYear,
    tariff_per_hundred: Decimal,
    employees: &[EmployeeEarnings],
) -> Result<CoidaEstimate, HrError> {
    if tariff_per_hundred <= Decimal::ZERO || tariff_per_hundred >= Decimal::ONE_HUNDRED {
        return Err(HrError::Coida(format!(
            "tariffPerHundred: {tariff_per_hundred} is not a tariff (more than nought, less than 100 rand per R100 of earnings)"
        )));
    }
    if let Some(e) = employees.iter().find(|e| e.earnings < Decimal::ZERO) {
        return Err(HrError::Coida(format!(
            "the earnings of {} are below nought ({})",
            e.name, e.earnings
        )));
    }
    let lines: Vec<CoidaLine> = employees
        .iter()
        .map(|e| CoidaLine {
            employee_id: e.employee_id.clone(),
            name: e.name.clone(),
            earnings: e.earnings,
            assessable: e.earnings.min(year.maximum_earnings),
        })
        .collect();
    let earnings = lines.iter().map(|l| l.earnings).sum();
    let assessable_earnings: Decimal = lines.iter().map(|l| l.assessable).sum();
    let at_tariff = (assessable_earnings * tariff_per_hundred / Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let minimum_applied = at_tariff < year.minimum_assessment;
    Ok(CoidaEstimate {
        assessment_year: year.assessment_year,
        starts_on: year.starts_on,
        ends_on: year.ends_on,
        source: year.source.clone(),
        tariff_per_hundred,
        maximum_earnings: year.maximum_earnings,
        minimum_assessment: year.minimum_assessment,
        lines,
        earnings,
        assessable_earnings,
        at_tariff,
        assessment: at_tariff.max(year.minimum_assessment),
        minimum_applied,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    use super::*;
    use crate::hr::payroll::tax_year_of;

    fn year_2026() -> &'static CoidaYear {
        coida_year(2026).expect("the 2026 limits are loaded")
    }

    fn earning(id: &str, earnings: Decimal) -> EmployeeEarnings {
        EmployeeEarnings {
            employee_id: id.into(),
            name: format!("Employee {id}"),
            earnings,
        }
    }

    #[test]
    fn every_year_parses_and_runs_march_to_february() {
        assert_eq!(COIDA_YEARS.len(), 2);
        for y in COIDA_YEARS.iter() {
            assert_eq!(tax_year_of(y.starts_on), y.assessment_year);
            assert_eq!(tax_year_of(y.ends_on), y.assessment_year);
            assert!(y.maximum_earnings > Decimal::ZERO && y.minimum_assessment > Decimal::ZERO);
        }
        assert_eq!(year_2026().maximum_earnings, dec!(633168));
        assert_eq!(
            coida_year(2025).map(|y| y.minimum_assessment),
            Some(dec!(1530))
        );
        assert!(coida_year(2020).is_none());
    }

    #[test]
    fn earnings_count_up_to_the_maximum_and_the_tariff_rounds_to_the_cent() {
        // Hand-computed: R360 000 counts whole; R900 000 counts R633 168; R48 600 whole.
        // Assessable R1 041 768 at R2.37 per R100 = R24 689.9016 → R24 689.90.
        let employees = [
            earning("a", dec!(360000)),
            earning("b", dec!(900000)),
            earning("c", dec!(48600)),
        ];
        let e = estimate(year_2026(), dec!(2.37), &employees).expect("estimate");
        assert_eq!(e.lines[1].assessable, dec!(633168));
        assert_eq!(e.earnings, dec!(1308600));
        assert_eq!(e.assessable_earnings, dec!(1041768));
        assert_eq!(e.at_tariff, dec!(24689.90));
        assert_eq!(e.assessment, dec!(24689.90));
        assert!(!e.minimum_applied);
    }

    #[test]
    fn a_small_payroll_pays_the_minimum_assessment() {
        // R30 000 at R2.37 per R100 is R711.00, below the R1 621 minimum.
        let e = estimate(year_2026(), dec!(2.37), &[earning("a", dec!(30000))]).expect("estimate");
        assert_eq!(e.at_tariff, dec!(711.00));
        assert_eq!(e.assessment, dec!(1621));
        assert!(e.minimum_applied);
        let none = estimate(year_2026(), dec!(2.37), &[]).expect("no earnings");
        assert_eq!(none.assessment, dec!(1621));
    }

    #[test]
    fn a_tariff_outside_nought_to_a_hundred_or_negative_earnings_are_refused() {
        for tariff in [dec!(0), dec!(-1), dec!(100)] {
            let refused = estimate(year_2026(), tariff, &[]).expect_err("refused");
            assert!(
                refused.to_string().starts_with("tariffPerHundred:"),
                "{refused}"
            );
        }
        let refused = estimate(year_2026(), dec!(2), &[earning("a", dec!(-1))]);
        assert!(refused.is_err());
    }

    proptest! {
        #[test]
        fn the_assessment_never_counts_more_than_the_maximum_per_employee(
            cents in proptest::collection::vec(0i64..200_000_000, 0..20),
            tariff_cents in 1i64..2_000,
        ) {
            let employees: Vec<_> = cents
                .iter()
                .enumerate()
                .map(|(i, c)| earning(&i.to_string(), Decimal::new(*c, 2)))
                .collect();
            let tariff = Decimal::new(tariff_cents, 2);
            let e = estimate(year_2026(), tariff, &employees).expect("estimate");
            let cap = year_2026().maximum_earnings * Decimal::from(employees.len());
            prop_assert!(e.assessable_earnings <= e.earnings);
            prop_assert!(e.assessable_earnings <= cap);
            prop_assert!(e.lines.iter().all(|l| l.assessable <= l.earnings && l.assessable <= year_2026().maximum_earnings));
            prop_assert!(e.assessment >= year_2026().minimum_assessment);
            prop_assert!(e.assessment >= e.at_tariff);
            // Within half a cent of the exact figure.
            let exact = e.assessable_earnings * tariff / Decimal::ONE_HUNDRED;
            prop_assert!((e.at_tariff - exact).abs() <= dec!(0.005));
        }
    }
}
