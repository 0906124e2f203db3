//! Facts from South African registers that an account carries: the SARS income tax
//! reference, the B-BBEE status level, the CIDB contractor grading, and the payment
//! terms agreed with the account.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::values::optional_text;
use super::IdentityError;

/// A SARS income tax reference number: ten digits (spaces allowed when typed).
pub(crate) fn tax_reference(value: Option<String>) -> Result<Option<String>, IdentityError> {
    let Some(v) = optional_text(value) else {
        return Ok(None);
    };
    let digits: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 10 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(Some(digits))
    } else {
        Err(IdentityError::InvalidTaxReference(v))
    }
}

/// A B-BBEE status level from a verification certificate (or sworn affidavit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BbbeeLevel {
    #[serde(rename = "LEVEL_1")]
    Level1,
    #[serde(rename = "LEVEL_2")]
    Level2,
    #[serde(rename = "LEVEL_3")]
    Level3,
    #[serde(rename = "LEVEL_4")]
    Level4,
    #[serde(rename = "LEVEL_5")]
    Level5,
    #[serde(rename = "LEVEL_6")]
    Level6,
    #[serde(rename = "LEVEL_7")]
    Level7,
    #[serde(rename = "LEVEL_8")]
    Level8,
    #[serde(rename = "NON_COMPLIANT")]
    NonCompliant,
}

impl BbbeeLevel {
    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            BbbeeLevel::Level1 => "LEVEL_1",
            BbbeeLevel::Level2 => "LEVEL_2",
            BbbeeLevel::Level3 => "LEVEL_3",
            BbbeeLevel::Level4 => "LEVEL_4",
            BbbeeLevel::Level5 => "LEVEL_5",
            BbbeeLevel::Level6 => "LEVEL_6",
            BbbeeLevel::Level7 => "LEVEL_7",
            BbbeeLevel::Level8 => "LEVEL_8",
            BbbeeLevel::NonCompliant => "NON_COMPLIANT",
        }
    }

    /// Whether a certificate (with an expiry date) backs this level: every level but
    /// non-compliant.
    pub fn is_certified(self) -> bool {
        self != BbbeeLevel::NonCompliant
    }
}

/// A CIDB class of construction works (the register's designation codes).
#[allow(clippy::upper_case_acronyms)] // the register's own codes, as printed on gradings
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CidbClass {
    /// General building works.
    GB,
    /// Civil engineering works.
    CE,
    /// Mechanical engineering works.
    ME,
    /// Electrical engineering works (infrastructure).
    EP,
    /// Electrical engineering works (building).
    EB,
    SO,
    SQ,
    SH,
    SI,
    SJ,
    SK,
    SL,
}

impl CidbClass {
    /// Every class the register recognises here.
    pub const ALL: [CidbClass; 12] = [
        CidbClass::GB,
        CidbClass::CE,
        CidbClass::ME,
        CidbClass::EP,
        CidbClass::EB,
        CidbClass::SO,
        CidbClass::SQ,
        CidbClass::SH,
        CidbClass::SI,
        CidbClass::SJ,
        CidbClass::SK,
        CidbClass::SL,
    ];

    /// The two-letter code.
    pub fn as_str(self) -> &'static str {
        match self {
            CidbClass::GB => "GB",
            CidbClass::CE => "CE",
            CidbClass::ME => "ME",
            CidbClass::EP => "EP",
            CidbClass::EB => "EB",
            CidbClass::SO => "SO",
            CidbClass::SQ => "SQ",
            CidbClass::SH => "SH",
            CidbClass::SI => "SI",
            CidbClass::SJ => "SJ",
            CidbClass::SK => "SK",
            CidbClass::SL => "SL",
        }
    }

    /// The class with this code, exactly (upper case).
    pub fn parse(code: &str) -> Option<CidbClass> {
        CidbClass::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

/// A contractor's CIDB grading in one class of works, e.g. `7GB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CidbGrading {
    /// 1 (smallest contracts) to 9 (unlimited).
    pub grade: u8,
    pub class_of_works: CidbClass,
}

