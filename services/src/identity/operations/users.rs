//! Users: the caller's own record from their token, links and assignments, and the
//! reads, with the row-level rule: without `identity.users.read` a caller sees only
//! their own user.

use async_trait::async_trait;
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::{Access, Permission};
use constructos_projections::identity::UserRow;
use serde::{Deserialize, Serialize};

use crate::identity::IdentityService;
use crate::{Call, Handle, Operation};

/// The only user a caller without `identity.users.read` may see: their own.
fn only_own(ctx: &CommandContext) -> Option<&str> {
    (!ctx.caller.may(Permission::UsersRead)).then(|| ctx.caller.user_id())
}

/// Records (or refreshes) the caller's own user from their token; answers its id.
/// Everyone may be known.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProvisionSelf;

impl Operation for ProvisionSelf {
    type Service = IdentityService;
    type Answer = String;
    const NAME: &'static str = "provision_self";
    const ACCESS: Access = Access::Authenticated;
}

#[async_trait]
impl Handle<ProvisionSelf> for IdentityService {
    async fn handle(&self, call: &Call, _: ProvisionSelf) -> Result<String, CommandError> {
        self.commands.provision_user(&call.context).await
    }
}

/// Says which employee and/or contact a user is (the full new values).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkUser {
    pub id: String,
    pub employee_id: Option<String>,
    pub contact_id: Option<String>,
}

impl Operation for LinkUser {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "link_user";
    const ACCESS: Access = Access::Requires(Permission::UsersAdmin);
}

#[async_trait]
impl Handle<LinkUser> for IdentityService {
    async fn handle(&self, call: &Call, op: LinkUser) -> Result<(), CommandError> {
        self.commands
            .link_user(&call.context, &op.id, op.employee_id, op.contact_id)
            .await
    }
}

/// Replaces a user's project and site assignments.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AssignUser {
    pub id: String,
    pub projects: Vec<String>,
    pub sites: Vec<String>,
}

impl Operation for AssignUser {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "assign_user";
    const ACCESS: Access = Access::Requires(Permission::UsersAdmin);
}

#[async_trait]
impl Handle<AssignUser> for IdentityService {
    async fn handle(&self, call: &Call, op: AssignUser) -> Result<(), CommandError> {
        self.commands
            .assign_user(&call.context, &op.id, op.projects, op.sites)
            .await
    }
}

/// Every user the caller may see: all with `identity.users.read`, else only their own.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Users;

impl Operation for Users {
    type Service = IdentityService;
    type Answer = Vec<UserRow>;
    const NAME: &'static str = "users";
    const ACCESS: Access = Access::Authenticated;
}

#[async_trait]
impl Handle<Users> for IdentityService {
    async fn handle(&self, call: &Call, _: Users) -> Result<Vec<UserRow>, CommandError> {
        let only = only_own(&call.context);
        self.queries.users(only).await.map_err(CommandError::from)
    }
}

/// One user, if the caller may see it: any with `identity.users.read`, else only their
/// own (another's is answered as unknown).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub id: String,
}

impl Operation for User {
    type Service = IdentityService;
    type Answer = Option<UserRow>;
    const NAME: &'static str = "user";
    const ACCESS: Access = Access::Authenticated;
}

#[async_trait]
impl Handle<User> for IdentityService {
    async fn handle(&self, call: &Call, op: User) -> Result<Option<UserRow>, CommandError> {
        if only_own(&call.context).is_some_and(|own| own != op.id) {
            return Ok(None);
        }
        self.queries.user(&op.id).await.map_err(CommandError::from)
    }
}
