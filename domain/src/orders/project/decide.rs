//! The project's decisions: each command checked against the state, answered with the
//! events it causes or the rule it breaks. Pure.

use super::{
    percent_of, ContractTerms, CustomerSnapshot, Project, ProjectStatus, VariationStatus,
    WorkToDate,
};
use crate::finance::{Rand, VatTreatment};
use crate::orders::events::{ClaimedLine, ReleaseStage};
use crate::orders::{OrdersError, ProjectCommand, ProjectEvent};
use crate::values::BusinessDate;

type Decision = Result<Vec<ProjectEvent>, OrdersError>;

impl Project {
    /// What `command` causes, or why not.
    pub(super) fn decide(&self, command: ProjectCommand) -> Decision {
        if let ProjectCommand::CreateProject { .. } = command {
            return self.create(command);
        }
        if !self.created {
            return Err(OrdersError::ProjectNotFound);
        }
        match command {
            ProjectCommand::CreateProject { .. } => Err(OrdersError::ProjectNotFound),
            ProjectCommand::SetContract { terms } => {
                if !self.status.contract_open() {
                    return Err(OrdersError::ContractFixed(self.status));
                }
                Ok(vec![contract_set(terms)])
            }
            ProjectCommand::SetBillOfQuantities { lines } => {
                let contract = self.contract.as_ref().ok_or(OrdersError::NoContract)?;
                if !self.claimed.is_empty() || self.open_claim.is_some() {
                    return Err(OrdersError::BillFixed);
                }
                for (index, line) in lines.iter().enumerate() {
                    if lines[..index].iter().any(|l| l.item == line.item) {
                        return Err(OrdersError::BillRepeated(index, line.item.clone()));
                    }
                }
                let total: Rand = lines.iter().map(|l| l.amount).sum();
                if total > contract.contract_value {
                    return Err(OrdersError::BillOverContract {
                        total,
                        contract: contract.contract_value,
                    });
                }
                Ok(vec![ProjectEvent::BillOfQuantitiesSet { lines }])
            }
            ProjectCommand::AddWorkItem { item } => {
                self.work.check_new(&item)?;
                Ok(vec![ProjectEvent::WorkItemAdded { item }])
            }
            ProjectCommand::RecordWorkProgress {
                code,
                percent_complete,
                actual_start,
                actual_finish,
            } => {
                let finish = actual_finish.map(BusinessDate::date);
                self.work.check_progress(&code, percent_complete, finish)?;
                Ok(vec![ProjectEvent::WorkProgressRecorded {
                    code,
                    percent_complete,
                    actual_start: actual_start.map(BusinessDate::date),
                    actual_finish: finish,
                }])
            }
            ProjectCommand::AddWorkDependency {
                predecessor,
                successor,
            } => {
                self.work.check_dependency(&predecessor, &successor)?;
                Ok(vec![ProjectEvent::WorkDependencyAdded {
                    predecessor,
                    successor,
                }])
            }
            ProjectCommand::ProposeVariation {
                description,
                amount,
                cost_code,
            } => {
                if self.contract.is_none() {
                    return Err(OrdersError::NoContract);
                }
                if amount.is_zero() {
                    return Err(OrdersError::VariationZero);
                }
                Ok(vec![ProjectEvent::VariationProposed {
                    number: format!("VO-{:03}", self.variations.len() + 1),
                    description: description.into(),
                    amount,
                    cost_code: cost_code.map(String::from),
                }])
            }
            ProjectCommand::ApproveVariation { number } => {
                let variation = self.proposed_variation(&number)?;
                let after = self.varied_value() + variation.amount;
                // What is claimed includes the claim awaiting a decision: an omission
                // must leave room for it too.
                let claimed = self.claimed_to_date()
                    + self.open_claim.as_ref().map_or(Rand::ZERO, |c| c.amount);
                if after < claimed || !after.is_positive() {
                    return Err(OrdersError::VariationBelowClaimed {
                        omitted: -variation.amount,
                        after,
                        claimed,
                    });
                }
                Ok(vec![ProjectEvent::VariationApproved {
                    number,
                    amount: variation.amount,
                    contract_value: after,
                    cost_code: variation.cost_code.clone(),
                }])
            }
            ProjectCommand::RejectVariation { number, reason } => {
                self.proposed_variation(&number)?;
                Ok(vec![ProjectEvent::VariationRejected {
                    number,
                    reason: reason.into(),
                }])
            }
            ProjectCommand::SubmitClaim { period_end, work } => {
                self.submit_claim(period_end, &work)
            }
            ProjectCommand::ApproveClaim {
                claim_id,
                date,
                customer,
            } => self.approve_claim(&claim_id, date, customer),
            ProjectCommand::RejectClaim { claim_id, reason } => {
                self.open_claim_named(&claim_id)?;
                Ok(vec![ProjectEvent::ProgressClaimRejected {
                    claim_id,
                    reason: reason.into(),
                }])
            }
            ProjectCommand::ChangeProjectStatus {
                status,
                reason,
                date,
                customer,
            } => self.change_status(status, reason.map(String::from), date, customer),
            ProjectCommand::ReleaseRetention {
                amount,
                date,
                customer,
            } => {
                if !self.status.releases_retention() {
                    return Err(OrdersError::RetentionNotDue(self.status));
                }
                if !amount.is_positive() {
                    return Err(OrdersError::RetentionZero);
                }
                if amount > self.retention_held {
                    return Err(OrdersError::RetentionOverHeld {
                        asked: amount,
                        held: self.retention_held,
                    });
                }
                let stage = if self.status == ProjectStatus::PracticalCompletion {
                    ReleaseStage::PracticalCompletion
                } else {
                    ReleaseStage::FinalCompletion
                };
                Ok(vec![self.release(amount, stage, date, customer)])
            }
        }
    }

