//! Why the orders domain refuses a command.

use super::ProjectStatus;
use crate::identity::AccountKind;

/// A business refusal; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrdersError {
    #[error("the project code {0} is already taken")]
    ProjectCodeTaken(String),
    #[error("the project does not exist")]
    ProjectNotFound,
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
}

impl crate::refusal::Refusal for OrdersError {
    fn kind(&self) -> crate::refusal::RefusalKind {
        use crate::refusal::RefusalKind;
        match self {
            OrdersError::ProjectNotFound | OrdersError::UnknownCustomer(_) => RefusalKind::NotFound,
            _ => RefusalKind::Rejected,
        }
    }
}
