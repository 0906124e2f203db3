//! What a project may refer to. Customer accounts belong to identity; orders knows them
//! only from identity's events (its own copy, kept by a projection worker), never from
//! identity's database. The command side looks the account up and this rule decides.
//!
//! An unknown or unsuitable reference is the caller's input being wrong: a rejection
//! (`BAD_USER_INPUT`) naming the field, as identity's references are.

use super::OrdersError;
use crate::identity::{AccountKind, AccountStatus};
use crate::refusal::echo;

/// An account as orders knows it from identity's events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownAccount {
    pub id: String,
    pub kind: AccountKind,
    pub name: String,
    pub status: AccountStatus,
}

/// A project's customer must be an account orders knows, of kind customer, and not
/// archived (an account on hold may still have projects opened for it: holds are about
/// credit, and a project is opened long before it is invoiced).
pub fn check_customer(requested: &str, known: Option<&KnownAccount>) -> Result<(), OrdersError> {
    match known {
        None => Err(OrdersError::UnknownCustomer(echo(requested))),
        Some(account) if account.kind != AccountKind::Customer => Err(OrdersError::NotACustomer {
            account: echo(requested),
            kind: account.kind,
        }),
        Some(account) if account.status == AccountStatus::Archived => {
            Err(OrdersError::CustomerArchived(echo(requested)))
        }
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(kind: AccountKind, status: AccountStatus) -> KnownAccount {
        KnownAccount {
            id: "acc-1".into(),
            kind,
            name: "Ubuntu Property Developers (Pty) Ltd".into(),
            status,
        }
    }

    #[test]
    fn a_project_is_for_a_known_customer_that_is_not_archived() {
        use AccountKind::*;
        use AccountStatus::*;
        assert_eq!(
            check_customer("acc-1", Some(&account(Customer, Active))),
            Ok(())
        );
        assert_eq!(
            check_customer("acc-1", Some(&account(Customer, OnHold))),
            Ok(())
        );
        assert_eq!(
            check_customer("nope", None),
            Err(OrdersError::UnknownCustomer("\"nope\"".into()))
        );
        assert_eq!(
            check_customer("acc-1", Some(&account(Vendor, Active))),
            Err(OrdersError::NotACustomer {
                account: "\"acc-1\"".into(),
                kind: Vendor
            })
        );
        assert_eq!(
            check_customer("acc-1", Some(&account(Customer, Archived))),
            Err(OrdersError::CustomerArchived("\"acc-1\"".into()))
        );
        for error in [
            OrdersError::UnknownCustomer("\"x\"".into()),
            OrdersError::CustomerArchived("\"x\"".into()),
        ] {
            assert!(
                error.to_string().starts_with("customerAccountId: "),
                "{error}"
            );
        }
    }
}
