//! A safety inspection of a site against a checklist template: each item passed,
//! failed or not applicable, with a note and photo references (document ids). A
//! failed item raises a finding with its severity; a high-severity finding stops the
//! work area until every action on it is verified. Corrective actions have an owner
//! and a due date; overdue, they escalate once to the site manager and, if still open
//! [`SECOND_LEVEL_AFTER_DAYS`] days later, once to the safety officer. Close-out needs
//! evidence, then the inspector's verification. Time is given to every command that
//! depends on it (`now`), never read from a clock here.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

use super::templates::template;
use super::ComplianceError;

/// The aggregate type of inspections in the event store.
pub const INSPECTION_AGGREGATE: &str = "compliance.inspection";

/// Days after the first escalation that the second follows.
pub const SECOND_LEVEL_AFTER_DAYS: i64 = 3;

/// An item's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ItemResult {
    Pass,
    Fail,
    NotApplicable,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Severity {
    Low,
    Medium,
    /// Stops the work area until cleared.
    High,
}

/// Who an overdue action has been escalated to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EscalationLevel {
    SiteManager,
    SafetyOfficer,
}

/// Where a corrective action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ActionStatus {
    Open,
    EvidenceSubmitted,
    Verified,
}

/// A corrective action as the inspection holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub item_code: String,
    pub owner: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
    pub escalated: Option<EscalationLevel>,
    pub escalated_at: Option<DateTime<Utc>>,
}

/// Commands to an inspection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InspectionCommand {
    Start {
        template: String,
        site_id: String,
        project_id: Option<String>,
        area: String,
        inspector: String,
        on: NaiveDate,
    },
    /// Record (or correct, until completed) one item's result.
    RecordItem {
        item_code: String,
        result: ItemResult,
        note: String,
        photos: Vec<String>,
        severity: Option<Severity>,
    },
    /// Every item answered: the inspection is done (findings stand).
    Complete,
    RaiseAction {
        action_id: String,
        item_code: String,
        owner: String,
        due: NaiveDate,
    },
    SubmitEvidence {
        action_id: String,
        note: String,
        photos: Vec<String>,
    },
    /// Only the inspector verifies.
    VerifyAction { action_id: String, by: String },
    /// Escalate whatever is overdue at `now` to the next level it has not reached.
    Escalate { now: DateTime<Utc> },
}

/// Events of an inspection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InspectionEvent {
    InspectionStarted {
        template: String,
        site_id: String,
        project_id: Option<String>,
        area: String,
        inspector: String,
        on: NaiveDate,
    },
    ItemRecorded {
        item_code: String,
        result: ItemResult,
        note: String,
        photos: Vec<String>,
    },
    FindingRaised {
        item_code: String,
        severity: Severity,
    },
    /// A high-severity finding stops work in the area.
    AreaStopped {
        item_code: String,
    },
    InspectionCompleted {
        passed: u32,
        failed: u32,
        not_applicable: u32,
    },
    ActionRaised {
        action_id: String,
        item_code: String,
        owner: String,
        due: NaiveDate,
    },
    ActionEvidenceSubmitted {
        action_id: String,
        note: String,
        photos: Vec<String>,
    },
    ActionVerified {
        action_id: String,
        by: String,
    },
    ActionEscalated {
        action_id: String,
        level: EscalationLevel,
        at: DateTime<Utc>,
    },
    /// Every action on the area's high findings verified (the last one `by_action`):
    /// work may resume.
    AreaCleared {
        by_action: String,
    },
}

