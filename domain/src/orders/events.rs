//! Events of the orders domain; schemas in `schemas/events/orders/`.

use chrono::NaiveDate;
use cqrs_es::DomainEvent;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::project::{BoqLine, ContractType, CustomerSnapshot, WorkItem};
use super::ProjectStatus;
use crate::finance::{Rand, VatTreatment};

/// Events of the project aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProjectEvent {
    ProjectCreated {
        code: String,
        name: String,
        customer_account_id: Option<String>,
        site_id: String,
        site_name: String,
        starts_on: Option<NaiveDate>,
        /// Where the project starts; absent in events stored before tenders were
        /// recorded, which opened projects as awarded (`PLANNED`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<ProjectStatus>,
        /// The user who opened it (identity's user id); identity assigns them to it.
        /// Absent in events stored before openers were recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        opened_by: Option<String>,
    },
    ProjectContractSet {
        contract_type: ContractType,
        contract_value: Rand,
        retention_percent: Decimal,
        retention_cap_percent: Option<Decimal>,
        release_at_practical_percent: Decimal,
        planned_completion_on: Option<NaiveDate>,
    },
    BillOfQuantitiesSet {
        lines: Vec<BoqLine>,
    },
    WorkItemAdded {
        item: WorkItem,
    },
    WorkProgressRecorded {
        code: String,
        percent_complete: Decimal,
        actual_start: Option<NaiveDate>,
        actual_finish: Option<NaiveDate>,
    },
    WorkDependencyAdded {
        predecessor: String,
        successor: String,
    },
    VariationProposed {
        number: String,
        description: String,
        amount: Rand,
        cost_code: Option<String>,
    },
    VariationApproved {
        number: String,
        amount: Rand,
        /// The contract value with every approved variation, this one included.
        contract_value: Rand,
        /// The cost code of the proposal, carried so finance can budget the variation;
        /// absent in events stored before it was carried (read as none).
        #[serde(default)]
        cost_code: Option<String>,
    },
    VariationRejected {
        number: String,
        reason: String,
    },
    ProgressClaimSubmitted {
        claim_id: String,
        claim_number: String,
        period_end: NaiveDate,
        lines: Vec<super::project::ClaimLine>,
        amount: Rand,
        retention: Rand,
        retention_percent: Decimal,
        vat: Rand,
        due_now: Rand,
    },
    /// The claim finance invoices: `schemas/events/orders/ProgressClaimApproved.v1.json`.
    ProgressClaimApproved {
        claim_id: String,
        claim_number: String,
        project_id: String,
        customer: CustomerSnapshot,
        date: NaiveDate,
        period_end: NaiveDate,
        lines: Vec<ClaimedLine>,
        amount: Rand,
        retention: Rand,
        retention_percent: Decimal,
    },
    ProgressClaimRejected {
        claim_id: String,
        reason: String,
    },
    ProjectStatusChanged {
        from: ProjectStatus,
        to: ProjectStatus,
        reason: Option<String>,
    },
    /// Retention released to the customer; finance invoices it with its VAT.
    ProjectRetentionReleased {
        release_id: String,
        project_id: String,
        customer: CustomerSnapshot,
        date: NaiveDate,
        stage: ReleaseStage,
        amount: Rand,
    },
}

/// One line of an approved claim as finance invoices it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimedLine {
    pub item: String,
    pub description: String,
    /// This claim's value of the item, excluding VAT.
    pub amount: Rand,
    pub vat_treatment: VatTreatment,
    pub cost_code: Option<String>,
}

/// When retention was released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReleaseStage {
    PracticalCompletion,
    FinalCompletion,
}

impl ReleaseStage {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReleaseStage::PracticalCompletion => "PRACTICAL_COMPLETION",
            ReleaseStage::FinalCompletion => "FINAL_COMPLETION",
        }
    }
}

impl DomainEvent for ProjectEvent {
    fn event_type(&self) -> String {
        match self {
            ProjectEvent::ProjectCreated { .. } => "ProjectCreated",
            ProjectEvent::ProjectContractSet { .. } => "ProjectContractSet",
            ProjectEvent::BillOfQuantitiesSet { .. } => "BillOfQuantitiesSet",
            ProjectEvent::WorkItemAdded { .. } => "WorkItemAdded",
            ProjectEvent::WorkProgressRecorded { .. } => "WorkProgressRecorded",
            ProjectEvent::WorkDependencyAdded { .. } => "WorkDependencyAdded",
            ProjectEvent::VariationProposed { .. } => "VariationProposed",
            ProjectEvent::VariationApproved { .. } => "VariationApproved",
            ProjectEvent::VariationRejected { .. } => "VariationRejected",
            ProjectEvent::ProgressClaimSubmitted { .. } => "ProgressClaimSubmitted",
            ProjectEvent::ProgressClaimApproved { .. } => "ProgressClaimApproved",
            ProjectEvent::ProgressClaimRejected { .. } => "ProgressClaimRejected",
            ProjectEvent::ProjectStatusChanged { .. } => "ProjectStatusChanged",
            ProjectEvent::ProjectRetentionReleased { .. } => "ProjectRetentionReleased",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
