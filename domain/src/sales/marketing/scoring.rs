//! Lead scoring: transparent, configurable rules and a score explained factor by factor.
//!
//! A lead's score is the sum of six factors, each answered with the value it was scored
//! on, the points and why:
//!
//! - **fit** — the client's sector, the province of the work, its CIDB grade (the
//!   highest grade band it reaches) and the project's size (its estimated value, the
//!   highest size band it reaches);
//! - **engagement** — its campaign responses (points each, up to a cap) and whether a
//!   site visit was booked.
//!
//! The rules are one stream (`sales.lead_scoring`, id [`SCORING_ID`]); until the sales
//! manager sets them, [`ScoringRules::default`] holds. When they change, every lead is
//! scored again from its facts (the read model keeps the facts, not just the score).

use std::collections::BTreeMap;

use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{CidbGrade, Province, Sector};
use crate::finance::Rand;
use crate::sales::SalesError;

/// The aggregate type of the scoring rules.
pub const SCORING_AGGREGATE: &str = "sales.lead_scoring";

/// The one stream of the scoring rules.
pub const SCORING_ID: &str = "rules";

/// The most points (either way) one rule may give.
pub const MAX_POINTS: i32 = 100;

/// Points from a grade up (the highest band a lead's grade reaches counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeBand {
    pub from_grade: CidbGrade,
    pub points: i32,
}

/// Points from an estimated value up, in rand (the highest band reached counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeBand {
    pub from_value: Rand,
    pub points: i32,
}

/// The rules a lead is scored by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringRules {
    /// Points per sector; a sector not listed scores nought.
    pub sectors: BTreeMap<Sector, i32>,
    /// Points per province; a province not listed scores nought.
    pub provinces: BTreeMap<Province, i32>,
    /// Ascending by grade.
    pub cidb_grades: Vec<GradeBand>,
    /// Ascending by value.
    pub project_sizes: Vec<SizeBand>,
    /// Points per campaign response, for at most `max_responses` of them.
    pub per_response: i32,
    pub max_responses: u32,
    /// Points when a site visit was booked.
    pub site_visit_booked: i32,
}

fn grade(g: u8) -> CidbGrade {
    CidbGrade::new(i64::from(g)).unwrap_or(CidbGrade::LOWEST)
}

impl Default for ScoringRules {
    /// The company's starting rules: civil and commercial work in Gauteng by graded
    /// contractors scores highest; a booked site visit is the strongest signal.
    fn default() -> Self {
        use Province::*;
        use Sector::*;
        Self {
            sectors: BTreeMap::from([
                (Residential, 5),
                (Commercial, 15),
                (Industrial, 15),
                (Infrastructure, 20),
                (Mining, 10),
                (Government, 10),
            ]),
            provinces: BTreeMap::from([
                (Gauteng, 15),
                (WesternCape, 10),
                (KwazuluNatal, 10),
                (Mpumalanga, 5),
                (NorthWest, 5),
                (Limpopo, 5),
                (FreeState, 5),
            ]),
            cidb_grades: vec![
                GradeBand {
                    from_grade: grade(4),
                    points: 10,
                },
                GradeBand {
                    from_grade: grade(6),
                    points: 20,
                },
                GradeBand {
                    from_grade: grade(8),
                    points: 25,
                },
            ],
            project_sizes: vec![
                SizeBand {
                    from_value: Rand::cents(50_000_000),
                    points: 5,
                },
                SizeBand {
                    from_value: Rand::cents(200_000_000),
                    points: 10,
                },
                SizeBand {
                    from_value: Rand::cents(1_000_000_000),
                    points: 20,
                },
            ],
            per_response: 5,
            max_responses: 4,
            site_visit_booked: 25,
        }
    }
}

impl ScoringRules {
    /// Refuses points beyond ±[`MAX_POINTS`] and bands out of order.
    pub fn check(&self) -> Result<(), SalesError> {
        let points = self
            .sectors
            .values()
            .chain(self.provinces.values())
            .chain(self.cidb_grades.iter().map(|b| &b.points))
            .chain(self.project_sizes.iter().map(|b| &b.points))
            .chain([&self.per_response, &self.site_visit_booked]);
        for p in points {
            if p.abs() > MAX_POINTS {
                return Err(SalesError::ScoringRule(format!(
                    "{p} points is beyond ±{MAX_POINTS}"
                )));
            }
        }
        if self.max_responses > 100 {
            return Err(SalesError::ScoringRule(
                "at most 100 responses can count".to_string(),
            ));
        }
        let grades_rise = self
            .cidb_grades
            .windows(2)
            .all(|w| w[0].from_grade < w[1].from_grade);
        let sizes_rise = self
            .project_sizes
            .windows(2)
            .all(|w| w[0].from_value.as_decimal() < w[1].from_value.as_decimal());
        if !grades_rise || !sizes_rise {
            return Err(SalesError::ScoringRule(
                "bands must rise, each from a higher grade or value than the one before"
                    .to_string(),
            ));
        }
        Ok(())
    }
}

/// What a lead is scored on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadFacts {
    pub sector: Option<Sector>,
    pub province: Option<Province>,
    pub cidb_grade: Option<CidbGrade>,
    /// The lead's estimated value, rand.
    pub estimated_value: Option<Decimal>,
    /// Campaign responses, over every campaign.
    pub responses: u32,
    pub site_visit_booked: bool,
}