impl DomainEvent for InspectionEvent {
    fn event_type(&self) -> String {
        match self {
            InspectionEvent::InspectionStarted { .. } => "InspectionStarted",
            InspectionEvent::ItemRecorded { .. } => "ItemRecorded",
            InspectionEvent::FindingRaised { .. } => "FindingRaised",
            InspectionEvent::AreaStopped { .. } => "AreaStopped",
            InspectionEvent::InspectionCompleted { .. } => "InspectionCompleted",
            InspectionEvent::ActionRaised { .. } => "ActionRaised",
            InspectionEvent::ActionEvidenceSubmitted { .. } => "ActionEvidenceSubmitted",
            InspectionEvent::ActionVerified { .. } => "ActionVerified",
            InspectionEvent::ActionEscalated { .. } => "ActionEscalated",
            InspectionEvent::AreaCleared { .. } => "AreaCleared",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// An inspection's state.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    template: Option<String>,
    inspector: String,
    completed: bool,
    results: BTreeMap<String, ItemResult>,
    findings: BTreeMap<String, Severity>,
    actions: BTreeMap<String, Action>,
    stopped: bool,
}

fn refuse(message: impl Into<String>) -> ComplianceError {
    ComplianceError::Inspection(message.into())
}

impl Inspection {
    /// Whether work in the area is stopped.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// The actions, by id.
    pub fn actions(&self) -> &BTreeMap<String, Action> {
        &self.actions
    }

    fn started(&self) -> Result<&'static super::templates::Template, ComplianceError> {
        let code = self
            .template
            .as_deref()
            .ok_or(ComplianceError::InspectionNotFound)?;
        template(code).ok_or_else(|| refuse(format!("no template {code}")))
    }

    fn action(&self, id: &str) -> Result<&Action, ComplianceError> {
        self.actions
            .get(id)
            .ok_or_else(|| refuse(format!("no corrective action {id} on this inspection")))
    }

    /// The events `command` decides (several where one step implies another).
    pub fn decide(
        &self,
        command: InspectionCommand,
    ) -> Result<Vec<InspectionEvent>, ComplianceError> {
        use InspectionEvent as E;
        match command {
            InspectionCommand::Start {
                template: code,
                site_id,
                project_id,
                area,
                inspector,
                on,
            } => {
                if self.template.is_some() {
                    return Err(refuse("the inspection exists already"));
                }
                if template(&code).is_none() {
                    return Err(refuse(format!("template: no checklist {code}")));
                }
                Ok(vec![E::InspectionStarted {
                    template: code,
                    site_id,
                    project_id,
                    area,
                    inspector,
                    on,
                }])
            }
            InspectionCommand::RecordItem {
                item_code,
                result,
                note,
                photos,
                severity,
            } => {
                let template = self.started()?;
                if self.completed {
                    return Err(refuse("the inspection is completed; its results stand"));
                }
                if !template.items().any(|i| i.code == item_code) {
                    return Err(refuse(format!(
                        "itemCode: {item_code} is not on the {} checklist",
                        template.code
                    )));
                }
                let mut events = vec![E::ItemRecorded {
                    item_code: item_code.clone(),
                    result,
                    note: note.clone(),
                    photos,
                }];
                if result == ItemResult::Fail {
                    let severity = severity
                        .ok_or_else(|| refuse("severity: a failed item needs a severity"))?;
                    if note.trim().is_empty() {
                        return Err(refuse("note: say what failed"));
                    }
                    if self.findings.get(&item_code) != Some(&severity) {
                        events.push(E::FindingRaised {
                            item_code: item_code.clone(),
                            severity,
                        });
                    }
                    if severity == Severity::High && !self.stopped {
                        events.push(E::AreaStopped { item_code });
                    }
                }
                Ok(events)
            }
            InspectionCommand::Complete => {
                let template = self.started()?;
                if self.completed {
                    return Err(refuse("the inspection is completed already"));
                }
                let missing: Vec<&str> = template
                    .items()
                    .filter(|i| !self.results.contains_key(&i.code))
                    .map(|i| i.code.as_str())
                    .collect();
                if !missing.is_empty() {
                    return Err(refuse(format!(
                        "every item needs a result first: {}",
                        missing.join(", ")
                    )));
                }
                let count = |r| {
                    u32::try_from(self.results.values().filter(|v| **v == r).count())
                        .unwrap_or(u32::MAX)
                };
                Ok(vec![E::InspectionCompleted {
                    passed: count(ItemResult::Pass),
                    failed: count(ItemResult::Fail),
                    not_applicable: count(ItemResult::NotApplicable),
                }])
            }
            InspectionCommand::RaiseAction {
                action_id,
                item_code,
                owner,
                due,
            } => {
                self.started()?;
                if !self.findings.contains_key(&item_code) {
                    return Err(refuse(format!(
                        "itemCode: {item_code} has no finding to act on"
                    )));
                }
                if self.actions.contains_key(&action_id) {
                    return Err(refuse("the action exists already"));
                }
                Ok(vec![E::ActionRaised {
                    action_id,
                    item_code,
                    owner,
                    due,
                }])
            }
            InspectionCommand::SubmitEvidence {
                action_id,
                note,
                photos,
            } => {
                let action = self.action(&action_id)?;
                if action.status == ActionStatus::Verified {
                    return Err(refuse("the action is verified already"));
                }
                if note.trim().is_empty() && photos.is_empty() {
                    return Err(refuse("evidence: a note or a photo is needed"));
                }
                Ok(vec![E::ActionEvidenceSubmitted {
                    action_id,
                    note,
                    photos,
                }])
            }
            InspectionCommand::VerifyAction { action_id, by } => {
                let action = self.action(&action_id)?;
                if by != self.inspector {
                    return Err(refuse("only the inspector verifies a corrective action"));
                }
                if action.status != ActionStatus::EvidenceSubmitted {
                    return Err(refuse("the action needs evidence before it is verified"));
                }
                let mut events = vec![E::ActionVerified {
                    action_id: action_id.clone(),
                    by,
                }];
                if self.stopped && self.clears_after(&action_id) {
                    events.push(E::AreaCleared {
                        by_action: action_id,
                    });
                }
                Ok(events)
            }
            InspectionCommand::Escalate { now } => {
                self.started()?;
                Ok(self
                    .actions
                    .iter()
                    .filter_map(|(id, a)| {
                        next_level(a, now).map(|level| E::ActionEscalated {
                            action_id: id.clone(),
                            level,
                            at: now,
                        })
                    })
                    .collect())
            }
        }
    }

    /// Whether verifying `action_id` leaves no unverified action on a high finding, and
    /// every high finding has at least one action.
    fn clears_after(&self, action_id: &str) -> bool {
        self.findings
            .iter()
            .filter(|(_, s)| **s == Severity::High)
            .all(|(item, _)| {
                let on_it: Vec<(&String, &Action)> = self
                    .actions
                    .iter()
                    .filter(|(_, a)| &a.item_code == item)
                    .collect();
                !on_it.is_empty()
                    && on_it.iter().all(|(id, a)| {
                        id.as_str() == action_id || a.status == ActionStatus::Verified
                    })
            })
    }
}

/// The level an action escalates to at `now`, if it is due one it has not reached:
/// the site manager once past its due date, the safety officer
/// [`SECOND_LEVEL_AFTER_DAYS`] days after that; verified actions never escalate.
pub fn next_level(action: &Action, now: DateTime<Utc>) -> Option<EscalationLevel> {
    if action.status == ActionStatus::Verified {
        return None;
    }
    let overdue_from = action.due.succ_opt()?.and_hms_opt(0, 0, 0)?.and_utc();
    match action.escalated {
        None if now >= overdue_from => Some(EscalationLevel::SiteManager),
        Some(EscalationLevel::SiteManager)
            if action
                .escalated_at
                .is_some_and(|at| now >= at + Duration::days(SECOND_LEVEL_AFTER_DAYS)) =>
        {
            Some(EscalationLevel::SafetyOfficer)
        }
        _ => None,
    }
}

impl Aggregate for Inspection {
    const TYPE: &'static str = INSPECTION_AGGREGATE;
    type Command = InspectionCommand;
    type Event = InspectionEvent;
    type Error = ComplianceError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        for event in self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        use InspectionEvent as E;
        match event {
            E::InspectionStarted {
                template,
                inspector,
                ..
            } => {
                self.template = Some(template);
                self.inspector = inspector;
            }
            E::ItemRecorded {
                item_code, result, ..
            } => {
                if result != ItemResult::Fail {
                    self.findings.remove(&item_code);
                }
                self.results.insert(item_code, result);
            }
            E::FindingRaised {
                item_code,
                severity,
            } => {
                self.findings.insert(item_code, severity);
            }
            E::AreaStopped { .. } => self.stopped = true,
            E::InspectionCompleted { .. } => self.completed = true,
            E::ActionRaised {
                action_id,
                item_code,
                owner,
                due,
            } => {
                self.actions.insert(
                    action_id,
                    Action {
                        item_code,
                        owner,
                        due,
                        status: ActionStatus::Open,
                        escalated: None,
                        escalated_at: None,
                    },
                );
            }
            E::ActionEvidenceSubmitted { action_id, .. } => {
                if let Some(a) = self.actions.get_mut(&action_id) {
                    a.status = ActionStatus::EvidenceSubmitted;
                }
            }
            E::ActionVerified { action_id, .. } => {
                if let Some(a) = self.actions.get_mut(&action_id) {
                    a.status = ActionStatus::Verified;
                }
            }
            E::ActionEscalated {
                action_id,
                level,
                at,
            } => {
                if let Some(a) = self.actions.get_mut(&action_id) {
                    a.escalated = Some(level);
                    a.escalated_at = Some(at);
                }
            }
            E::AreaCleared { .. } => self.stopped = false,
        }
    }
}

