//! The GraphQL schema: domain roots merged into one query and one mutation type.

mod errors;
mod guard;
mod identity;
mod me;
mod users;

use async_graphql::http::GraphiQLSource;
use async_graphql::{EmptySubscription, MergedObject, Schema, SchemaBuilder};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Html;
use constructos_commands::CommandContext;
use constructos_services::identity::IdentityClient;
use constructos_services::Call;

use crate::auth::Authenticated;
use crate::{AppState, REQUEST_ID_HEADER};

pub use errors::ErrorCode;
pub use guard::{rbac_markdown, rule_for, Rule, FIELD_RULES, ROOT_TYPES};

/// Every query field, merged from the domain roots.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(me::MeQuery, identity::IdentityQuery, users::UsersQuery);

/// Every mutation, merged from the domain roots.
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(identity::IdentityMutation, users::UsersMutation);

/// The gateway's schema type.
pub type ApiSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

fn builder() -> SchemaBuilder<QueryRoot, MutationRoot, EmptySubscription> {
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .extension(guard::FieldGuard)
    .limit_depth(12)
    .limit_complexity(500)
}

/// The schema wired to the domain services. Introspection only in development.
pub fn build_schema(identity: IdentityClient, dev_mode: bool) -> ApiSchema {
    let mut builder = builder().data(identity);
    if !dev_mode {
        builder = builder.disable_introspection();
    }
    builder.finish()
}

/// The schema in SDL, as checked in at `schemas/graphql/schema.graphql`.
pub fn sdl() -> String {
    builder().finish().sdl()
}

/// `POST /graphql`: authenticate, then execute with the caller in the context.
pub async fn graphql_handler(
    State(state): State<AppState>,
    Authenticated { caller, token }: Authenticated,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> GraphQLResponse {
    let request_id = headers
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let call = Call {
        context: CommandContext::new(caller, request_id),
        token,
    };
    state.users.ensure_provisioned(&call).await;
    let request = request.into_inner().data(call);
    state.schema.execute(request).await.into()
}

/// `GET /graphql` in development: GraphiQL. Paste `{"Authorization": "Bearer …"}` into
/// its headers pane.
pub async fn graphiql() -> Html<String> {
    Html(GraphiQLSource::build().endpoint("/graphql").finish())
}
