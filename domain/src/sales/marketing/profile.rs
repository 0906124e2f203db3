//! A lead's profile as marketing records it (`sales.lead_profile`, one stream per lead,
//! its id the lead's): the client's sector, the province of the work and its CIDB
//! grade — the fit half of the lead's score. The lead itself is identity's.

use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

use super::{CidbGrade, Province, Sector};
use crate::sales::SalesError;

/// The aggregate type of lead profiles.
pub const LEAD_PROFILE_AGGREGATE: &str = "sales.lead_profile";

/// Record (or correct) what is known of the lead; `None` clears a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileLead {
    pub sector: Option<Sector>,
    pub province: Option<Province>,
    pub cidb_grade: Option<CidbGrade>,
}

/// Events of a lead's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LeadProfileEvent {
    LeadProfiled {
        sector: Option<Sector>,
        province: Option<Province>,
        cidb_grade: Option<CidbGrade>,
    },
}

impl DomainEvent for LeadProfileEvent {
    fn event_type(&self) -> String {
        "LeadProfiled".to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// The profile as it stands.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadProfile {
    current: Option<ProfileFields>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ProfileFields {
    sector: Option<Sector>,
    province: Option<Province>,
    cidb_grade: Option<CidbGrade>,
}

impl LeadProfile {
    /// Nothing when the profile already says exactly this.
    pub fn decide(&self, command: ProfileLead) -> Vec<LeadProfileEvent> {
        let asked = ProfileFields {
            sector: command.sector,
            province: command.province,
            cidb_grade: command.cidb_grade,
        };
        if self.current.as_ref() == Some(&asked) {
            return Vec::new();
        }
        vec![LeadProfileEvent::LeadProfiled {
            sector: asked.sector,
            province: asked.province,
            cidb_grade: asked.cidb_grade,
        }]
    }
}

impl Aggregate for LeadProfile {
    const TYPE: &'static str = LEAD_PROFILE_AGGREGATE;
    type Command = ProfileLead;
    type Event = LeadProfileEvent;
    type Error = SalesError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        for event in self.decide(command) {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        let LeadProfileEvent::LeadProfiled {
            sector,
            province,
            cidb_grade,
        } = event;
        self.current = Some(ProfileFields {
            sector,
            province,
            cidb_grade,
        });
    }
}

impl crate::stored::Stored for LeadProfile {}
