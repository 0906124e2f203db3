//! The identity service: accounts and contacts, reads and writes.

mod http;
mod local;
mod remote;

use async_trait::async_trait;
use constructos_commands::identity::{
    AccountDetailsInput, ContactDetailsInput, CreateAccountInput, CreateContactInput,
};
use constructos_commands::CommandError;
use constructos_domain::identity::AccountStatus;
use constructos_projections::identity::{AccountFilter, AccountRow, ContactRow, Page, UserRow};
use serde::{Deserialize, Serialize};

pub use http::router;
pub use local::LocalIdentity;
pub use remote::RemoteIdentity;

use crate::Call;

/// Everything the identity service answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum IdentityRequest {
    CreateAccount {
        input: CreateAccountInput,
    },
    UpdateAccountDetails {
        id: String,
        input: AccountDetailsInput,
    },
    ChangeAccountStatus {
        id: String,
        status: AccountStatus,
        reason: Option<String>,
    },
    CreateContact {
        input: CreateContactInput,
    },
    UpdateContactDetails {
        id: String,
        input: ContactDetailsInput,
    },
    Accounts {
        filter: AccountFilter,
        first: i64,
        after: Option<String>,
    },
    Account {
        id: String,
    },
    Contact {
        id: String,
    },
    ContactsOf {
        account_id: String,
    },
    /// Record (or refresh) the caller's own user from their token.
    ProvisionSelf,
    LinkUser {
        id: String,
        employee_id: Option<String>,
        contact_id: Option<String>,
    },
    AssignUser {
        id: String,
        projects: Vec<String>,
        sites: Vec<String>,
    },
    /// Every user the caller may see: all with `identity.users.read`, else only their own.
    Users,
    /// One user, if the caller may see it.
    User {
        id: String,
    },
}

/// The identity service's answers, one shape per kind of request.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "result", content = "value", rename_all = "snake_case")]
pub enum IdentityResponse {
    /// A command created an aggregate with this id.
    Created(String),
    /// A command changed an existing aggregate.
    Done,
    Accounts(Page<AccountRow>),
    Account(Option<AccountRow>),
    Contact(Option<ContactRow>),
    Contacts(Vec<ContactRow>),
    Users(Vec<UserRow>),
    User(Option<UserRow>),
}

/// Answers identity requests, in-process or remotely.
#[async_trait]
pub trait IdentityApi: Send + Sync {
    async fn handle(
        &self,
        call: &Call,
        request: IdentityRequest,
    ) -> Result<IdentityResponse, CommandError>;
}

/// Typed calls over any [`IdentityApi`].
#[derive(Clone)]
pub struct IdentityClient {
    api: std::sync::Arc<dyn IdentityApi>,
}

fn unexpected(response: IdentityResponse) -> CommandError {
    CommandError::Internal(format!("unexpected identity response {response:?}"))
}

impl IdentityClient {
    /// A client over `api`.
    pub fn new(api: std::sync::Arc<dyn IdentityApi>) -> Self {
        Self { api }
    }

    async fn created(&self, call: &Call, request: IdentityRequest) -> Result<String, CommandError> {
        match self.api.handle(call, request).await? {
            IdentityResponse::Created(id) => Ok(id),
            other => Err(unexpected(other)),
        }
    }

    async fn done(&self, call: &Call, request: IdentityRequest) -> Result<(), CommandError> {
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
