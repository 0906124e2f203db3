//! Identity in the schema: accounts and contacts (the types in `account.rs` and
//! `contact.rs`, their further facts' mutations in `account_facts.rs` and
//! `contact_facts.rs`).
//!
//! Mutations answer with the id as soon as the events are stored; the read side catches
//! up from Kafka a moment later (poll `account(id)` to see it).

mod account;
mod account_facts;
mod contact;
mod contact_facts;
pub(crate) mod enums;

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use constructos_commands::identity::{
    AccountDetailsInput, ContactDetailsInput, CreateAccountInput as CreateAccountCommand,
    CreateContactInput as CreateContactCommand,
};
use constructos_domain::identity as domain;
use constructos_projections::identity::AccountFilter;
use constructos_services::identity::IdentityClient;

use super::errors::{call, request_id, service};
pub use account::Account;
pub use account_facts::AccountFactsMutation;
pub use contact::Contact;
pub use contact_facts::ContactFactsMutation;
use enums::{AccountKind, AccountStatus};

/// Where a page ends.
#[derive(SimpleObject)]
pub struct PageInfo {
    /// Pass as `after` for the next page.
    pub(crate) end_cursor: Option<String>,
    pub(crate) has_next_page: bool,
}

/// A page of accounts, ordered by name.
#[derive(SimpleObject)]
pub struct AccountConnection {
    nodes: Vec<Account>,
    page_info: PageInfo,
}

/// A command was accepted and its events stored.
#[derive(SimpleObject)]
pub struct Accepted {
    /// The id of the account, contact or lead the command addressed or created.
    id: ID,
    /// The request id, carried in every event the command produced.
    correlation_id: String,
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

/// The identity service of this request.
pub(crate) fn identity<'a>(ctx: &'a Context<'_>) -> async_graphql::Result<&'a IdentityClient> {
    ctx.data::<IdentityClient>()
}

/// The answer to an accepted command.
pub(crate) fn accepted(ctx: &Context<'_>, id: String) -> Accepted {
    Accepted {
        id: ID(id),
        correlation_id: request_id(ctx),
    }
}

#[derive(Default)]
pub struct IdentityQuery;

#[Object]
impl IdentityQuery {
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
        let page = identity(ctx)?
            .accounts(call(ctx)?, filter, first, after)
            .await
            .map_err(|e| service(ctx, e))?;
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
        let row = identity(ctx)?
            .account(call(ctx)?, id.0)
            .await
            .map_err(|e| service(ctx, e))?;
        row.map(Account::from_row).transpose()
    }

    /// One contact. Guarded by `identity.read`.
    async fn contact(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Contact>> {
        let row = identity(ctx)?
            .contact(call(ctx)?, id.0)
            .await
            .map_err(|e| service(ctx, e))?;
        row.map(Contact::from_row).transpose()
    }
}

#[derive(Default)]
pub struct IdentityMutation;

#[Object]
impl IdentityMutation {
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
        let id = identity(ctx)?
            .create_account(call(ctx)?, command)
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(accepted(ctx, id))
    }

    /// Replaces an account's name and registration details. Guarded by `identity.write`.
    async fn update_account_details(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: AccountDetails,
    ) -> async_graphql::Result<Accepted> {
        let details = AccountDetailsInput {
            name: input.name,
            registration_number: input.registration_number,
            vat_number: input.vat_number,
        };
        identity(ctx)?
            .update_account_details(call(ctx)?, id.0.clone(), details)
            .await
            .map_err(|e| service(ctx, e))?;
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
        identity(ctx)?
            .change_account_status(call(ctx)?, id.0.clone(), status.into(), reason)
            .await
            .map_err(|e| service(ctx, e))?;
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
        let id = identity(ctx)?
            .create_contact(call(ctx)?, command)
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(accepted(ctx, id))
    }

    /// Replaces a contact's details. Guarded by `identity.write`.
    async fn update_contact_details(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ContactDetails,
    ) -> async_graphql::Result<Accepted> {
        identity(ctx)?
            .update_contact_details(call(ctx)?, id.0.clone(), input.into())
            .await
            .map_err(|e| service(ctx, e))?;
        Ok(accepted(ctx, id.0))
    }
}
