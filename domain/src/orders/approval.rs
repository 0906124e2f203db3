//! Purchase order approval limits by role: who may approve an order of which total
//! (excl. VAT). The rule is pure; the table comes from configuration
//! (`CONSTRUCTOS_PO_APPROVAL_LIMITS`, read in `infra::config`).
//!
//! The caller's **highest** limit among their roles must cover the order's total;
//! nobody approves any order above it, their own included.

use std::fmt;

use crate::access::{Permission, Role};
use crate::finance::Rand;

use super::TradeError;

/// How much one role may approve: up to an amount, or without limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    UpTo(Rand),
    Unlimited,
}

impl Limit {
    fn covers(self, total: Rand) -> bool {
        match self {
            Limit::UpTo(limit) => total <= limit,
            Limit::Unlimited => true,
        }
    }

    fn rank(self) -> (bool, Rand) {
        match self {
            Limit::UpTo(limit) => (false, limit),
            Limit::Unlimited => (true, Rand::ZERO),
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::UpTo(limit) => write!(f, "{limit}"),
            Limit::Unlimited => f.write_str("none"),
        }
    }
}

/// The approval limit of each role that holds `orders.purchase_orders.approve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalLimits(Vec<(Role, Limit)>);

impl Default for ApprovalLimits {
    /// Site managers up to R50 000, project managers up to R500 000, the finance
    /// manager and administrators without limit.
    fn default() -> Self {
        Self(vec![
            (Role::SiteManager, Limit::UpTo(Rand::cents(5_000_000))),
            (Role::ProjectManager, Limit::UpTo(Rand::cents(50_000_000))),
            (Role::FinanceManager, Limit::Unlimited),
            (Role::Admin, Limit::Unlimited),
        ])
    }
}

