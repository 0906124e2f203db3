//! Commands of the sales domain, built from validated values.
//!
//! `owned_by` carries the row-level rule into the decision, as leads do: `None` for a
//! caller who acts on every opportunity, `Some(subject)` for one who acts only on the
//! opportunities that subject owns — to them any other opportunity does not exist.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Stage;
use crate::identity::LeadSource;
use crate::values::{Identifier, Name, Reason};

/// Commands to the opportunity aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OpportunityCommand {
    /// Open the opportunity a converted lead became, at [`Stage::Qualification`]. Sent
    /// to the id the lead derives ([`super::opportunity_id`]).
    OpenFromLead {
        lead_id: Identifier,
        account_id: Identifier,
        contact_id: Identifier,
        /// The company's name, which names the opportunity.
        name: Name,
        /// Rand; zero or more, at most two decimal places.
        estimated_value: Option<Decimal>,
        /// The subject of the user who owned the lead, and now owns the opportunity.
        owner: Name,
        source: LeadSource,
        /// Percent: qualification's as configured.
        probability: u8,
    },
    /// Move an open opportunity to another open stage, forward or back.
    MoveStage {
        stage: Stage,
        /// Percent: `stage`'s as configured.
        probability: u8,
        owned_by: Option<String>,
    },
    /// Set when the deal is expected to close and, when known, what it is worth: the
    /// pipeline's forecast by month weighs the value by the stage's probability.
    SetForecast {
        expected_close: chrono::NaiveDate,
        estimated_value: Option<Decimal>,
        owned_by: Option<String>,
    },
    /// Close the opportunity as won.
    Win { owned_by: Option<String> },
    /// Close the opportunity as lost, saying why and, when known, to whom.
    Lose {
        reason: Reason,
        competitor: Option<Name>,
        owned_by: Option<String>,
    },
}
