//! Why the identity domain refuses a command.

use super::{AccountKind, AccountStatus, Channel, LeadStatus};

/// A business refusal; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("{0} is required")]
    Required(&'static str),
    /// A field's value breaks the shared rule for its kind (length, control characters).
    #[error(transparent)]
    Invalid(#[from] crate::values::ValueError),
    #[error("'{0}' is not a South African VAT number (10 digits starting with 4)")]
    InvalidVatNumber(String),
    #[error("'{0}' is not a CIPC registration number (YYYY/NNNNNN/NN)")]
    InvalidRegistrationNumber(String),
    #[error("'{0}' is not an e-mail address")]
    InvalidEmail(String),
    #[error("'{0}' is not a SARS income tax reference number (10 digits)")]
    InvalidTaxReference(String),
    #[error("'{0}' is not a CIDB grading (grade 1-9 and a class of works, e.g. 7GB)")]
    InvalidCidbGrading(String),
    #[error("'{0}' is not a South African postal code (4 digits)")]
    InvalidPostalCode(String),
    #[error("an address has 1 to {max} lines")]
    AddressLines { max: usize },
    #[error("payment terms must be 0 to {max} days, not {days}")]
    InvalidPaymentTerms { days: u16, max: u16 },
    #[error("{what} does not apply to a {} account", .kind.as_str())]
    NotForAccountKind {
        what: &'static str,
        kind: AccountKind,
    },
    #[error("a B-BBEE level 1 to 8 needs the certificate's expiry date; non-compliant has none")]
    BbbeeExpiry,
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
    #[error("the preferred channel {} is not one the contact allows", .0.as_str())]
    PreferredChannelNotAllowed(Channel),
    #[error("POPIA consent is already {}", if *.0 { "given" } else { "withdrawn" })]
    ConsentUnchanged(bool),
    #[error("POPIA consent cannot be recorded on a date before the last one ({0})")]
    ConsentDateOutOfOrder(chrono::NaiveDate),
    #[error("the user does not exist")]
    UserNotFound,
    #[error("employeeId: no employee {0} is known (by record id or employee number)")]
    UnknownEmployee(String),
    #[error(
        "employeeId: the employment of {0} has ended; a user cannot be linked to a former employee"
    )]
    FormerEmployee(String),
    #[error("contactId: no contact {0} exists")]
    UnknownContact(String),
    #[error("projects: no project {0} is known (by id or code)")]
    UnknownProject(String),
    #[error("sites: {0} is not the site of any known project")]
    UnknownSite(String),
    #[error("the lead already exists")]
    LeadAlreadyExists,
    #[error("the lead does not exist")]
    LeadNotFound,
    #[error("a lead needs an e-mail address or a phone number")]
    LeadUnreachable,
    #[error("'{0}' is not an amount in rand (zero or more, at most 2 decimal places)")]
    InvalidRandAmount(String),
    #[error("the lead is {}; only a new lead can be qualified", .0.as_str())]
    LeadNotNew(LeadStatus),
    #[error("the lead is {}; only a qualified lead can be converted", .0.as_str())]
    LeadNotQualified(LeadStatus),
    #[error("the lead is already {} and can no longer change", .0.as_str())]
    LeadClosed(LeadStatus),
    #[error("the account directory could not be read: {0}")]
    DirectoryUnavailable(String),
}

impl crate::refusal::Refusal for IdentityError {
    fn kind(&self) -> crate::refusal::RefusalKind {
        use crate::refusal::RefusalKind;
        match self {
            IdentityError::AccountNotFound
            | IdentityError::ContactNotFound
            | IdentityError::UserNotFound
            | IdentityError::LeadNotFound
            | IdentityError::UnknownEmployee(_)
            | IdentityError::UnknownContact(_)
            | IdentityError::UnknownProject(_)
            | IdentityError::UnknownSite(_) => RefusalKind::NotFound,
            IdentityError::DirectoryUnavailable(cause) => RefusalKind::Unavailable(cause.clone()),
            _ => RefusalKind::Rejected,
        }
    }
}
