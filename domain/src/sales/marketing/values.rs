//! The words marketing works with: a client's sector, the province of its work (the
//! address's [`Province`]), its
//! CIDB contractor grading, a campaign's channel and the segment it targets. Each enum
//! has the wire name serde gives it (SCREAMING_SNAKE_CASE), as in the events' JSON.

use serde::{Deserialize, Serialize};

pub use crate::identity::Province;

use super::super::SalesError;

/// What kind of work a client builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Sector {
    Residential,
    Commercial,
    Industrial,
    Infrastructure,
    Mining,
    Government,
    Other,
}

/// How a campaign reaches people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Channel {
    Email,
    Event,
    TradeShow,
    Print,
    Radio,
    Social,
    Website,
    Other,
}

/// A contractor grading designation of the Construction Industry Development Board:
/// 1 (smallest) to 9 (unlimited tender value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct CidbGrade(u8);

impl CidbGrade {
    /// Grade 1.
    pub const LOWEST: CidbGrade = CidbGrade(1);

    /// Checks a grade: 1 to 9.
    pub fn new(grade: i64) -> Result<Self, SalesError> {
        match u8::try_from(grade) {
            Ok(g @ 1..=9) => Ok(Self(g)),
            _ => Err(SalesError::CidbGrade(grade)),
        }
    }

    /// The grade, 1 to 9.
    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for CidbGrade {
    type Error = SalesError;

    fn try_from(grade: u8) -> Result<Self, Self::Error> {
        Self::new(i64::from(grade))
    }
}

impl From<CidbGrade> for u8 {
    fn from(grade: CidbGrade) -> u8 {
        grade.0
    }
}

/// Whom a campaign is aimed at: clients in any of `sectors` (any sector when empty),
/// working in any of `provinces` (anywhere when empty), graded at least
/// `min_cidb_grade` (when set).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub sectors: Vec<Sector>,
    pub provinces: Vec<Province>,
    pub min_cidb_grade: Option<CidbGrade>,
}

impl Segment {
    /// Whether a lead with this profile is in the segment (what is not known about the
    /// lead does not keep it out).
    pub fn includes(
        &self,
        sector: Option<Sector>,
        province: Option<Province>,
        grade: Option<CidbGrade>,
    ) -> bool {
        let sector_ok = self.sectors.is_empty() || sector.is_none_or(|s| self.sectors.contains(&s));
        let province_ok =
            self.provinces.is_empty() || province.is_none_or(|p| self.provinces.contains(&p));
        let grade_ok = match (self.min_cidb_grade, grade) {
            (Some(min), Some(grade)) => grade >= min,
            _ => true,
        };
        sector_ok && province_ok && grade_ok
    }
}
