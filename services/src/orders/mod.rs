//! The orders service: projects, filtered row by row by the caller's assignments. Its
//! operations are declared in [`operations`]; [`endpoint`] serves them as
//! `POST /v1/orders`.

mod operations;
mod project_reads;
mod project_writes;
mod purchase_orders;
mod sales_intake;
mod sales_orders;

use constructos_commands::orders::{OrdersCommands, PurchaseOrderCommands, SalesOrderCommands};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::orders::approval::ApprovalLimits;
use constructos_domain::orders::OrdersError;
use constructos_infra::{db, Domain};
use constructos_projections::orders::{
    AssignmentsProjection, KnownAccountsProjection, OrdersProjection, OrdersQueries,
    ProjectActualsProjection, TradeProjection, TradeQueries,
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
pub use purchase_orders::{
    ApprovePurchaseOrder, CancelPurchaseOrder, ClosePurchaseOrder, Commitments, ProjectCommitments,
    PurchaseOrder, PurchaseOrders, RejectPurchaseOrder,
};
pub use sales_intake::{project_code_for, SalesIntake};
pub use sales_orders::{CancelSalesOrder, ConfirmSalesOrder, SalesOrder, SalesOrders};

use crate::module::{no_tasks, DomainModule, Location, Subscription};
use crate::{Client, Endpoint, Service};

/// The orders service, answered from the orders database.
pub struct OrdersService {
    commands: OrdersCommands,
    queries: OrdersQueries,
    sales: SalesOrderCommands,
    purchases: PurchaseOrderCommands,
    trade: TradeQueries,
}

/// The orders service as the gateway calls it.
pub type OrdersClient = Client<OrdersService>;

impl Service for OrdersService {
    const DOMAIN: Domain = Domain::Orders;
}

impl OrdersService {
    /// The service over the orders database, approving purchase orders within
    /// `limits` (`CONSTRUCTOS_PO_APPROVAL_LIMITS`).
    pub fn new(pool: PgPool, limits: ApprovalLimits) -> Self {
        Self {
            commands: OrdersCommands::new(pool.clone()),
            queries: OrdersQueries::new(pool.clone()),
            sales: SalesOrderCommands::new(pool.clone()),
            purchases: PurchaseOrderCommands::new(pool.clone(), limits),
            trade: TradeQueries::new(pool),
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
pub fn endpoint(pool: PgPool, limits: ApprovalLimits) -> Endpoint<OrdersService> {
    use constructos_commands::orders as inputs;
    Endpoint::new(OrdersService::new(pool, limits))
        .with::<inputs::CreateProjectInput>()
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
        .with::<inputs::PlaceSalesOrderInput>()
        .with::<ConfirmSalesOrder>()
        .with::<CancelSalesOrder>()
        .with::<inputs::ShipSalesOrderInput>()
        .with::<SalesOrders>()
        .with::<SalesOrder>()
        .with::<inputs::RaisePurchaseOrderInput>()
        .with::<ApprovePurchaseOrder>()
        .with::<RejectPurchaseOrder>()
        .with::<CancelPurchaseOrder>()
        .with::<ClosePurchaseOrder>()
        .with::<inputs::ReceiveGoodsInput>()
        .with::<PurchaseOrders>()
        .with::<PurchaseOrder>()
        .with::<ProjectCommitments>()
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
    subscriptions: |_, pool| {
        vec![
            Subscription::new(Domain::Orders, OrdersProjection),
            // Every won opportunity, from sales' topic, opens one project in AWARDED;
            // every accepted quote places one sales order on it.
            Subscription::new(
                Domain::Sales,
                SalesIntake::new(
                    constructos_commands::orders::OrdersCommands::new(pool.clone()),
                    constructos_commands::orders::SalesOrderCommands::new(pool.clone()),
                ),
            ),
            Subscription::new(Domain::Orders, TradeProjection),
            // Orders keeps its own copies of who is assigned where and of the accounts
            // (a project's customer), from identity's topic.
            Subscription::new(Domain::Identity, AssignmentsProjection),
            Subscription::new(Domain::Identity, KnownAccountsProjection),
            // And of finance's postings to projects: the projects' actual cost.
            Subscription::new(Domain::Finance, ProjectActualsProjection),
        ]
    },
    tasks: no_tasks,
    router: |config, pool, validator| {
        endpoint(pool, config.po_approval_limits.clone()).router(validator)
    },
    connect: |config, location, clients| {
        clients.insert(match location {
            Location::Local(pool) => {
                OrdersClient::local(OrdersService::new(pool, config.po_approval_limits.clone()))
            }
            Location::Remote(url) => OrdersClient::remote(&url),
        })
    },
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Operation;
    use constructos_commands::orders as inputs;

    #[tokio::test]
    async fn the_endpoint_serves_every_orders_operation_once() {
        let mut every = vec![
            inputs::CreateProjectInput::NAME,
            ChangeProjectStatus::NAME,
            Projects::NAME,
            Project::NAME,
            SetProjectContract::NAME,
            SetBillOfQuantities::NAME,
            AddWorkItem::NAME,
            RecordWorkProgress::NAME,
            AddWorkDependency::NAME,
            ProposeVariation::NAME,
            ApproveVariation::NAME,
            RejectVariation::NAME,
            SubmitProgressClaim::NAME,
            ApproveProgressClaim::NAME,
            RejectProgressClaim::NAME,
            ReleaseRetention::NAME,
            PreviewProgressClaim::NAME,
            ProjectBill::NAME,
            ProjectWork::NAME,
            ProjectVariations::NAME,
            ProjectClaims::NAME,
            ProjectReleases::NAME,
            ProjectStatusFigures::NAME,
            inputs::PlaceSalesOrderInput::NAME,
            ConfirmSalesOrder::NAME,
            CancelSalesOrder::NAME,
            inputs::ShipSalesOrderInput::NAME,
            SalesOrders::NAME,
            SalesOrder::NAME,
            inputs::RaisePurchaseOrderInput::NAME,
            ApprovePurchaseOrder::NAME,
            RejectPurchaseOrder::NAME,
            CancelPurchaseOrder::NAME,
            ClosePurchaseOrder::NAME,
            inputs::ReceiveGoodsInput::NAME,
            PurchaseOrders::NAME,
            PurchaseOrder::NAME,
            ProjectCommitments::NAME,
        ];
        let count = every.len();
        every.sort_unstable();
        every.dedup();
        assert_eq!(every.len(), count, "two operations share a name");
        let pool = PgPool::connect_lazy("postgres://localhost/unused").expect("lazy pool");
        assert_eq!(endpoint(pool, ApprovalLimits::default()).names(), every);
    }
}
