//! Checking the accounts and projects a finance command names, against finance's own
//! copy of them (`read_model.known_accounts`, `known_projects`, `user_assignments`,
//! kept from identity's and orders' events by `constructos_projections::finance`'s
//! `IdentityFactsProjection` and `ProjectFactsProjection`); never a read of identity's
//! or orders' databases.
//!
//! An account finance does not know is `NOT_FOUND` ("there is no customer, vendor or
//! subcontractor account 'x'"); one of the wrong kind, or archived, is refused
//! (`BAD_USER_INPUT`). A project that does not exist and one outside the caller's
//! row-level scope ([`CommandContext::project_scope`], the rule the orders read side
//! uses) get the same `NOT_FOUND` ("there is no project 'x'"), so a refusal never tells
//! a caller that a project they may not see exists. The checks run before anything is
//! decided: a refused command appends nothing.

use std::collections::BTreeMap;

use constructos_domain::access::assigned_to_project;
use constructos_domain::finance::{known_account, FinanceError, KnownAccount};
use constructos_domain::identity::{AccountKind, AccountStatus, Address, AddressType};

use super::failures::rejected;
use super::service::FinanceCommands;
use crate::{CommandContext, CommandError};

type AccountRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    serde_json::Value,
    String,
);

fn unreadable(what: &str, e: impl std::fmt::Display) -> CommandError {
    CommandError::Internal(format!("Failed to read finance's copy of {what}: {e}"))
}

fn wire<T: serde::de::DeserializeOwned>(text: String) -> Result<T, CommandError> {
    serde_json::from_value(serde_json::Value::String(text)).map_err(|e| unreadable("an account", e))
}

impl FinanceCommands {
    /// The account `id` (given for `field`) as finance knows it, or `NOT_FOUND`; an id
    /// that cannot be one is refused naming the field.
    pub(super) async fn known_account(
        &self,
        field: &str,
        id: &str,
    ) -> Result<KnownAccount, CommandError> {
        constructos_domain::values::Identifier::parse(field, id)?;
        let row: Option<AccountRow> = sqlx::query_as(
            "SELECT id, kind, name, trading_name, vat_number, addresses, status
               FROM read_model.known_accounts WHERE id = $1",
        )
        .bind(id.trim())
        .fetch_optional(self.store.pool())
        .await
        .map_err(|e| unreadable("the accounts", e))?;
        let found = match row {
            None => None,
            Some((id, kind, name, trading_name, vat_number, addresses, status)) => {
                let addresses: BTreeMap<AddressType, Address> =
                    serde_json::from_value(addresses)
                        .map_err(|e| unreadable("an account's addresses", e))?;
                Some(KnownAccount {
                    id,
                    kind: wire::<AccountKind>(kind)?,
                    name,
                    trading_name,
                    vat_number,
                    addresses,
                    status: wire::<AccountStatus>(status)?,
                })
            }
        };
        known_account(id, found).map_err(rejected)
    }

    /// Refuses unless every project named exists in finance's copy and lies inside the
    /// caller's row-level project scope; both failures answer the same `NOT_FOUND`.
    pub(super) async fn check_projects<'a>(
        &self,
        ctx: &CommandContext,
        projects: impl IntoIterator<Item = Option<&'a str>>,
    ) -> Result<(), CommandError> {
        let mut named: Vec<&str> = projects
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        for project in &named {
            // An id that cannot be one is refused before it reaches a query.
            constructos_domain::values::Identifier::parse("projectId", project)?;
        }
        named.sort_unstable();
        named.dedup();
        if named.is_empty() {
            return Ok(());
        }
        let scope = ctx.project_scope()?;
        let assignments: Option<(Vec<String>, Vec<String>)> = match scope {
            None => None,
            Some(user) => Some(
                sqlx::query_as(
                    "SELECT projects, sites FROM read_model.user_assignments WHERE user_id = $1",
                )
                .bind(user)
                .fetch_optional(self.store.pool())
                .await
                .map_err(|e| unreadable("the user assignments", e))?
                .unwrap_or_default(),
            ),
        };
        for project in named {
            let row: Option<(String, String)> =
                sqlx::query_as("SELECT code, site_id FROM read_model.known_projects WHERE id = $1")
                    .bind(project)
                    .fetch_optional(self.store.pool())
                    .await
                    .map_err(|e| unreadable("the projects", e))?;
            let visible = match (&row, &assignments) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some((code, site)), Some((projects, sites))) => {
                    assigned_to_project(projects, sites, project, code, site)
                }
            };
            if !visible {
                return Err(rejected(FinanceError::ProjectNotFound(project.to_string())));
            }
        }
        Ok(())
    }
}
