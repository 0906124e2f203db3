//! The demo company: the supplier on the demo data's tax invoices.

use constructos_domain::finance::Supplier;
use constructos_infra::config::CompanyConfig;

/// The demo company: the supplier on the demo data's tax invoices, and what
/// development mode shows where `CONSTRUCTOS_COMPANY_*` is not set
/// (`stack::settle_company`). Never used outside development mode.
pub const DEMO_COMPANY: DemoCompany = DemoCompany {
    name: "ConstructOS Demo Construction (Pty) Ltd",
    vat_number: "4000000000",
    address: "1 Demo Road, Midrand, 1685, South Africa",
};

/// A company as its tax invoices show it.
#[derive(Debug, Clone, Copy)]
pub struct DemoCompany {
    pub name: &'static str,
    pub vat_number: &'static str,
    pub address: &'static str,
}

impl DemoCompany {
    /// As the supplier on tax invoices.
    pub fn supplier(&self) -> Supplier {
        Supplier {
            name: self.name.to_string(),
            vat_number: self.vat_number.to_string(),
            address: self.address.to_string(),
        }
    }

    /// Fills each part of `company` not configured (unset or blank) with this one's.
    pub fn fill(&self, company: &mut CompanyConfig) {
        let fill = |part: &mut Option<String>, demo: &str| {
            if part.as_deref().is_none_or(|p| p.trim().is_empty()) {
                *part = Some(demo.to_string());
            }
        };
        fill(&mut company.name, self.name);
        fill(&mut company.vat_number, self.vat_number);
        fill(&mut company.address, self.address);
    }
}
