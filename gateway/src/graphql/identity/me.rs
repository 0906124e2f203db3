//! `me`: the caller's own context — who the token says they are, what their roles let
//! them do, and where they are assigned.

use async_graphql::{ComplexObject, Context, Object, SimpleObject};
use constructos_services::identity::User;

use crate::graphql::errors::{ask, call};

/// The authenticated caller.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Me {
    /// The token's `sub`.
    subject: String,
    /// The token's `oid` (Entra ID object id).
    object_id: Option<String>,
    /// The token's `tid`.
    tenant_id: Option<String>,
    name: Option<String>,
    /// The token's `preferred_username`.
    username: Option<String>,
    /// App roles from the catalogue that the token carries.
    roles: Vec<String>,
    /// The permissions those roles grant, `domain.operation`.
    permissions: Vec<String>,
}

/// Where the caller is assigned, from their user record.
#[derive(SimpleObject, Default)]
pub struct Assignments {
    employee_id: Option<String>,
    contact_id: Option<String>,
    projects: Vec<String>,
    sites: Vec<String>,
}

#[ComplexObject]
impl Me {
    /// The caller's links and assignments (empty until their user record is projected).
    async fn assignments(&self, ctx: &Context<'_>) -> async_graphql::Result<Assignments> {
        let id = call(ctx)?.context.caller.user_id().to_string();
        let row = ask(ctx, User { id }).await?;
        Ok(row.map_or_else(Assignments::default, |u| Assignments {
            employee_id: u.employee_id,
            contact_id: u.contact_id,
            projects: u.projects,
            sites: u.sites,
        }))
    }
}

#[derive(Default)]
pub struct MeQuery;

#[Object]
impl MeQuery {
    /// Who the gateway thinks you are. Needs only a valid token.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<Me> {
        let c = &call(ctx)?.context.caller;
        Ok(Me {
            subject: c.subject.clone(),
            object_id: c.object_id.clone(),
            tenant_id: c.tenant_id.clone(),
            name: c.name.clone(),
            username: c.username.clone(),
            roles: c.roles.iter().map(|r| r.as_str().to_string()).collect(),
            permissions: c
                .permissions()
                .iter()
                .map(|p| p.as_str().to_string())
                .collect(),
        })
    }
}
