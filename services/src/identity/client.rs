//! Typed calls over any [`IdentityApi`]: accounts, contacts and users.

use constructos_commands::identity::{
    AccountDetailsInput, ContactDetailsInput, CreateAccountInput, CreateContactInput,
};
use constructos_commands::CommandError;
use constructos_domain::identity::AccountStatus;
use constructos_projections::identity::{AccountFilter, AccountRow, ContactRow, Page, UserRow};

use super::{IdentityApi, IdentityRequest, IdentityResponse};
use crate::Call;

/// Typed calls over any [`IdentityApi`].
#[derive(Clone)]
pub struct IdentityClient {
    pub(super) api: std::sync::Arc<dyn IdentityApi>,
}

pub(super) fn unexpected(response: IdentityResponse) -> CommandError {
    CommandError::Internal(format!("unexpected identity response {response:?}"))
}

impl IdentityClient {
    /// A client over `api`.
    pub fn new(api: std::sync::Arc<dyn IdentityApi>) -> Self {
        Self { api }
    }

    pub(super) async fn created(
        &self,
        call: &Call,
        request: IdentityRequest,
    ) -> Result<String, CommandError> {
        match self.api.handle(call, request).await? {
            IdentityResponse::Created(id) => Ok(id),
            other => Err(unexpected(other)),
        }
    }

    pub(super) async fn done(
        &self,
        call: &Call,
        request: IdentityRequest,
    ) -> Result<(), CommandError> {
        match self.api.handle(call, request).await? {
            IdentityResponse::Done => Ok(()),
            other => Err(unexpected(other)),
        }
    }

    /// Opens an account; returns its id.
    pub async fn create_account(
        &self,
        call: &Call,
        input: CreateAccountInput,
    ) -> Result<String, CommandError> {
        self.created(call, IdentityRequest::CreateAccount { input })
            .await
    }

    /// Replaces an account's details.
    pub async fn update_account_details(
        &self,
        call: &Call,
        id: String,
        input: AccountDetailsInput,
    ) -> Result<(), CommandError> {
        self.done(call, IdentityRequest::UpdateAccountDetails { id, input })
            .await
    }

    /// Changes an account's status.
    pub async fn change_account_status(
        &self,
        call: &Call,
        id: String,
        status: AccountStatus,
        reason: Option<String>,
    ) -> Result<(), CommandError> {
        self.done(
            call,
            IdentityRequest::ChangeAccountStatus { id, status, reason },
        )
        .await
    }

    /// Records a contact; returns its id.
    pub async fn create_contact(
        &self,
        call: &Call,
        input: CreateContactInput,
    ) -> Result<String, CommandError> {
        self.created(call, IdentityRequest::CreateContact { input })
            .await
    }

    /// Replaces a contact's details.
    pub async fn update_contact_details(
        &self,
        call: &Call,
        id: String,
        input: ContactDetailsInput,
    ) -> Result<(), CommandError> {
        self.done(call, IdentityRequest::UpdateContactDetails { id, input })
            .await
    }

    /// A page of accounts.
    pub async fn accounts(
        &self,
        call: &Call,
        filter: AccountFilter,
        first: i64,
        after: Option<String>,
    ) -> Result<Page<AccountRow>, CommandError> {
        match self
            .api
            .handle(
                call,
                IdentityRequest::Accounts {
                    filter,
                    first,
                    after,
                },
            )
            .await?
        {
            IdentityResponse::Accounts(page) => Ok(page),
            other => Err(unexpected(other)),
        }
    }

    /// One account.
    pub async fn account(
        &self,
        call: &Call,
        id: String,
    ) -> Result<Option<AccountRow>, CommandError> {
        match self
            .api
            .handle(call, IdentityRequest::Account { id })
            .await?
        {
            IdentityResponse::Account(row) => Ok(row),
            other => Err(unexpected(other)),
        }
    }

    /// One contact.
    pub async fn contact(
        &self,
        call: &Call,
        id: String,
    ) -> Result<Option<ContactRow>, CommandError> {
        match self
            .api
            .handle(call, IdentityRequest::Contact { id })
            .await?
        {
            IdentityResponse::Contact(row) => Ok(row),
            other => Err(unexpected(other)),
        }
    }

    /// Records the caller's own user; returns its id.
    pub async fn provision_self(&self, call: &Call) -> Result<String, CommandError> {
        self.created(call, IdentityRequest::ProvisionSelf).await
    }

    /// Links a user to an employee and/or a contact.
    pub async fn link_user(
        &self,
        call: &Call,
        id: String,
        employee_id: Option<String>,
        contact_id: Option<String>,
    ) -> Result<(), CommandError> {
        self.done(
            call,
            IdentityRequest::LinkUser {
                id,
                employee_id,
                contact_id,
            },
        )
        .await
    }

    /// Replaces a user's project and site assignments.
    pub async fn assign_user(
        &self,
        call: &Call,
        id: String,
        projects: Vec<String>,
        sites: Vec<String>,
    ) -> Result<(), CommandError> {
        self.done(
            call,
            IdentityRequest::AssignUser {
                id,
                projects,
                sites,
            },
        )
        .await
    }

    /// The users the caller may see.
    pub async fn users(&self, call: &Call) -> Result<Vec<UserRow>, CommandError> {
        match self.api.handle(call, IdentityRequest::Users).await? {
            IdentityResponse::Users(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }

    /// One user, if the caller may see it.
    pub async fn user(&self, call: &Call, id: String) -> Result<Option<UserRow>, CommandError> {
        match self.api.handle(call, IdentityRequest::User { id }).await? {
            IdentityResponse::User(row) => Ok(row),
            other => Err(unexpected(other)),
        }
    }

    /// The contacts at an account.
    pub async fn contacts_of(
        &self,
        call: &Call,
        account_id: String,
    ) -> Result<Vec<ContactRow>, CommandError> {
        match self
            .api
            .handle(call, IdentityRequest::ContactsOf { account_id })
            .await?
        {
            IdentityResponse::Contacts(rows) => Ok(rows),
            other => Err(unexpected(other)),
        }
    }
}
