//! Stock in the schema: what each location holds, valued at weighted average cost; the
//! receipts, issues, reservations, adjustments and transfers that change it; and the
//! products low on stock.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use chrono::{DateTime, Utc};
use constructos_commands::inventory::{
    AdjustStockInput, IssueStockInput, ReceiveStockInput, ReceiveTransferInput,
    ReleaseReservationInput, ReserveStockInput, TransferStockInput,
};
use constructos_domain::inventory as domain;
use constructos_projections::inventory::{
    LowStockRow, StockLevelRow, StockMovementRow, TransferRow,
};
use constructos_services::inventory::{LowStock, StockLevels, StockMovements, Transfers};

use crate::graphql::errors::{ask, request_id};
use crate::graphql::finance::Decimal;
use crate::graphql::rand::Rand;

/// A product's stock at one location.
#[derive(SimpleObject)]
pub struct StockLevel {
    /// The stock position's id (one per product × location).
    id: ID,
    /// The product's SKU.
    product: String,
    /// The catalogue's description of the product and its stock unit.
    description: Option<String>,
    unit: Option<String>,
    /// The warehouse or site store's code.
    location: String,
    on_hand: Decimal,
    reserved: Decimal,
    /// On hand less reserved.
    available: Decimal,
    /// What is on hand is worth, at weighted average cost.
    value: Rand,
    /// The weighted average unit cost (4 places); null while nothing is on hand.
    average_cost: Option<Decimal>,
    /// The product's reorder level.
    reorder_level: Option<Decimal>,
    /// A warehouse position at or below its product's reorder level.
    low: bool,
    updated_at: DateTime<Utc>,
}

impl From<StockLevelRow> for StockLevel {
    fn from(row: StockLevelRow) -> Self {
        Self {
            id: ID(row.id),
            product: row.product,
            description: row.description,
            unit: row.unit,
            location: row.location,
            on_hand: Decimal(row.on_hand),
            reserved: Decimal(row.reserved),
            available: Decimal(row.available),
            value: Rand(row.value),
            average_cost: row.average_cost.map(Decimal),
            reorder_level: row.reorder_level.map(Decimal),
            low: row.low,
            updated_at: row.updated_at,
        }
    }
}

/// One line of a stock card.
#[derive(SimpleObject)]
pub struct StockMovement {
    sequence: i64,
    /// RECEIPT, ISSUE, ADJUSTMENT, TRANSFER_OUT or TRANSFER_IN.
    kind: String,
    /// Signed: in is positive, out negative.
    quantity: Decimal,
    /// Signed, in rand.
    value: Rand,
    project_id: Option<String>,
    cost_code: Option<String>,
    reference: Option<String>,
    occurred_at: DateTime<Utc>,
}

impl From<StockMovementRow> for StockMovement {
    fn from(row: StockMovementRow) -> Self {
        Self {
            sequence: row.sequence,
            kind: row.kind,
            quantity: Decimal(row.quantity),
            value: Rand(row.value),
            project_id: row.project_id,
            cost_code: row.cost_code,
            reference: row.reference,
            occurred_at: row.occurred_at,
        }
    }
}

/// Why a count or a loss changed the stock on hand.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::AdjustmentReason")]
pub enum AdjustmentReason {
    Count,
    Damage,
    Theft,
    Other,
}

/// Goods to issue to a project's cost code.
#[derive(InputObject)]
#[graphql(name = "IssueStockInput")]
pub struct IssueStock {
    /// The product's SKU.
    product: String,
    /// The warehouse or site store's code.
    location: String,
    quantity: Decimal,
    project_id: ID,
    cost_code: String,
    /// The reservation to draw on first, if the goods were reserved.
    reservation_id: Option<ID>,
    /// The unit `quantity` is in, e.g. `pallet` (the stock unit if none).
    unit: Option<String>,
}

/// Goods to send from one location to another.
#[derive(InputObject)]
#[graphql(name = "TransferStockInput")]
pub struct TransferStock {
    /// The product's SKU.
    product: String,
    from_location: String,
    to_location: String,
    quantity: Decimal,
    /// The unit `quantity` is in (the stock unit if none).
    unit: Option<String>,
    /// The delivery note or requisition it travels on.
    reference: String,
}

/// A product at or below its reorder level over the warehouses.
#[derive(SimpleObject)]
pub struct LowStockItem {
    sku: String,
    description: String,
    unit: String,
    /// On hand less reserved, over every warehouse.
    available: Decimal,
    /// On its way to a warehouse.
    in_transit: Decimal,
    reorder_level: Decimal,
    /// How much to order.
    reorder_quantity: Decimal,
    preferred_vendor_id: Option<ID>,
}

impl From<LowStockRow> for LowStockItem {
    fn from(row: LowStockRow) -> Self {
        Self {
            sku: row.sku,
            description: row.description,
            unit: row.unit,
            available: Decimal(row.available),
            in_transit: Decimal(row.in_transit),
            reorder_level: Decimal(row.reorder_level),
            reorder_quantity: Decimal(row.reorder_quantity),
            preferred_vendor_id: row.preferred_vendor.map(ID),
        }
    }
}

/// Goods sent between two locations; in transit until received.
#[derive(SimpleObject)]
pub struct StockTransfer {
    id: ID,
    product: String,
    from_location: String,
    to_location: String,
    quantity: Decimal,
    /// What left the source; the destination receives exactly this value.
    value: Rand,
    reference: String,
    dispatched_at: DateTime<Utc>,
    /// Null while in transit.
    received_at: Option<DateTime<Utc>>,
}

