//! The ticket desk: cases from staff or customers, linked to an account or project,
//! with a category and priority, assigned to a support agent or team, through
//! new → open → pending → resolved → closed (reopened from resolved or closed), with
//! internal and public comments. Each priority has SLA targets for the first response
//! and the resolution ([`targets`]); [`sla`] tells, for a time given to it, whether a
//! clock has passed its target — a ticket breaches exactly when it does.

use chrono::{DateTime, Duration, Utc};
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

use super::ComplianceError;

/// The aggregate type of tickets in the event store.
pub const TICKET_AGGREGATE: &str = "compliance.ticket";

/// How urgent a ticket is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Priority {
    Urgent,
    High,
    Normal,
    Low,
}

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TicketStatus {
    #[default]
    New,
    Open,
    Pending,
    Resolved,
    Closed,
}

/// The SLA targets of a priority: first response and resolution, from opening.
pub fn targets(priority: Priority) -> (Duration, Duration) {
    match priority {
        Priority::Urgent => (Duration::hours(1), Duration::hours(4)),
        Priority::High => (Duration::hours(4), Duration::hours(24)),
        Priority::Normal => (Duration::hours(8), Duration::hours(72)),
        Priority::Low => (Duration::hours(24), Duration::hours(120)),
    }
}

/// A ticket's two SLA clocks at a moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaState {
    pub response_due: DateTime<Utc>,
    pub resolution_due: DateTime<Utc>,
    pub response_breached: bool,
    pub resolution_breached: bool,
}

/// The SLA of a ticket opened at `opened` with `priority`, first answered at
/// `responded` and resolved at `resolved` (if so), as at `now`: a clock breaches when
/// its event came after its target, or has not come and `now` is past it.
pub fn sla(
    priority: Priority,
    opened: DateTime<Utc>,
    responded: Option<DateTime<Utc>>,
    resolved: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> SlaState {
    let (respond, resolve) = targets(priority);
    let (response_due, resolution_due) = (opened + respond, opened + resolve);
    let breached = |done: Option<DateTime<Utc>>, due: DateTime<Utc>| match done {
        Some(at) => at > due,
        None => now > due,
    };
    SlaState {
        response_due,
        resolution_due,
        response_breached: breached(responded, response_due),
        resolution_breached: breached(resolved, resolution_due),
    }
}

/// Commands to a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TicketCommand {
    Open {
        subject: String,
        description: String,
        category: String,
        priority: Priority,
        account_id: Option<String>,
        project_id: Option<String>,
        raised_by: String,
        at: DateTime<Utc>,
    },
    Assign {
        agent: String,
        at: DateTime<Utc>,
    },
    /// A comment; a public one by the desk is the first response.
    Comment {
        by: String,
        body: String,
        public: bool,
        from_desk: bool,
        at: DateTime<Utc>,
    },
    /// Waiting on the requester.
    Pend {
        at: DateTime<Utc>,
    },
    Resolve {
        resolution: String,
        at: DateTime<Utc>,
    },
    Close {
        at: DateTime<Utc>,
    },
    Reopen {
        reason: String,
        at: DateTime<Utc>,
    },
}

/// Events of a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TicketEvent {
    TicketOpened {
        subject: String,
        description: String,
        category: String,
        priority: Priority,
        account_id: Option<String>,
        project_id: Option<String>,
        raised_by: String,
        at: DateTime<Utc>,
    },
    TicketAssigned {
        agent: String,
        at: DateTime<Utc>,
    },
    TicketCommented {
        by: String,
        body: String,
        public: bool,
        first_response: bool,
        at: DateTime<Utc>,
    },
    TicketPended {
        at: DateTime<Utc>,
    },
    TicketResolved {
        resolution: String,
        at: DateTime<Utc>,
    },
    TicketClosed {
        at: DateTime<Utc>,
    },
    TicketReopened {
        reason: String,
        at: DateTime<Utc>,
    },
}

