//! Typed calls for an account's further facts (trading name, tax reference, B-BBEE,
//! CIDB, addresses, payment terms, status history) and a contact's roles, preferences
//! and POPIA consent.

use chrono::NaiveDate;
use constructos_commands::CommandError;
use constructos_domain::identity::{
    Address, AddressType, BbbeeLevel, CommunicationPreferences, ContactRole, PaymentTerms,
};
use constructos_projections::identity::{AddressRow, StatusChangeRow};

use super::client::unexpected;
use super::{IdentityClient, IdentityRequest as R, IdentityResponse};
use crate::Call;

impl IdentityClient {
    /// Sets or clears an account's trading name.
    pub async fn change_trading_name(
        &self,
        call: &Call,
        id: String,
        trading_name: Option<String>,
    ) -> Result<(), CommandError> {
        self.done(call, R::ChangeTradingName { id, trading_name })
            .await
    }

    /// Sets or clears an account's SARS income tax reference.
    pub async fn change_tax_reference(
        &self,
        call: &Call,
        id: String,
        tax_reference: Option<String>,
    ) -> Result<(), CommandError> {
        self.done(call, R::ChangeTaxReference { id, tax_reference })
            .await
    }

    /// Records a vendor's or subcontractor's B-BBEE level.
    pub async fn certify_bbbee(
        &self,
        call: &Call,
        id: String,
        level: BbbeeLevel,
        certificate_expires_on: Option<NaiveDate>,
    ) -> Result<(), CommandError> {
        let request = R::CertifyBbbee {
            id,
            level,
            certificate_expires_on,
        };
        self.done(call, request).await
    }

    /// Records a subcontractor's CIDB grading.
    pub async fn grade_cidb(
        &self,
        call: &Call,
        id: String,
        designation: String,
    ) -> Result<(), CommandError> {
        self.done(call, R::GradeCidb { id, designation }).await
    }

    /// Sets one of an account's addresses.
    pub async fn change_address(
        &self,
        call: &Call,
        id: String,
        address_type: AddressType,
        address: Address,
    ) -> Result<(), CommandError> {
        let request = R::ChangeAddress {
            id,
            address_type,
            address,
        };
        self.done(call, request).await
    }

    /// Agrees new payment terms with an account.
    pub async fn change_payment_terms(
        &self,
        call: &Call,
        id: String,
        terms: PaymentTerms,
    ) -> Result<(), CommandError> {
        self.done(call, R::ChangePaymentTerms { id, terms }).await
    }

    /// An account's addresses.
    pub async fn addresses_of(
        &self,
        call: &Call,
        account_id: String,
    ) -> Result<Vec<AddressRow>, CommandError> {
        match self.api.handle(call, R::AddressesOf { account_id }).await? {
            IdentityResponse::Addresses(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// An account's status changes, oldest first.
    pub async fn status_history_of(
        &self,
        call: &Call,
        account_id: String,
    ) -> Result<Vec<StatusChangeRow>, CommandError> {
        match self
            .api
            .handle(call, R::StatusHistoryOf { account_id })
            .await?
        {
            IdentityResponse::StatusHistory(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// Replaces a contact's roles at the account.
    pub async fn change_contact_roles(
        &self,
        call: &Call,
        id: String,
        roles: Vec<ContactRole>,
    ) -> Result<(), CommandError> {
        self.done(call, R::ChangeContactRoles { id, roles }).await
    }

    /// Replaces a contact's communication preferences.
    pub async fn change_communication_preferences(
        &self,
        call: &Call,
        id: String,
        preferences: CommunicationPreferences,
    ) -> Result<(), CommandError> {
        let request = R::ChangeCommunicationPreferences { id, preferences };
        self.done(call, request).await
    }

    /// Records a contact's POPIA consent given or withdrawn on a business date.
    pub async fn record_popia_consent(
        &self,
        call: &Call,
        id: String,
        given: bool,
        on: NaiveDate,
    ) -> Result<(), CommandError> {
        self.done(call, R::RecordPopiaConsent { id, given, on })
            .await
    }
}
