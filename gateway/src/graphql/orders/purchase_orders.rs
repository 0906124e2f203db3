//! Purchase orders, their approval within role limits, goods receipts and a project's
//! committed cost in the schema.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::orders as commands;
use constructos_domain::orders::purchase_order as domain;
use constructos_projections::orders::TradeOrderRow;
use constructos_services::orders::{
    self as operations, ApprovePurchaseOrder, CancelPurchaseOrder, ClosePurchaseOrder,
    ProjectCommitments as Commitments, RejectPurchaseOrder,
};

use super::trade_types::{
    Delivery, LineQuantityInput, OrderChanged, OrderLine, OrderLineInput, OrderNumbered,
};
use crate::graphql::errors::{ask, error, request_id, ErrorCode};
use crate::graphql::rand::Rand;

/// Where a purchase order stands; REJECTED, CANCELLED and CLOSED are final.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::PurchaseOrderStatus")]
pub enum PurchaseOrderStatus {
    Raised,
    Approved,
    Rejected,
    PartReceived,
    Received,
    Cancelled,
    Closed,
}

/// Goods or a subcontractor's work bought for a project and cost code.
#[derive(SimpleObject)]
pub struct PurchaseOrder {
    id: ID,
    /// `PO-<year>-<5 digits>`.
    number: String,
    /// A vendor or subcontractor account.
    vendor_account_id: ID,
    project_id: ID,
    cost_code: String,
    date: NaiveDate,
    status: PurchaseOrderStatus,
    total_excl_vat: Rand,
    /// Its open committed value: the total once approved, nought when cancelled, the
    /// value received when closed.
    committed: Rand,
    approved_by: Option<String>,
    /// The role whose limit covered the order.
    approver_role: Option<String>,
    /// Why it was rejected, cancelled or closed.
    reason: Option<String>,
    /// Each with what was received of it to date.
    lines: Vec<OrderLine>,
    /// Goods received notes, by number.
    goods_receipts: Vec<Delivery>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl PurchaseOrder {
    fn from_row(row: TradeOrderRow) -> async_graphql::Result<Self> {
        let status = domain::PurchaseOrderStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == row.status)
            .ok_or_else(|| {
                error(
                    ErrorCode::Internal,
                    format!("unknown status {}", row.status),
                )
            })?;
        Ok(Self {
            id: ID(row.id),
            number: row.number,
            vendor_account_id: ID(row.account_id),
            project_id: ID(row.project_id),
            cost_code: row.cost_code.unwrap_or_default(),
            date: row.date,
            status: status.into(),
            total_excl_vat: Rand(row.total_excl_vat),
            committed: Rand(row.committed.unwrap_or_default()),
            approved_by: row.approved_by,
            approver_role: row.approver_role,
            reason: row.reason,
            lines: row
                .lines
                .into_iter()
                .map(OrderLine::from_row)
                .collect::<async_graphql::Result<_>>()?,
            goods_receipts: row
                .deliveries
                .into_iter()
                .map(Delivery::from_row)
                .collect::<async_graphql::Result<_>>()?,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// A project's committed cost.
#[derive(SimpleObject)]
pub struct ProjectCommitments {
    project_id: ID,
    /// Σ the open value of its approved purchase orders, excl. VAT.
    committed: Rand,
    /// Approved orders still committing something.
    open_orders: i64,
}

/// A purchase order to raise.
#[derive(InputObject)]
pub struct RaisePurchaseOrderInput {
    /// A vendor or subcontractor account orders knows from identity, not archived.
    vendor_account_id: ID,
    project_id: ID,
    cost_code: String,
    date: NaiveDate,
    lines: Vec<OrderLineInput>,
}

/// A goods received note to record.
#[derive(InputObject)]
pub struct ReceiveGoodsInput {
    purchase_order_id: ID,
    date: NaiveDate,
    /// What arrived, per order line: received to date never exceeds ordered.
    lines: Vec<LineQuantityInput>,
    /// The stock location (its code) the goods go into: inventory books the lines with
    /// a SKU in there at the order's price, and their bills clear goods received not
    /// invoiced. Without it the goods go straight to the project.
    into_location: Option<String>,
}

#[derive(Default)]
pub struct PurchaseOrdersQuery;

#[Object]
impl PurchaseOrdersQuery {
    /// Purchase orders, newest number first (at most 500): all of them, or those of
    /// your projects when you are assigned to projects.
    async fn purchase_orders(
        &self,
        ctx: &Context<'_>,
        project_id: Option<ID>,
        status: Option<PurchaseOrderStatus>,
    ) -> async_graphql::Result<Vec<PurchaseOrder>> {
        let op = operations::PurchaseOrders {
            project_id: project_id.map(|id| id.0),
            status: status.map(Into::into),
        };
        ask(ctx, op)
            .await?
            .into_iter()
            .map(PurchaseOrder::from_row)
            .collect()
    }

    /// One purchase order, under the same rule.
    async fn purchase_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<PurchaseOrder>> {
        let row = ask(ctx, operations::PurchaseOrder { id: id.0 }).await?;
        row.map(PurchaseOrder::from_row).transpose()
    }

    /// A project's committed cost (`NOT_FOUND` for a project you may not see).
    async fn project_commitments(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
    ) -> async_graphql::Result<ProjectCommitments> {
        let answer = ask(
            ctx,
            Commitments {
                project_id: project_id.0,
            },
        )
        .await?;
        Ok(ProjectCommitments {
            project_id: ID(answer.project_id),
            committed: Rand(answer.committed),
            open_orders: answer.open_orders,
        })
    }
}

#[derive(Default)]
pub struct PurchaseOrdersMutation;

fn changed(ctx: &Context<'_>, id: ID) -> OrderChanged {
    OrderChanged {
        id,
        correlation_id: request_id(ctx),
    }
}

#[Object]
impl PurchaseOrdersMutation {
    /// Raises a purchase order; answers its id and number.
    async fn raise_purchase_order(
        &self,
        ctx: &Context<'_>,
        input: RaisePurchaseOrderInput,
    ) -> async_graphql::Result<OrderNumbered> {
        let command = commands::RaisePurchaseOrderInput {
            vendor_account_id: input.vendor_account_id.0,
            project_id: input.project_id.0,
            cost_code: input.cost_code,
            date: input.date,
            lines: input.lines.into_iter().map(Into::into).collect(),
        };
        let numbered = ask(ctx, command).await?;
        Ok(OrderNumbered {
            id: ID(numbered.id),
            number: numbered.number,
            correlation_id: request_id(ctx),
        })
    }

    /// Approves a raised order, if its total excl. VAT is within your highest role's
    /// approval limit (your own orders included).
    async fn approve_purchase_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<OrderChanged> {
        ask(ctx, ApprovePurchaseOrder { id: id.0.clone() }).await?;
        Ok(changed(ctx, id))
    }

    /// Rejects a raised order.
    async fn reject_purchase_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<OrderChanged> {
        ask(
            ctx,
            RejectPurchaseOrder {
                id: id.0.clone(),
                reason,
            },
        )
        .await?;
        Ok(changed(ctx, id))
    }

    /// Cancels an order nothing of which is received.
    async fn cancel_purchase_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<OrderChanged> {
        ask(
            ctx,
            CancelPurchaseOrder {
                id: id.0.clone(),
                reason,
            },
        )
        .await?;
        Ok(changed(ctx, id))
    }

    /// Closes an order something of which is received: the rest will not come.
    async fn close_purchase_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: Option<String>,
    ) -> async_graphql::Result<OrderChanged> {
        ask(
            ctx,
            ClosePurchaseOrder {
                id: id.0.clone(),
                reason,
            },
        )
        .await?;
        Ok(changed(ctx, id))
    }

    /// Records goods received against an approved order; answers the note's id and
    /// its GRN number.
    async fn receive_goods(
        &self,
        ctx: &Context<'_>,
        input: ReceiveGoodsInput,
    ) -> async_graphql::Result<OrderNumbered> {
        let command = commands::ReceiveGoodsInput {
            purchase_order_id: input.purchase_order_id.0,
            date: input.date,
            lines: input.lines.into_iter().map(Into::into).collect(),
            into_location: input.into_location,
        };
        let numbered = ask(ctx, command).await?;
        Ok(OrderNumbered {
            id: ID(numbered.id),
            number: numbered.number,
            correlation_id: request_id(ctx),
        })
    }
}