impl DomainEvent for TicketEvent {
    fn event_type(&self) -> String {
        match self {
            TicketEvent::TicketOpened { .. } => "TicketOpened",
            TicketEvent::TicketAssigned { .. } => "TicketAssigned",
            TicketEvent::TicketCommented { .. } => "TicketCommented",
            TicketEvent::TicketPended { .. } => "TicketPended",
            TicketEvent::TicketResolved { .. } => "TicketResolved",
            TicketEvent::TicketClosed { .. } => "TicketClosed",
            TicketEvent::TicketReopened { .. } => "TicketReopened",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// A ticket's state.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    opened: bool,
    status: TicketStatus,
    responded: bool,
}

fn refuse(message: impl Into<String>) -> ComplianceError {
    ComplianceError::Ticket(message.into())
}

impl Ticket {
    fn decide(&self, command: TicketCommand) -> Result<TicketEvent, ComplianceError> {
        use TicketStatus::*;
        let status = self.status;
        let not_in = |doing: &str| {
            refuse(format!(
                "a {} ticket cannot be {doing}",
                format!("{status:?}").to_lowercase()
            ))
        };
        if !self.opened && !matches!(command, TicketCommand::Open { .. }) {
            return Err(ComplianceError::TicketNotFound);
        }
        Ok(match command {
            TicketCommand::Open {
                subject,
                description,
                category,
                priority,
                account_id,
                project_id,
                raised_by,
                at,
            } => {
                if self.opened {
                    return Err(refuse("the ticket exists already"));
                }
                TicketEvent::TicketOpened {
                    subject,
                    description,
                    category,
                    priority,
                    account_id,
                    project_id,
                    raised_by,
                    at,
                }
            }
            TicketCommand::Assign { agent, at } => {
                if matches!(status, Closed) {
                    return Err(not_in("assigned"));
                }
                TicketEvent::TicketAssigned { agent, at }
            }
            TicketCommand::Comment {
                by,
                body,
                public,
                from_desk,
                at,
            } => {
                if body.trim().is_empty() {
                    return Err(refuse("body: a comment says something"));
                }
                if status == Closed {
                    return Err(not_in("commented on"));
                }
                let first_response = public && from_desk && !self.responded;
                TicketEvent::TicketCommented {
                    by,
                    body,
                    public,
                    first_response,
                    at,
                }
            }
            TicketCommand::Pend { at } => {
                if status != Open {
                    return Err(not_in("set pending"));
                }
                TicketEvent::TicketPended { at }
            }
            TicketCommand::Resolve { resolution, at } => {
                if !matches!(status, Open | Pending) {
                    return Err(not_in("resolved"));
                }
                if resolution.trim().is_empty() {
                    return Err(refuse("resolution: say how it was resolved"));
                }
                TicketEvent::TicketResolved { resolution, at }
            }
            TicketCommand::Close { at } => {
                if status != Resolved {
                    return Err(not_in("closed"));
                }
                TicketEvent::TicketClosed { at }
            }
            TicketCommand::Reopen { reason, at } => {
                if !matches!(status, Resolved | Closed) {
                    return Err(not_in("reopened"));
                }
                TicketEvent::TicketReopened { reason, at }
            }
        })
    }
}

impl Aggregate for Ticket {
    const TYPE: &'static str = TICKET_AGGREGATE;
    type Command = TicketCommand;
    type Event = TicketEvent;
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
            TicketEvent::TicketOpened { .. } => {
                self.opened = true;
                self.status = TicketStatus::New;
            }
            TicketEvent::TicketAssigned { .. } => {
                if matches!(self.status, TicketStatus::New) {
                    self.status = TicketStatus::Open;
                }
            }
            TicketEvent::TicketCommented { first_response, .. } => self.responded |= first_response,
            TicketEvent::TicketPended { .. } => self.status = TicketStatus::Pending,
            TicketEvent::TicketResolved { .. } => self.status = TicketStatus::Resolved,
            TicketEvent::TicketClosed { .. } => self.status = TicketStatus::Closed,
            TicketEvent::TicketReopened { .. } => self.status = TicketStatus::Open,
        }
    }
}

