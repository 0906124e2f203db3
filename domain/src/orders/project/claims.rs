//! The bill of quantities and the arithmetic of a progress claim: work done to date per
//! line, less what earlier claims took, less retention at the contract's percentage
//! until its cap, plus VAT on what is not retained.
//!
//! Retention is withheld on the value **excluding VAT**, and the output VAT on the
//! retained amount is due only when the retention is released (SARS VAT Practice
//! Note 4 §2, "Retention monies"; VAT 409 Guide for Fixed Property and Construction).
//! So a claim's VAT is charged on `amount − retention`; the release raises its own tax
//! invoice for the released amount plus its VAT.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::contract::percent_of;
use crate::finance::{line_vat, Rand, VatTreatment};

/// One item of the bill of quantities: what the contract pays for, and how much of it
/// has been claimed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoqLine {
    /// The item number as the bill prints it, e.g. `3.2`; variations add `VO-001`.
    pub item: String,
    pub description: String,
    pub unit: String,
    pub quantity: Decimal,
    /// Rand per unit, excluding VAT.
    pub rate: Rand,
    /// quantity × rate, rounded half up to the cent.
    pub amount: Rand,
    pub cost_code: Option<String>,
}

/// One line of a claim: the work done to date on an item, valued.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimLine {
    pub item: String,
    pub description: String,
    pub cost_code: Option<String>,
    /// Percent of the item done to date, 0–100.
    pub percent_to_date: Decimal,
    /// The item's amount × percent to date.
    pub value_to_date: Rand,
    /// What earlier approved claims took for the item.
    pub previously_claimed: Rand,
    /// This claim: value to date − previously claimed.
    pub amount: Rand,
}

/// A claim's figures, as the claim (and its preview) shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimFigures {
    pub lines: Vec<ClaimLine>,
    /// Σ lines' amounts, excluding VAT.
    pub amount: Rand,
    /// Withheld on `amount` at the contract's percentage, never taking the retention
    /// held past the cap.
    pub retention: Rand,
    pub retention_percent: Decimal,
    /// VAT charged now: 15% of `amount − retention`.
    pub vat: Rand,
    /// What the customer pays now: `amount − retention + vat`.
    pub due_now: Rand,
    /// The VAT on `retention`, due when it is released.
    pub vat_deferred: Rand,
}

/// Why a claim cannot be valued as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimError {
    #[error("lines[{0}].item: the bill of quantities has no item {1}")]
    UnknownItem(usize, String),
    #[error("lines[{0}].percentToDate: {1} is outside 0–100")]
    Percent(usize, Decimal),
    #[error("lines[{index}].percentToDate: item {item} was already claimed to {previous} (R {claimed}); a claim cannot go below what was claimed before")]
    BelowPrevious {
        index: usize,
        item: String,
        previous: Decimal,
        claimed: Rand,
    },
    #[error("lines[{0}].item: item {1} is named twice")]
    Repeated(usize, String),
    #[error("lines: the claim claims nothing (every line is at what was claimed before)")]
    Nothing,
    #[error("lines: claimed to date R {to_date} would exceed the contract value with approved variations, R {limit}")]
    OverContract { to_date: Rand, limit: Rand },
}

/// What the claim asks: an item and the percent of it done to date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkToDate {
    pub item: String,
    pub percent_to_date: Decimal,
}

/// What the contract and earlier claims say, for valuing the next claim.
pub struct ClaimBasis<'a> {
    pub bill: &'a [BoqLine],
    /// Per item, the percent and value approved claims took so far.
    pub claimed: &'a BTreeMap<String, (Decimal, Rand)>,
    /// The contract value with approved variations.
    pub limit: Rand,
    pub retention_percent: Decimal,
    pub retention_held: Rand,
    pub retention_cap: Option<Rand>,
}

