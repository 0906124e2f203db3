//! The sales order operations. Row-level: a caller narrowed to their projects
//! (`domain::orders::order_scope`) sees and acts only on orders of those projects; any
//! other order answers `NOT_FOUND`, exactly as an unknown one.

use async_trait::async_trait;
use constructos_commands::orders::{Numbered, PlaceSalesOrderInput, ShipSalesOrderInput};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::{Access, Permission};
use constructos_domain::orders::sales_order::SalesOrderStatus;
use constructos_domain::orders::{order_scope, TradeError};
use constructos_projections::orders::{Trade, TradeOrderRow};
use serde::{Deserialize, Serialize};

use super::{project_not_found, OrdersService};
use crate::{Call, Handle, Operation};

/// The caller's row-level scope of orders.
pub(super) fn scope(ctx: &CommandContext) -> Option<&str> {
    order_scope(&ctx.caller.roles, ctx.caller.user_id())
}

impl OrdersService {
    /// Refuses unless the caller may see project `id` (not read for those who see all).
    pub(super) async fn require_order_project(
        &self,
        ctx: &CommandContext,
        id: &str,
    ) -> Result<(), CommandError> {
        let Some(user) = scope(ctx) else {
            return Ok(());
        };
        match self.queries.project(id, Some(user)).await? {
            Some(_) => Ok(()),
            None => Err(project_not_found()),
        }
    }

    /// Refuses unless the caller may see the order `id` of `trade`, with the
    /// aggregate's own "does not exist".
    pub(super) async fn require_order(
        &self,
        ctx: &CommandContext,
        trade: Trade,
        id: &str,
    ) -> Result<(), CommandError> {
        let Some(user) = scope(ctx) else {
            return Ok(());
        };
        if self
            .trade
            .trade_order(trade, id, Some(user))
            .await?
            .is_some()
        {
            return Ok(());
        }
        Err(CommandError::NotFound(
            match trade {
                Trade::Sales => TradeError::SalesOrderNotFound,
                Trade::Purchase => TradeError::PurchaseOrderNotFound,
            }
            .to_string(),
        ))
    }
}

const WRITE: Access = Access::Requires(Permission::SalesOrdersWrite);
const READ: Access = Access::Requires(Permission::SalesOrdersRead);

/// Places a sales order; answers its id and number.
impl Operation for PlaceSalesOrderInput {
    type Service = OrdersService;
    type Answer = Numbered;
    const NAME: &'static str = "place_sales_order";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<PlaceSalesOrderInput> for OrdersService {
    async fn handle(
        &self,
        call: &Call,
        op: PlaceSalesOrderInput,
    ) -> Result<Numbered, CommandError> {
        self.require_order_project(&call.context, op.project_id.trim())
            .await?;
        self.sales.place(&call.context, op).await
    }
}

/// Confirms a placed sales order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfirmSalesOrder {
    pub id: String,
}

impl Operation for ConfirmSalesOrder {
    type Service = OrdersService;
    type Answer = ();
    const NAME: &'static str = "confirm_sales_order";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<ConfirmSalesOrder> for OrdersService {
    async fn handle(&self, call: &Call, op: ConfirmSalesOrder) -> Result<(), CommandError> {
        self.require_order(&call.context, Trade::Sales, &op.id)
            .await?;
        self.sales.confirm(&call.context, &op.id).await
    }
}

/// Cancels a sales order nothing of which is shipped.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CancelSalesOrder {
    pub id: String,
    pub reason: String,
}

impl Operation for CancelSalesOrder {
    type Service = OrdersService;
    type Answer = ();
    const NAME: &'static str = "cancel_sales_order";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<CancelSalesOrder> for OrdersService {
    async fn handle(&self, call: &Call, op: CancelSalesOrder) -> Result<(), CommandError> {
        self.require_order(&call.context, Trade::Sales, &op.id)
            .await?;
        self.sales.cancel(&call.context, &op.id, &op.reason).await
    }
}

/// Completes a shipment; answers the shipment's id.
impl Operation for ShipSalesOrderInput {
    type Service = OrdersService;
    type Answer = String;
    const NAME: &'static str = "ship_sales_order";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<ShipSalesOrderInput> for OrdersService {
    async fn handle(&self, call: &Call, op: ShipSalesOrderInput) -> Result<String, CommandError> {
        self.require_order(&call.context, Trade::Sales, &op.sales_order_id)
            .await?;
        self.sales.ship(&call.context, op).await
    }
}

/// Sales orders, newest number first, optionally of one project and status.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SalesOrders {
    pub project_id: Option<String>,
    pub status: Option<SalesOrderStatus>,
}

impl Operation for SalesOrders {
    type Service = OrdersService;
    type Answer = Vec<TradeOrderRow>;
    const NAME: &'static str = "sales_orders";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<SalesOrders> for OrdersService {
    async fn handle(
        &self,
        call: &Call,
        op: SalesOrders,
    ) -> Result<Vec<TradeOrderRow>, CommandError> {
        let status = op.status.map(SalesOrderStatus::as_str);
        Ok(self
            .trade
            .trade_orders(
                Trade::Sales,
                scope(&call.context),
                op.project_id.as_deref(),
                status,
            )
            .await?)
    }
}

/// One sales order, if the caller may see it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SalesOrder {
    pub id: String,
}

impl Operation for SalesOrder {
    type Service = OrdersService;
    type Answer = Option<TradeOrderRow>;
    const NAME: &'static str = "sales_order";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<SalesOrder> for OrdersService {
    async fn handle(
        &self,
        call: &Call,
        op: SalesOrder,
    ) -> Result<Option<TradeOrderRow>, CommandError> {
        Ok(self
            .trade
            .trade_order(Trade::Sales, &op.id, scope(&call.context))
            .await?)
    }
}
