//! Compliance's enums in the schema, mirroring the domain's (`remote`).

use async_graphql::Enum;
use constructos_domain::compliance::incident::IncidentKind as DomainKind;
use constructos_domain::compliance::inspection::{
    ActionStatus as DomainActionStatus, EscalationLevel as DomainLevel, ItemResult as DomainResult,
    Severity as DomainSeverity,
};
use constructos_domain::compliance::ticket::{
    Priority as DomainPriority, TicketStatus as DomainStatus,
};

/// An item's result.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainResult")]
pub enum ItemResult {
    Pass,
    Fail,
    NotApplicable,
}

/// How serious a finding is; HIGH stops the work area.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainSeverity")]
pub enum Severity {
    Low,
    Medium,
    High,
}

/// Who an overdue action was escalated to.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainLevel")]
pub enum EscalationLevel {
    SiteManager,
    SafetyOfficer,
}

/// Where a corrective action stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainActionStatus")]
pub enum ActionStatus {
    Open,
    EvidenceSubmitted,
    Verified,
}

/// What happened.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainKind")]
pub enum IncidentKind {
    NearMiss,
    FirstAid,
    LostTimeInjury,
    PropertyDamage,
}

/// How urgent a ticket is.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainPriority")]
pub enum TicketPriority {
    Urgent,
    High,
    Normal,
    Low,
}

/// Where a ticket stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainStatus")]
pub enum TicketStatus {
    New,
    Open,
    Pending,
    Resolved,
    Closed,
}

/// A read model's wire name as the domain enum, then the schema's.
pub fn parsed<D: serde::de::DeserializeOwned, T: From<D>>(name: &str) -> Option<T> {
    serde_json::from_value::<D>(serde_json::Value::String(name.to_string()))
        .ok()
        .map(T::from)
}
