//! The one table of domain modules. Every subcommand, the gateway, `/readyz` and the
//! test harness iterate it; adding a domain is adding its line here.

use constructos_infra::Domain;
use constructos_services::{
    compliance, finance, hr, identity, inventory, orders, sales, DomainModule,
};

/// Every domain that is built. Inventory connects before sales: in one process, sales'
/// quotes check stock through the inventory client already in the table.
pub const MODULES: &[&DomainModule] = &[
    &identity::MODULE,
    &inventory::MODULE,
    &sales::MODULE,
    &finance::MODULE,
    &hr::MODULE,
    &compliance::MODULE,
    &orders::MODULE,
];

/// The module of `domain`, or a clear error for a domain not built yet.
pub fn module(domain: Domain) -> anyhow::Result<&'static DomainModule> {
    MODULES
        .iter()
        .copied()
        .find(|module| module.domain == domain)
        .ok_or_else(|| {
            let built: Vec<_> = MODULES.iter().map(|m| m.domain.name()).collect();
            anyhow::anyhow!(
                "the {domain} domain is not built yet (built: {})",
                built.join(", ")
            )
        })
}

/// The modules of `domains`, or of every built domain when none are given.
pub fn modules(domains: &[Domain]) -> anyhow::Result<Vec<&'static DomainModule>> {
    if domains.is_empty() {
        return Ok(MODULES.to_vec());
    }
    domains.iter().map(|&domain| module(domain)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_domain_is_registered_once() {
        let mut domains: Vec<_> = MODULES.iter().map(|m| m.domain.name()).collect();
        let count = domains.len();
        domains.sort_unstable();
        domains.dedup();
        assert_eq!(domains.len(), count, "a domain is registered twice");
    }

    #[test]
    fn an_unbuilt_domain_is_a_clear_error() {
        let error = module(Domain::Documents).err().map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("not built yet")));
    }
}
