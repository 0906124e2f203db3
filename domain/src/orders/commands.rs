//! Commands of the orders domain, built from validated values: a command cannot hold
//! an over-long name, a control character or a date outside the business calendar.

use serde::{Deserialize, Serialize};

use super::project::{BoqLine, ContractTerms, CustomerSnapshot, WorkItem, WorkToDate};
use super::{ProjectCode, ProjectStatus};
use crate::finance::Rand;
use crate::values::{BusinessDate, Code, Identifier, Name, Reason};

/// Commands to the project aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProjectCommand {
    /// Open a project: a job for a customer at a site, at tender or awarded. Sent to the
    /// id the code derives ([`ProjectCode::project_id`]).
    CreateProject {
        code: ProjectCode,
        name: Name,
        customer_account_id: Option<Identifier>,
        site_id: Code,
        site_name: Name,
        starts_on: Option<BusinessDate>,
        status: ProjectStatus,
        contract: Option<ContractTerms>,
        /// The user opening it (identity's user id), when a person does.
        opened_by: Option<String>,
    },
    /// Agree (or correct) the contract terms, before work starts.
    SetContract { terms: ContractTerms },
    /// Replace the bill of quantities, before the first claim.
    SetBillOfQuantities { lines: Vec<BoqLine> },
    /// Add a phase or task to the work breakdown.
    AddWorkItem { item: WorkItem },
    /// Record a task's progress.
    RecordWorkProgress {
        code: String,
        percent_complete: rust_decimal::Decimal,
        actual_start: Option<BusinessDate>,
        actual_finish: Option<BusinessDate>,
    },
    /// `successor` starts only after `predecessor` finishes.
    AddWorkDependency {
        predecessor: String,
        successor: String,
    },
    /// Propose a variation order: an addition (positive) or omission (negative) to the
    /// contract value.
    ProposeVariation {
        description: Name,
        amount: Rand,
        cost_code: Option<Code>,
    },
    /// Approve a proposed variation: the contract value (and an addition's claimable
    /// item) changes.
    ApproveVariation { number: String },
    /// Reject a proposed variation.
    RejectVariation { number: String, reason: Reason },
    /// Submit the next progress claim: work done to date per item.
    SubmitClaim {
        period_end: BusinessDate,
        work: Vec<WorkToDate>,
    },
    /// Approve the open claim, which raises the customer's tax invoice in finance.
    ApproveClaim {
        claim_id: String,
        date: BusinessDate,
        customer: CustomerSnapshot,
    },
    /// Reject the open claim.
    RejectClaim { claim_id: String, reason: Reason },
    /// Move the project along its life cycle. At practical and final completion the
    /// contract's share of the retention held is released, to `customer`.
    ChangeProjectStatus {
        status: ProjectStatus,
        reason: Option<Reason>,
        date: BusinessDate,
        customer: Option<CustomerSnapshot>,
    },
    /// Release retention by hand (from practical completion on): never more than held.
    ReleaseRetention {
        amount: Rand,
        date: BusinessDate,
        customer: CustomerSnapshot,
    },
}
