//! Value types of leads: where a lead came from, where it stands, what it may be worth
//! (exact rand, never floating point) and the opportunity it becomes.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::identity::IdentityError;

/// How the company heard of the prospect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LeadSource {
    Referral,
    Website,
    /// A tender bulletin (e.g. the eTender portal or a tender bulletin subscription).
    TenderBulletin,
    ColdCall,
    Other,
}

impl LeadSource {
    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            LeadSource::Referral => "REFERRAL",
            LeadSource::Website => "WEBSITE",
            LeadSource::TenderBulletin => "TENDER_BULLETIN",
            LeadSource::ColdCall => "COLD_CALL",
            LeadSource::Other => "OTHER",
        }
    }
}

/// Where a lead stands. Disqualified and converted are final.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LeadStatus {
    #[default]
    New,
    Qualified,
    Disqualified,
    Converted,
}

impl LeadStatus {
    /// The wire name, as stored in the read model.
    pub fn as_str(self) -> &'static str {
        match self {
            LeadStatus::New => "NEW",
            LeadStatus::Qualified => "QUALIFIED",
            LeadStatus::Disqualified => "DISQUALIFIED",
            LeadStatus::Converted => "CONVERTED",
        }
    }

    /// Whether nothing more can happen to the lead.
    pub fn is_final(self) -> bool {
        matches!(self, LeadStatus::Disqualified | LeadStatus::Converted)
    }
}

/// What the sales domain needs to open an opportunity for a converted lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opportunity {
    pub company_name: String,
    /// The contact person's full name.
    pub contact_name: String,
    pub source: LeadSource,
    /// Rand, a string with two decimal places.
    pub estimated_value: Option<Decimal>,
    /// The subject of the user who owns the lead, and so the opportunity.
    pub owner: String,
}

/// The largest estimate accepted: R 1 trillion, well beyond any single project.
const MAX_RAND: i64 = 1_000_000_000_000;

/// An amount in rand: zero or more, at most two decimal places (cents), stored with
/// exactly two so it always prints as `1500000.00`.
pub(crate) fn rand_amount(value: Option<Decimal>) -> Result<Option<Decimal>, IdentityError> {
    let Some(v) = value else {
        return Ok(None);
    };
    // Normalising also turns a negative zero into zero.
    let mut cents = v.normalize();
    if cents.is_sign_negative() || cents.scale() > 2 || cents > Decimal::from(MAX_RAND) {
        return Err(IdentityError::InvalidRandAmount(v.to_string()));
    }
    cents.rescale(2);
    Ok(Some(cents))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn rand(s: &str) -> Result<Option<String>, IdentityError> {
        rand_amount(Some(Decimal::from_str(s).expect("decimal"))).map(|v| v.map(|d| d.to_string()))
    }

    #[test]
    fn rand_amounts_have_two_decimal_places() {
        assert_eq!(rand("1500000"), Ok(Some("1500000.00".into())));
        assert_eq!(rand("12.5"), Ok(Some("12.50".into())));
        assert_eq!(rand("12.500"), Ok(Some("12.50".into())));
        assert_eq!(rand("0"), Ok(Some("0.00".into())));
        assert!(rand("12.345").is_err());
        assert!(rand("-1").is_err());
        assert!(rand("1000000000000.01").is_err());
        assert_eq!(rand_amount(None), Ok(None));
    }

    #[test]
    fn rand_amounts_travel_as_strings() {
        let v = rand_amount(Some(Decimal::from(250_000))).expect("valid");
        assert_eq!(
            serde_json::to_value(v).expect("json"),
            serde_json::json!("250000.00")
        );
    }

    proptest! {
        /// Any accepted amount is non-negative with exactly two decimal places, and
        /// equals what was given.
        #[test]
        fn accepted_amounts_are_exact_cents(units in -1_000i64..10_000_000_000, scale in 0u32..5) {
            let given = Decimal::new(units, scale);
            if let Ok(Some(v)) = rand_amount(Some(given)) {
                prop_assert!(!v.is_sign_negative() || v.is_zero());
                prop_assert_eq!(v.scale(), 2);
                prop_assert_eq!(v, given);
            }
        }
    }
}