impl CidbGrading {
    /// Parses a designation such as `7GB` or ` 5ce ` (trimmed, case-insensitive).
    pub fn parse(designation: &str) -> Result<CidbGrading, IdentityError> {
        let invalid = || IdentityError::InvalidCidbGrading(designation.trim().to_string());
        let upper = designation.trim().to_ascii_uppercase();
        let mut chars = upper.chars();
        let grade = chars
            .next()
            .and_then(|c| c.to_digit(10))
            .filter(|g| (1..=9).contains(g))
            .ok_or_else(invalid)?;
        let class_of_works = CidbClass::parse(chars.as_str()).ok_or_else(invalid)?;
        Ok(CidbGrading {
            grade: grade as u8,
            class_of_works,
        })
    }
}

impl fmt::Display for CidbGrading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.grade, self.class_of_works.as_str())
    }
}

/// From when the payment period runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PaymentBasis {
    /// Days after the monthly statement (the usual terms in the building trade).
    FromStatement,
    /// Days after each invoice.
    FromInvoice,
}

impl PaymentBasis {
    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentBasis::FromStatement => "FROM_STATEMENT",
            PaymentBasis::FromInvoice => "FROM_INVOICE",
        }
    }
}

/// The payment terms agreed with an account, e.g. 30 days from statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PaymentTerms {
    pub days: u16,
    pub basis: PaymentBasis,
}

/// The longest payment period the company agrees to.
pub const MAX_PAYMENT_DAYS: u16 = 120;

impl PaymentTerms {
    /// Checks the number of days.
    pub(crate) fn validated(self) -> Result<PaymentTerms, IdentityError> {
        if self.days <= MAX_PAYMENT_DAYS {
            Ok(self)
        } else {
            Err(IdentityError::InvalidPaymentTerms {
                days: self.days,
                max: MAX_PAYMENT_DAYS,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tax_references() {
        assert_eq!(
            tax_reference(Some("9123 456 789".into())),
            Ok(Some("9123456789".into()))
        );
        assert_eq!(tax_reference(Some(" ".into())), Ok(None));
        assert!(tax_reference(Some("912345678".into())).is_err());
        assert!(tax_reference(Some("91234567890".into())).is_err());
        assert!(tax_reference(Some("91234S6789".into())).is_err());
    }

    #[test]
    fn cidb_designations() {
        let g = CidbGrading::parse(" 7gb ").expect("valid");
        assert_eq!((g.grade, g.class_of_works), (7, CidbClass::GB));
        assert_eq!(g.to_string(), "7GB");
        for ok in ["5CE", "3EP", "9SL", "1SQ"] {
            assert_eq!(CidbGrading::parse(ok).map(|g| g.to_string()), Ok(ok.into()));
        }
        for bad in ["0GB", "10GB", "7XX", "GB7", "7G", "7GBX", "", "7 GB", "7SA"] {
            assert!(CidbGrading::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn payment_terms_are_bounded() {
        let terms = |days| PaymentTerms {
            days,
            basis: PaymentBasis::FromStatement,
        };
        assert!(terms(0).validated().is_ok());
        assert!(terms(120).validated().is_ok());
        assert!(terms(121).validated().is_err());
    }

    proptest! {
        /// Whatever is typed, an accepted tax reference is exactly ten ASCII digits.
        #[test]
        fn accepted_tax_references_are_ten_digits(s in "\\PC{0,16}|[0-9 ]{8,14}") {
            if let Ok(Some(v)) = tax_reference(Some(s)) {
                prop_assert_eq!(v.len(), 10);
                prop_assert!(v.chars().all(|c| c.is_ascii_digit()));
            }
        }

        /// Whatever is typed, an accepted designation is a grade 1-9 and a listed class,
        /// and it prints back in canonical form.
        #[test]
        fn accepted_cidb_designations_are_canonical(s in "\\PC{0,5}|[0-9][A-Za-z]{1,3}") {
            if let Ok(g) = CidbGrading::parse(&s) {
                prop_assert!((1..=9).contains(&g.grade));
                prop_assert!(CidbClass::ALL.contains(&g.class_of_works));
                let canonical = g.to_string();
                prop_assert_eq!(canonical.len(), 3);
                prop_assert_eq!(canonical, s.trim().to_ascii_uppercase());
            }
        }

        /// Every listed class with every grade 1-9 is accepted.
        #[test]
        fn every_listed_grading_is_accepted(grade in 1u8..=9, class in 0usize..12) {
            let designation = format!("{grade}{}", CidbClass::ALL[class].as_str());
            prop_assert_eq!(CidbGrading::parse(&designation).map(|g| g.to_string()), Ok(designation));
        }
    }
}
