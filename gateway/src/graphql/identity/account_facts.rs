//! Mutations that record an account's further facts. Each is guarded by
//! `identity.write` and becomes its own event.

use async_graphql::{Context, InputObject, Object, ID};
use chrono::NaiveDate;
use constructos_domain::identity as domain;

use super::enums::{AddressType, BbbeeLevel, PaymentBasis, Province};
use constructos_services::identity::{
    CertifyBbbee, ChangeAddress, ChangePaymentTerms, ChangeTaxReference, ChangeTradingName,
    GradeCidb,
};

use super::{accepted, Accepted};
use crate::graphql::errors::{ask, error, ErrorCode};

/// A South African postal address.
#[derive(InputObject)]
pub struct AddressInput {
    /// Street or box lines, 1 to 4.
    #[graphql(validator(max_items = 4))]
    lines: Vec<String>,
    city: String,
    province: Province,
    /// Four digits.
    postal_code: String,
}

#[derive(Default)]
pub struct AccountFactsMutation;

#[Object]
impl AccountFactsMutation {
    /// Sets (or clears, with null) the name the account trades under. Guarded by `identity.write`.
    async fn change_account_trading_name(
        &self,
        ctx: &Context<'_>,
        id: ID,
        trading_name: Option<String>,
    ) -> async_graphql::Result<Accepted> {
        let change = ChangeTradingName {
            id: id.0.clone(),
            trading_name,
        };
        ask(ctx, change).await?;
        Ok(accepted(ctx, id.0))
    }

    /// Sets (or clears) the SARS income tax reference number (10 digits). Guarded by `identity.write`.
    async fn change_account_tax_reference(
        &self,
        ctx: &Context<'_>,
        id: ID,
        tax_reference: Option<String>,
    ) -> async_graphql::Result<Accepted> {
        let change = ChangeTaxReference {
            id: id.0.clone(),
            tax_reference,
        };
        ask(ctx, change).await?;
        Ok(accepted(ctx, id.0))
    }

    /// Records a vendor's or subcontractor's B-BBEE level; levels 1-8 need the
    /// certificate's expiry date. Guarded by `identity.write`.
    async fn certify_bbbee(
        &self,
        ctx: &Context<'_>,
        id: ID,
        level: BbbeeLevel,
        certificate_expires_on: Option<NaiveDate>,
    ) -> async_graphql::Result<Accepted> {
        let certification = CertifyBbbee {
            id: id.0.clone(),
            level: level.into(),
            certificate_expires_on,
        };
        ask(ctx, certification).await?;
        Ok(accepted(ctx, id.0))
    }

    /// Records a subcontractor's CIDB grading, e.g. `7GB` (grade 1-9 and a class of
    /// works). Guarded by `identity.write`.
    async fn grade_cidb(
        &self,
        ctx: &Context<'_>,
        id: ID,
        #[graphql(validator(max_length = 8))] designation: String,
    ) -> async_graphql::Result<Accepted> {
        let grading = GradeCidb {
            id: id.0.clone(),
            designation,
        };
        ask(ctx, grading).await?;
        Ok(accepted(ctx, id.0))
    }

    /// Sets the account's physical, postal or billing address. Guarded by `identity.write`.
    async fn change_account_address(
        &self,
        ctx: &Context<'_>,
        id: ID,
        #[graphql(name = "type")] address_type: AddressType,
        address: AddressInput,
    ) -> async_graphql::Result<Accepted> {
        let address = domain::Address {
            lines: address.lines,
            city: address.city,
            province: address.province.into(),
            postal_code: address.postal_code,
        };
        let change = ChangeAddress {
            id: id.0.clone(),
            address_type: address_type.into(),
            address,
        };
        ask(ctx, change).await?;
        Ok(accepted(ctx, id.0))
    }

    /// Agrees payment terms: 0 to 120 days from statement or from invoice. Guarded by
    /// `identity.write`.
    async fn change_account_payment_terms(
        &self,
        ctx: &Context<'_>,
        id: ID,
        days: i32,
        basis: PaymentBasis,
    ) -> async_graphql::Result<Accepted> {
        let days = u16::try_from(days).map_err(|_| {
            error(
                ErrorCode::BadUserInput,
                format!(
                    "payment terms must be 0 to {} days, not {days}",
                    domain::MAX_PAYMENT_DAYS
                ),
            )
        })?;
        let terms = domain::PaymentTerms {
            days,
            basis: basis.into(),
        };
        let change = ChangePaymentTerms {
            id: id.0.clone(),
            terms,
        };
        ask(ctx, change).await?;
        Ok(accepted(ctx, id.0))
    }
}
