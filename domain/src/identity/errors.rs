//! Why the identity domain refuses a command.

use super::AccountStatus;

/// A business refusal; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("{0} is required")]
    Required(&'static str),
    #[error("{field} must be at most {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("'{0}' is not a South African VAT number (10 digits starting with 4)")]
    InvalidVatNumber(String),
    #[error("'{0}' is not a CIPC registration number (YYYY/NNNNNN/NN)")]
    InvalidRegistrationNumber(String),
    #[error("'{0}' is not an e-mail address")]
    InvalidEmail(String),
    #[error("the account already exists")]
    AccountAlreadyExists,
    #[error("the account does not exist")]
    AccountNotFound,
    #[error("the account is archived and can no longer change")]
    AccountArchived,
    #[error("the account is already {}", .0.as_str())]
    StatusUnchanged(AccountStatus),
    #[error("nothing to change")]
    NothingChanged,
    #[error("the contact already exists")]
    ContactAlreadyExists,
    #[error("the contact does not exist")]
    ContactNotFound,
    #[error("the user does not exist")]
    UserNotFound,
    #[error("the account directory could not be read: {0}")]
    DirectoryUnavailable(String),
}
