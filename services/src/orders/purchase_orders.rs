//! The purchase order and goods receipt operations, under the same row-level rule as
//! sales orders: a site or project manager raises, approves, receives against and
//! reads only orders of their projects.

use async_trait::async_trait;
use constructos_commands::orders::{Numbered, RaisePurchaseOrderInput, ReceiveGoodsInput};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::orders::purchase_order::PurchaseOrderStatus;
use constructos_projections::orders::{Trade, TradeOrderRow};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::sales_orders::scope;
use super::OrdersService;
use crate::{Call, Handle, Operation};

const WRITE: Access = Access::Requires(Permission::PurchaseOrdersWrite);
const APPROVE: Access = Access::Requires(Permission::PurchaseOrdersApprove);
const READ: Access = Access::Requires(Permission::PurchaseOrdersRead);

/// Raises a purchase order; answers its id and number.
impl Operation for RaisePurchaseOrderInput {
    type Service = OrdersService;
    type Answer = Numbered;
    const NAME: &'static str = "raise_purchase_order";
    const ACCESS: Access = WRITE;
}

#[async_trait]
impl Handle<RaisePurchaseOrderInput> for OrdersService {
    async fn handle(
        &self,
        call: &Call,
        op: RaisePurchaseOrderInput,
    ) -> Result<Numbered, CommandError> {
        self.require_order_project(&call.context, op.project_id.trim())
            .await?;
        self.purchases.raise(&call.context, op).await
    }
}

/// One purchase order named by id, with an optional reason: approve, reject, cancel
/// and close all take this shape.
macro_rules! order_operation {
    ($(#[$doc:meta])* $name:ident, $wire:literal, $access:expr, { $($field:ident: $ty:ty),* }, |$service:ident, $ctx:ident, $op:ident| $body:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Serialize, Deserialize)]
        pub struct $name {
            pub id: String,
            $(pub $field: $ty,)*
        }

        impl Operation for $name {
            type Service = OrdersService;
            type Answer = ();
            const NAME: &'static str = $wire;
            const ACCESS: Access = $access;
        }

        #[async_trait]
        impl Handle<$name> for OrdersService {
            async fn handle(&self, call: &Call, $op: $name) -> Result<(), CommandError> {
                let ($service, $ctx) = (self, &call.context);
                $service.require_order($ctx, Trade::Purchase, &$op.id).await?;
                $body
            }
        }
    };
}

order_operation!(
    /// Approves a raised order within the caller's highest approval limit.
    ApprovePurchaseOrder, "approve_purchase_order", APPROVE, {},
    |s, ctx, op| s.purchases.approve(ctx, &op.id).await
);
order_operation!(
    /// Rejects a raised order.
    RejectPurchaseOrder, "reject_purchase_order", APPROVE, { reason: String },
    |s, ctx, op| s.purchases.reject(ctx, &op.id, &op.reason).await
);
order_operation!(
    /// Cancels an order nothing of which is received.
    CancelPurchaseOrder, "cancel_purchase_order", WRITE, { reason: String },
    |s, ctx, op| s.purchases.cancel(ctx, &op.id, &op.reason).await
);
order_operation!(
    /// Closes an order something of which is received.
    ClosePurchaseOrder, "close_purchase_order", WRITE, { reason: Option<String> },
    |s, ctx, op| s.purchases.close(ctx, &op.id, op.reason.as_deref()).await
);

/// Records a goods received note; answers its id and GRN number.
impl Operation for ReceiveGoodsInput {
    type Service = OrdersService;
    type Answer = Numbered;
    const NAME: &'static str = "receive_goods";
    const ACCESS: Access = Access::Requires(Permission::GoodsReceive);
}

#[async_trait]
impl Handle<ReceiveGoodsInput> for OrdersService {
    async fn handle(&self, call: &Call, op: ReceiveGoodsInput) -> Result<Numbered, CommandError> {
        self.require_order(&call.context, Trade::Purchase, &op.purchase_order_id)
            .await?;
        self.purchases.receive(&call.context, op).await
    }
}

/// Purchase orders, newest number first, optionally of one project and status.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PurchaseOrders {
    pub project_id: Option<String>,
    pub status: Option<PurchaseOrderStatus>,
}

impl Operation for PurchaseOrders {
    type Service = OrdersService;
    type Answer = Vec<TradeOrderRow>;
    const NAME: &'static str = "purchase_orders";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<PurchaseOrders> for OrdersService {
    async fn handle(
        &self,
        call: &Call,
        op: PurchaseOrders,
    ) -> Result<Vec<TradeOrderRow>, CommandError> {
        let status = op.status.map(PurchaseOrderStatus::as_str);
        Ok(self
            .trade
            .trade_orders(
                Trade::Purchase,
                scope(&call.context),
                op.project_id.as_deref(),
                status,
            )
            .await?)
    }
}

/// One purchase order, if the caller may see it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PurchaseOrder {
    pub id: String,
}

impl Operation for PurchaseOrder {
    type Service = OrdersService;
    type Answer = Option<TradeOrderRow>;
    const NAME: &'static str = "purchase_order";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<PurchaseOrder> for OrdersService {
    async fn handle(
        &self,
        call: &Call,
        op: PurchaseOrder,
    ) -> Result<Option<TradeOrderRow>, CommandError> {
        Ok(self
            .trade
            .trade_order(Trade::Purchase, &op.id, scope(&call.context))
            .await?)
    }
}

/// A project's committed cost: Σ the open value of its approved purchase orders.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProjectCommitments {
    pub project_id: String,
}

/// What [`ProjectCommitments`] answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitments {
    pub project_id: String,
    /// Rand excl. VAT.
    pub committed: Decimal,
    /// Approved orders still committing something.
    pub open_orders: i64,
}

impl Operation for ProjectCommitments {
    type Service = OrdersService;
    type Answer = Commitments;
    const NAME: &'static str = "project_commitments";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<ProjectCommitments> for OrdersService {
    async fn handle(
        &self,
        call: &Call,
        op: ProjectCommitments,
    ) -> Result<Commitments, CommandError> {
        self.require_order_project(&call.context, &op.project_id)
            .await?;
        let (committed, open_orders) = self.trade.project_commitments(&op.project_id).await?;
        Ok(Commitments {
            project_id: op.project_id,
            committed,
            open_orders,
        })
    }
}
