//! The orders service: projects, filtered row by row by the caller's assignments. Its
//! operations are declared in [`operations`]; [`endpoint`] serves them as
//! `POST /v1/orders`.

mod operations;
mod project_reads;
mod project_writes;

use constructos_commands::orders::OrdersCommands;
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::orders::OrdersError;
use constructos_infra::{db, Domain};
use constructos_projections::orders::{
    AssignmentsProjection, KnownAccountsProjection, OrdersProjection, OrdersQueries,
    ProjectActualsProjection,
};
use sqlx::PgPool;

pub use operations::{ChangeProjectStatus, Project, Projects};
pub use project_reads::{
    ClaimWithLines, ProjectBill, ProjectClaims, ProjectFigures, ProjectReleases,
    ProjectStatusFigures, ProjectVariations, ProjectWork,
};
pub use project_writes::{
    AddWorkDependency, AddWorkItem, ApproveProgressClaim, ApproveVariation, PreviewProgressClaim,
    ProposeVariation, RecordWorkProgress, RejectProgressClaim, RejectVariation, ReleaseRetention,
    SetBillOfQuantities, SetProjectContract, SubmitProgressClaim,
};

use crate::module::{no_tasks, DomainModule, Location, Subscription};
use crate::{Client, Endpoint, Service};

/// The orders service, answered from the orders database.
pub struct OrdersService {
    commands: OrdersCommands,
    queries: OrdersQueries,
}

/// The orders service as the gateway calls it.
pub type OrdersClient = Client<OrdersService>;

impl Service for OrdersService {
    const DOMAIN: Domain = Domain::Orders;
}

impl OrdersService {
    /// The service over the orders database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            commands: OrdersCommands::new(pool.clone()),
            queries: OrdersQueries::new(pool),
        }
    }

    /// Refuses a write that names project `id` unless the caller can see this one,
    /// through the very read `project(id)` answers with. A caller who sees every project
    /// is not read for: the aggregate decides whether it exists, so a project just
    /// opened can be changed before the read model has it.
    async fn require_project_in_scope(
        &self,
        ctx: &CommandContext,
        id: &str,
    ) -> Result<(), CommandError> {
        let Some(user) = ctx.project_scope()? else {
            return Ok(());
        };
        match self.queries.project(id, Some(user)).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(project_not_found()),
            Err(error) => Err(error.into()),
        }
    }

    /// Refuses a read of project `id`'s details unless the caller can see the project:
    /// the same read `project(id)` answers with, for every caller.
    async fn require_visible(&self, ctx: &CommandContext, id: &str) -> Result<(), CommandError> {
        let scope = ctx.project_scope()?;
        match self.queries.project(id, scope).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(project_not_found()),
            Err(error) => Err(error.into()),
        }
    }
}

/// Every orders operation, served as `POST /v1/orders`.
pub fn endpoint(pool: PgPool) -> Endpoint<OrdersService> {
    Endpoint::new(OrdersService::new(pool))
        .with::<constructos_commands::orders::CreateProjectInput>()
        .with::<ChangeProjectStatus>()
        .with::<Projects>()
        .with::<Project>()
        .with::<SetProjectContract>()
        .with::<SetBillOfQuantities>()
        .with::<AddWorkItem>()
        .with::<RecordWorkProgress>()
        .with::<AddWorkDependency>()
        .with::<ProposeVariation>()
        .with::<ApproveVariation>()
        .with::<RejectVariation>()
        .with::<SubmitProgressClaim>()
        .with::<ApproveProgressClaim>()
        .with::<RejectProgressClaim>()
        .with::<ReleaseRetention>()
        .with::<PreviewProgressClaim>()
        .with::<ProjectBill>()
        .with::<ProjectWork>()
        .with::<ProjectVariations>()
        .with::<ProjectClaims>()
        .with::<ProjectReleases>()
        .with::<ProjectStatusFigures>()
}

/// What a caller is told about a project that does not exist for them: the aggregate's
/// own refusal, word for word, so that an unknown id and a project outside the caller's
/// scope cannot be told apart.
fn project_not_found() -> CommandError {
    CommandError::NotFound(OrdersError::ProjectNotFound.to_string())
}

/// The orders domain: its migrations, read models, service and client.
pub const MODULE: DomainModule = DomainModule {
    domain: Domain::Orders,
    migrations: db::migrations::orders,
    subscriptions: |_, _| {
        vec![
            Subscription::new(Domain::Orders, OrdersProjection),
            // Orders keeps its own copies of who is assigned where and of the accounts
            // (a project's customer), from identity's topic.
            Subscription::new(Domain::Identity, AssignmentsProjection),
            Subscription::new(Domain::Identity, KnownAccountsProjection),
            // And of finance's postings to projects: the projects' actual cost.
            Subscription::new(Domain::Finance, ProjectActualsProjection),
        ]
    },
    tasks: no_tasks,
    router: |_, pool, validator| endpoint(pool).router(validator),
    connect: |_, location, clients| {
        clients.insert(match location {
            Location::Local(pool) => OrdersClient::local(OrdersService::new(pool)),
            Location::Remote(url) => OrdersClient::remote(&url),
        })
    },
};
