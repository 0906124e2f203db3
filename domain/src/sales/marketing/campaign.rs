//! The campaign aggregate (`sales.campaign`, one stream per campaign, id a UUID v7): a
//! channel, a budget, a period and the segment it targets; what was spent on it; and the
//! leads that responded to it — the first response attributes the lead to the campaign
//! (cost per lead and win rate count those), a booked site visit is the strongest
//! response. A closed campaign takes no more spend or responses.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

use super::{Channel, Segment};
use crate::finance::Rand;
use crate::sales::SalesError;
use crate::values::{Name, Reason};

/// The aggregate type of campaigns.
pub const CAMPAIGN_AGGREGATE: &str = "sales.campaign";

/// What a campaign is.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignTerms {
    pub name: Name,
    pub channel: Channel,
    /// Rand, nought or more.
    pub budget: Rand,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub segment: Segment,
}

/// How a lead answered a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResponseKind {
    /// Replied, downloaded, came to the stand, called in.
    Responded,
    /// Asked for an estimator to come to site.
    SiteVisitBooked,
}

/// What can be asked of a campaign.
#[derive(Debug, Clone, PartialEq)]
pub enum CampaignCommand {
    Plan(CampaignTerms),
    /// Money spent on it (an invoice from the agency, the stand's hire).
    RecordSpend {
        amount: Rand,
        note: Reason,
        on: NaiveDate,
    },
    /// A lead responded on `on`.
    RecordResponse {
        lead_id: String,
        kind: ResponseKind,
        on: NaiveDate,
    },
    Close {
        on: NaiveDate,
    },
}

/// Events of a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CampaignEvent {
    CampaignPlanned {
        name: String,
        channel: Channel,
        budget: Rand,
        starts_on: NaiveDate,
        ends_on: NaiveDate,
        segment: Segment,
    },
    CampaignSpendRecorded {
        amount: Rand,
        note: String,
        on: NaiveDate,
    },
    /// `attributed`: the lead's first response to this campaign, which attributes it.
    CampaignResponseRecorded {
        lead_id: String,
        kind: ResponseKind,
        on: NaiveDate,
        attributed: bool,
    },
    CampaignClosed {
        on: NaiveDate,
    },
}

impl DomainEvent for CampaignEvent {
    fn event_type(&self) -> String {
        match self {
            CampaignEvent::CampaignPlanned { .. } => "CampaignPlanned",
            CampaignEvent::CampaignSpendRecorded { .. } => "CampaignSpendRecorded",
            CampaignEvent::CampaignResponseRecorded { .. } => "CampaignResponseRecorded",
            CampaignEvent::CampaignClosed { .. } => "CampaignClosed",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// The state a campaign's decisions need.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    planned: bool,
    starts_on: Option<NaiveDate>,
    closed: bool,
    leads: BTreeSet<String>,
    site_visits: BTreeSet<String>,
}

impl Campaign {
    /// The leads attributed to it.
    pub fn leads(&self) -> usize {
        self.leads.len()
    }

    fn open(&self) -> Result<(), SalesError> {
        if !self.planned {
            return Err(SalesError::CampaignNotFound);
        }
        if self.closed {
            return Err(SalesError::CampaignClosed);
        }
        Ok(())
    }

    /// Decides a command; a site visit booked twice for one lead records nothing.
    pub fn decide(&self, command: CampaignCommand) -> Result<Vec<CampaignEvent>, SalesError> {
        let event = match command {
            CampaignCommand::Plan(terms) => {
                if self.planned {
                    return Err(SalesError::CampaignExists);
                }
                if terms.ends_on < terms.starts_on {
                    return Err(SalesError::CampaignPeriod {
                        starts_on: terms.starts_on,
                        ends_on: terms.ends_on,
                    });
                }
                if terms.budget.as_decimal().is_sign_negative() {
                    return Err(SalesError::CampaignAmount(terms.budget.to_string()));
                }
                CampaignEvent::CampaignPlanned {
                    name: terms.name.into_string(),
                    channel: terms.channel,
                    budget: terms.budget,
                    starts_on: terms.starts_on,
                    ends_on: terms.ends_on,
                    segment: terms.segment,
                }
            }
            CampaignCommand::RecordSpend { amount, note, on } => {
                self.open()?;
                if !amount.is_positive() {
                    return Err(SalesError::CampaignAmount(amount.to_string()));
                }
                CampaignEvent::CampaignSpendRecorded {
                    amount,
                    note: note.into(),
                    on,
                }
            }
            CampaignCommand::RecordResponse { lead_id, kind, on } => {
                self.open()?;
                if let Some(start) = self.starts_on.filter(|start| on < *start) {
                    return Err(SalesError::ResponseBeforeStart(start));
                }
                if kind == ResponseKind::SiteVisitBooked && self.site_visits.contains(&lead_id) {
                    return Ok(Vec::new());
                }
                CampaignEvent::CampaignResponseRecorded {
                    attributed: !self.leads.contains(&lead_id),
                    lead_id,
                    kind,
                    on,
                }
            }
            CampaignCommand::Close { on } => {
                self.open()?;
                CampaignEvent::CampaignClosed { on }
            }
        };
        Ok(vec![event])
    }
}

impl Aggregate for Campaign {
    const TYPE: &'static str = CAMPAIGN_AGGREGATE;
    type Command = CampaignCommand;
    type Event = CampaignEvent;
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
        match event {
            CampaignEvent::CampaignPlanned { starts_on, .. } => {
                self.planned = true;
                self.starts_on = Some(starts_on);
            }
            CampaignEvent::CampaignSpendRecorded { .. } => {}
            CampaignEvent::CampaignResponseRecorded { lead_id, kind, .. } => {
                if kind == ResponseKind::SiteVisitBooked {
                    self.site_visits.insert(lead_id.clone());
                }
                self.leads.insert(lead_id);
            }
            CampaignEvent::CampaignClosed { .. } => self.closed = true,
        }
    }
}

impl crate::stored::Stored for Campaign {}
