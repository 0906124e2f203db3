//! An account's further facts: trading name, tax reference, B-BBEE, CIDB, addresses,
//! payment terms, and the reads of its addresses and status history.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::identity::{Address, AddressType, BbbeeLevel, PaymentTerms};
use constructos_projections::identity::{AddressRow, StatusChangeRow};
use serde::{Deserialize, Serialize};

use crate::identity::IdentityService;
use crate::{Call, Handle, Operation};

const WRITERS: Access = Access::Requires(Permission::IdentityWrite);
const READERS: Access = Access::Requires(Permission::IdentityRead);

/// Sets or clears an account's trading name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeTradingName {
    pub id: String,
    pub trading_name: Option<String>,
}

impl Operation for ChangeTradingName {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "change_trading_name";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<ChangeTradingName> for IdentityService {
    async fn handle(&self, call: &Call, op: ChangeTradingName) -> Result<(), CommandError> {
        self.commands
            .change_trading_name(&call.context, &op.id, op.trading_name)
            .await
    }
}

/// Sets or clears an account's SARS income tax reference.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeTaxReference {
    pub id: String,
    pub tax_reference: Option<String>,
}

impl Operation for ChangeTaxReference {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "change_tax_reference";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<ChangeTaxReference> for IdentityService {
    async fn handle(&self, call: &Call, op: ChangeTaxReference) -> Result<(), CommandError> {
        self.commands
            .change_tax_reference(&call.context, &op.id, op.tax_reference)
            .await
    }
}

/// Records a vendor's or subcontractor's B-BBEE level.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CertifyBbbee {
    pub id: String,
    pub level: BbbeeLevel,
    pub certificate_expires_on: Option<NaiveDate>,
}

impl Operation for CertifyBbbee {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "certify_bbbee";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<CertifyBbbee> for IdentityService {
    async fn handle(&self, call: &Call, op: CertifyBbbee) -> Result<(), CommandError> {
        self.commands
            .certify_bbbee(&call.context, &op.id, op.level, op.certificate_expires_on)
            .await
    }
}

/// Records a subcontractor's CIDB grading, e.g. `7GB`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GradeCidb {
    pub id: String,
    pub designation: String,
}

impl Operation for GradeCidb {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "grade_cidb";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<GradeCidb> for IdentityService {
    async fn handle(&self, call: &Call, op: GradeCidb) -> Result<(), CommandError> {
        self.commands
            .grade_cidb(&call.context, &op.id, op.designation)
            .await
    }
}

/// Sets one of an account's addresses.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeAddress {
    pub id: String,
    pub address_type: AddressType,
    pub address: Address,
}

impl Operation for ChangeAddress {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "change_address";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<ChangeAddress> for IdentityService {
    async fn handle(&self, call: &Call, op: ChangeAddress) -> Result<(), CommandError> {
        self.commands
            .change_address(&call.context, &op.id, op.address_type, op.address)
            .await
    }
}

/// Agrees new payment terms with an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangePaymentTerms {
    pub id: String,
    pub terms: PaymentTerms,
}

impl Operation for ChangePaymentTerms {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "change_payment_terms";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<ChangePaymentTerms> for IdentityService {
    async fn handle(&self, call: &Call, op: ChangePaymentTerms) -> Result<(), CommandError> {
        self.commands
            .change_payment_terms(&call.context, &op.id, op.terms)
            .await
    }
}

/// An account's addresses.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddressesOf {
    pub account_id: String,
}

impl Operation for AddressesOf {
    type Service = IdentityService;
    type Answer = Vec<AddressRow>;
    const NAME: &'static str = "addresses_of";
    const ACCESS: Access = READERS;
}

#[async_trait]
impl Handle<AddressesOf> for IdentityService {
    async fn handle(&self, _: &Call, op: AddressesOf) -> Result<Vec<AddressRow>, CommandError> {
        self.queries
            .addresses_of(&op.account_id)
            .await
            .map_err(CommandError::from)
    }
}

/// An account's status changes, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatusHistoryOf {
    pub account_id: String,
}

impl Operation for StatusHistoryOf {
    type Service = IdentityService;
    type Answer = Vec<StatusChangeRow>;
    const NAME: &'static str = "status_history_of";
    const ACCESS: Access = READERS;
}

#[async_trait]
impl Handle<StatusHistoryOf> for IdentityService {
    async fn handle(
        &self,
        _: &Call,
        op: StatusHistoryOf,
    ) -> Result<Vec<StatusChangeRow>, CommandError> {
        self.queries
            .status_history_of(&op.account_id)
            .await
            .map_err(CommandError::from)
    }
}
