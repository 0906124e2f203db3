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
use constructos_domain::access::{Access, Permission};

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

/// What each of identity's guarded fields needs (checked by the field guard before it
/// runs); `users` and `user` are open to every caller, who then sees only their own.
pub const RULES: &[(&str, Access)] = &[
    ("Query.me", Access::Authenticated),
    ("Query.accounts", Access::Requires(Permission::IdentityRead)),
    ("Query.account", Access::Requires(Permission::IdentityRead)),
    ("Query.contact", Access::Requires(Permission::IdentityRead)),
    (
        "Account.contacts",
        Access::Requires(Permission::IdentityRead),
    ),
    (
        "Account.addresses",
        Access::Requires(Permission::IdentityRead),
    ),
    (
        "Account.statusHistory",
        Access::Requires(Permission::IdentityRead),
    ),
    ("Query.leads", Access::Requires(Permission::LeadsRead)),
    ("Query.lead", Access::Requires(Permission::LeadsRead)),
    ("Query.users", Access::Authenticated),
    ("Query.user", Access::Authenticated),
    (
        "Mutation.createAccount",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.updateAccountDetails",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.changeAccountStatus",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.createContact",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.updateContactDetails",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.changeAccountTradingName",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.changeAccountTaxReference",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.certifyBbbee",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.gradeCidb",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.changeAccountAddress",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.changeAccountPaymentTerms",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.changeContactRoles",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.changeContactPreferences",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.recordPopiaConsent",
        Access::Requires(Permission::IdentityWrite),
    ),
    (
        "Mutation.captureLead",
        Access::Requires(Permission::LeadsWrite),
    ),
    (
        "Mutation.qualifyLead",
        Access::Requires(Permission::LeadsWrite),
    ),
    (
        "Mutation.disqualifyLead",
        Access::Requires(Permission::LeadsWrite),
    ),
    (
        "Mutation.convertLead",
        Access::Requires(Permission::LeadsWrite),
    ),
    (
        "Mutation.linkUser",
        Access::Requires(Permission::UsersAdmin),
    ),
    (
        "Mutation.assignUser",
        Access::Requires(Permission::UsersAdmin),
    ),
];
