//! The claims we read from an access token and the caller context built from them.

use constructos_domain::access::{allows, Permission, Role};
use serde::{Deserialize, Serialize};

/// The claims of a Microsoft Entra ID v2 access token that ConstructOS reads.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    /// A single audience (Entra ID) or several.
    pub aud: serde_json::Value,
    pub sub: String,
    #[serde(default)]
    pub oid: Option<String>,
    #[serde(default)]
    pub tid: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub preferred_username: Option<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    /// Delegated scopes, space-separated (absent from app-only tokens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scp: Option<String>,
    pub exp: i64,
    #[serde(default)]
    pub nbf: Option<i64>,
    #[serde(default)]
    pub iat: Option<i64>,
}

/// Who is calling, as established from a validated token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub subject: String,
    pub object_id: Option<String>,
    pub tenant_id: Option<String>,
    pub name: Option<String>,
    pub username: Option<String>,
    /// The catalogue roles among the token's `roles`; unknown names grant nothing.
    pub roles: Vec<Role>,
}

impl Caller {
    /// Builds the caller context from validated claims.
    pub fn from_claims(claims: Claims) -> Self {
        let mut roles: Vec<Role> = claims.roles.iter().filter_map(|r| Role::parse(r)).collect();
        roles.sort_by_key(|r| r.as_str());
        roles.dedup();
        Self {
            subject: claims.sub,
            object_id: claims.oid,
            tenant_id: claims.tid,
            name: claims.name,
            username: claims.preferred_username,
            roles,
        }
    }

    /// The id of the caller's user record: the Entra ID object id, else the subject.
    pub fn user_id(&self) -> &str {
        self.object_id.as_deref().unwrap_or(&self.subject)
    }

    /// The permissions the caller's roles grant.
    pub fn permissions(&self) -> Vec<Permission> {
        Permission::ALL
            .into_iter()
            .filter(|p| self.may(*p))
            .collect()
    }

    /// Whether the caller holds `permission` through any of their roles.
    pub fn may(&self, permission: Permission) -> bool {
        allows(&self.roles, permission)
    }
}
