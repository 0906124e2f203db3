//! Events of the sales domain; schemas in `schemas/events/sales/`.

use cqrs_es::DomainEvent;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Stage;
use crate::identity::LeadSource;

/// Events of the opportunity aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OpportunityEvent {
    /// A converted lead became an opportunity, at `stage` (qualification) with that
    /// stage's `probability`.
    OpportunityOpened {
        lead_id: String,
        account_id: String,
        contact_id: String,
        name: String,
        /// The subject of the user who owns the opportunity.
        owner: String,
        source: LeadSource,
        /// Rand, two decimal places.
        estimated_value: Option<Decimal>,
        stage: Stage,
        /// Percent: the stage's default probability.
        probability: u8,
    },
    /// The opportunity moved between open stages; `probability` is `to`'s default.
    OpportunityStageMoved {
        from: Stage,
        to: Stage,
        probability: u8,
    },
    /// When the deal is expected to close, and its estimated value (rand, two places).
    OpportunityForecastSet {
        expected_close: chrono::NaiveDate,
        estimated_value: Option<Decimal>,
    },
    /// The opportunity was won (stage WON, probability 100).
    OpportunityWon {},
    /// The opportunity was lost (stage LOST, probability 0).
    OpportunityLost {
        reason: String,
        competitor: Option<String>,
    },
}

impl DomainEvent for OpportunityEvent {
    fn event_type(&self) -> String {
        match self {
            OpportunityEvent::OpportunityOpened { .. } => "OpportunityOpened",
            OpportunityEvent::OpportunityStageMoved { .. } => "OpportunityStageMoved",
            OpportunityEvent::OpportunityForecastSet { .. } => "OpportunityForecastSet",
            OpportunityEvent::OpportunityWon { .. } => "OpportunityWon",
            OpportunityEvent::OpportunityLost { .. } => "OpportunityLost",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
