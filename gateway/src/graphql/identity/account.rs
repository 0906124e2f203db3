//! The `Account` type and the facts it carries: B-BBEE status, CIDB gradings, payment
//! terms, addresses and status history.

use async_graphql::{ComplexObject, Context, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::identity as domain;
use constructos_projections::identity::{AccountRow, AddressRow, StatusChangeRow};

use super::contact::Contact;
use super::enums::{
    from_wire, AccountKind, AccountStatus, AddressType, BbbeeLevel, CidbClass, PaymentBasis,
    Province,
};
use crate::graphql::errors::ask;
use constructos_services::identity::{AddressesOf, ContactsOf, StatusHistoryOf};

/// A customer, vendor or subcontractor.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Account {
    id: ID,
    kind: AccountKind,
    /// The legal (registered) name.
    name: String,
    /// The name the account trades under, if different.
    trading_name: Option<String>,
    /// CIPC number, `YYYY/NNNNNN/NN`.
    registration_number: Option<String>,
    /// SARS VAT number.
    vat_number: Option<String>,
    /// SARS income tax reference number.
    tax_reference: Option<String>,
    status: AccountStatus,
    /// Whether new orders may be placed with the account (only when active).
    can_take_orders: bool,
    /// Vendors and subcontractors only.
    bbbee: Option<BbbeeStatus>,
    /// Subcontractors only; one per class of works.
    cidb_gradings: Vec<CidbGrading>,
    payment_terms: Option<PaymentTerms>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A B-BBEE status level and the certificate behind it.
#[derive(SimpleObject)]
pub struct BbbeeStatus {
    level: BbbeeLevel,
    /// None for non-compliant.
    certificate_expires_on: Option<NaiveDate>,
}

/// A CIDB grading in one class of works.
#[derive(SimpleObject)]
pub struct CidbGrading {
    /// As on the register, e.g. `7GB`.
    designation: String,
    /// 1 to 9.
    grade: i32,
    class_of_works: CidbClass,
}

/// Payment terms, e.g. 30 days from statement.
#[derive(SimpleObject)]
pub struct PaymentTerms {
    days: i32,
    basis: PaymentBasis,
}

/// A South African postal address.
#[derive(SimpleObject)]
pub struct Address {
    #[graphql(name = "type")]
    address_type: AddressType,
    lines: Vec<String>,
    city: String,
    province: Province,
    postal_code: String,
    updated_at: DateTime<Utc>,
}

/// One change of an account's status.
#[derive(SimpleObject)]
pub struct StatusChange {
    from: AccountStatus,
    to: AccountStatus,
    reason: Option<String>,
    /// The subject (user) who changed it.
    changed_by: Option<String>,
    changed_at: DateTime<Utc>,
}

impl Account {
    /// The account from its read-model row.
    pub fn from_row(row: AccountRow) -> async_graphql::Result<Self> {
        let status: AccountStatus = from_wire::<domain::AccountStatus, _>("status", &row.status)?;
        let bbbee = match row.bbbee_level {
            Some(level) => Some(BbbeeStatus {
                level: from_wire::<domain::BbbeeLevel, _>("B-BBEE level", &level)?,
                certificate_expires_on: row.bbbee_certificate_expires_on,
            }),
            None => None,
        };
        let payment_terms = match (row.payment_terms_days, row.payment_terms_basis) {
            (Some(days), Some(basis)) => Some(PaymentTerms {
                days,
                basis: from_wire::<domain::PaymentBasis, _>("payment basis", &basis)?,
            }),
            _ => None,
        };
        Ok(Self {
            kind: from_wire::<domain::AccountKind, _>("kind", &row.kind)?,
            can_take_orders: domain::AccountStatus::from(status).takes_orders(),
            status,
            bbbee,
            cidb_gradings: row
                .cidb_gradings
                .iter()
                .map(|d| CidbGrading::from_designation(d))
                .collect::<Result<_, _>>()?,
            payment_terms,
            id: ID(row.id),
            name: row.name,
            trading_name: row.trading_name,
            registration_number: row.registration_number,
            vat_number: row.vat_number,
            tax_reference: row.tax_reference,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

impl CidbGrading {
    fn from_designation(designation: &str) -> async_graphql::Result<Self> {
        let grading = domain::CidbGrading::parse(designation).map_err(|e| {
            crate::graphql::errors::error(crate::graphql::ErrorCode::Internal, e.to_string())
        })?;
        Ok(Self {
            designation: grading.to_string(),
            grade: i32::from(grading.grade),
            class_of_works: grading.class_of_works.into(),
        })
    }
}

impl Address {
    fn from_row(row: AddressRow) -> async_graphql::Result<Self> {
        Ok(Self {
            address_type: from_wire::<domain::AddressType, _>("address type", &row.address_type)?,
            province: from_wire::<domain::Province, _>("province", &row.province)?,
            lines: row.lines,
            city: row.city,
            postal_code: row.postal_code,
            updated_at: row.updated_at,
        })
    }
}

impl StatusChange {
    fn from_row(row: StatusChangeRow) -> async_graphql::Result<Self> {
        Ok(Self {
            from: from_wire::<domain::AccountStatus, _>("status", &row.from_status)?,
            to: from_wire::<domain::AccountStatus, _>("status", &row.to_status)?,
            reason: row.reason,
            changed_by: row.changed_by,
            changed_at: row.changed_at,
        })
    }
}

#[ComplexObject]
impl Account {
    /// The people at this account.
    async fn contacts(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Contact>> {
        let account_id = self.id.to_string();
        let rows = ask(ctx, ContactsOf { account_id }).await?;
        rows.into_iter().map(Contact::from_row).collect()
    }

    /// Physical, postal and billing addresses (those recorded).
    async fn addresses(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Address>> {
        let account_id = self.id.to_string();
        let rows = ask(ctx, AddressesOf { account_id }).await?;
        rows.into_iter().map(Address::from_row).collect()
    }

    /// Every status change, oldest first, with its reason, who and when.
    async fn status_history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<StatusChange>> {
        let account_id = self.id.to_string();
        let rows = ask(ctx, StatusHistoryOf { account_id }).await?;
        rows.into_iter().map(StatusChange::from_row).collect()
    }
}
