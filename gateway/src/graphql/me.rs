//! `me`: the caller's own context, as the gateway established it from the token.

use async_graphql::{Context, Object, SimpleObject};

use super::errors::call;

/// The authenticated caller.
#[derive(SimpleObject)]
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
        })
    }
}
