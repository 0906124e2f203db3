//! Sales orders and their shipments in the schema. Shipping completes a shipment:
//! finance invoices it (once) from the `ShipmentCompleted` event it emits.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::finance::invoice_id_for_shipment;
use constructos_commands::orders as commands;
use constructos_domain::orders::sales_order as domain;
use constructos_projections::orders::TradeOrderRow;
use constructos_services::orders::{self as operations, CancelSalesOrder, ConfirmSalesOrder};

use super::trade_types::{
    Delivery, LineQuantityInput, OrderChanged, OrderLine, OrderLineInput, OrderNumbered,
};
use crate::graphql::errors::{ask, error, request_id, ErrorCode};
use crate::graphql::finance::invoice_types::Decimal;
use crate::graphql::rand::Rand;

/// Where a sales order stands; SHIPPED (in full) and CANCELLED are final.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::SalesOrderStatus")]
pub enum SalesOrderStatus {
    Placed,
    Confirmed,
    PartShipped,
    Shipped,
    Cancelled,
}

/// Goods and services sold to a customer for a project.
#[derive(SimpleObject)]
pub struct SalesOrder {
    id: ID,
    /// `SO-<year>-<5 digits>`.
    number: String,
    customer_account_id: ID,
    project_id: ID,
    date: NaiveDate,
    status: SalesOrderStatus,
    /// Retention the customer withholds on its invoices, percent.
    retention_percent: Option<Decimal>,
    total_excl_vat: Rand,
    cancel_reason: Option<String>,
    /// Each with what was shipped of it to date.
    lines: Vec<OrderLine>,
    /// Each shipment: its delivery note and quantities per line.
    shipments: Vec<Delivery>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl SalesOrder {
    fn from_row(row: TradeOrderRow) -> async_graphql::Result<Self> {
        let status = domain::SalesOrderStatus::ALL
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
            customer_account_id: ID(row.account_id),
            project_id: ID(row.project_id),
            date: row.date,
            status: status.into(),
            retention_percent: row.retention_percent.map(|p| Decimal(p.normalize())),
            total_excl_vat: Rand(row.total_excl_vat),
            cancel_reason: row.reason,
            lines: row
                .lines
                .into_iter()
                .map(OrderLine::from_row)
                .collect::<async_graphql::Result<_>>()?,
            shipments: row
                .deliveries
                .into_iter()
                .map(|d| {
                    Delivery::from_row(d).map(|mut shipment| {
                        let invoice = invoice_id_for_shipment(&shipment.id);
                        shipment.invoice_id = Some(ID(invoice));
                        shipment
                    })
                })
                .collect::<async_graphql::Result<_>>()?,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// A sales order to place.
#[derive(InputObject)]
pub struct PlaceSalesOrderInput {
    /// A customer account orders knows from identity, not archived.
    customer_account_id: ID,
    project_id: ID,
    date: NaiveDate,
    lines: Vec<OrderLineInput>,
    /// Retention withheld, 0–20 (percent of each invoice's total incl. VAT).
    retention_percent: Option<Decimal>,
    /// The stock location (its code) the products come from: inventory reserves them
    /// there when the order is confirmed and issues them there when it ships. Without
    /// it, inventory is not told what to move.
    ship_from: Option<String>,
}

/// A shipment to complete.
#[derive(InputObject)]
pub struct ShipSalesOrderInput {
    sales_order_id: ID,
    /// The delivery note that travels with the goods: it names the shipment, so a
    /// shipment sent again with the same note is the same shipment (answered, not
    /// repeated).
    delivery_note: String,
    date: NaiveDate,
    /// What ships, per order line: never more than is still open on it.
    lines: Vec<LineQuantityInput>,
}

/// A shipment was completed.
#[derive(SimpleObject)]
pub struct ShipmentCompleted {
    /// The shipment: finance's invoice for it is UUID v5 of this id.
    shipment_id: ID,
    sales_order_id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct SalesOrdersQuery;

#[Object]
impl SalesOrdersQuery {
    /// Sales orders, newest number first (at most 500): all of them, or those of your
    /// projects when you are assigned to projects.
    async fn sales_orders(
        &self,
        ctx: &Context<'_>,
        project_id: Option<ID>,
        status: Option<SalesOrderStatus>,
    ) -> async_graphql::Result<Vec<SalesOrder>> {
        let op = operations::SalesOrders {
            project_id: project_id.map(|id| id.0),
            status: status.map(Into::into),
        };
        ask(ctx, op)
            .await?
            .into_iter()
            .map(SalesOrder::from_row)
            .collect()
    }

    /// One sales order, under the same rule.
    async fn sales_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<SalesOrder>> {
        let row = ask(ctx, operations::SalesOrder { id: id.0 }).await?;
        row.map(SalesOrder::from_row).transpose()
    }
}

#[derive(Default)]
pub struct SalesOrdersMutation;

#[Object]
impl SalesOrdersMutation {
    /// Places a sales order; answers its id and number.
    async fn place_sales_order(
        &self,
        ctx: &Context<'_>,
        input: PlaceSalesOrderInput,
    ) -> async_graphql::Result<OrderNumbered> {
        let command = commands::PlaceSalesOrderInput {
            customer_account_id: input.customer_account_id.0,
            project_id: input.project_id.0,
            date: input.date,
            lines: input.lines.into_iter().map(Into::into).collect(),
            retention_percent: input.retention_percent.map(|p| p.0),
            ship_from: input.ship_from,
        };
        let numbered = ask(ctx, command).await?;
        Ok(OrderNumbered {
            id: ID(numbered.id),
            number: numbered.number,
            correlation_id: request_id(ctx),
        })
    }

    /// Confirms a placed sales order: it may now be shipped.
    async fn confirm_sales_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<OrderChanged> {
        ask(ctx, ConfirmSalesOrder { id: id.0.clone() }).await?;
        Ok(OrderChanged {
            id,
            correlation_id: request_id(ctx),
        })
    }

    /// Cancels a sales order nothing of which is shipped.
    async fn cancel_sales_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<OrderChanged> {
        ask(
            ctx,
            CancelSalesOrder {
                id: id.0.clone(),
                reason,
            },
        )
        .await?;
        Ok(OrderChanged {
            id,
            correlation_id: request_id(ctx),
        })
    }

    /// Completes a shipment of a confirmed order (`ShipmentCompleted`, and
    /// `StockShipped` for its products).
    async fn ship_sales_order(
        &self,
        ctx: &Context<'_>,
        input: ShipSalesOrderInput,
    ) -> async_graphql::Result<ShipmentCompleted> {
        let sales_order_id = input.sales_order_id.clone();
        let command = commands::ShipSalesOrderInput {
            sales_order_id: input.sales_order_id.0,
            delivery_note: input.delivery_note,
            date: input.date,
            lines: input.lines.into_iter().map(Into::into).collect(),
        };
        let shipment = ask(ctx, command).await?;
        Ok(ShipmentCompleted {
            shipment_id: ID(shipment),
            sales_order_id,
            correlation_id: request_id(ctx),
        })
    }
}