impl From<TransferRow> for StockTransfer {
    fn from(row: TransferRow) -> Self {
        Self {
            id: ID(row.id),
            product: row.product,
            from_location: row.from_location,
            to_location: row.to_location,
            quantity: Decimal(row.quantity),
            value: Rand(row.value),
            reference: row.reference,
            dispatched_at: row.dispatched_at,
            received_at: row.received_at,
        }
    }
}

/// A stock command was accepted.
#[derive(SimpleObject)]
pub struct StockChanged {
    /// The stock position's id; the reservation's for `reserveStock`, the transfer's for
    /// `transferStock` and `receiveTransfer`.
    id: ID,
    correlation_id: String,
}

fn changed(ctx: &Context<'_>, id: String) -> StockChanged {
    StockChanged {
        id: ID(id),
        correlation_id: request_id(ctx),
    }
}

#[derive(Default)]
pub struct StockQuery;

#[Object]
impl StockQuery {
    /// Stock levels by location and product (at most 500), optionally of one location
    /// or one product.
    async fn stock_levels(
        &self,
        ctx: &Context<'_>,
        location: Option<String>,
        product: Option<String>,
    ) -> async_graphql::Result<Vec<StockLevel>> {
        let rows = ask(ctx, StockLevels { location, product }).await?;
        Ok(rows.into_iter().map(StockLevel::from).collect())
    }

    /// The stock card of a product at a location: its latest 500 movements, oldest first.
    async fn stock_movements(
        &self,
        ctx: &Context<'_>,
        product: String,
        location: String,
    ) -> async_graphql::Result<Vec<StockMovement>> {
        let rows = ask(ctx, StockMovements { product, location }).await?;
        Ok(rows.into_iter().map(StockMovement::from).collect())
    }

    /// Products at or below their reorder level over the warehouses, counting what is on
    /// its way to one; lowest cover first.
    async fn low_stock(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<LowStockItem>> {
        let rows = ask(ctx, LowStock {}).await?;
        Ok(rows.into_iter().map(LowStockItem::from).collect())
    }

    /// Transfers between locations, latest first (at most 500); only those in transit
    /// when asked.
    async fn stock_transfers(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] in_transit_only: bool,
    ) -> async_graphql::Result<Vec<StockTransfer>> {
        let rows = ask(ctx, Transfers { in_transit_only }).await?;
        Ok(rows.into_iter().map(StockTransfer::from).collect())
    }
}

#[derive(Default)]
pub struct StockMutation;

#[Object]
impl StockMutation {
    /// Receives goods into a location at a unit cost (rand excluding VAT, up to 4
    /// places).
    // Each argument is one of the field's GraphQL arguments.
    #[allow(clippy::too_many_arguments)]
    async fn receive_stock(
        &self,
        ctx: &Context<'_>,
        product: String,
        location: String,
        quantity: Decimal,
        unit_cost: Decimal,
        reference: String,
        #[graphql(
            desc = "The unit quantity and unit cost are in, e.g. `pallet` (the stock unit if none)."
        )]
        unit: Option<String>,
    ) -> async_graphql::Result<StockChanged> {
        let input = ReceiveStockInput {
            product,
            location,
            quantity: quantity.0,
            unit_cost: unit_cost.0,
            reference,
            unit,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Issues goods to a project's cost code at weighted average cost, drawing on a
    /// reservation first when one is named. Refused when not enough is available.
    async fn issue_stock(
        &self,
        ctx: &Context<'_>,
        input: IssueStock,
    ) -> async_graphql::Result<StockChanged> {
        let input = IssueStockInput {
            product: input.product,
            location: input.location,
            quantity: input.quantity.0,
            project_id: input.project_id.0,
            cost_code: input.cost_code,
            reservation_id: input.reservation_id.map(|id| id.0),
            unit: input.unit,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Sends goods to another location at weighted average cost; they are in transit
    /// until `receiveTransfer`. Answers the transfer's id.
    async fn transfer_stock(
        &self,
        ctx: &Context<'_>,
        input: TransferStock,
    ) -> async_graphql::Result<StockChanged> {
        let input = TransferStockInput {
            product: input.product,
            from_location: input.from_location,
            to_location: input.to_location,
            quantity: input.quantity.0,
            unit: input.unit,
            reference: input.reference,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Receives a transfer at its destination, at the value that left the source.
    async fn receive_transfer(
        &self,
        ctx: &Context<'_>,
        transfer_id: ID,
    ) -> async_graphql::Result<StockChanged> {
        let input = ReceiveTransferInput {
            transfer_id: transfer_id.0,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Holds stock for a sales order or a requisition; answers the reservation's id.
    async fn reserve_stock(
        &self,
        ctx: &Context<'_>,
        product: String,
        location: String,
        quantity: Decimal,
        purpose: String,
    ) -> async_graphql::Result<StockChanged> {
        let input = ReserveStockInput {
            product,
            location,
            quantity: quantity.0,
            purpose,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Lets a reservation go.
    async fn release_reservation(
        &self,
        ctx: &Context<'_>,
        product: String,
        location: String,
        reservation_id: ID,
    ) -> async_graphql::Result<StockChanged> {
        let input = ReleaseReservationInput {
            product,
            location,
            reservation_id: reservation_id.0,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Corrects the stock on hand: `delta` is signed (a count short is negative).
    async fn adjust_stock(
        &self,
        ctx: &Context<'_>,
        product: String,
        location: String,
        delta: Decimal,
        reason: AdjustmentReason,
        note: String,
    ) -> async_graphql::Result<StockChanged> {
        let input = AdjustStockInput {
            product,
            location,
            delta: delta.0,
            reason: reason.into(),
            note,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }
}