impl ClaimBasis<'_> {
    /// Values a claim. Items not named keep what was claimed before.
    pub fn value(&self, work: &[WorkToDate]) -> Result<ClaimFigures, ClaimError> {
        let mut lines = Vec::with_capacity(work.len());
        for (index, ask) in work.iter().enumerate() {
            if work[..index].iter().any(|w| w.item == ask.item) {
                return Err(ClaimError::Repeated(index, ask.item.clone()));
            }
            let line = self
                .bill
                .iter()
                .find(|l| l.item == ask.item)
                .ok_or_else(|| ClaimError::UnknownItem(index, ask.item.clone()))?;
            let percent = ask.percent_to_date;
            if percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED || percent.scale() > 2 {
                return Err(ClaimError::Percent(index, percent));
            }
            let (previous_percent, previously_claimed) = self
                .claimed
                .get(&line.item)
                .copied()
                .unwrap_or((Decimal::ZERO, Rand::ZERO));
            let value_to_date = percent_of(line.amount, percent);
            if percent < previous_percent || value_to_date < previously_claimed {
                return Err(ClaimError::BelowPrevious {
                    index,
                    item: line.item.clone(),
                    previous: previous_percent,
                    claimed: previously_claimed,
                });
            }
            lines.push(ClaimLine {
                item: line.item.clone(),
                description: line.description.clone(),
                cost_code: line.cost_code.clone(),
                percent_to_date: percent,
                value_to_date,
                previously_claimed,
                amount: value_to_date - previously_claimed,
            });
        }
        let amount: Rand = lines.iter().map(|l| l.amount).sum();
        if !amount.is_positive() {
            return Err(ClaimError::Nothing);
        }
        let before: Rand = self.claimed.values().map(|(_, value)| *value).sum();
        let to_date = before + amount;
        if to_date > self.limit {
            return Err(ClaimError::OverContract {
                to_date,
                limit: self.limit,
            });
        }
        let retention = retention_for(
            amount,
            self.retention_percent,
            self.retention_held,
            self.retention_cap,
        );
        let vat = vat_on(amount - retention);
        Ok(ClaimFigures {
            lines,
            amount,
            retention,
            retention_percent: self.retention_percent,
            vat,
            due_now: amount - retention + vat,
            vat_deferred: vat_on(retention),
        })
    }
}

/// Retention on a claim of `amount` (excl. VAT): `percent` of it, but never more than
/// takes the retention held to the cap.
pub fn retention_for(amount: Rand, percent: Decimal, held: Rand, cap: Option<Rand>) -> Rand {
    let due = percent_of(amount, percent);
    match cap {
        Some(cap) if held >= cap => Rand::ZERO,
        Some(cap) => due.min(cap - held),
        None => due,
    }
}

/// Standard-rated VAT on an amount excluding VAT (construction work is standard-rated).
pub fn vat_on(amount: Rand) -> Rand {
    line_vat(amount, VatTreatment::Standard).unwrap_or(Rand::ZERO)
}

#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping)] // amounts read as rand_cents
mod tests {
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    use super::*;

    fn bill() -> Vec<BoqLine> {
        vec![
            BoqLine {
                item: "1.1".into(),
                description: "Site establishment".into(),
                unit: "sum".into(),
                quantity: dec!(1),
                rate: Rand::cents(200_000_00),
                amount: Rand::cents(200_000_00),
                cost_code: Some("PRELIMS".into()),
            },
            BoqLine {
                item: "3.2".into(),
                description: "Concrete 30 MPa in foundations".into(),
                unit: "m3".into(),
                quantity: dec!(400),
                rate: Rand::cents(2_000_00),
                amount: Rand::cents(800_000_00),
                cost_code: Some("CONCRETE".into()),
            },
        ]
    }

