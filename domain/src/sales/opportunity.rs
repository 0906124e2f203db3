//! The opportunity aggregate: a converted lead pursued through the pipeline until it is
//! won or lost.
//!
//! The rules:
//! - it opens once, at qualification, from a converted lead; opening again is refused
//!   ([`SalesError::AlreadyOpen`]) — the write side treats that as "already done";
//! - it moves between the open stages (qualification, site visit, tender,
//!   negotiation) **in either direction**: a re-issued tender sends a deal in
//!   negotiation back to tender, a client who asks for a second site visit sends it
//!   back to site visit. A move to the stage it is in is refused, so every recorded
//!   move changes something;
//! - won and lost are reached only by winning or losing it, from any open stage, and
//!   are final: nothing changes a closed opportunity;
//! - the probability is the stage's as configured when the command was decided
//!   ([`super::stages::PipelineStages`]), carried in by the command;
//! - an opportunity not opened, or owned by someone else when the caller acts only on
//!   their own, does not exist ([`SalesError::OpportunityNotFound`]).

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{OpportunityCommand, OpportunityEvent, SalesError, Stage, OPPORTUNITY_AGGREGATE};

/// The largest estimate accepted: R 1 trillion, as identity's leads.
const MAX_RAND: i64 = 1_000_000_000_000;

/// An estimate in rand checked and stored with exactly two decimal places: zero or
/// more, at most two decimal places, at most R 1 trillion.
pub fn checked_estimate(value: Option<Decimal>) -> Result<Option<Decimal>, SalesError> {
    let Some(given) = value else {
        return Ok(None);
    };
    // Normalising also turns a negative zero into zero.
    let mut cents = given.normalize();
    if cents.is_sign_negative() || cents.scale() > 2 || cents > Decimal::from(MAX_RAND) {
        return Err(SalesError::InvalidEstimate(given.to_string()));
    }
    cents.rescale(2);
    Ok(Some(cents))
}

/// The state an opportunity's decisions need, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    opened: bool,
    stage: Stage,
    owner: String,
}

impl Opportunity {
    /// Whether the opportunity has been opened.
    pub fn exists(&self) -> bool {
        self.opened
    }

    /// Where the opportunity stands.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The subject of the user who owns the opportunity.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// The opportunity as the caller may act on it: open for change, or why not.
    fn changeable_by(&self, owned_by: Option<&str>) -> Result<(), SalesError> {
        if !self.opened || owned_by.is_some_and(|subject| subject != self.owner) {
            return Err(SalesError::OpportunityNotFound);
        }
        if self.stage.is_closed() {
            return Err(SalesError::Closed(self.stage));
        }
        Ok(())
    }

    pub(super) fn decide(
        &self,
        command: OpportunityCommand,
    ) -> Result<OpportunityEvent, SalesError> {
        match command {
            OpportunityCommand::OpenFromLead {
                lead_id,
                account_id,
                contact_id,
                name,
                estimated_value,
                owner,
                source,
                probability,
            } => {
                if self.opened {
                    return Err(SalesError::AlreadyOpen);
                }
                let stage = Stage::Qualification;
                Ok(OpportunityEvent::OpportunityOpened {
                    lead_id: lead_id.into(),
                    account_id: account_id.into(),
                    contact_id: contact_id.into(),
                    name: name.into(),
                    owner: owner.into(),
                    source,
                    estimated_value: checked_estimate(estimated_value)?,
                    stage,
                    probability,
                })
            }
            OpportunityCommand::MoveStage {
                stage,
                probability,
                owned_by,
            } => {
                self.changeable_by(owned_by.as_deref())?;
                if stage.is_closed() {
                    return Err(SalesError::NotAnOpenStage(stage));
                }
                if stage == self.stage {
                    return Err(SalesError::AlreadyInStage(stage));
                }
                Ok(OpportunityEvent::OpportunityStageMoved {
                    from: self.stage,
                    to: stage,
                    probability,
                })
            }
            OpportunityCommand::SetForecast {
                expected_close,
                estimated_value,
                owned_by,
            } => {
                self.changeable_by(owned_by.as_deref())?;
                Ok(OpportunityEvent::OpportunityForecastSet {
                    expected_close,
                    estimated_value: checked_estimate(estimated_value)?,
                })
            }
            OpportunityCommand::Win { owned_by } => {
                self.changeable_by(owned_by.as_deref())?;
                Ok(OpportunityEvent::OpportunityWon {})
            }
            OpportunityCommand::Lose {
                reason,
                competitor,
                owned_by,
            } => {
                self.changeable_by(owned_by.as_deref())?;
                Ok(OpportunityEvent::OpportunityLost {
                    reason: reason.into(),
                    competitor: competitor.map(String::from),
                })
            }
        }
    }
}

impl Aggregate for Opportunity {
    const TYPE: &'static str = OPPORTUNITY_AGGREGATE;
    type Command = OpportunityCommand;
    type Event = OpportunityEvent;
    type Error = SalesError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command)?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            OpportunityEvent::OpportunityOpened { owner, stage, .. } => {
                self.opened = true;
                self.stage = stage;
                self.owner = owner;
            }
            OpportunityEvent::OpportunityStageMoved { to, .. } => self.stage = to,
            OpportunityEvent::OpportunityForecastSet { .. } => {}
            OpportunityEvent::OpportunityWon {} => self.stage = Stage::Won,
            OpportunityEvent::OpportunityLost { .. } => self.stage = Stage::Lost,
        }
    }
}

impl crate::stored::Stored for Opportunity {}
