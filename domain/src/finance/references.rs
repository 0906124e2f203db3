//! What finance knows of the accounts its documents name, and the decisions it makes
//! with that knowledge. Identity owns the accounts; finance keeps its own copy of the
//! facts a tax invoice and a payment need, built from identity's events (the
//! `finance.identity_facts` projection), and never reads identity's database.
//!
//! The recipient a tax invoice shows — its name, VAT number and address — comes from
//! that copy, never from the caller (VAT Act s20(4): the recipient's name, address and
//! VAT registration number). The name shown is the **registered** name: the VAT number
//! is registered against the legal entity, and a trading name may be shared or changed
//! without SARS knowing. The address shown is the billing address, else the physical,
//! else the postal one.

use std::collections::BTreeMap;

use crate::identity::{AccountKind, AccountStatus, Address, AddressType};

use super::{BillSupplier, Customer, FinanceError, PaymentDirection};

/// An account as finance knows it (from identity's events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownAccount {
    pub id: String,
    pub kind: AccountKind,
    /// The registered (legal) name.
    pub name: String,
    pub trading_name: Option<String>,
    pub vat_number: Option<String>,
    pub addresses: BTreeMap<AddressType, Address>,
    pub status: AccountStatus,
}

/// The address a tax invoice shows, as one line: e.g.
/// `12 Church Street, Pietermaritzburg, 3201`.
pub fn address_text(address: &Address) -> String {
    let mut parts: Vec<&str> = address.lines.iter().map(String::as_str).collect();
    parts.push(&address.city);
    parts.push(&address.postal_code);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn kind_name(kind: AccountKind) -> &'static str {
    match kind {
        AccountKind::Customer => "customer",
        AccountKind::Vendor => "vendor",
        AccountKind::Subcontractor => "subcontractor",
    }
}

impl KnownAccount {
    /// The address a tax invoice shows: billing, else physical, else postal.
    pub fn invoice_address(&self) -> Option<String> {
        [
            AddressType::Billing,
            AddressType::Physical,
            AddressType::Postal,
        ]
        .iter()
        .find_map(|t| self.addresses.get(t))
        .map(address_text)
    }

    fn wrong_kind(&self, needed: &'static str) -> FinanceError {
        FinanceError::WrongPartyKind {
            account: self.id.clone(),
            kind: kind_name(self.kind),
            needed,
        }
    }

    fn not_archived(&self) -> Result<(), FinanceError> {
        if self.status == AccountStatus::Archived {
            return Err(FinanceError::PartyArchived(self.id.clone()));
        }
        Ok(())
    }

    /// The recipient of a tax invoice (or credit note): a customer account that is not
    /// archived. An account on hold is still invoiced: the work was done.
    pub fn invoice_recipient(&self) -> Result<Customer, FinanceError> {
        if self.kind != AccountKind::Customer {
            return Err(self.wrong_kind("a tax invoice goes to a customer account"));
        }
        self.not_archived()?;
        Ok(Customer {
            account_id: self.id.clone(),
            name: self.name.clone(),
            vat_number: self.vat_number.clone(),
            address: self.invoice_address(),
        })
    }

    /// The supplier of a bill: a vendor or subcontractor account that is not archived.
    pub fn bill_supplier(&self) -> Result<BillSupplier, FinanceError> {
        if self.kind == AccountKind::Customer {
            return Err(self.wrong_kind("a bill comes from a vendor or subcontractor account"));
        }
        self.not_archived()?;
        Ok(BillSupplier {
            account_id: self.id.clone(),
            name: self.name.clone(),
            vat_number: self.vat_number.clone(),
            address: self.invoice_address(),
        })
    }

    /// The name a payment records for its counterparty: money is received from a
    /// customer and paid to a vendor or subcontractor. Any status: money still arrives
    /// from (and is owed to) an archived account for what was done before.
    pub fn payment_counterparty(
        &self,
        direction: PaymentDirection,
    ) -> Result<String, FinanceError> {
        match (direction, self.kind) {
            (PaymentDirection::Received, AccountKind::Customer) => Ok(self.name.clone()),
            (PaymentDirection::Received, _) => {
                Err(self.wrong_kind("money is received from a customer account"))
            }
            (PaymentDirection::Made, AccountKind::Customer) => {
                Err(self.wrong_kind("money is paid to a vendor or subcontractor account"))
            }
            (PaymentDirection::Made, _) => Ok(self.name.clone()),
        }
    }
}

