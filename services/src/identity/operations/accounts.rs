//! Accounts: open one, change its details and status, list and read them.

use async_trait::async_trait;
use constructos_commands::identity::{AccountDetailsInput, CreateAccountInput};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::identity::AccountStatus;
use constructos_projections::identity::{AccountFilter, AccountRow, Page};
use serde::{Deserialize, Serialize};

use crate::identity::IdentityService;
use crate::{Call, Handle, Operation};

/// Opens an account; answers its new id.
impl Operation for CreateAccountInput {
    type Service = IdentityService;
    type Answer = String;
    const NAME: &'static str = "create_account";
    const ACCESS: Access = Access::Requires(Permission::IdentityWrite);
}

#[async_trait]
impl Handle<CreateAccountInput> for IdentityService {
    async fn handle(&self, call: &Call, op: CreateAccountInput) -> Result<String, CommandError> {
        self.commands.create_account(&call.context, op).await
    }
}

/// Replaces an account's name and registration details.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdateAccountDetails {
    pub id: String,
    pub input: AccountDetailsInput,
}

impl Operation for UpdateAccountDetails {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "update_account_details";
    const ACCESS: Access = Access::Requires(Permission::IdentityWrite);
}

#[async_trait]
impl Handle<UpdateAccountDetails> for IdentityService {
    async fn handle(&self, call: &Call, op: UpdateAccountDetails) -> Result<(), CommandError> {
        self.commands
            .update_account_details(&call.context, &op.id, op.input)
            .await
    }
}

/// Puts an account on hold, re-activates or archives it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeAccountStatus {
    pub id: String,
    pub status: AccountStatus,
    pub reason: Option<String>,
}

impl Operation for ChangeAccountStatus {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "change_account_status";
    const ACCESS: Access = Access::Requires(Permission::IdentityWrite);
}

#[async_trait]
impl Handle<ChangeAccountStatus> for IdentityService {
    async fn handle(&self, call: &Call, op: ChangeAccountStatus) -> Result<(), CommandError> {
        self.commands
            .change_account_status(&call.context, &op.id, op.status, op.reason)
            .await
    }
}

/// A page of accounts, ordered by name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Accounts {
    pub filter: AccountFilter,
    pub first: i64,
    /// The `end_cursor` of the page before.
    pub after: Option<String>,
}

impl Operation for Accounts {
    type Service = IdentityService;
    type Answer = Page<AccountRow>;
    const NAME: &'static str = "accounts";
    const ACCESS: Access = Access::Requires(Permission::IdentityRead);
}

#[async_trait]
impl Handle<Accounts> for IdentityService {
    async fn handle(&self, _: &Call, op: Accounts) -> Result<Page<AccountRow>, CommandError> {
        self.queries
            .accounts(&op.filter, op.first, op.after.as_deref())
            .await
            .map_err(CommandError::from)
    }
}

/// One account, if the read model has it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
}

impl Operation for Account {
    type Service = IdentityService;
    type Answer = Option<AccountRow>;
    const NAME: &'static str = "account";
    const ACCESS: Access = Access::Requires(Permission::IdentityRead);
}

#[async_trait]
impl Handle<Account> for IdentityService {
    async fn handle(&self, _: &Call, op: Account) -> Result<Option<AccountRow>, CommandError> {
        self.queries
            .account(&op.id)
            .await
            .map_err(CommandError::from)
    }
}
