//! A project's contract: its form, value and retention terms.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::finance::Rand;

/// The standard form the contract is let under. A field for reports and documents, not
/// a legal engine: the retention terms below are what the system applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContractType {
    /// JBCC Principal Building Agreement.
    JbccPba,
    /// General Conditions of Contract for Construction Works, 2015 (SAICE).
    Gcc2015,
    Nec3,
    Nec4,
    Other,
}

impl ContractType {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ContractType::JbccPba => "JBCC_PBA",
            ContractType::Gcc2015 => "GCC_2015",
            ContractType::Nec3 => "NEC3",
            ContractType::Nec4 => "NEC4",
            ContractType::Other => "OTHER",
        }
    }
}

/// The contract terms as agreed: what claims are measured against and retention is
/// withheld by. Built only from checked values ([`ContractTerms::new`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractTerms {
    pub contract_type: ContractType,
    /// The contract sum excluding VAT, before variations.
    pub contract_value: Rand,
    /// Retention withheld from each claim, 0–20% of its value excluding VAT.
    pub retention_percent: Decimal,
    /// Retention stops once it reaches this share of the (varied) contract value, e.g.
    /// 5%; `None`: no cap.
    pub retention_cap_percent: Option<Decimal>,
    /// The share of retention held that is released at practical completion (the rest
    /// at final completion), 0–100%; JBCC practice is half.
    pub release_at_practical_percent: Decimal,
    pub planned_completion_on: Option<NaiveDate>,
}

/// Why contract terms were refused; each names its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TermsError {
    #[error("contractValue: must be more than nought")]
    ContractValue,
    #[error("retentionPercent: {0} is outside 0–20")]
    RetentionPercent(Decimal),
    #[error("retentionCapPercent: {0} is outside 0–100")]
    RetentionCap(Decimal),
    #[error("releaseAtPracticalPercent: {0} is outside 0–100")]
    ReleaseAtPractical(Decimal),
}

impl ContractTerms {
    /// Checked terms.
    pub fn new(
        contract_type: ContractType,
        contract_value: Rand,
        retention_percent: Decimal,
        retention_cap_percent: Option<Decimal>,
        release_at_practical_percent: Decimal,
        planned_completion_on: Option<NaiveDate>,
    ) -> Result<Self, TermsError> {
        let percent = |p: Decimal, max: i64| p >= Decimal::ZERO && p <= Decimal::from(max);
        if !contract_value.is_positive() {
            return Err(TermsError::ContractValue);
        }
        if !percent(retention_percent, 20) || retention_percent.scale() > 4 {
            return Err(TermsError::RetentionPercent(retention_percent));
        }
        if let Some(cap) = retention_cap_percent.filter(|c| !percent(*c, 100) || c.scale() > 4) {
            return Err(TermsError::RetentionCap(cap));
        }
        if !percent(release_at_practical_percent, 100) || release_at_practical_percent.scale() > 4 {
            return Err(TermsError::ReleaseAtPractical(release_at_practical_percent));
        }
        Ok(Self {
            contract_type,
            contract_value,
            retention_percent,
            retention_cap_percent,
            release_at_practical_percent,
            planned_completion_on,
        })
    }

    /// The most retention the contract allows to be held when its value (with approved
    /// variations) is `varied_value`; `None` without a cap.
    pub fn retention_cap(&self, varied_value: Rand) -> Option<Rand> {
        self.retention_cap_percent
            .map(|cap| percent_of(varied_value, cap))
    }
}

/// `percent`% of `amount`, rounded half up to the cent (amounts are far inside the
/// range, so the product always fits).
pub fn percent_of(amount: Rand, percent: Decimal) -> Rand {
    let value = (amount.as_decimal() * percent / Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    Rand::from_decimal(value).unwrap_or(Rand::LARGEST)
}

/// The customer as a tax invoice must show it, from orders' copy of identity's
/// accounts at the moment the event is decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSnapshot {
    pub account_id: String,
    /// The registered (legal) name.
    pub name: String,
    pub vat_number: Option<String>,
    pub address: Option<String>,
}

#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping)] // amounts read as rand_cents
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn terms(retention: Decimal, cap: Option<Decimal>) -> Result<ContractTerms, TermsError> {
        ContractTerms::new(
            ContractType::JbccPba,
            Rand::cents(1_000_000_00),
            retention,
            cap,
            dec!(50),
            None,
        )
    }

    #[test]
    fn retention_is_bounded_to_twenty_percent() {
        assert!(terms(dec!(10), Some(dec!(5))).is_ok());
        assert_eq!(
            terms(dec!(20.5), None),
            Err(TermsError::RetentionPercent(dec!(20.5)))
        );
        assert_eq!(
            terms(dec!(-1), None),
            Err(TermsError::RetentionPercent(dec!(-1)))
        );
        assert_eq!(
            terms(dec!(10), Some(dec!(101))),
            Err(TermsError::RetentionCap(dec!(101)))
        );
    }

    #[test]
    fn the_cap_is_a_share_of_the_varied_value() {
        let terms = terms(dec!(10), Some(dec!(5))).expect("terms");
        assert_eq!(
            terms.retention_cap(Rand::cents(1_200_000_00)),
            Some(Rand::cents(60_000_00))
        );
    }

    #[test]
    fn percent_of_rounds_half_up() {
        assert_eq!(percent_of(Rand::cents(5), dec!(10)), Rand::cents(1));
        assert_eq!(percent_of(Rand::cents(4), dec!(10)), Rand::cents(0));
    }
}
