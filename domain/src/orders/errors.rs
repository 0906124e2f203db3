//! Why the orders domain refuses a command.

use super::project::{ClaimError, TermsError, WorkError};
use super::ProjectStatus;
use crate::finance::Rand;
use crate::identity::AccountKind;

/// A business refusal; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrdersError {
    #[error("the project code {0} is already taken")]
    ProjectCodeTaken(String),
    #[error("the project does not exist")]
    ProjectNotFound,
    #[error("projectId: the project is {}; no new orders are raised on it", .0.as_str())]
    ProjectTakesNoOrders(ProjectStatus),
    #[error("customerAccountId: no customer account {0} is known")]
    UnknownCustomer(String),
    #[error("customerAccountId: {account} is a {} account, not a customer", .kind.as_str())]
    NotACustomer { account: String, kind: AccountKind },
    #[error("customerAccountId: the customer account {0} is archived")]
    CustomerArchived(String),
    #[error("a project cannot go from {} to {}", .from.as_str(), .to.as_str())]
    InvalidTransition {
        from: ProjectStatus,
        to: ProjectStatus,
    },
    #[error("status: a project opens at TENDER or AWARDED, not {}", .0.as_str())]
    InvalidOpening(ProjectStatus),
    #[error("the contract is fixed once work starts (the project is {}); change it by variation", .0.as_str())]
    ContractFixed(ProjectStatus),
    #[error("{0}")]
    Terms(#[from] TermsError),
    #[error("the project has no contract yet: set its contract value and retention first")]
    NoContract,
    #[error("the project has no bill of quantities yet")]
    NoBill,
    #[error("lines: the bill of quantities is fixed once a claim has been approved; change it by variation")]
    BillFixed,
    #[error("lines[{0}].item: item {1} is listed twice")]
    BillRepeated(usize, String),
    #[error(
        "lines: the bill of quantities totals R {total}, more than the contract value R {contract}"
    )]
    BillOverContract { total: Rand, contract: Rand },
    #[error("{0}")]
    Work(#[from] WorkError),
    #[error("{0}")]
    Claim(#[from] ClaimError),
    #[error("claims are made once a project is awarded and until practical completion; this one is {}", .0.as_str())]
    NotClaimable(ProjectStatus),
    #[error("claim {0} is still awaiting a decision; approve or reject it first")]
    ClaimOpen(String),
    #[error("claimId: no claim {0} is awaiting a decision on this project")]
    ClaimNotOpen(String),
    #[error("the project has no customer to invoice: set its customer account first")]
    NoCustomer,
    #[error("number: no variation {0} exists on this project")]
    VariationNotFound(String),
    #[error("number: variation {0} was already decided")]
    VariationDecided(String),
    #[error("amount: a variation adds or omits something; nought changes nothing")]
    VariationZero,
    #[error("amount: omitting R {omitted} would take the contract value to R {after}, below the R {claimed} already claimed")]
    VariationBelowClaimed {
        omitted: Rand,
        after: Rand,
        claimed: Rand,
    },
    #[error("amount: R {asked} is more than the R {held} of retention still held")]
    RetentionOverHeld { asked: Rand, held: Rand },
    #[error("amount: a release must be more than nought")]
    RetentionZero,
    #[error("retention is released from practical completion on; the project is {}", .0.as_str())]
    RetentionNotDue(ProjectStatus),
}

impl crate::refusal::Refusal for OrdersError {
    fn kind(&self) -> crate::refusal::RefusalKind {
        use crate::refusal::RefusalKind;
        match self {
            OrdersError::ProjectNotFound
            | OrdersError::UnknownCustomer(_)
            | OrdersError::ClaimNotOpen(_)
            | OrdersError::VariationNotFound(_) => RefusalKind::NotFound,
            _ => RefusalKind::Rejected,
        }
    }
}
