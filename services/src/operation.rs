//! One typed transport for every domain. An operation is declared once — its input
//! type, its answer type, its name on the wire and who may ask for it — and travels
//! through one generic [`Client`]: in process, or as `POST /v1/<domain>` to the domain's
//! own service ([`Endpoint`]), where the caller's token is validated again. Either way
//! the same [`dispatch`] checks the operation's [`Access`] and runs the same handler.
//!
//! ```text
//! gateway resolver ── client.call(&call, CreateProjectInput {..}) ──▶ Client<Orders>
//!        in process: dispatch ──▶ Orders::handle(CreateProjectInput)
//!        remote:     POST /v1/orders {"op":"create_project","input":{..}}
//!                    └─▶ Endpoint<Orders>: token re-validated ──▶ dispatch ──▶ same handler
//! ```

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use async_trait::async_trait;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use constructos_commands::CommandError;
use constructos_domain::access::Access;
use constructos_infra::auth::TokenValidator;
use constructos_infra::Domain;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::transport::{authenticate, failure, unauthorized, RemoteEndpoint};
use crate::Call;

/// A domain's service: the in-process implementation of its operations.
pub trait Service: Send + Sync + 'static {
    /// The domain it answers for; its endpoint is `POST /v1/<domain>`.
    const DOMAIN: Domain;
}

/// One thing a domain service does. The value is the operation's input.
pub trait Operation: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The service that answers it.
    type Service: Handle<Self>;
    /// What it answers.
    type Answer: Serialize + DeserializeOwned + Send + 'static;
    /// Its name on the wire, unique within its service, e.g. `create_project`.
    const NAME: &'static str;
    /// Who may ask for it; checked before the handler runs. Row-level rules (whose
    /// rows) are the handler's.
    const ACCESS: Access;
}

/// How a service answers one operation.
#[async_trait]
pub trait Handle<Op: Operation>: Service {
    /// Answers `op` for `call`; [`Operation::ACCESS`] has been checked already.
    async fn handle(&self, call: &Call, op: Op) -> Result<Op::Answer, CommandError>;
}

/// Checks the operation's access, then answers it: the one path of every operation, in
/// process and behind the endpoint.
pub async fn dispatch<Op: Operation>(
    service: &Op::Service,
    call: &Call,
    op: Op,
) -> Result<Op::Answer, CommandError> {
    call.context.permit(Op::ACCESS)?;
    service.handle(call, op).await
}

/// The body of `POST /v1/<domain>`.
#[derive(Debug, Serialize, Deserialize)]
struct Envelope<T> {
    op: String,
    input: T,
}

/// A domain's service as a caller sees it: in this process, or at another address.
pub struct Client<S> {
    located: Located<S>,
}

enum Located<S> {
    Local(Arc<S>),
    Remote(RemoteEndpoint),
}

impl<S> Clone for Client<S> {
    fn clone(&self) -> Self {
        let located = match &self.located {
            Located::Local(service) => Located::Local(service.clone()),
            Located::Remote(endpoint) => Located::Remote(endpoint.clone()),
        };
        Self { located }
    }
}

impl<S: Service> Client<S> {
    /// The service in this process.
    pub fn local(service: S) -> Self {
        Self {
            located: Located::Local(Arc::new(service)),
        }
    }

    /// The service at `base_url` (its `POST /v1/<domain>`).
    pub fn remote(base_url: &str) -> Self {
        Self {
            located: Located::Remote(RemoteEndpoint::new(base_url, &path(S::DOMAIN))),
        }
    }

    /// Asks the service for `op` on behalf of `call`.
    pub async fn call<Op>(&self, call: &Call, op: Op) -> Result<Op::Answer, CommandError>
    where
        Op: Operation<Service = S>,
    {
        match &self.located {
            Located::Local(service) => dispatch(service.as_ref(), call, op).await,
            Located::Remote(endpoint) => {
                let envelope = Envelope {
                    op: Op::NAME.to_string(),
                    input: op,
                };
                endpoint.call(call, &envelope).await
            }
        }
    }
}

/// The path of a domain service's endpoint.
pub fn path(domain: Domain) -> String {
    format!("/v1/{}", domain.name())
}

type Answering<S> = fn(Arc<S>, Call, Value) -> Pin<Box<dyn Future<Output = Reply> + Send>>;
type Reply = Result<Value, CommandError>;

/// The server side of a domain's service: `POST /v1/<domain>` answering every operation
/// registered with [`Endpoint::with`].
pub struct Endpoint<S> {
    service: Arc<S>,
    operations: HashMap<&'static str, Answering<S>>,
}

impl<S: Service> Endpoint<S> {
    /// An endpoint for `service`, answering nothing yet.
    pub fn new(service: S) -> Self {
        Self {
            service: Arc::new(service),
            operations: HashMap::new(),
        }
    }

    /// Answers `Op` too. A name registered twice keeps the first (and a test of each
    /// domain's endpoint fails on it: see [`Endpoint::names`]).
    pub fn with<Op: Operation<Service = S>>(mut self) -> Self {
        self.operations.entry(Op::NAME).or_insert(answer::<Op>);
        self
    }

