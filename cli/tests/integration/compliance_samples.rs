//! One sample of every compliance event, for the contract test (`contracts.rs`); each
//! list's match fails to compile when a variant is added.

use chrono::{NaiveDate, TimeZone, Utc};
use constructos_domain::compliance::incident::{IncidentEvent, IncidentKind};
use constructos_domain::compliance::inspection::{
    EscalationLevel, InspectionEvent, ItemResult, Severity,
};
use constructos_domain::compliance::ticket::{Priority, TicketEvent};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, d).expect("date")
}

fn at(h: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 2, h, 0, 0)
        .single()
        .expect("time")
}

/// Every inspection event.
pub fn inspection_samples() -> Vec<InspectionEvent> {
    use InspectionEvent as E;
    let samples = vec![
        E::InspectionStarted {
            template: "SITE-WEEKLY".into(),
            site_id: "SITE-CPT-01".into(),
            project_id: Some("p-1".into()),
            area: "Block B, level 2".into(),
            inspector: "safety".into(),
            on: day(2),
        },
        E::ItemRecorded {
            item_code: "FP-02".into(),
            result: ItemResult::Fail,
            note: "Slab edge unguarded".into(),
            photos: vec!["doc-1".into()],
        },
        E::ItemRecorded {
            item_code: "PPE-01".into(),
            result: ItemResult::NotApplicable,
            note: String::new(),
            photos: vec![],
        },
        E::FindingRaised {
            item_code: "FP-02".into(),
            severity: Severity::High,
        },
        E::AreaStopped {
            item_code: "FP-02".into(),
        },
        E::InspectionCompleted {
            passed: 14,
            failed: 1,
            not_applicable: 1,
        },
        E::ActionRaised {
            action_id: "a-1".into(),
            item_code: "FP-02".into(),
            owner: "Sipho Site".into(),
            due: day(4),
        },
        E::ActionEvidenceSubmitted {
            action_id: "a-1".into(),
            note: "Guard rail fitted".into(),
            photos: vec!["doc-2".into()],
        },
        E::ActionVerified {
            action_id: "a-1".into(),
            by: "safety".into(),
        },
        E::ActionEscalated {
            action_id: "a-1".into(),
            level: EscalationLevel::SiteManager,
            at: at(6),
        },
        E::AreaCleared {
            by_action: "a-1".into(),
        },
    ];
    for s in &samples {
        match s {
            E::InspectionStarted { .. }
            | E::ItemRecorded { .. }
            | E::FindingRaised { .. }
            | E::AreaStopped { .. }
            | E::InspectionCompleted { .. }
            | E::ActionRaised { .. }
            | E::ActionEvidenceSubmitted { .. }
            | E::ActionVerified { .. }
            | E::ActionEscalated { .. }
            | E::AreaCleared { .. } => {}
        }
    }
    samples
}

/// Every incident event.
pub fn incident_samples() -> Vec<IncidentEvent> {
    let samples = vec![
        IncidentEvent::IncidentReported {
            kind: IncidentKind::LostTimeInjury,
            project_id: "p-1".into(),
            occurred_on: day(3),
            description: "Fell from a ladder".into(),
            days_lost: 4,
            reported_by: "Sipho Site".into(),
        },
        IncidentEvent::IncidentInvestigated {
            root_cause: "Ladder not secured".into(),
            actions: vec!["Tie ladders off".into()],
            by: "safety".into(),
        },
        IncidentEvent::IncidentClosed { on: day(10) },
    ];
    for s in &samples {
        match s {
            IncidentEvent::IncidentReported { .. }
            | IncidentEvent::IncidentInvestigated { .. }
            | IncidentEvent::IncidentClosed { .. } => {}
        }
    }
    samples
}

/// Every ticket event.
pub fn ticket_samples() -> Vec<TicketEvent> {
    use TicketEvent as E;
    let samples = vec![
        E::TicketOpened {
            subject: "Site gate broken".into(),
            description: "The gate does not lock".into(),
            category: "SITE".into(),
            priority: Priority::Urgent,
            account_id: None,
            project_id: Some("p-1".into()),
            raised_by: "emp".into(),
            at: at(8),
        },
        E::TicketAssigned {
            agent: "Desk team".into(),
            at: at(8),
        },
        E::TicketCommented {
            by: "agent".into(),
            body: "On our way".into(),
            public: true,
            first_response: true,
            at: at(9),
        },
        E::TicketPended { at: at(9) },
        E::TicketResolved {
            resolution: "Lock replaced".into(),
            at: at(10),
        },
        E::TicketClosed { at: at(11) },
        E::TicketReopened {
            reason: "Broken again".into(),
            at: at(12),
        },
    ];
    for s in &samples {
        match s {
            E::TicketOpened { .. }
            | E::TicketAssigned { .. }
            | E::TicketCommented { .. }
            | E::TicketPended { .. }
            | E::TicketResolved { .. }
            | E::TicketClosed { .. }
            | E::TicketReopened { .. } => {}
        }
    }
    samples
}