    fn create(&self, command: ProjectCommand) -> Decision {
        let ProjectCommand::CreateProject {
            code,
            name,
            customer_account_id,
            site_id,
            site_name,
            starts_on,
            status,
            contract,
            opened_by,
        } = command
        else {
            return Err(OrdersError::ProjectNotFound);
        };
        // The id derives from the code: an existing project here holds the code.
        if self.created {
            return Err(OrdersError::ProjectCodeTaken(code.to_string()));
        }
        if !matches!(status, ProjectStatus::Tender | ProjectStatus::Awarded) {
            return Err(OrdersError::InvalidOpening(status));
        }
        let mut events = vec![ProjectEvent::ProjectCreated {
            code: code.into(),
            name: name.into(),
            customer_account_id: customer_account_id.map(String::from),
            site_id: site_id.into(),
            site_name: site_name.into(),
            starts_on: starts_on.map(BusinessDate::date),
            status: Some(status),
            opened_by,
        }];
        events.extend(contract.map(contract_set));
        Ok(events)
    }

    fn proposed_variation(&self, number: &str) -> Result<&super::Variation, OrdersError> {
        let variation = self
            .variations
            .get(number)
            .ok_or_else(|| OrdersError::VariationNotFound(number.to_string()))?;
        if variation.status != VariationStatus::Proposed {
            return Err(OrdersError::VariationDecided(number.to_string()));
        }
        Ok(variation)
    }

    fn open_claim_named(&self, claim_id: &str) -> Result<&super::OpenClaim, OrdersError> {
        self.open_claim
            .as_ref()
            .filter(|c| c.claim_id == claim_id)
            .ok_or_else(|| OrdersError::ClaimNotOpen(claim_id.to_string()))
    }

    fn submit_claim(&self, period_end: BusinessDate, work: &[WorkToDate]) -> Decision {
        if !self.status.accepts_claims() {
            return Err(OrdersError::NotClaimable(self.status));
        }
        if self.customer_account_id.is_none() {
            return Err(OrdersError::NoCustomer);
        }
        if let Some(open) = &self.open_claim {
            return Err(OrdersError::ClaimOpen(open.number.clone()));
        }
        let figures = self.claim_basis()?.value(work)?;
        let number = format!("PC-{:03}", self.claims_numbered + 1);
        Ok(vec![ProjectEvent::ProgressClaimSubmitted {
            claim_id: format!("{}:{number}", self.id),
            claim_number: number,
            period_end: period_end.date(),
            lines: figures.lines,
            amount: figures.amount,
            retention: figures.retention,
            retention_percent: figures.retention_percent,
            vat: figures.vat,
            due_now: figures.due_now,
        }])
    }

