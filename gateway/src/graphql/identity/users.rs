//! Users in the schema: who signs in, who they are, where they are assigned.

use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::{DateTime, Utc};
use constructos_projections::identity::UserRow;
use constructos_services::identity::{self as operations, AssignUser, LinkUser, Users};

use crate::graphql::errors::{ask, request_id};

/// A person who signs in.
#[derive(SimpleObject)]
pub struct User {
    /// The Entra ID object id.
    id: ID,
    /// The token subject.
    subject: String,
    tenant_id: Option<String>,
    name: Option<String>,
    username: Option<String>,
    /// The employee this user is (HR).
    employee_id: Option<String>,
    /// The contact this user is (an outside person at an account).
    contact_id: Option<String>,
    /// Projects the user is assigned to; row-level filtering follows these.
    projects: Vec<String>,
    /// Sites the user is assigned to.
    sites: Vec<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        Self {
            id: ID(row.id),
            subject: row.subject,
            tenant_id: row.tenant_id,
            name: row.name,
            username: row.username,
            employee_id: row.employee_id,
            contact_id: row.contact_id,
            projects: row.projects,
            sites: row.sites,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// The id of the user a mutation addressed.
#[derive(SimpleObject)]
pub struct UserChanged {
    id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct UsersQuery;

#[Object]
impl UsersQuery {
    /// Users by name: all of them with `identity.users.read`, otherwise only your own.
    async fn users(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<User>> {
        let rows = ask(ctx, Users).await?;
        Ok(rows.into_iter().map(User::from).collect())
    }

    /// One user: any with `identity.users.read`, otherwise only your own.
    async fn user(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<User>> {
        let row = ask(ctx, operations::User { id: id.0 }).await?;
        Ok(row.map(User::from))
    }
}

#[derive(Default)]
pub struct UsersMutation;

#[Object]
impl UsersMutation {
    /// Says which employee and/or contact a user is (the full new values).
    async fn link_user(
        &self,
        ctx: &Context<'_>,
        id: ID,
        employee_id: Option<String>,
        contact_id: Option<String>,
    ) -> async_graphql::Result<UserChanged> {
        let link = LinkUser {
            id: id.0.clone(),
            employee_id,
            contact_id,
        };
        ask(ctx, link).await?;
        Ok(UserChanged {
            id,
            correlation_id: request_id(ctx),
        })
    }

    /// Replaces the projects and sites a user is assigned to.
    async fn assign_user(
        &self,
        ctx: &Context<'_>,
        id: ID,
        #[graphql(validator(max_items = 500))] projects: Vec<String>,
        #[graphql(validator(max_items = 500))] sites: Vec<String>,
    ) -> async_graphql::Result<UserChanged> {
        let assignment = AssignUser {
            id: id.0.clone(),
            projects,
            sites,
        };
        ask(ctx, assignment).await?;
        Ok(UserChanged {
            id,
            correlation_id: request_id(ctx),
        })
    }
}
