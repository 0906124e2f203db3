//! The project aggregate: a construction job for a customer at a site — its contract,
//! bill of quantities, work breakdown, variations, progress claims and retention — and
//! its life cycle. Site managers and project managers see the projects they are
//! assigned to.
//!
//! One aggregate holds all of it because the rules cross: a claim is measured against
//! the bill as varied, retention against the cap of the varied contract value, and
//! releases against what claims withheld. One stream, one optimistic check.

mod claims;
mod contract;
mod decide;
mod status;
#[cfg(test)]
mod tests;
mod work;

use std::collections::BTreeMap;

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use claims::{
    retention_for, vat_on, BoqLine, ClaimBasis, ClaimError, ClaimFigures, ClaimLine, WorkToDate,
};
pub use contract::{percent_of, ContractTerms, ContractType, CustomerSnapshot, TermsError};
pub use status::ProjectStatus;
pub use work::{WorkBreakdown, WorkError, WorkItem, WorkItemKind};

use super::{OrdersError, ProjectCode, ProjectCommand, ProjectEvent, PROJECT_AGGREGATE};
use crate::finance::Rand;

/// Where a variation order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VariationStatus {
    Proposed,
    Approved,
    Rejected,
}

/// A variation order as the project remembers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variation {
    pub description: String,
    pub amount: Rand,
    pub cost_code: Option<String>,
    pub status: VariationStatus,
}

/// The claim awaiting a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenClaim {
    pub claim_id: String,
    pub number: String,
    pub period_end: chrono::NaiveDate,
    pub lines: Vec<ClaimLine>,
    pub amount: Rand,
    pub retention: Rand,
    pub retention_percent: Decimal,
}

/// The state a project's decisions need, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    created: bool,
    id: String,
    status: ProjectStatus,
    customer_account_id: Option<String>,
    contract: Option<ContractTerms>,
    bill: Vec<BoqLine>,
    work: WorkBreakdown,
    variations: BTreeMap<String, Variation>,
    /// Σ approved variations (additions positive, omissions negative).
    varied_by: Rand,
    claims_numbered: u32,
    open_claim: Option<OpenClaim>,
    /// Per item: percent and value claimed to date by approved claims.
    claimed: BTreeMap<String, (Decimal, Rand)>,
    /// Retention withheld by approved claims and not yet released.
    retention_held: Rand,
    releases: u32,
}

impl Project {
    /// The contract value with approved variations; nought without a contract.
    pub fn varied_value(&self) -> Rand {
        self.contract
            .as_ref()
            .map_or(Rand::ZERO, |c| c.contract_value + self.varied_by)
    }

    /// Claimed to date by approved claims.
    pub fn claimed_to_date(&self) -> Rand {
        self.claimed.values().map(|(_, value)| *value).sum()
    }

    /// Retention withheld and not yet released.
    pub fn retention_held(&self) -> Rand {
        self.retention_held
    }

    /// Where the project stands.
    pub fn status(&self) -> ProjectStatus {
        self.status
    }

    /// The claim awaiting a decision, if any.
    pub fn open_claim(&self) -> Option<&OpenClaim> {
        self.open_claim.as_ref()
    }

    /// The customer account the project is for, if named.
    pub fn customer_account_id(&self) -> Option<&str> {
        self.customer_account_id.as_deref()
    }

    /// The basis the next claim is valued on, if the project has a contract.
    pub fn claim_basis(&self) -> Result<ClaimBasis<'_>, OrdersError> {
        let contract = self.contract.as_ref().ok_or(OrdersError::NoContract)?;
        if self.bill.is_empty() {
            return Err(OrdersError::NoBill);
        }
        Ok(ClaimBasis {
            bill: &self.bill,
            claimed: &self.claimed,
            limit: self.varied_value(),
            retention_percent: contract.retention_percent,
            retention_held: self.retention_held,
            retention_cap: contract.retention_cap(self.varied_value()),
        })
    }
}

