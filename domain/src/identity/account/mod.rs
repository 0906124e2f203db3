//! The account aggregate: a customer, vendor or subcontractor the company deals with,
//! with its registration and tax details, B-BBEE status, CIDB gradings, addresses and
//! payment terms, and the rule helpers later domains decide with.

mod decide;

#[cfg(test)]
mod fact_tests;
#[cfg(test)]
mod properties;
impl crate::stored::Stored for Account {}

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::{
    AccountCommand, AccountEvent, AccountKind, AccountStatus, Address, AddressType, BbbeeLevel,
    CidbClass, IdentityError, PaymentTerms, ACCOUNT_AGGREGATE,
};

/// A B-BBEE status as last certified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BbbeeStatus {
    pub level: BbbeeLevel,
    /// `None` only for non-compliant.
    pub certificate_expires_on: Option<NaiveDate>,
}

/// The state an account's decisions need, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    created: bool,
    kind: Option<AccountKind>,
    name: String,
    registration_number: Option<String>,
    vat_number: Option<String>,
    status: AccountStatus,
    trading_name: Option<String>,
    tax_reference: Option<String>,
    bbbee: Option<BbbeeStatus>,
    cidb: BTreeMap<CidbClass, u8>,
    addresses: BTreeMap<AddressType, Address>,
    payment_terms: Option<PaymentTerms>,
}

impl Account {
    /// Whether the account has been created.
    pub fn exists(&self) -> bool {
        self.created
    }

    /// The account's current status.
    pub fn status(&self) -> AccountStatus {
        self.status
    }

    /// What the company is to the account (`None` before it exists).
    pub fn kind(&self) -> Option<AccountKind> {
        self.kind
    }

    /// Whether new orders (sales or purchase) may be placed with the account: only an
    /// existing, active account takes them; on hold or archived it does not.
    pub fn can_take_orders(&self) -> bool {
        self.created && self.status.takes_orders()
    }

    /// The B-BBEE status as certified, whatever its expiry.
    pub fn bbbee(&self) -> Option<BbbeeStatus> {
        self.bbbee
    }

    /// The B-BBEE level that counts for procurement on `date`: the certified level while
    /// the certificate is valid (through its expiry date), non-compliant after it or
    /// without one. `None` for customers and for suppliers never certified.
    pub fn bbbee_level_on(&self, date: NaiveDate) -> Option<BbbeeLevel> {
        let status = self.bbbee?;
        match status.certificate_expires_on {
            Some(expiry) if date <= expiry => Some(status.level),
            _ => Some(BbbeeLevel::NonCompliant),
        }
    }

    /// The subcontractor's CIDB grade in a class of works, if graded there.
    pub fn cidb_grade(&self, class_of_works: CidbClass) -> Option<u8> {
        self.cidb.get(&class_of_works).copied()
    }

    /// The agreed payment terms, if any.
    pub fn payment_terms(&self) -> Option<PaymentTerms> {
        self.payment_terms
    }

    /// One of the account's addresses.
    pub fn address(&self, address_type: AddressType) -> Option<&Address> {
        self.addresses.get(&address_type)
    }
}

impl Aggregate for Account {
    const TYPE: &'static str = ACCOUNT_AGGREGATE;
    type Command = AccountCommand;
    type Event = AccountEvent;
    type Error = IdentityError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        for event in self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            AccountEvent::AccountCreated {
                kind,
                name,
                registration_number,
                vat_number,
            } => {
                self.created = true;
                self.kind = Some(kind);
                self.name = name;
                self.registration_number = registration_number;
                self.vat_number = vat_number;
                self.status = AccountStatus::Active;
            }
            AccountEvent::AccountDetailsUpdated {
                name,
                registration_number,
                vat_number,
            } => {
                self.name = name;
                self.registration_number = registration_number;
                self.vat_number = vat_number;
            }
            AccountEvent::AccountStatusChanged { to, .. } => self.status = to,
            AccountEvent::AccountTradingNameChanged { trading_name } => {
                self.trading_name = trading_name;
            }
            AccountEvent::AccountTaxReferenceChanged { tax_reference } => {
                self.tax_reference = tax_reference;
            }
            AccountEvent::VendorBbbeeCertified {
                level,
                certificate_expires_on,
            } => {
                self.bbbee = Some(BbbeeStatus {
                    level,
                    certificate_expires_on,
                });
            }
            AccountEvent::SubcontractorCidbGraded {
                grade,
                class_of_works,
            } => {
                self.cidb.insert(class_of_works, grade);
            }
            AccountEvent::AccountAddressChanged {
                address_type,
                address,
            } => {
                self.addresses.insert(address_type, address);
            }
            AccountEvent::AccountPaymentTermsChanged { days, basis } => {
                self.payment_terms = Some(PaymentTerms { days, basis });
            }
        }
    }
}
