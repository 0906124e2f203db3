//! Identity in the schema: accounts and contacts (`accounts.rs`; the types in
//! `account.rs` and `contact.rs`, their further facts' mutations in `account_facts.rs`
//! and `contact_facts.rs`), leads (`leads.rs`), users (`users.rs`) and the caller's own
//! context (`me.rs`), merged into [`IdentityQuery`] and [`IdentityMutation`].
//!
//! Mutations answer with the id as soon as the events are stored; the read side catches
//! up from Kafka a moment later (poll `account(id)` to see it).

mod account;
mod account_facts;
mod accounts;
mod contact;
mod contact_facts;
pub(crate) mod enums;
mod leads;
mod me;
mod users;

use async_graphql::{Context, MergedObject, SimpleObject, ID};

use crate::graphql::errors::request_id;

/// Identity's query fields.
#[derive(MergedObject, Default)]
pub struct IdentityQuery(
    me::MeQuery,
    accounts::AccountsQuery,
    leads::LeadsQuery,
    users::UsersQuery,
);

/// Identity's mutations.
#[derive(MergedObject, Default)]
pub struct IdentityMutation(
    accounts::AccountsMutation,
    account_facts::AccountFactsMutation,
    contact_facts::ContactFactsMutation,
    leads::LeadsMutation,
    users::UsersMutation,
);

/// Where a page ends.
#[derive(SimpleObject)]
pub struct PageInfo {
    /// Pass as `after` for the next page.
    pub(crate) end_cursor: Option<String>,
    pub(crate) has_next_page: bool,
}

/// A command was accepted and its events stored.
#[derive(SimpleObject)]
pub struct Accepted {
    /// The id of the account, contact or lead the command addressed or created.
    id: ID,
    /// The request id, carried in every event the command produced.
    correlation_id: String,
}

/// The answer to an accepted command.
pub(crate) fn accepted(ctx: &Context<'_>, id: String) -> Accepted {
    Accepted {
        id: ID(id),
        correlation_id: request_id(ctx),
    }
}
