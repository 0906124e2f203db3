//! What a purchase order may be made out to: a vendor or subcontractor account orders
//! knows from identity's events (its own copy), not archived. A sales order's customer
//! follows the project's rule ([`super::check_customer`]).

use super::{KnownAccount, TradeError};
use crate::access::{project_scope, Role};
use crate::identity::{AccountKind, AccountStatus};
use crate::refusal::echo;

/// The row-level scope of sales and purchase orders, by their project: the projects'
/// rule ([`project_scope`]) for those who hold a project permission — `None` sees every
/// order, `Some(user)` only orders of that user's projects; a caller with neither
/// project permission (a `Sales_Rep` placing orders) is not narrowed by projects: what
/// they may do at all is the operation's permission.
pub fn order_scope<'a>(roles: &[Role], user_id: &'a str) -> Option<&'a str> {
    project_scope(roles, user_id).unwrap_or(None)
}

/// A purchase order's vendor must be a known vendor or subcontractor account that is
/// not archived (on hold is allowed: holds are about paying, not buying).
pub fn check_vendor(requested: &str, known: Option<&KnownAccount>) -> Result<(), TradeError> {
    match known {
        None => Err(TradeError::UnknownVendor(echo(requested))),
        Some(account) if account.kind == AccountKind::Customer => Err(TradeError::NotAVendor {
            account: echo(requested),
            kind: account.kind.as_str(),
        }),
        Some(account) if account.status == AccountStatus::Archived => {
            Err(TradeError::VendorArchived(echo(requested)))
        }
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_staff_are_narrowed_to_their_projects_and_head_office_is_not() {
        assert_eq!(order_scope(&[Role::SiteManager], "u"), Some("u"));
        assert_eq!(order_scope(&[Role::ProjectManager], "u"), Some("u"));
        assert_eq!(
            order_scope(&[Role::SiteManager, Role::FinanceUser], "u"),
            None
        );
        assert_eq!(order_scope(&[Role::ProcurementOfficer], "u"), None);
        assert_eq!(order_scope(&[Role::SalesRep], "u"), None);
    }

    fn account(kind: AccountKind, status: AccountStatus) -> KnownAccount {
        KnownAccount {
            id: "acc-1".into(),
            kind,
            name: "Bokamoso Roofing".into(),
            status,
        }
    }

    #[test]
    fn a_purchase_order_goes_to_a_known_vendor_or_subcontractor_not_archived() {
        use AccountKind::*;
        use AccountStatus::*;
        assert_eq!(
            check_vendor("acc-1", Some(&account(Vendor, Active))),
            Ok(())
        );
        assert_eq!(
            check_vendor("acc-1", Some(&account(Subcontractor, OnHold))),
            Ok(())
        );
        assert_eq!(
            check_vendor("x", None),
            Err(TradeError::UnknownVendor("\"x\"".into()))
        );
        assert!(matches!(
            check_vendor("acc-1", Some(&account(Customer, Active))),
            Err(TradeError::NotAVendor { .. })
        ));
        assert_eq!(
            check_vendor("acc-1", Some(&account(Vendor, Archived))),
            Err(TradeError::VendorArchived("\"acc-1\"".into()))
        );
    }
}
