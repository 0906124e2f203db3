//! Events of the finance domain; schemas in `schemas/events/finance/`.

use chrono::NaiveDate;
use cqrs_es::DomainEvent;
use serde::{Deserialize, Serialize};

use super::{AccountType, CostType, JournalLine, JournalSource};

/// Events of the ledger account aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LedgerAccountEvent {
    LedgerAccountOpened {
        code: String,
        name: String,
        account_type: AccountType,
        cost_type: Option<CostType>,
    },
    LedgerAccountRenamed {
        from: String,
        to: String,
    },
    LedgerAccountClosed {},
}

/// Events of the journal aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum JournalEvent {
    JournalPosted {
        date: NaiveDate,
        /// The calendar month the journal falls in, `YYYY-MM`.
        period: String,
        narrative: String,
        source: JournalSource,
        lines: Vec<JournalLine>,
        /// The journal this one reverses, when it is a reversing journal.
        reverses: Option<String>,
    },
    JournalReversed {
        /// The reversing journal's id.
        reversal_id: String,
        date: NaiveDate,
    },
}

/// Events of the period aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PeriodEvent {
    PeriodClosed {
        financial_year: i32,
        period_number: u32,
    },
    PeriodReopened {
        reason: String,
    },
}

impl DomainEvent for LedgerAccountEvent {
    fn event_type(&self) -> String {
        match self {
            LedgerAccountEvent::LedgerAccountOpened { .. } => "LedgerAccountOpened",
            LedgerAccountEvent::LedgerAccountRenamed { .. } => "LedgerAccountRenamed",
            LedgerAccountEvent::LedgerAccountClosed { .. } => "LedgerAccountClosed",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

impl DomainEvent for JournalEvent {
    fn event_type(&self) -> String {
        match self {
            JournalEvent::JournalPosted { .. } => "JournalPosted",
            JournalEvent::JournalReversed { .. } => "JournalReversed",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

impl DomainEvent for PeriodEvent {
    fn event_type(&self) -> String {
        match self {
            PeriodEvent::PeriodClosed { .. } => "PeriodClosed",
            PeriodEvent::PeriodReopened { .. } => "PeriodReopened",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
