//! Commands that record further facts about an account: trading name, tax reference,
//! B-BBEE status, CIDB grading, addresses and payment terms. Each is its own event, so
//! the published `AccountCreated` v1 never changes.

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::identity::{
    AccountCommand, Address, AddressType, BbbeeLevel, PaymentTerms,
};

use super::inputs::{
    address as checked_address, code, given_id, optional_code, optional_date, optional_name,
};
use super::IdentityCommands;
use crate::execute::execute;
use crate::{CommandContext, CommandError};

impl IdentityCommands {
    async fn change_account(
        &self,
        ctx: &CommandContext,
        account_id: &str,
        command: AccountCommand,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::IdentityWrite)?;
        let account_id = given_id("id", account_id)?;
        execute(&self.accounts, ctx, &account_id, command).await
    }

    /// Sets or clears the name the account trades under.
    pub async fn change_trading_name(
        &self,
        ctx: &CommandContext,
        account_id: &str,
        trading_name: Option<String>,
    ) -> Result<(), CommandError> {
        let trading_name = optional_name("tradingName", trading_name.as_deref())?;
        let command = AccountCommand::ChangeTradingName { trading_name };
        self.change_account(ctx, account_id, command).await
    }

    /// Sets or clears the SARS income tax reference number.
    pub async fn change_tax_reference(
        &self,
        ctx: &CommandContext,
        account_id: &str,
        tax_reference: Option<String>,
    ) -> Result<(), CommandError> {
        let tax_reference = optional_code("taxReference", tax_reference.as_deref())?;
        let command = AccountCommand::ChangeTaxReference { tax_reference };
        self.change_account(ctx, account_id, command).await
    }

    /// Records a vendor's or subcontractor's B-BBEE level.
    pub async fn certify_bbbee(
        &self,
        ctx: &CommandContext,
        account_id: &str,
        level: BbbeeLevel,
        certificate_expires_on: Option<NaiveDate>,
    ) -> Result<(), CommandError> {
        let certificate_expires_on = optional_date("certificateExpiresOn", certificate_expires_on)?;
        let command = AccountCommand::CertifyBbbee {
            level,
            certificate_expires_on,
        };
        self.change_account(ctx, account_id, command).await
    }

    /// Records a subcontractor's CIDB grading, e.g. `7GB`.
    pub async fn grade_cidb(
        &self,
        ctx: &CommandContext,
        account_id: &str,
        designation: String,
    ) -> Result<(), CommandError> {
        let designation = code("designation", &designation)?;
        let command = AccountCommand::GradeCidb { designation };
        self.change_account(ctx, account_id, command).await
    }

    /// Sets one of the account's addresses.
    pub async fn change_address(
        &self,
        ctx: &CommandContext,
        account_id: &str,
        address_type: AddressType,
        address: Address,
    ) -> Result<(), CommandError> {
        let address = checked_address(address)?;
        let command = AccountCommand::ChangeAddress {
            address_type,
            address,
        };
        self.change_account(ctx, account_id, command).await
    }

    /// Agrees new payment terms with the account.
    pub async fn change_payment_terms(
        &self,
        ctx: &CommandContext,
        account_id: &str,
        terms: PaymentTerms,
    ) -> Result<(), CommandError> {
        let command = AccountCommand::ChangePaymentTerms { terms };
        self.change_account(ctx, account_id, command).await
    }
}