/// One factor of a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreFactor {
    /// `SECTOR`, `PROVINCE`, `CIDB_GRADE`, `PROJECT_SIZE`, `CAMPAIGN_RESPONSES` or
    /// `SITE_VISIT`.
    pub factor: String,
    /// The fact it was scored on, when known.
    pub value: Option<String>,
    pub points: i32,
    /// Why, in words.
    pub explanation: String,
}

/// A lead's score and each factor of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadScore {
    pub total: i32,
    pub factors: Vec<ScoreFactor>,
}

fn wire<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn factor(name: &str, value: Option<String>, points: i32, explanation: String) -> ScoreFactor {
    ScoreFactor {
        factor: name.to_string(),
        value,
        points,
        explanation,
    }
}

/// Scores `facts` by `rules`: the sum of the six factors, each explained.
pub fn score(facts: &LeadFacts, rules: &ScoringRules) -> LeadScore {
    let mut factors = Vec::with_capacity(6);
    factors.push(match facts.sector {
        Some(s) => {
            let points = rules.sectors.get(&s).copied().unwrap_or(0);
            factor(
                "SECTOR",
                Some(wire(&s)),
                points,
                format!("sector {} scores {points}", wire(&s)),
            )
        }
        None => factor("SECTOR", None, 0, "no sector recorded".into()),
    });
    factors.push(match facts.province {
        Some(p) => {
            let points = rules.provinces.get(&p).copied().unwrap_or(0);
            factor(
                "PROVINCE",
                Some(wire(&p)),
                points,
                format!("work in {} scores {points}", wire(&p)),
            )
        }
        None => factor("PROVINCE", None, 0, "no province recorded".into()),
    });
    factors.push(match facts.cidb_grade {
        Some(g) => {
            let band = rules.cidb_grades.iter().rev().find(|b| g >= b.from_grade);
            let value = Some(g.value().to_string());
            match band {
                Some(b) => factor(
                    "CIDB_GRADE",
                    value,
                    b.points,
                    format!(
                        "CIDB grade {} is in the band from grade {}: {}",
                        g.value(),
                        b.from_grade.value(),
                        b.points
                    ),
                ),
                None => factor(
                    "CIDB_GRADE",
                    value,
                    0,
                    format!("CIDB grade {} is below every band", g.value()),
                ),
            }
        }
        None => factor("CIDB_GRADE", None, 0, "no CIDB grade recorded".into()),
    });
    factors.push(match facts.estimated_value {
        Some(v) => {
            let band = rules
                .project_sizes
                .iter()
                .rev()
                .find(|b| v >= b.from_value.as_decimal());
            let value = Some(v.round_dp(2).to_string());
            match band {
                Some(b) => factor(
                    "PROJECT_SIZE",
                    value,
                    b.points,
                    format!(
                        "an estimated R {} is in the band from R {}: {}",
                        v.round_dp(2),
                        b.from_value,
                        b.points
                    ),
                ),
                None => factor(
                    "PROJECT_SIZE",
                    value,
                    0,
                    format!("an estimated R {} is below every band", v.round_dp(2)),
                ),
            }
        }
        None => factor("PROJECT_SIZE", None, 0, "no estimated value".into()),
    });
    let counted = facts.responses.min(rules.max_responses);
    let response_points = i32::try_from(counted)
        .unwrap_or(i32::MAX)
        .saturating_mul(rules.per_response);
    factors.push(factor(
        "CAMPAIGN_RESPONSES",
        Some(facts.responses.to_string()),
        response_points,
        format!(
            "{} campaign responses, {counted} counted (at most {}) × {}",
            facts.responses, rules.max_responses, rules.per_response
        ),
    ));
    factors.push(if facts.site_visit_booked {
        factor(
            "SITE_VISIT",
            Some("BOOKED".into()),
            rules.site_visit_booked,
            format!("a site visit is booked: {}", rules.site_visit_booked),
        )
    } else {
        factor("SITE_VISIT", None, 0, "no site visit booked".into())
    });
    LeadScore {
        total: factors.iter().map(|f| f.points).sum(),
        factors,
    }
}

/// Replace the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetScoringRules {
    pub rules: ScoringRules,
}

/// Events of the scoring rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScoringEvent {
    /// From now on leads are scored by `rules` (the `version`th set).
    LeadScoringRulesSet { version: u32, rules: ScoringRules },
}

impl DomainEvent for ScoringEvent {
    fn event_type(&self) -> String {
        "LeadScoringRulesSet".to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// The rules in force and their version (0: the defaults).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadScoring {
    version: u32,
    rules: Option<ScoringRules>,
}

impl LeadScoring {
    /// The rules in force.
    pub fn rules(&self) -> ScoringRules {
        self.rules.clone().unwrap_or_default()
    }

    /// Checks and versions new rules; nothing when they are the rules in force.
    pub fn decide(&self, command: SetScoringRules) -> Result<Vec<ScoringEvent>, SalesError> {
        command.rules.check()?;
        if command.rules == self.rules() {
            return Ok(Vec::new());
        }
        Ok(vec![ScoringEvent::LeadScoringRulesSet {
            version: self.version + 1,
            rules: command.rules,
        }])
    }
}

impl Aggregate for LeadScoring {
    const TYPE: &'static str = SCORING_AGGREGATE;
    type Command = SetScoringRules;
    type Event = ScoringEvent;
    type Error = SalesError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        for event in self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        let ScoringEvent::LeadScoringRulesSet { version, rules } = event;
        self.version = version;
        self.rules = Some(rules);
    }
}

impl crate::stored::Stored for LeadScoring {}
