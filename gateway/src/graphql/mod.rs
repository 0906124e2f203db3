//! The GraphQL schema: domain roots merged into one query and one mutation type.

mod compliance;
pub(crate) mod errors;
mod finance;
mod guard;
mod hr;
mod identity;
mod inventory;
mod orders;
mod page;
mod rand;
mod sales;

use async_graphql::{EmptySubscription, MergedObject, Schema, SchemaBuilder};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_SECURITY_POLICY;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use constructos_commands::CommandContext;
use constructos_infra::config::EdgeConfig;
use constructos_services::{Call, Clients};

use crate::auth::Authenticated;
use crate::edge::{body, refusal, ExecutorError, RequestIds};
use crate::AppState;

pub use crate::error_code::ErrorCode;
pub use guard::{field_rules, rbac_markdown, rule_for, Rule, ROOT_TYPES};

/// Every query field, merged from the domain roots.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    identity::IdentityQuery,
    orders::OrdersQuery,
    hr::HrQuery,
    finance::FinanceQuery,
    sales::SalesQuery,
    inventory::InventoryQuery,
    compliance::ComplianceQuery,
);

/// Every mutation, merged from the domain roots.
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(
    identity::IdentityMutation,
    orders::OrdersMutation,
    hr::HrMutation,
    finance::FinanceMutation,
    sales::SalesMutation,
    inventory::InventoryMutation,
    compliance::ComplianceMutation,
);

/// The gateway's schema type.
pub type ApiSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

fn builder() -> SchemaBuilder<QueryRoot, MutationRoot, EmptySubscription> {
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .extension(guard::FieldGuard)
}

/// The schema wired to the domain services, with the engine's own depth and complexity
/// limits of `edge` as a second check behind [`OperationLimits`](crate::edge::OperationLimits) (which the handler runs
/// before the engine parses, so what reaches these is bounded). Introspection only in
/// development.
pub fn build_schema(clients: Clients, dev_mode: bool, edge: &EdgeConfig) -> ApiSchema {
    let mut builder = builder()
        .data(clients)
        .limit_depth(edge.graphql_max_depth)
        .limit_complexity(edge.graphql_max_complexity);
    if !dev_mode {
        builder = builder.disable_introspection();
    }
    builder.finish()
}

/// The schema in SDL, as checked in at `schemas/graphql/schema.graphql`.
pub fn sdl() -> String {
    builder().finish().sdl()
}

/// `POST /graphql`, behind the per-IP limit and the body limit: authenticate (the
/// extractor), take a token from the subject's bucket, read the body, check the
/// allow-list, then execute with the caller in the context - on the GraphQL runtime,
/// within the deadline - and give every error a code.
pub async fn graphql_handler(
    State(state): State<AppState>,
    Authenticated { caller, token }: Authenticated,
    request: Request,
) -> Response {
    if let Err(refused) = state.edge.rate_limits.check_subject(&caller.subject) {
        tracing::info!(subject = %caller.subject, "rate limited by subject");
        return refused.into_response();
    }
    let (parts, body) = request.into_parts();
    let mut request = match body::read_request(&parts.headers, body).await {
        Ok(request) => request,
        Err(refused) => return refused,
    };
    if let Some(allowed) = &state.edge.persisted {
        if let Err(refused) = allowed.admit(&mut request) {
            tracing::info!(subject = %caller.subject, "operation not allow-listed");
            let refused = async_graphql::Response::from_errors(vec![refused]);
            return body::respond(&parts.headers, &refused);
        }
    }
    if request.query.trim().is_empty() {
        return body::bad_request("the body is not a GraphQL request: `query` is missing");
    }
    // Minted by `edge::request_id::mint`, the outermost layer; minted here only if the
    // handler ever runs without it.
    let ids = parts
        .extensions
        .get::<RequestIds>()
        .cloned()
        .unwrap_or_else(|| RequestIds::mint(None));
    let call = Call {
        context: CommandContext::new(caller, ids.request_id)
            .with_client_request_id(ids.client_request_id.as_deref()),
        token,
    };
    state.users.ensure_provisioned(&call).await;
    let schema = state.schema.clone();
    let executor = &state.edge.executor;
    let limits = state.edge.limits;
    let correlation_id = call.context.correlation_id.clone();
    let mut response = match executor
        .run(async move {
            match limits.admit(&mut request) {
                Ok(()) => schema.execute(request.data(call)).await,
                Err(refused) => async_graphql::Response::from_errors(vec![refused]),
            }
        })
        .await
    {
        Ok(response) => response,
        Err(ExecutorError::Timeout(deadline)) => {
            tracing::warn!(correlation_id = %correlation_id, ?deadline, "request cancelled at its deadline");
            return refusal(
                StatusCode::GATEWAY_TIMEOUT,
                ErrorCode::Timeout,
                &format!(
                    "the request did not finish within {} s and was cancelled; a mutation may \
                     have taken effect before that, so check before sending it again",
                    deadline.as_secs_f64()
                ),
            );
        }
        Err(ExecutorError::Failed(cause)) => {
            tracing::error!(correlation_id = %correlation_id, cause = %cause, "request failed");
            return refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "internal error",
            );
        }
    };
    errors::ensure_codes(&mut response.errors);
    body::respond(&parts.headers, &response)
}

/// `GET /graphql` in development: GraphiQL, with a Content-Security-Policy that lets
/// exactly it load. Paste `{"Authorization": "Bearer …"}` into its headers pane.
pub async fn graphiql(State(state): State<AppState>) -> Response {
    let page = &state.edge.graphiql;
    (
        [(CONTENT_SECURITY_POLICY, page.csp.clone())],
        Html(page.html.clone()),
    )
        .into_response()
}
