//! The identity command service: permission check, then the aggregate decides and
//! the project's event store appends the events (optimistic concurrency on the stream's
//! sequence, checked at commit; see `constructos_infra::event_store`).

use std::sync::Arc;

use constructos_domain::access::Permission;
use constructos_domain::identity::{
    check_assignments, check_contact, check_employee, named, Account, AccountCommand,
    AccountStatus, Contact, ContactCommand, ContactServices, IdentityError, Lead, User,
    UserCommand,
};
use constructos_infra::event_store::Store;
use cqrs_es::AggregateError;
use sqlx::PgPool;
use uuid::Uuid;

use super::inputs::{assignments, given_id, given_optional_id, optional_reason};
use super::references::References;
use super::{
    AccountDetailsInput, ContactDetailsInput, CreateAccountInput, CreateContactInput,
    EventStoreDirectory,
};
use crate::execute::{execute, execute_new, Aggregates};
use crate::{CommandContext, CommandError};

/// Executes identity commands against the identity event store.
#[derive(Clone)]
pub struct IdentityCommands {
    pub(super) accounts: Arc<Aggregates<Account>>,
    pub(super) contacts: Arc<Aggregates<Contact>>,
    pub(super) users: Arc<Aggregates<User>>,
    pub(super) leads: Arc<Aggregates<Lead>>,
    /// What users' links and assignments may refer to (identity's copies).
    references: References,
}

/// A refused reference, mapped as the aggregate's own refusals are.
fn refused(error: IdentityError) -> CommandError {
    CommandError::from(AggregateError::UserError(error))
}

impl IdentityCommands {
    /// Command handling over the identity database.
    pub fn new(pool: PgPool) -> Self {
        let store = Store::new(pool.clone());
        let directory = Arc::new(EventStoreDirectory::new(store.clone()));
        Self {
            accounts: Arc::new(Aggregates::new(&store, ())),
            contacts: Arc::new(Aggregates::new(&store, ContactServices::new(directory))),
            users: Arc::new(Aggregates::new(&store, ())),
            leads: Arc::new(Aggregates::new(&store, ())),
            references: References::new(pool),
        }
    }

    /// Opens an account; returns its new id.
    pub async fn create_account(
        &self,
        ctx: &CommandContext,
        input: CreateAccountInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::IdentityWrite)?;
        let input = input.checked()?;
        let id = Uuid::now_v7().to_string();
        let command = AccountCommand::CreateAccount {
            kind: input.kind,
            name: input.name,
            registration_number: input.registration_number,
            vat_number: input.vat_number,
        };
        execute_new(&self.accounts, ctx, &id, command).await?;
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
        let account_id = &given_id("id", account_id)?;
        let input = input.checked()?;
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
        let account_id = &given_id("id", account_id)?;
        let reason = optional_reason("reason", reason.as_deref())?;
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
        let input = input.checked()?;
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
        execute_new(&self.contacts, ctx, &id, command).await?;
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
        let contact_id = &given_id("id", contact_id)?;
        let d = d.checked()?;
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

    /// Says which employee and/or contact a user is. The employee must be one identity
    /// knows from HR's events (by record id or employee number) and still employed; the
    /// contact one identity has recorded. Unlinking (leaving either out) needs neither.
    pub async fn link_user(
        &self,
        ctx: &CommandContext,
        user_id: &str,
        employee_id: Option<String>,
        contact_id: Option<String>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::UsersAdmin)?;
        let user_id = &given_id("id", user_id)?;
        let employee_id = given_optional_id("employeeId", employee_id.as_deref())?;
        let contact_id = given_optional_id("contactId", contact_id.as_deref())?;
        if let Some(employee) = employee_id
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            let known = self.references.employee(employee).await?;
            check_employee(employee, known.as_ref()).map_err(refused)?;
        }
        if let Some(contact) = contact_id
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            let exists = self.references.contact_exists(contact).await?;
            check_contact(contact, exists).map_err(refused)?;
        }
        let command = UserCommand::LinkUser {
            employee_id,
            contact_id,
        };
        execute(&self.users, ctx, user_id, command).await
    }

    /// Replaces the projects and sites a user is assigned to. Every project (by id or
    /// code) must be one identity knows from orders' events, and every site the site of
    /// such a project.
    pub async fn assign_user(
        &self,
        ctx: &CommandContext,
        user_id: &str,
        projects: Vec<String>,
        sites: Vec<String>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::UsersAdmin)?;
        let user_id = &given_id("id", user_id)?;
        let (projects, sites) = assignments(projects, sites)?;
        let (names, site_names): (Vec<&str>, Vec<&str>) = (
            named(&projects).into_iter().collect(),
            named(&sites).into_iter().collect(),
        );
        let known = self.references.projects(&names, &site_names).await?;
        check_assignments(&projects, &sites, &known).map_err(refused)?;
        let command = UserCommand::AssignUser { projects, sites };
        execute(&self.users, ctx, user_id, command).await
    }

    /// Adds `project_id` to the assignments of the user who opened it (orders says who
    /// in `ProjectCreated`), so a project manager sees the project they just opened.
    /// The project is not checked against identity's copy: orders has just opened it.
    /// Answers whether identity knows the user (a caller who never signed in, or a
    /// system, is not one); assigning twice changes nothing.
    pub async fn assign_opener(
        &self,
        ctx: &CommandContext,
        user_id: &str,
        project_id: &str,
    ) -> Result<bool, CommandError> {
        ctx.require(Permission::UsersAdmin)?;
        let user_id = &given_id("id", user_id)?;
        let project = given_id("project", project_id)?;
        let command = UserCommand::AssignOpener { project };
        match execute(&self.users, ctx, user_id, command).await {
            Ok(()) => Ok(true),
            Err(CommandError::NotFound(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
