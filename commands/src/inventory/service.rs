//! The inventory command service: permission check, values parsed, then the stock
//! position decides. Two issues of the last units meet at the position's optimistic
//! check; the loser re-decides against the winner's state and is refused.

use std::sync::Arc;

use constructos_domain::access::Permission;
use constructos_domain::inventory::Stock;
use constructos_infra::event_store::Store;
use sqlx::PgPool;

use super::inputs::AtPosition;
use super::{
    AdjustStockInput, IssueStockInput, ReceiveStockInput, ReleaseReservationInput,
    ReserveStockInput,
};
use crate::execute::{execute, Aggregates};
use crate::{CommandContext, CommandError};

/// Executes stock commands against the inventory event store.
#[derive(Clone)]
pub struct InventoryCommands {
    stock: Arc<Aggregates<Stock>>,
}

impl InventoryCommands {
    /// Command handling over the inventory database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            stock: Arc::new(Aggregates::new(&Store::new(pool), ())),
        }
    }

    /// Executes at a position; the caller has checked `inventory.stock.write`.
    async fn at(&self, ctx: &CommandContext, position: AtPosition) -> Result<String, CommandError> {
        execute(&self.stock, ctx, &position.id, position.command).await?;
        Ok(position.id)
    }

    /// Receives goods; answers the stock position's id.
    pub async fn receive(
        &self,
        ctx: &CommandContext,
        input: ReceiveStockInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        self.at(ctx, input.command()?).await
    }

    /// Issues goods to a project's cost code; answers the stock position's id.
    pub async fn issue(
        &self,
        ctx: &CommandContext,
        input: IssueStockInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        self.at(ctx, input.command()?).await
    }

    /// Reserves goods; answers the reservation's id.
    pub async fn reserve(
        &self,
        ctx: &CommandContext,
        input: ReserveStockInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let (position, reservation) = input.command()?;
        self.at(ctx, position).await?;
        Ok(reservation.to_string())
    }

    /// Lets a reservation go; answers the stock position's id.
    pub async fn release(
        &self,
        ctx: &CommandContext,
        input: ReleaseReservationInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        self.at(ctx, input.command()?).await
    }

    /// Adjusts the quantity on hand; answers the stock position's id.
    pub async fn adjust(
        &self,
        ctx: &CommandContext,
        input: AdjustStockInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        self.at(ctx, input.command()?).await
    }
}
