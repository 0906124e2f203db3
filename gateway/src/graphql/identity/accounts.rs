//! Accounts and contacts: open and change them, list and read them (the types in
//! `account.rs` and `contact.rs`, their further facts' mutations in `account_facts.rs`
//! and `contact_facts.rs`).

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use constructos_commands::identity::{
    AccountDetailsInput, ContactDetailsInput, CreateAccountInput as CreateAccountCommand,
    CreateContactInput as CreateContactCommand,
};
use constructos_domain::identity as domain;
use constructos_projections::identity::AccountFilter;
use constructos_services::identity::{
    self as operations, Accounts, ChangeAccountStatus, UpdateAccountDetails, UpdateContactDetails,
};

use super::account::Account;
use super::contact::Contact;
use super::enums::{AccountKind, AccountStatus};
use super::{accepted, Accepted};
use crate::graphql::errors::ask;
use crate::graphql::page::PageInfo;

/// A page of accounts, ordered by name.
#[derive(SimpleObject)]
pub struct AccountConnection {
    nodes: Vec<Account>,
    page_info: PageInfo,
}

#[derive(InputObject)]
pub struct CreateAccountInput {
    kind: AccountKind,
    name: String,
    /// CIPC number, `YYYY/NNNNNN/NN`.
    registration_number: Option<String>,
    /// SARS VAT number: 10 digits starting with 4.
    vat_number: Option<String>,
}

#[derive(InputObject)]
pub struct AccountDetails {
    name: String,
    registration_number: Option<String>,
    vat_number: Option<String>,
}

#[derive(InputObject)]
pub struct ContactDetails {
    first_name: String,
    last_name: String,
    email: Option<String>,
    phone: Option<String>,
    job_title: Option<String>,
}

impl From<ContactDetails> for ContactDetailsInput {
    fn from(d: ContactDetails) -> Self {
        Self {
            first_name: d.first_name,
            last_name: d.last_name,
            email: d.email,
            phone: d.phone,
            job_title: d.job_title,
        }
    }
}

#[derive(InputObject)]
pub struct CreateContactInput {
    account_id: ID,
    #[graphql(flatten)]
    details: ContactDetails,
}

#[derive(Default)]
pub struct AccountsQuery;

#[Object]
impl AccountsQuery {
    /// Accounts ordered by name. Guarded by `identity.read`.
    async fn accounts(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, validator(minimum = 1, maximum = 100))] first: i64,
        after: Option<String>,
        #[graphql(validator(max_length = 200))] name_contains: Option<String>,
        kind: Option<AccountKind>,
        status: Option<AccountStatus>,
    ) -> async_graphql::Result<AccountConnection> {
        let filter = AccountFilter {
            name_contains: name_contains.filter(|n| !n.trim().is_empty()),
            kind: kind.map(|k| domain::AccountKind::from(k).as_str().to_string()),
            status: status.map(|s| domain::AccountStatus::from(s).as_str().to_string()),
        };
        let page = ask(
            ctx,
            Accounts {
                filter,
                first,
                after,
            },
        )
        .await?;
        Ok(AccountConnection {
            nodes: page
                .items
                .into_iter()
                .map(Account::from_row)
                .collect::<Result<_, _>>()?,
            page_info: PageInfo {
                end_cursor: page.end_cursor,
                has_next_page: page.has_next_page,
            },
        })
    }

    /// One account, or null while the read model has not seen it. Guarded by `identity.read`.
    async fn account(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Account>> {
        let row = ask(ctx, operations::Account { id: id.0 }).await?;
        row.map(Account::from_row).transpose()
    }

    /// One contact. Guarded by `identity.read`.
    async fn contact(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Contact>> {
        let row = ask(ctx, operations::Contact { id: id.0 }).await?;
        row.map(Contact::from_row).transpose()
    }
}

#[derive(Default)]
pub struct AccountsMutation;

#[Object]
impl AccountsMutation {
    /// Opens a customer, vendor or subcontractor account. Guarded by `identity.write`.
    async fn create_account(
        &self,
        ctx: &Context<'_>,
        input: CreateAccountInput,
    ) -> async_graphql::Result<Accepted> {
        let command = CreateAccountCommand {
            kind: input.kind.into(),
            name: input.name,
            registration_number: input.registration_number,
            vat_number: input.vat_number,
        };
        let id = ask(ctx, command).await?;
        Ok(accepted(ctx, id))
    }

    /// Replaces an account's name and registration details. Guarded by `identity.write`.
    async fn update_account_details(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: AccountDetails,
    ) -> async_graphql::Result<Accepted> {
        let input = AccountDetailsInput {
            name: input.name,
            registration_number: input.registration_number,
            vat_number: input.vat_number,
        };
        let update = UpdateAccountDetails {
            id: id.0.clone(),
            input,
        };
        ask(ctx, update).await?;
        Ok(accepted(ctx, id.0))
    }

    /// Puts an account on hold, re-activates or archives it. Guarded by `identity.write`.
    async fn change_account_status(
        &self,
        ctx: &Context<'_>,
        id: ID,
        status: AccountStatus,
        reason: Option<String>,
    ) -> async_graphql::Result<Accepted> {
        let change = ChangeAccountStatus {
            id: id.0.clone(),
            status: status.into(),
            reason,
        };
        ask(ctx, change).await?;
        Ok(accepted(ctx, id.0))
    }

    /// Records a person at an existing account. Guarded by `identity.write`.
    async fn create_contact(
        &self,
        ctx: &Context<'_>,
        input: CreateContactInput,
    ) -> async_graphql::Result<Accepted> {
        let command = CreateContactCommand {
            account_id: input.account_id.0,
            details: input.details.into(),
        };
        let id = ask(ctx, command).await?;
        Ok(accepted(ctx, id))
    }

    /// Replaces a contact's details. Guarded by `identity.write`.
    async fn update_contact_details(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ContactDetails,
    ) -> async_graphql::Result<Accepted> {
        let update = UpdateContactDetails {
            id: id.0.clone(),
            input: input.into(),
        };
        ask(ctx, update).await?;
        Ok(accepted(ctx, id.0))
    }
}
