//! A pay period's PAYE, UIF and SDL for regular remuneration — the figures a pay run
//! uses and the PAYE calculator answers, from one function.
//!
//! PAYE by SARS's annual equivalent method for regular remuneration: the period's
//! remuneration × the periods of a year (12 monthly, 52 weekly) is taxed by the year's
//! brackets, less the rebates for the employee's age on the last day of the tax year;
//! that divided by the periods (never below nought) less the period's share of the
//! medical scheme fees tax credits (the monthly credit × 12 ÷ periods; never below
//! nought). UIF's monthly ceiling becomes a period's the same way (weekly: R17 712 ×
//! 12 ÷ 52 = R4 087.38).
//! Irregular income (a bonus) is taxed by the difference between the tax on the annual
//! equivalent with it and without it — the pay run's concern, documented in
//! `docs/payroll.md`. Amounts are exact decimals, rounded half up to the cent once, at
//! the end of each figure.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::tables::{table_for, tax_year_of, TaxTable};
use crate::hr::HrError;

/// What a month's deductions depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayeInput {
    pub pay_date: NaiveDate,
    /// Regular remuneration for the period, rand.
    pub monthly_remuneration: Decimal,
    /// Pay periods in a year: 12 (monthly) or 52 (weekly).
    pub periods_per_year: u32,
    /// The employee's age on the last day of the tax year.
    pub age: u32,
    /// Members of a medical scheme the employee pays for (0: none; 1: the employee;
    /// each more a dependant).
    pub medical_members: u32,
    /// Whether the employer's annual payroll exceeds the SDL threshold.
    pub sdl_liable: bool,
}

/// A month's deductions and contributions, rand and cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyDeductions {
    pub tax_year: i32,
    /// Where the table's figures come from.
    pub table_source: String,
    /// The remuneration × 12 the brackets were applied to.
    pub annual_equivalent: Decimal,
    /// The year's tax on it after rebates.
    pub annual_tax: Decimal,
    pub medical_credits: Decimal,
    pub paye: Decimal,
    pub uif_employee: Decimal,
    pub uif_employer: Decimal,
    pub sdl: Decimal,
}

fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The monthly medical scheme fees tax credit for `members`.
fn medical_credits(table: &TaxTable, members: u32) -> Decimal {
    let c = &table.medical_credits;
    match members {
        0 => Decimal::ZERO,
        1 => c.main,
        n => c.main + c.first_dependant + c.additional * Decimal::from(n - 2),
    }
}

/// The oldest age accepted.
const MAX_AGE: u32 = 130;

/// The period's PAYE, UIF and SDL by the table of the pay date's tax year.
pub fn calculate(input: &PayeInput) -> Result<MonthlyDeductions, HrError> {
    let table = table_for(input.pay_date).ok_or(HrError::NoTaxTable {
        tax_year: tax_year_of(input.pay_date),
    })?;
    calculate_under(table, input)
}

