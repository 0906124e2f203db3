//! The identity command service: permission check, then the aggregate decides and
//! postgres-es appends the events (optimistic concurrency on the stream's sequence).

use std::sync::Arc;

use constructos_domain::access::Permission;
use constructos_domain::identity::{
    Account, AccountCommand, AccountKind, AccountStatus, Contact, ContactCommand, ContactServices,
    User, UserCommand,
};
use postgres_es::{postgres_cqrs, PostgresCqrs};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use super::EventStoreDirectory;
use crate::{execute, CommandContext, CommandError};

/// A new account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateAccountInput {
    pub kind: AccountKind,
    pub name: String,
    pub registration_number: Option<String>,
    pub vat_number: Option<String>,
}

/// The full new details of an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountDetailsInput {
    pub name: String,
    pub registration_number: Option<String>,
    pub vat_number: Option<String>,
}

/// A new contact at an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateContactInput {
    pub account_id: String,
    pub details: ContactDetailsInput,
}

/// The full new details of a contact.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContactDetailsInput {
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub job_title: Option<String>,
}

/// Executes identity commands against the identity event store.
#[derive(Clone)]
pub struct IdentityCommands {
    accounts: Arc<PostgresCqrs<Account>>,
    contacts: Arc<PostgresCqrs<Contact>>,
    users: Arc<PostgresCqrs<User>>,
}

impl IdentityCommands {
    /// Command handling over the identity database.
    pub fn new(pool: PgPool) -> Self {
        let directory = Arc::new(EventStoreDirectory::new(pool.clone()));
        Self {
            accounts: Arc::new(postgres_cqrs(pool.clone(), vec![], ())),
            contacts: Arc::new(postgres_cqrs(
                pool.clone(),
                vec![],
                ContactServices::new(directory),
            )),
            users: Arc::new(postgres_cqrs(pool, vec![], ())),
        }
    }

    /// Opens an account; returns its new id.
    pub async fn create_account(
        &self,
        ctx: &CommandContext,
        input: CreateAccountInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::IdentityWrite)?;
        let id = Uuid::now_v7().to_string();
        let command = AccountCommand::CreateAccount {
            kind: input.kind,
            name: input.name,
            registration_number: input.registration_number,
            vat_number: input.vat_number,
        };
        execute(&self.accounts, ctx, &id, command).await?;
        Ok(id)
    }

    /// Replaces an account's name and registration details.
    pub async fn update_account_details(
        &self,
        ctx: &CommandContext,
        account_id: &str,
        input: AccountDetailsInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::IdentityWrite)?;
        let command = AccountCommand::UpdateAccountDetails {
            name: input.name,
            registration_number: input.registration_number,
            vat_number: input.vat_number,
        };
        execute(&self.accounts, ctx, account_id, command).await
    }

    /// Puts an account on hold, re-activates or archives it.
    pub async fn change_account_status(
        &self,
        ctx: &CommandContext,
        account_id: &str,
        status: AccountStatus,
        reason: Option<String>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::IdentityWrite)?;
        let command = AccountCommand::ChangeAccountStatus { status, reason };
        execute(&self.accounts, ctx, account_id, command).await
    }

    /// Records a contact at an account; returns the contact's new id.
    pub async fn create_contact(
        &self,
        ctx: &CommandContext,
        input: CreateContactInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::IdentityWrite)?;
        let id = Uuid::now_v7().to_string();
        let d = input.details;
        let command = ContactCommand::CreateContact {
            account_id: input.account_id,
            first_name: d.first_name,
            last_name: d.last_name,
            email: d.email,
            phone: d.phone,
            job_title: d.job_title,
        };
        execute(&self.contacts, ctx, &id, command).await?;
        Ok(id)
    }

    /// Replaces a contact's details.
    pub async fn update_contact_details(
        &self,
        ctx: &CommandContext,
        contact_id: &str,
        d: ContactDetailsInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::IdentityWrite)?;
        let command = ContactCommand::UpdateContactDetails {
            first_name: d.first_name,
            last_name: d.last_name,
            email: d.email,
            phone: d.phone,
            job_title: d.job_title,
        };
        execute(&self.contacts, ctx, contact_id, command).await
    }
}

impl IdentityCommands {
    /// Records (or refreshes) the caller's own user record from their token; returns
    /// its id. Needs no permission: everyone may be known.
    pub async fn provision_user(&self, ctx: &CommandContext) -> Result<String, CommandError> {
        let caller = &ctx.caller;
        let id = caller.user_id().to_string();
        let command = UserCommand::ProvisionUser {
            subject: caller.subject.clone(),
            tenant_id: caller.tenant_id.clone(),
            name: caller.name.clone(),
            username: caller.username.clone(),
        };
        execute(&self.users, ctx, &id, command).await?;
        Ok(id)
    }

    /// Says which employee and/or contact a user is.
    pub async fn link_user(
        &self,
        ctx: &CommandContext,
        user_id: &str,
        employee_id: Option<String>,
        contact_id: Option<String>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::UsersAdmin)?;
        let command = UserCommand::LinkUser {
            employee_id,
            contact_id,
        };
        execute(&self.users, ctx, user_id, command).await
    }

    /// Replaces the projects and sites a user is assigned to.
    pub async fn assign_user(
        &self,
        ctx: &CommandContext,
        user_id: &str,
        projects: Vec<String>,
        sites: Vec<String>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::UsersAdmin)?;
        let command = UserCommand::AssignUser { projects, sites };
        execute(&self.users, ctx, user_id, command).await
    }
}