impl crate::stored::Stored for Ticket {}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 2, 2, 8, 0, 0)
            .single()
            .expect("time")
            + Duration::minutes(h)
    }

    #[test]
    fn a_ticket_breaches_exactly_when_its_clock_passes_the_target() {
        // Urgent: respond within an hour, resolve within four.
        let opened = at(0);
        assert!(
            !sla(Priority::Urgent, opened, None, None, at(60)).response_breached,
            "at the target: not yet"
        );
        assert!(sla(Priority::Urgent, opened, None, None, at(61)).response_breached);
        assert!(
            !sla(Priority::Urgent, opened, Some(at(59)), None, at(600)).response_breached,
            "answered in time stays met"
        );
        assert!(sla(Priority::Urgent, opened, Some(at(59)), None, at(241)).resolution_breached);
        assert!(
            !sla(
                Priority::Urgent,
                opened,
                Some(at(59)),
                Some(at(240)),
                at(10_000)
            )
            .resolution_breached
        );
    }

    #[test]
    fn the_workflow_runs_new_open_pending_resolved_closed_and_reopens() {
        let mut t = Ticket::default();
        let mut step = |c: TicketCommand| -> Result<(), ComplianceError> {
            let e = t.decide(c)?;
            t.apply(e);
            Ok(())
        };
        assert_eq!(
            step(TicketCommand::Pend { at: at(0) }),
            Err(ComplianceError::TicketNotFound)
        );
        step(TicketCommand::Open {
            subject: "Gate".into(),
            description: "Broken".into(),
            category: "SITE".into(),
            priority: Priority::High,
            account_id: None,
            project_id: None,
            raised_by: "u".into(),
            at: at(0),
        })
        .expect("opened");
        assert!(
            step(TicketCommand::Close { at: at(1) }).is_err(),
            "a new ticket is not closed"
        );
        step(TicketCommand::Assign {
            agent: "agent".into(),
            at: at(1),
        })
        .expect("assigned");
        step(TicketCommand::Pend { at: at(2) }).expect("pending");
        step(TicketCommand::Resolve {
            resolution: "Fixed".into(),
            at: at(3),
        })
        .expect("resolved");
        step(TicketCommand::Close { at: at(4) }).expect("closed");
        assert!(step(TicketCommand::Comment {
            by: "u".into(),
            body: "x".into(),
            public: true,
            from_desk: false,
            at: at(5)
        })
        .is_err());
        step(TicketCommand::Reopen {
            reason: "Again".into(),
            at: at(6),
        })
        .expect("reopened");
    }

    #[test]
    fn only_the_desks_first_public_comment_is_the_first_response() {
        let mut t = Ticket::default();
        t.apply(TicketEvent::TicketOpened {
            subject: "s".into(),
            description: "d".into(),
            category: "c".into(),
            priority: Priority::Low,
            account_id: None,
            project_id: None,
            raised_by: "u".into(),
            at: at(0),
        });
        let internal = t
            .decide(TicketCommand::Comment {
                by: "a".into(),
                body: "note".into(),
                public: false,
                from_desk: true,
                at: at(1),
            })
            .expect("ok");
        assert!(matches!(
            internal,
            TicketEvent::TicketCommented {
                first_response: false,
                ..
            }
        ));
        let first = t
            .decide(TicketCommand::Comment {
                by: "a".into(),
                body: "hello".into(),
                public: true,
                from_desk: true,
                at: at(2),
            })
            .expect("ok");
        assert!(matches!(
            first,
            TicketEvent::TicketCommented {
                first_response: true,
                ..
            }
        ));
        t.apply(first);
        let second = t
            .decide(TicketCommand::Comment {
                by: "a".into(),
                body: "again".into(),
                public: true,
                from_desk: true,
                at: at(3),
            })
            .expect("ok");
        assert!(matches!(
            second,
            TicketEvent::TicketCommented {
                first_response: false,
                ..
            }
        ));
    }

    proptest! {
        /// The response clock breaches iff the response (or, without one, now) is after
        /// the target.
        #[test]
        fn breach_is_exactly_past_the_target(minutes in 0i64..3000, answered in proptest::option::of(0i64..3000)) {
            let state = sla(Priority::Normal, at(0), answered.map(at), None, at(minutes));
            let (respond, _) = targets(Priority::Normal);
            let moment = answered.map(at).unwrap_or(at(minutes));
            prop_assert_eq!(state.response_breached, moment > at(0) + respond);
        }
    }
}