/// Finds the account `id` in what finance knows, or refuses: `None` is an account
/// finance has never heard of (it does not exist, or identity's event has not reached
/// finance yet).
pub fn known_account(id: &str, found: Option<KnownAccount>) -> Result<KnownAccount, FinanceError> {
    found.ok_or_else(|| FinanceError::PartyNotFound(id.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::Province;
    use crate::refusal::{Refusal, RefusalKind};

    fn account(kind: AccountKind, status: AccountStatus) -> KnownAccount {
        KnownAccount {
            id: "acc-1".into(),
            kind,
            name: "Msunduzi Developments (Pty) Ltd".into(),
            trading_name: Some("Msunduzi Homes".into()),
            vat_number: Some("4123456789".into()),
            addresses: BTreeMap::new(),
            status,
        }
    }

    fn address(first: &str) -> Address {
        Address {
            lines: vec![first.into()],
            city: "Pietermaritzburg".into(),
            province: Province::KwazuluNatal,
            postal_code: "3201".into(),
        }
    }

    #[test]
    fn an_invoice_shows_the_accounts_registered_name_vat_number_and_address() {
        let mut customer = account(AccountKind::Customer, AccountStatus::Active);
        customer
            .addresses
            .insert(AddressType::Physical, address("12 Church Street"));
        let recipient = customer.invoice_recipient().expect("a customer");
        assert_eq!(
            recipient,
            Customer {
                account_id: "acc-1".into(),
                name: "Msunduzi Developments (Pty) Ltd".into(),
                vat_number: Some("4123456789".into()),
                address: Some("12 Church Street, Pietermaritzburg, 3201".into()),
            }
        );
    }

    #[test]
    fn the_billing_address_wins_then_physical_then_postal() {
        let mut customer = account(AccountKind::Customer, AccountStatus::Active);
        assert_eq!(customer.invoice_address(), None);
        customer
            .addresses
            .insert(AddressType::Postal, address("PO Box 9"));
        assert_eq!(
            customer.invoice_address().as_deref(),
            Some("PO Box 9, Pietermaritzburg, 3201")
        );
        customer
            .addresses
            .insert(AddressType::Physical, address("12 Church Street"));
        customer
            .addresses
            .insert(AddressType::Billing, address("Accounts, 1 Main Road"));
        assert_eq!(
            customer.invoice_address().as_deref(),
            Some("Accounts, 1 Main Road, Pietermaritzburg, 3201")
        );
    }

    #[test]
    fn a_vendor_is_not_invoiced_and_an_archived_customer_is_not_either() {
        let vendor = account(AccountKind::Vendor, AccountStatus::Active);
        let refused = vendor.invoice_recipient().expect_err("a vendor");
        assert_eq!(
            refused.to_string(),
            "account 'acc-1' is a vendor account: a tax invoice goes to a customer account"
        );
        assert_eq!(refused.kind(), RefusalKind::Rejected);
        let archived = account(AccountKind::Customer, AccountStatus::Archived);
        assert_eq!(
            archived.invoice_recipient(),
            Err(FinanceError::PartyArchived("acc-1".into()))
        );
        // On hold still takes an invoice for work done.
        let on_hold = account(AccountKind::Customer, AccountStatus::OnHold);
        assert!(on_hold.invoice_recipient().is_ok());
    }

    #[test]
    fn bills_come_from_vendors_and_subcontractors_only() {
        for kind in [AccountKind::Vendor, AccountKind::Subcontractor] {
            let supplier = account(kind, AccountStatus::Active).bill_supplier();
            assert_eq!(
                supplier.expect("a supplier").name,
                "Msunduzi Developments (Pty) Ltd"
            );
        }
        assert!(matches!(
            account(AccountKind::Customer, AccountStatus::Active).bill_supplier(),
            Err(FinanceError::WrongPartyKind { .. })
        ));
        assert_eq!(
            account(AccountKind::Vendor, AccountStatus::Archived).bill_supplier(),
            Err(FinanceError::PartyArchived("acc-1".into()))
        );
    }

    #[test]
    fn payments_need_the_right_kind_for_their_direction() {
        let customer = account(AccountKind::Customer, AccountStatus::Archived);
        let vendor = account(AccountKind::Subcontractor, AccountStatus::Active);
        assert!(customer
            .payment_counterparty(PaymentDirection::Received)
            .is_ok());
        assert!(vendor.payment_counterparty(PaymentDirection::Made).is_ok());
        assert!(matches!(
            customer.payment_counterparty(PaymentDirection::Made),
            Err(FinanceError::WrongPartyKind { .. })
        ));
        assert!(matches!(
            vendor.payment_counterparty(PaymentDirection::Received),
            Err(FinanceError::WrongPartyKind { .. })
        ));
    }

    #[test]
    fn an_account_finance_does_not_know_is_not_found() {
        let refused = known_account(" acc-nope ", None).expect_err("unknown");
        assert_eq!(refused, FinanceError::PartyNotFound("acc-nope".into()));
        assert_eq!(refused.kind(), RefusalKind::NotFound);
        assert_eq!(
            refused.to_string(),
            "there is no customer, vendor or subcontractor account 'acc-nope'"
        );
        assert_eq!(
            FinanceError::ProjectNotFound("nope".into()).kind(),
            RefusalKind::NotFound
        );
    }
}