    fn approve_claim(
        &self,
        claim_id: &str,
        date: BusinessDate,
        customer: CustomerSnapshot,
    ) -> Decision {
        let claim = self.open_claim_named(claim_id)?;
        // The claim was valued when submitted, and one claim is open at a time; an
        // omission approved since cannot take the contract below it (see
        // `ApproveVariation`), and this check keeps that true whatever changes later.
        let to_date = self.claimed_to_date() + claim.amount;
        if to_date > self.varied_value() {
            return Err(OrdersError::Claim(super::ClaimError::OverContract {
                to_date,
                limit: self.varied_value(),
            }));
        }
        Ok(vec![ProjectEvent::ProgressClaimApproved {
            claim_id: claim.claim_id.clone(),
            claim_number: claim.number.clone(),
            project_id: self.id.clone(),
            customer,
            date: date.date(),
            period_end: claim.period_end,
            lines: claim
                .lines
                .iter()
                .filter(|l| l.amount.is_positive())
                .map(|l| ClaimedLine {
                    item: l.item.clone(),
                    description: l.description.clone(),
                    amount: l.amount,
                    vat_treatment: VatTreatment::Standard,
                    cost_code: l.cost_code.clone(),
                })
                .collect(),
            amount: claim.amount,
            retention: claim.retention,
            retention_percent: claim.retention_percent,
        }])
    }

    fn change_status(
        &self,
        to: ProjectStatus,
        reason: Option<String>,
        date: BusinessDate,
        customer: Option<CustomerSnapshot>,
    ) -> Decision {
        if !self.status.may_become(to) {
            return Err(OrdersError::InvalidTransition {
                from: self.status,
                to,
            });
        }
        if to == ProjectStatus::PracticalCompletion {
            if let Some(open) = &self.open_claim {
                return Err(OrdersError::ClaimOpen(open.number.clone()));
            }
        }
        let mut events = vec![ProjectEvent::ProjectStatusChanged {
            from: self.status,
            to,
            reason,
        }];
        let release = match (to, &self.contract) {
            (ProjectStatus::PracticalCompletion, Some(contract)) => Some((
                percent_of(self.retention_held, contract.release_at_practical_percent),
                ReleaseStage::PracticalCompletion,
            )),
            (ProjectStatus::FinalCompletion, Some(_)) => {
                Some((self.retention_held, ReleaseStage::FinalCompletion))
            }
            _ => None,
        };
        if let Some((amount, stage)) = release.filter(|(amount, _)| amount.is_positive()) {
            let customer = customer.ok_or(OrdersError::NoCustomer)?;
            events.push(self.release(amount, stage, date, customer));
        }
        Ok(events)
    }

    /// The next release, of `amount`.
    fn release(
        &self,
        amount: Rand,
        stage: ReleaseStage,
        date: BusinessDate,
        customer: CustomerSnapshot,
    ) -> ProjectEvent {
        ProjectEvent::ProjectRetentionReleased {
            release_id: format!("{}:RR-{}", self.id, self.releases + 1),
            project_id: self.id.clone(),
            customer,
            date: date.date(),
            stage,
            amount,
        }
    }
}

fn contract_set(terms: ContractTerms) -> ProjectEvent {
    ProjectEvent::ProjectContractSet {
        contract_type: terms.contract_type,
        contract_value: terms.contract_value,
        retention_percent: terms.retention_percent,
        retention_cap_percent: terms.retention_cap_percent,
        release_at_practical_percent: terms.release_at_practical_percent,
        planned_completion_on: terms.planned_completion_on,
    }
}