/// The period's PAYE, UIF and SDL by `table`, whatever the pay date: what a pay run's
/// what-if asks ("this run under that year's table").
pub fn calculate_under(table: &TaxTable, input: &PayeInput) -> Result<MonthlyDeductions, HrError> {
    let periods = match input.periods_per_year {
        12 | 52 => Decimal::from(input.periods_per_year),
        other => {
            return Err(HrError::PayRun(format!(
                "{other} pay periods a year: only 12 or 52"
            )))
        }
    };
    let twelve = Decimal::from(12);
    let pay = input.monthly_remuneration;
    if pay.is_sign_negative() || pay.scale() > 2 {
        return Err(HrError::Remuneration(pay.to_string()));
    }
    if input.age > MAX_AGE {
        return Err(HrError::Age(input.age));
    }
    let annual_equivalent = pay * periods;
    let annual_tax =
        (table.tax_before_rebates(annual_equivalent) - table.rebate(input.age)).max(Decimal::ZERO);
    let credits = cents(medical_credits(table, input.medical_members) * twelve / periods);
    let paye = cents((annual_tax / periods - credits).max(Decimal::ZERO));
    let ceiling = cents(table.uif.monthly_ceiling * twelve / periods);
    let uif = cents(pay.min(ceiling) * table.uif.rate);
    let sdl = if input.sdl_liable {
        cents(pay * table.sdl.rate)
    } else {
        Decimal::ZERO
    };
    Ok(MonthlyDeductions {
        tax_year: table.tax_year,
        table_source: table.source.clone(),
        annual_equivalent,
        annual_tax: cents(annual_tax),
        medical_credits: credits,
        paye,
        uif_employee: uif,
        uif_employer: uif,
        sdl,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn month(pay: i64, age: u32) -> PayeInput {
        PayeInput {
            pay_date: NaiveDate::from_ymd_opt(2025, 11, 25).expect("date"),
            monthly_remuneration: Decimal::from(pay),
            periods_per_year: 12,
            age,
            medical_members: 0,
            sdl_liable: true,
        }
    }

    #[test]
    fn a_monthly_salary_is_taxed_on_its_annual_equivalent_less_rebates() {
        // R30 000 a month: R360 000 a year → 42 678 + 26% × 122 900 = 74 632, less the
        // primary rebate 17 235 = 57 397 a year, R4 783.08 a month.
        let d = calculate(&month(30_000, 40)).expect("calculated");
        assert_eq!(d.tax_year, 2026);
        assert_eq!(d.annual_equivalent, Decimal::from(360_000));
        assert_eq!(d.annual_tax, Decimal::from(57_397));
        assert_eq!(d.paye, Decimal::new(478_308, 2));
        // UIF on the ceiling R17 712: R177.12 each; SDL 1% of R30 000.
        assert_eq!(d.uif_employee, Decimal::new(17_712, 2));
        assert_eq!(d.uif_employer, Decimal::new(17_712, 2));
        assert_eq!(d.sdl, Decimal::from(300));
        // At 66 the secondary rebate (9 444) comes off too: 47 953 a year.
        assert_eq!(
            calculate(&month(30_000, 66)).expect("calculated").paye,
            Decimal::new(399_608, 2)
        );
    }

    #[test]
    fn below_the_threshold_no_paye_and_credits_never_go_below_nought() {
        // R7 979 a month is R95 748 a year, under the R95 750 threshold.
        assert_eq!(
            calculate(&month(7_979, 30)).expect("ok").paye,
            Decimal::ZERO
        );
        let mut with_scheme = month(9_000, 30);
        with_scheme.medical_members = 3;
        // 108 000 × 18% − 17 235 = 2 205 a year, R183.75 a month, less R974 credits.
        assert_eq!(calculate(&with_scheme).expect("ok").paye, Decimal::ZERO);
        with_scheme.monthly_remuneration = Decimal::from(30_000);
        assert_eq!(
            calculate(&with_scheme).expect("ok").medical_credits,
            Decimal::from(974)
        );
        assert_eq!(
            calculate(&with_scheme).expect("ok").paye,
            Decimal::new(380_908, 2)
        );
    }

    #[test]
    fn a_year_without_a_table_bad_pay_or_age_is_refused() {
        let mut old = month(10_000, 30);
        old.pay_date = NaiveDate::from_ymd_opt(2019, 6, 25).expect("date");
        assert_eq!(calculate(&old), Err(HrError::NoTaxTable { tax_year: 2020 }));
        let mut negative = month(10_000, 30);
        negative.monthly_remuneration = Decimal::new(-1, 0);
        assert!(matches!(
            calculate(&negative),
            Err(HrError::Remuneration(_))
        ));
        assert_eq!(calculate(&month(10_000, 200)), Err(HrError::Age(200)));
    }

    #[test]
    fn a_week_is_taxed_on_52_weeks_with_a_weekly_uif_ceiling() {
        // R7 000 a week is R364 000 a year: 42 678 + 26% × 126 900 = 75 672, less
        // 17 235 = 58 437, R1 123.79 a week; UIF on R4 087.38.
        let mut week = month(7_000, 40);
        week.periods_per_year = 52;
        let d = calculate(&week).expect("calculated");
        assert_eq!(d.annual_equivalent, Decimal::from(364_000));
        assert_eq!(d.paye, Decimal::new(112_379, 2));
        assert_eq!(d.uif_employee, Decimal::new(4_087, 2));
        week.periods_per_year = 26;
        assert!(calculate(&week).is_err());
    }

    proptest! {
        /// PAYE never falls as pay rises, and never exceeds 45% of the pay.
        #[test]
        fn paye_rises_with_pay_and_stays_below_the_top_rate(pay in 0i64..500_000, age in 18u32..90) {
            let now = calculate(&month(pay, age)).expect("ok").paye;
            let more = calculate(&month(pay + 100, age)).expect("ok").paye;
            prop_assert!(more >= now);
            prop_assert!(now <= Decimal::from(pay) * Decimal::new(45, 2));
        }
    }
}
