//! The account's decisions: each command validated against the account's state and
//! turned into events, or refused.

use super::{Account, BbbeeStatus};
use crate::identity::registers::tax_reference;
use crate::identity::values::{
    optional_checked, optional_text, registration_number, required_name, vat_number,
};
use crate::identity::{
    AccountCommand, AccountEvent, AccountKind, AccountStatus, CidbGrading, IdentityError,
};
use crate::values::Reason;

impl Account {
    pub(super) fn decide(
        &self,
        command: AccountCommand,
    ) -> Result<Vec<AccountEvent>, IdentityError> {
        match command {
            AccountCommand::CreateAccount {
                kind,
                name,
                registration_number: reg,
                vat_number: vat,
            } => {
                if self.created {
                    return Err(IdentityError::AccountAlreadyExists);
                }
                Ok(vec![AccountEvent::AccountCreated {
                    kind,
                    name: required_name("name", &name)?,
                    registration_number: registration_number(reg)?,
                    vat_number: vat_number(vat)?,
                }])
            }
            AccountCommand::UpdateAccountDetails {
                name,
                registration_number: reg,
                vat_number: vat,
            } => {
                self.require_changeable()?;
                let name = required_name("name", &name)?;
                let reg = registration_number(reg)?;
                let vat = vat_number(vat)?;
                if name == self.name && reg == self.registration_number && vat == self.vat_number {
                    return Err(IdentityError::NothingChanged);
                }
                Ok(vec![AccountEvent::AccountDetailsUpdated {
                    name,
                    registration_number: reg,
                    vat_number: vat,
                }])
            }
            AccountCommand::ChangeAccountStatus { status, reason } => {
                self.require_changeable()?;
                if status == self.status {
                    return Err(IdentityError::StatusUnchanged(status));
                }
                Ok(vec![AccountEvent::AccountStatusChanged {
                    from: self.status,
                    to: status,
                    reason: optional_checked(Reason::RULE, "reason", reason)?,
                }])
            }
            AccountCommand::ChangeTradingName { trading_name } => {
                self.require_changeable()?;
                let trading_name = match optional_text(trading_name) {
                    Some(name) => Some(required_name("trading name", &name)?),
                    None => None,
                };
                changed(trading_name != self.trading_name)?;
                Ok(vec![AccountEvent::AccountTradingNameChanged {
                    trading_name,
                }])
            }
            AccountCommand::ChangeTaxReference {
                tax_reference: reference,
            } => {
                self.require_changeable()?;
                let tax_reference = tax_reference(reference)?;
                changed(tax_reference != self.tax_reference)?;
                Ok(vec![AccountEvent::AccountTaxReferenceChanged {
                    tax_reference,
                }])
            }
            AccountCommand::CertifyBbbee {
                level,
                certificate_expires_on,
            } => {
                self.require_changeable()?;
                self.require_supplier("B-BBEE status")?;
                if level.is_certified() != certificate_expires_on.is_some() {
                    return Err(IdentityError::BbbeeExpiry);
                }
                let status = BbbeeStatus {
                    level,
                    certificate_expires_on,
                };
                changed(Some(status) != self.bbbee)?;
                Ok(vec![AccountEvent::VendorBbbeeCertified {
                    level,
                    certificate_expires_on,
                }])
            }
            AccountCommand::GradeCidb { designation } => {
                self.require_changeable()?;
                let grading = CidbGrading::parse(&designation)?;
                if self.kind != Some(AccountKind::Subcontractor) {
                    return Err(self.wrong_kind("a CIDB grading"));
                }
                changed(self.cidb_grade(grading.class_of_works) != Some(grading.grade))?;
                Ok(vec![AccountEvent::SubcontractorCidbGraded {
                    grade: grading.grade,
                    class_of_works: grading.class_of_works,
                }])
            }
            AccountCommand::ChangeAddress {
                address_type,
                address,
            } => {
                self.require_changeable()?;
                let address = address.validated()?;
                changed(self.address(address_type) != Some(&address))?;
                Ok(vec![AccountEvent::AccountAddressChanged {
                    address_type,
                    address,
                }])
            }
            AccountCommand::ChangePaymentTerms { terms } => {
                self.require_changeable()?;
                let terms = terms.validated()?;
                changed(Some(terms) != self.payment_terms)?;
                Ok(vec![AccountEvent::AccountPaymentTermsChanged {
                    days: terms.days,
                    basis: terms.basis,
                }])
            }
        }
    }

    fn require_changeable(&self) -> Result<(), IdentityError> {
        if !self.created {
            return Err(IdentityError::AccountNotFound);
        }
        if self.status == AccountStatus::Archived {
            return Err(IdentityError::AccountArchived);
        }
        Ok(())
    }

    /// B-BBEE status matters when the company buys: from vendors and subcontractors.
    fn require_supplier(&self, what: &'static str) -> Result<(), IdentityError> {
        match self.kind {
            Some(AccountKind::Vendor | AccountKind::Subcontractor) => Ok(()),
            _ => Err(self.wrong_kind(what)),
        }
    }

    fn wrong_kind(&self, what: &'static str) -> IdentityError {
        IdentityError::NotForAccountKind {
            what,
            kind: self.kind.unwrap_or(AccountKind::Customer),
        }
    }
}

/// Refuses a command that would record what is already so.
fn changed(is_change: bool) -> Result<(), IdentityError> {
    if is_change {
        Ok(())
    } else {
        Err(IdentityError::NothingChanged)
    }
}