impl ApprovalLimits {
    /// The defaults with `text`'s entries in place of theirs:
    /// `Site_Manager=50000,Project_Manager=500000,Finance_Manager=none`. Each entry is a
    /// role that holds `orders.purchase_orders.approve`, once, with an amount in rand
    /// or `none` (without limit); roles not named keep their default.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut limits = Self::default();
        let mut named = Vec::new();
        for entry in text.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (name, amount) = entry
                .split_once('=')
                .ok_or_else(|| format!("{entry:?} is not Role=amount (or Role=none)"))?;
            let (name, amount) = (name.trim(), amount.trim());
            let role = Role::parse(name).ok_or_else(|| format!("{name:?} is not a role"))?;
            if !Permission::PurchaseOrdersApprove
                .granted_to()
                .contains(&role)
            {
                return Err(format!(
                    "{name} does not hold {} (only {} do)",
                    Permission::PurchaseOrdersApprove,
                    names(
                        Permission::PurchaseOrdersApprove
                            .granted_to()
                            .iter()
                            .copied()
                    )
                ));
            }
            if named.contains(&role) {
                return Err(format!("{name} is named twice"));
            }
            named.push(role);
            let limit = if amount.eq_ignore_ascii_case("none") {
                Limit::Unlimited
            } else {
                let rand: Rand = amount
                    .parse()
                    .map_err(|e| format!("{name}: {e}; or none for no limit"))?;
                if rand < Rand::ZERO {
                    return Err(format!("{name}: a limit is not below nought"));
                }
                Limit::UpTo(rand)
            };
            limits.set(role, limit);
        }
        Ok(limits)
    }

    fn set(&mut self, role: Role, limit: Limit) {
        match self.0.iter_mut().find(|(r, _)| *r == role) {
            Some(entry) => entry.1 = limit,
            None => self.0.push((role, limit)),
        }
    }

    /// The limit of `role`, if it has one.
    pub fn of(&self, role: Role) -> Option<Limit> {
        self.0.iter().find(|(r, _)| *r == role).map(|(_, l)| *l)
    }

    /// The highest limit among `roles`, with the role that holds it.
    pub fn highest(&self, roles: &[Role]) -> Option<(Role, Limit)> {
        self.0
            .iter()
            .filter(|(role, _)| roles.contains(role))
            .max_by_key(|(_, limit)| limit.rank())
            .copied()
    }

    /// Whether a caller holding `roles` may approve an order of `total` excl. VAT;
    /// answers the role whose limit covers it (the caller's highest).
    pub fn authorise(&self, roles: &[Role], total: Rand) -> Result<Role, TradeError> {
        let (role, limit) = self.highest(roles).ok_or(TradeError::NoApprovalLimit)?;
        if limit.covers(total) {
            return Ok(role);
        }
        let may = names(
            self.0
                .iter()
                .filter(|(_, l)| l.covers(total))
                .map(|(r, _)| *r),
        );
        Err(TradeError::AboveApprovalLimit {
            role: role.to_string(),
            limit: limit.to_string(),
            total: total.to_string(),
            may: if may.is_empty() { "nobody".into() } else { may },
        })
    }

    /// The table as configuration writes it, e.g. `Site_Manager=50000.00,…`.
    pub fn describe(&self) -> String {
        self.0
            .iter()
            .map(|(r, l)| format!("{r}={l}"))
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn names(roles: impl Iterator<Item = Role>) -> String {
    roles.map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_defaults_follow_the_roles() {
        let limits = ApprovalLimits::default();
        let r = |rand: i64| Rand::cents(rand * 100);
        assert_eq!(
            limits.authorise(&[Role::SiteManager], r(50_000)),
            Ok(Role::SiteManager)
        );
        assert_eq!(
            limits.authorise(&[Role::SiteManager], r(50_001)).map_err(|e| e.to_string()),
            Err("Site_Managers approve purchase orders up to R 50000.00; this order's total is R 50001.00 excl. VAT: it may be approved by Project_Manager, Finance_Manager, Admin".into())
        );
        // The highest of one's roles counts.
        assert_eq!(
            limits.authorise(&[Role::SiteManager, Role::ProjectManager], r(400_000)),
            Ok(Role::ProjectManager)
        );
        assert_eq!(
            limits.authorise(&[Role::FinanceManager], r(90_000_000)),
            Ok(Role::FinanceManager)
        );
        assert_eq!(
            limits.authorise(&[Role::ProcurementOfficer], r(1)),
            Err(TradeError::NoApprovalLimit)
        );
    }

    #[test]
    fn configuration_replaces_the_roles_it_names() {
        let limits =
            ApprovalLimits::parse("Site_Manager=10000, Project_Manager=none").expect("valid");
        assert_eq!(
            limits.of(Role::SiteManager),
            Some(Limit::UpTo(Rand::cents(1_000_000)))
        );
        assert_eq!(limits.of(Role::ProjectManager), Some(Limit::Unlimited));
        assert_eq!(limits.of(Role::Admin), Some(Limit::Unlimited));
        assert_eq!(ApprovalLimits::parse(""), Ok(ApprovalLimits::default()));
        for (bad, says) in [
            ("Site_Manager", "is not Role=amount"),
            ("Boss=1", "is not a role"),
            (
                "Sales_Rep=1000",
                "does not hold orders.purchase_orders.approve",
            ),
            ("Site_Manager=1,Site_Manager=2", "named twice"),
            ("Site_Manager=1.234", "more than two decimal places"),
            ("Site_Manager=-5", "not below nought"),
        ] {
            let error = ApprovalLimits::parse(bad).expect_err(bad);
            assert!(error.contains(says), "{bad}: {error}");
        }
    }

    fn any_roles() -> impl Strategy<Value = Vec<Role>> {
        proptest::sample::subsequence(Role::ALL.to_vec(), 0..4)
    }

    proptest! {
        /// Whatever the table and the caller's roles, an approval goes through only when
        /// the caller's highest limit covers the total.
        #[test]
        fn no_total_above_the_callers_highest_limit_gets_through(
            roles in any_roles(),
            site in proptest::option::of(0i64..10_000_000),
            project in proptest::option::of(0i64..100_000_000),
            total in 0i64..200_000_000,
        ) {
            let text = |name: &str, limit: Option<i64>| match limit {
                Some(cents) => format!("{name}={}", Rand::cents(cents)),
                None => format!("{name}=none"),
            };
            let limits = ApprovalLimits::parse(&format!("{},{}", text("Site_Manager", site), text("Project_Manager", project))).expect("valid");
            let total = Rand::cents(total);
            let highest = roles.iter().filter_map(|r| limits.of(*r)).max_by_key(|l| l.rank());
            match limits.authorise(&roles, total) {
                Ok(role) => {
                    prop_assert!(roles.contains(&role));
                    prop_assert!(highest.is_some_and(|l| l.covers(total)));
                    prop_assert_eq!(limits.of(role), highest);
                }
                Err(_) => prop_assert!(!highest.is_some_and(|l| l.covers(total))),
            }
        }
    }
}