    /// The registered operation names, sorted.
    pub fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<_> = self.operations.keys().copied().collect();
        names.sort_unstable();
        names
    }

    /// The routes: `POST /v1/<domain>`, the bearer token validated again.
    pub fn router(self, validator: Arc<TokenValidator>) -> Router {
        let shared = Arc::new(self);
        let serve = move |State(validator): State<Arc<TokenValidator>>,
                          headers: HeaderMap,
                          Json(envelope): Json<Envelope<Value>>| {
            let endpoint = shared.clone();
            async move { endpoint.serve(&validator, &headers, envelope).await }
        };
        Router::new()
            .route(&path(S::DOMAIN), post(serve))
            .with_state(validator)
    }

    async fn serve(
        &self,
        validator: &TokenValidator,
        headers: &HeaderMap,
        envelope: Envelope<Value>,
    ) -> Response {
        let Some(call) = authenticate(validator, headers).await else {
            return unauthorized();
        };
        let Some(answer) = self.operations.get(envelope.op.as_str()) else {
            let error = CommandError::Rejected(format!(
                "the {} service has no operation '{}'",
                S::DOMAIN,
                envelope.op
            ));
            return failure(&call, &error);
        };
        match answer(self.service.clone(), call.clone(), envelope.input).await {
            Ok(value) => Json(value).into_response(),
            Err(error) => failure(&call, &error),
        }
    }
}

fn answer<Op: Operation>(
    service: Arc<Op::Service>,
    call: Call,
    input: Value,
) -> Pin<Box<dyn Future<Output = Reply> + Send>> {
    Box::pin(async move {
        let op: Op = serde_json::from_value(input).map_err(|e| {
            CommandError::Rejected(format!("the input of '{}' does not read: {e}", Op::NAME))
        })?;
        let answer = dispatch(service.as_ref(), &call, op).await?;
        serde_json::to_value(answer)
            .map_err(|e| CommandError::Internal(format!("answer of '{}': {e}", Op::NAME)))
    })
}

/// The clients of every domain a process talks to, one per service type: what the
/// gateway's resolvers ask for by type.
#[derive(Clone, Default)]
pub struct Clients {
    by_type: HashMap<TypeId, Arc<dyn Any + Send + Sync>>,
}

impl Clients {
    /// Adds (or replaces) the client of `S`.
    pub fn insert<S: Service>(&mut self, client: Client<S>) {
        self.by_type.insert(TypeId::of::<S>(), Arc::new(client));
    }

    /// The client of `S`; an internal error when this process was not given one.
    pub fn get<S: Service>(&self) -> Result<&Client<S>, CommandError> {
        self.by_type
            .get(&TypeId::of::<S>())
            .and_then(|client| client.downcast_ref::<Client<S>>())
            .ok_or_else(|| {
                CommandError::Internal(format!("no client of the {} service", S::DOMAIN))
            })
    }
}

#[cfg(test)]
mod tests {
    use constructos_commands::CommandContext;
    use constructos_domain::access::{Permission, Role};
    use constructos_infra::auth::Caller;

    use super::*;

    /// A service with one operation, to show the transport's rules without a database.
    struct Echo;

    impl Service for Echo {
        const DOMAIN: Domain = Domain::Documents;
    }

    #[derive(Debug, Serialize, Deserialize)]
    struct Shout(String);

    impl Operation for Shout {
        type Service = Echo;
        type Answer = String;
        const NAME: &'static str = "shout";
        const ACCESS: Access = Access::Requires(Permission::LeadsWrite);
    }

    #[async_trait]
    impl Handle<Shout> for Echo {
        async fn handle(&self, _: &Call, op: Shout) -> Result<String, CommandError> {
            Ok(op.0.to_uppercase())
        }
    }

    fn call(roles: Vec<Role>) -> Call {
        let caller = Caller {
            subject: "s".into(),
            object_id: None,
            tenant_id: None,
            name: None,
            username: None,
            roles,
        };
        Call {
            context: CommandContext::new(caller, "c"),
            token: String::new(),
        }
    }

    #[tokio::test]
    async fn an_operation_runs_only_for_a_caller_its_access_admits() {
        let client = Client::local(Echo);
        let answer = client
            .call(&call(vec![Role::SalesRep]), Shout("hi".into()))
            .await;
        assert_eq!(answer.ok().as_deref(), Some("HI"));
        let refused = client
            .call(&call(vec![Role::Employee]), Shout("hi".into()))
            .await;
        assert!(matches!(
            refused,
            Err(CommandError::Forbidden(Permission::LeadsWrite))
        ));
    }

    #[test]
    fn clients_are_found_by_service_type() {
        let mut clients = Clients::default();
        assert!(clients.get::<Echo>().is_err());
        clients.insert(Client::local(Echo));
        assert!(clients.get::<Echo>().is_ok());
    }

    #[test]
    fn an_endpoint_lists_each_operation_once() {
        let endpoint = Endpoint::new(Echo).with::<Shout>().with::<Shout>();
        assert_eq!(endpoint.names(), ["shout"]);
        assert_eq!(path(Echo::DOMAIN), "/v1/documents");
    }
}
