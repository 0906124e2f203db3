//! The stages of the sales pipeline and the win probability each stands for.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::values::{Problem, ValueError};

/// Where an opportunity stands. Qualification to negotiation are open stages, in
/// pipeline order; won and lost are final and reached only by winning or losing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Stage {
    /// Just converted from a lead: is there a real job, a budget, a decision maker?
    #[default]
    Qualification,
    /// The estimator has been, or is going, to site.
    SiteVisit,
    /// A tender or quotation is being priced or has been submitted.
    Tender,
    /// Terms and price are being negotiated.
    Negotiation,
    Won,
    Lost,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 6] = [
        Stage::Qualification,
        Stage::SiteVisit,
        Stage::Tender,
        Stage::Negotiation,
        Stage::Won,
        Stage::Lost,
    ];

    /// The wire name, as in the events' JSON and the read model.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Qualification => "QUALIFICATION",
            Stage::SiteVisit => "SITE_VISIT",
            Stage::Tender => "TENDER",
            Stage::Negotiation => "NEGOTIATION",
            Stage::Won => "WON",
            Stage::Lost => "LOST",
        }
    }

    /// The win probability, in percent, an opportunity at this stage is forecast with.
    pub fn default_probability(self) -> u8 {
        match self {
            Stage::Qualification => 10,
            Stage::SiteVisit => 25,
            Stage::Tender => 50,
            Stage::Negotiation => 75,
            Stage::Won => 100,
            Stage::Lost => 0,
        }
    }

    /// The name a stage has on the board until it is configured.
    pub fn default_label(self) -> &'static str {
        match self {
            Stage::Qualification => "Qualification",
            Stage::SiteVisit => "Site visit",
            Stage::Tender => "Tender",
            Stage::Negotiation => "Negotiation",
            Stage::Won => "Won",
            Stage::Lost => "Lost",
        }
    }

    /// Whether the opportunity is still being pursued (not won or lost).
    pub fn is_open(self) -> bool {
        !self.is_closed()
    }

    /// Whether nothing more can happen to the opportunity.
    pub fn is_closed(self) -> bool {
        matches!(self, Stage::Won | Stage::Lost)
    }

    /// Parses a wire name for `field`, e.g. a read filter.
    pub fn parse(field: &str, value: &str) -> Result<Stage, ValueError> {
        let wanted = value.trim();
        Stage::ALL
            .into_iter()
            .find(|stage| stage.as_str() == wanted)
            .ok_or_else(|| {
                ValueError::new(
                    field,
                    Problem::Malformed {
                        value: crate::refusal::echo(wanted),
                        expected:
                            "a stage (QUALIFICATION, SITE_VISIT, TENDER, NEGOTIATION, WON or LOST)",
                    },
                )
            })
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_through_json_and_parse() {
        for stage in Stage::ALL {
            let json = serde_json::to_value(stage).expect("json");
            assert_eq!(json, serde_json::json!(stage.as_str()));
            assert_eq!(serde_json::from_value::<Stage>(json).ok(), Some(stage));
            assert_eq!(Stage::parse("stage", stage.as_str()), Ok(stage));
        }
        assert_eq!(
            Stage::parse("stage", "tender").map_err(|e| e.field),
            Err("stage".to_string())
        );
    }

    #[test]
    fn probabilities_rise_along_the_pipeline() {
        let open: Vec<u8> = Stage::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .map(Stage::default_probability)
            .collect();
        assert_eq!(open, vec![10, 25, 50, 75]);
        assert_eq!(Stage::Won.default_probability(), 100);
        assert_eq!(Stage::Lost.default_probability(), 0);
    }
}