impl crate::stored::Stored for Inspection {}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
            .single()
            .expect("time")
    }

    fn apply_all(run: &mut Inspection, command: InspectionCommand) -> Vec<InspectionEvent> {
        let events = run.decide(command).expect("decided");
        for e in events.clone() {
            run.apply(e);
        }
        events
    }

    fn started() -> Inspection {
        let mut run = Inspection::default();
        apply_all(
            &mut run,
            InspectionCommand::Start {
                template: "SITE-WEEKLY".into(),
                site_id: "SITE-1".into(),
                project_id: None,
                area: "Block B, level 2".into(),
                inspector: "safety".into(),
                on: day(2026, 2, 2),
            },
        );
        run
    }

    fn fail(item: &str, severity: Severity) -> InspectionCommand {
        InspectionCommand::RecordItem {
            item_code: item.into(),
            result: ItemResult::Fail,
            note: "Edge unguarded".into(),
            photos: vec!["doc-1".into()],
            severity: Some(severity),
        }
    }

    #[test]
    fn a_failed_item_raises_a_finding_and_a_high_one_stops_the_area() {
        let mut run = started();
        let events = apply_all(&mut run, fail("FP-02", Severity::High));
        assert!(matches!(
            events[1],
            InspectionEvent::FindingRaised {
                severity: Severity::High,
                ..
            }
        ));
        assert!(matches!(events[2], InspectionEvent::AreaStopped { .. }));
        assert!(run.stopped());
        let missing = run
            .decide(InspectionCommand::Complete)
            .expect_err("items left");
        assert!(missing.to_string().contains("FP-01"), "{missing}");
        assert!(run
            .decide(InspectionCommand::RecordItem {
                item_code: "XX-99".into(),
                result: ItemResult::Pass,
                note: String::new(),
                photos: vec![],
                severity: None
            })
            .is_err());
    }

    #[test]
    fn the_area_clears_only_after_the_inspector_verifies_evidence() {
        let mut run = started();
        apply_all(&mut run, fail("FP-02", Severity::High));
        apply_all(
            &mut run,
            InspectionCommand::RaiseAction {
                action_id: "a1".into(),
                item_code: "FP-02".into(),
                owner: "site".into(),
                due: day(2026, 2, 4),
            },
        );
        assert!(
            run.decide(InspectionCommand::VerifyAction {
                action_id: "a1".into(),
                by: "safety".into()
            })
            .is_err(),
            "no evidence yet"
        );
        apply_all(
            &mut run,
            InspectionCommand::SubmitEvidence {
                action_id: "a1".into(),
                note: "Guard rail fitted".into(),
                photos: vec!["doc-2".into()],
            },
        );
        assert!(
            run.decide(InspectionCommand::VerifyAction {
                action_id: "a1".into(),
                by: "site".into()
            })
            .is_err(),
            "not the inspector"
        );
        let events = apply_all(
            &mut run,
            InspectionCommand::VerifyAction {
                action_id: "a1".into(),
                by: "safety".into(),
            },
        );
        assert_eq!(
            events.last(),
            Some(&InspectionEvent::AreaCleared {
                by_action: "a1".into()
            })
        );
        assert!(!run.stopped());
    }

    #[test]
    fn an_overdue_action_escalates_once_per_level() {
        let mut run = started();
        apply_all(&mut run, fail("SC-01", Severity::Medium));
        apply_all(
            &mut run,
            InspectionCommand::RaiseAction {
                action_id: "a1".into(),
                item_code: "SC-01".into(),
                owner: "site".into(),
                due: day(2026, 2, 4),
            },
        );
        assert!(
            apply_all(
                &mut run,
                InspectionCommand::Escalate {
                    now: at(2026, 2, 4, 23)
                }
            )
            .is_empty(),
            "due today is not overdue"
        );
        let first = apply_all(
            &mut run,
            InspectionCommand::Escalate {
                now: at(2026, 2, 5, 6),
            },
        );
        assert!(matches!(
            first[..],
            [InspectionEvent::ActionEscalated {
                level: EscalationLevel::SiteManager,
                ..
            }]
        ));
        assert!(
            apply_all(
                &mut run,
                InspectionCommand::Escalate {
                    now: at(2026, 2, 6, 6)
                }
            )
            .is_empty(),
            "once per level"
        );
        let second = apply_all(
            &mut run,
            InspectionCommand::Escalate {
                now: at(2026, 2, 8, 6),
            },
        );
        assert!(matches!(
            second[..],
            [InspectionEvent::ActionEscalated {
                level: EscalationLevel::SafetyOfficer,
                ..
            }]
        ));
        assert!(
            apply_all(
                &mut run,
                InspectionCommand::Escalate {
                    now: at(2026, 3, 1, 6)
                }
            )
            .is_empty(),
            "no third level"
        );
    }

    proptest! {
        /// However often and whenever escalation runs, each action escalates at most
        /// once per level, in order.
        #[test]
        fn escalation_is_once_per_level(hours in proptest::collection::vec(0i64..400, 1..30)) {
            let mut run = started();
            apply_all(&mut run, fail("SC-01", Severity::Low));
            apply_all(&mut run, InspectionCommand::RaiseAction { action_id: "a1".into(), item_code: "SC-01".into(), owner: "site".into(), due: day(2026, 2, 4) });
            let mut sorted = hours;
            sorted.sort();
            let mut levels = Vec::new();
            for h in sorted {
                for e in apply_all(&mut run, InspectionCommand::Escalate { now: at(2026, 2, 1, 0) + Duration::hours(h) }) {
                    if let InspectionEvent::ActionEscalated { level, .. } = e { levels.push(level); }
                }
            }
            prop_assert!(levels.len() <= 2);
            prop_assert!(levels.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