    fn basis<'a>(
        bill: &'a [BoqLine],
        claimed: &'a BTreeMap<String, (Decimal, Rand)>,
        held: Rand,
    ) -> ClaimBasis<'a> {
        ClaimBasis {
            bill,
            claimed,
            limit: Rand::cents(1_000_000_00),
            retention_percent: dec!(10),
            retention_held: held,
            retention_cap: Some(Rand::cents(50_000_00)),
        }
    }

    fn ask(item: &str, percent: Decimal) -> WorkToDate {
        WorkToDate {
            item: item.into(),
            percent_to_date: percent,
        }
    }

    #[test]
    fn a_first_claim_withholds_ten_percent_excluding_vat() {
        let bill = bill();
        let claimed = BTreeMap::new();
        let figures = basis(&bill, &claimed, Rand::ZERO)
            .value(&[ask("1.1", dec!(100)), ask("3.2", dec!(25))])
            .expect("claim");
        assert_eq!(figures.amount, Rand::cents(400_000_00));
        assert_eq!(figures.retention, Rand::cents(40_000_00));
        assert_eq!(figures.vat, Rand::cents(54_000_00)); // 15% of 360 000
        assert_eq!(figures.due_now, Rand::cents(414_000_00));
        assert_eq!(figures.vat_deferred, Rand::cents(6_000_00));
    }

    #[test]
    fn retention_stops_at_the_cap() {
        let bill = bill();
        let claimed = BTreeMap::from([
            ("1.1".to_string(), (dec!(100), Rand::cents(200_000_00))),
            ("3.2".to_string(), (dec!(25), Rand::cents(200_000_00))),
        ]);
        let figures = basis(&bill, &claimed, Rand::cents(40_000_00))
            .value(&[ask("3.2", dec!(50))])
            .expect("claim");
        assert_eq!(figures.amount, Rand::cents(200_000_00));
        assert_eq!(figures.retention, Rand::cents(10_000_00)); // 20 000 due, 10 000 to the cap
    }

    #[test]
    fn refusals_name_the_line() {
        let bill = bill();
        let claimed = BTreeMap::from([("3.2".to_string(), (dec!(50), Rand::cents(400_000_00)))]);
        let b = basis(&bill, &claimed, Rand::ZERO);
        assert_eq!(
            b.value(&[ask("9.9", dec!(10))]),
            Err(ClaimError::UnknownItem(0, "9.9".into()))
        );
        assert_eq!(
            b.value(&[ask("1.1", dec!(101))]),
            Err(ClaimError::Percent(0, dec!(101)))
        );
        assert!(matches!(
            b.value(&[ask("3.2", dec!(40))]),
            Err(ClaimError::BelowPrevious { index: 0, .. })
        ));
        assert_eq!(b.value(&[ask("3.2", dec!(50))]), Err(ClaimError::Nothing));
        assert_eq!(
            b.value(&[ask("1.1", dec!(10)), ask("1.1", dec!(20))]),
            Err(ClaimError::Repeated(1, "1.1".into()))
        );
    }

    proptest! {
        /// Any sequence of claims: claimed to date never exceeds the contract, retention
        /// held never exceeds the cap, and VAT now plus VAT deferred is the VAT on the
        /// whole claim within a cent (each is rounded on its own).
        #[test]
        fn claims_stay_inside_the_contract_and_the_cap(
            steps in proptest::collection::vec((0usize..2, 0u32..=10_000), 1..12),
        ) {
            let bill = bill();
            let mut claimed: BTreeMap<String, (Decimal, Rand)> = BTreeMap::new();
            let mut held = Rand::ZERO;
            for (line, basis_points) in steps {
                let item = bill[line].item.clone();
                let percent = Decimal::new(i64::from(basis_points), 2);
                let result = basis(&bill, &claimed, held).value(&[ask(&item, percent)]);
                if let Ok(figures) = result {
                    held = held + figures.retention;
                    for l in &figures.lines {
                        claimed.insert(l.item.clone(), (l.percent_to_date, l.value_to_date));
                    }
                    let whole = vat_on(figures.amount).as_decimal();
                    let split = (figures.vat + figures.vat_deferred).as_decimal();
                    prop_assert!((whole - split).abs() <= dec!(0.01));
                    prop_assert_eq!(figures.due_now, figures.amount - figures.retention + figures.vat);
                }
                let to_date: Rand = claimed.values().map(|(_, v)| *v).sum();
                prop_assert!(to_date <= Rand::cents(1_000_000_00));
                prop_assert!(held <= Rand::cents(50_000_00));
            }
        }
    }
}