impl Aggregate for Project {
    const TYPE: &'static str = PROJECT_AGGREGATE;
    type Command = ProjectCommand;
    type Event = ProjectEvent;
    type Error = OrdersError;
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
            ProjectEvent::ProjectCreated {
                code,
                customer_account_id,
                status,
                ..
            } => {
                self.created = true;
                self.id = ProjectCode::id_of(&code);
                self.customer_account_id = customer_account_id;
                self.status = status.unwrap_or(ProjectStatus::Awarded);
            }
            ProjectEvent::ProjectContractSet {
                contract_type,
                contract_value,
                retention_percent,
                retention_cap_percent,
                release_at_practical_percent,
                planned_completion_on,
            } => {
                self.contract = Some(ContractTerms {
                    contract_type,
                    contract_value,
                    retention_percent,
                    retention_cap_percent,
                    release_at_practical_percent,
                    planned_completion_on,
                })
            }
            ProjectEvent::BillOfQuantitiesSet { lines } => self.bill = lines,
            ProjectEvent::WorkItemAdded { item } => {
                self.work.items.insert(item.code.clone(), item);
            }
            ProjectEvent::WorkProgressRecorded {
                code,
                percent_complete,
                actual_start,
                actual_finish,
            } => {
                if let Some(item) = self.work.items.get_mut(&code) {
                    item.percent_complete = percent_complete;
                    item.actual_start = actual_start.or(item.actual_start);
                    item.actual_finish = actual_finish.or(item.actual_finish);
                }
            }
            ProjectEvent::WorkDependencyAdded {
                predecessor,
                successor,
            } => {
                self.work
                    .after
                    .entry(successor)
                    .or_default()
                    .insert(predecessor);
            }
            ProjectEvent::VariationProposed {
                number,
                description,
                amount,
                cost_code,
            } => {
                self.variations.insert(
                    number,
                    Variation {
                        description,
                        amount,
                        cost_code,
                        status: VariationStatus::Proposed,
                    },
                );
            }
            ProjectEvent::VariationApproved { number, amount, .. } => {
                self.varied_by = self.varied_by + amount;
                if let Some(v) = self.variations.get_mut(&number) {
                    v.status = VariationStatus::Approved;
                    if amount.is_positive() {
                        self.bill.push(BoqLine {
                            item: number.clone(),
                            description: v.description.clone(),
                            unit: "sum".into(),
                            quantity: Decimal::ONE,
                            rate: amount,
                            amount,
                            cost_code: v.cost_code.clone(),
                        });
                    }
                }
            }
            ProjectEvent::VariationRejected { number, .. } => {
                if let Some(v) = self.variations.get_mut(&number) {
                    v.status = VariationStatus::Rejected;
                }
            }
            ProjectEvent::ProgressClaimSubmitted {
                claim_id,
                claim_number,
                period_end,
                lines,
                amount,
                retention,
                retention_percent,
                ..
            } => {
                self.claims_numbered += 1;
                self.open_claim = Some(OpenClaim {
                    claim_id,
                    number: claim_number,
                    period_end,
                    lines,
                    amount,
                    retention,
                    retention_percent,
                });
            }
            ProjectEvent::ProgressClaimApproved { retention, .. } => {
                if let Some(claim) = self.open_claim.take() {
                    for line in claim.lines {
                        self.claimed
                            .insert(line.item, (line.percent_to_date, line.value_to_date));
                    }
                }
                self.retention_held = self.retention_held + retention;
            }
            ProjectEvent::ProgressClaimRejected { .. } => self.open_claim = None,
            ProjectEvent::ProjectStatusChanged { to, .. } => self.status = to,
            ProjectEvent::ProjectRetentionReleased { amount, .. } => {
                self.releases += 1;
                self.retention_held = self.retention_held - amount;
            }
        }
    }
}

impl crate::stored::Stored for Project {
    // 2: contract, bill, work breakdown, variations, claims and retention joined the state.
    const SNAPSHOT_SCHEMA: i32 = 2;
}
