//! Incidents on a project: near misses, first-aid cases, lost-time injuries and property
//! damage; investigated (root cause, actions) and closed. [`ltifr`] is the lost-time
//! injury frequency rate per million hours worked (hours from HR's approved timesheets).

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::ComplianceError;

/// The aggregate type of incidents in the event store.
pub const INCIDENT_AGGREGATE: &str = "compliance.incident";

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IncidentKind {
    NearMiss,
    FirstAid,
    LostTimeInjury,
    PropertyDamage,
}

/// Lost-time injuries × 1 000 000 ÷ hours worked, to two places (`None` without hours).
pub fn ltifr(lost_time_injuries: u32, hours_worked: Decimal) -> Option<Decimal> {
    if hours_worked <= Decimal::ZERO {
        return None;
    }
    Some(
        (Decimal::from(lost_time_injuries) * Decimal::from(1_000_000) / hours_worked)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
    )
}

/// Commands to an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum IncidentCommand {
    Report {
        kind: IncidentKind,
        project_id: String,
        occurred_on: NaiveDate,
        description: String,
        days_lost: u32,
        reported_by: String,
    },
    Investigate {
        root_cause: String,
        actions: Vec<String>,
        by: String,
    },
    Close {
        on: NaiveDate,
    },
}

/// Events of an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum IncidentEvent {
    IncidentReported {
        kind: IncidentKind,
        project_id: String,
        occurred_on: NaiveDate,
        description: String,
        days_lost: u32,
        reported_by: String,
    },
    IncidentInvestigated {
        root_cause: String,
        actions: Vec<String>,
        by: String,
    },
    IncidentClosed {
        on: NaiveDate,
    },
}

impl DomainEvent for IncidentEvent {
    fn event_type(&self) -> String {
        match self {
            IncidentEvent::IncidentReported { .. } => "IncidentReported",
            IncidentEvent::IncidentInvestigated { .. } => "IncidentInvestigated",
            IncidentEvent::IncidentClosed { .. } => "IncidentClosed",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// An incident's state.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    occurred_on: Option<NaiveDate>,
    investigated: bool,
    closed: bool,
}

fn refuse(message: impl Into<String>) -> ComplianceError {
    ComplianceError::Incident(message.into())
}

impl Incident {
    fn decide(&self, command: IncidentCommand) -> Result<IncidentEvent, ComplianceError> {
        match command {
            IncidentCommand::Report {
                kind,
                project_id,
                occurred_on,
                description,
                days_lost,
                reported_by,
            } => {
                if self.occurred_on.is_some() {
                    return Err(refuse("the incident exists already"));
                }
                if (kind == IncidentKind::LostTimeInjury) != (days_lost > 0) {
                    return Err(refuse(
                        "daysLost: a lost-time injury loses at least a day, and only it does",
                    ));
                }
                Ok(IncidentEvent::IncidentReported {
                    kind,
                    project_id,
                    occurred_on,
                    description,
                    days_lost,
                    reported_by,
                })
            }
            IncidentCommand::Investigate {
                root_cause,
                actions,
                by,
            } => {
                if self.occurred_on.is_none() {
                    return Err(ComplianceError::IncidentNotFound);
                }
                if self.closed {
                    return Err(refuse("the incident is closed"));
                }
                if root_cause.trim().is_empty() {
                    return Err(refuse("rootCause: an investigation names the root cause"));
                }
                Ok(IncidentEvent::IncidentInvestigated {
                    root_cause,
                    actions,
                    by,
                })
            }
            IncidentCommand::Close { on } => {
                let occurred = self.occurred_on.ok_or(ComplianceError::IncidentNotFound)?;
                if self.closed {
                    return Err(refuse("the incident is closed already"));
                }
                if !self.investigated {
                    return Err(refuse("an incident is investigated before it is closed"));
                }
                if on < occurred {
                    return Err(refuse(format!(
                        "on: {on} is before the incident, {occurred}"
                    )));
                }
                Ok(IncidentEvent::IncidentClosed { on })
            }
        }
    }
}

impl Aggregate for Incident {
    const TYPE: &'static str = INCIDENT_AGGREGATE;
    type Command = IncidentCommand;
    type Event = IncidentEvent;
    type Error = ComplianceError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command)?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            IncidentEvent::IncidentReported { occurred_on, .. } => {
                self.occurred_on = Some(occurred_on)
            }
            IncidentEvent::IncidentInvestigated { .. } => self.investigated = true,
            IncidentEvent::IncidentClosed { .. } => self.closed = true,
        }
    }
}

impl crate::stored::Stored for Incident {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ltifr_is_per_million_hours() {
        assert_eq!(ltifr(2, Decimal::from(400_000)), Some(Decimal::new(500, 2)));
        assert_eq!(
            ltifr(1, Decimal::from(3)),
            Some(Decimal::new(33_333_333, 2))
        );
        assert_eq!(ltifr(1, Decimal::ZERO), None);
    }

    #[test]
    fn an_incident_is_investigated_before_it_closes() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 2, d).expect("date");
        let mut i = Incident::default();
        assert!(i
            .decide(IncidentCommand::Report {
                kind: IncidentKind::LostTimeInjury,
                project_id: "p".into(),
                occurred_on: day(3),
                description: "Fall".into(),
                days_lost: 0,
                reported_by: "s".into()
            })
            .is_err());
        let e = i
            .decide(IncidentCommand::Report {
                kind: IncidentKind::LostTimeInjury,
                project_id: "p".into(),
                occurred_on: day(3),
                description: "Fall".into(),
                days_lost: 4,
                reported_by: "s".into(),
            })
            .expect("reported");
        i.apply(e);
        assert!(i.decide(IncidentCommand::Close { on: day(5) }).is_err());
        let e = i
            .decide(IncidentCommand::Investigate {
                root_cause: "No guard rail".into(),
                actions: vec!["Fit rails".into()],
                by: "safety".into(),
            })
            .expect("investigated");
        i.apply(e);
        assert!(i.decide(IncidentCommand::Close { on: day(2) }).is_err());
        assert!(i.decide(IncidentCommand::Close { on: day(6) }).is_ok());
    }
}
