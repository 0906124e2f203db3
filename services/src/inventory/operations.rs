//! The inventory operations: each its input, its answer, its name and who may ask, and
//! how the service answers it.

use async_trait::async_trait;
use constructos_commands::inventory::{
    AdjustStockInput, IssueStockInput, ReceiveStockInput, ReleaseReservationInput,
    ReserveStockInput,
};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_projections::inventory::{StockLevelRow, StockMovementRow};
use serde::{Deserialize, Serialize};

use super::InventoryService;
use crate::{Call, Handle, Operation};

const WRITE: Access = Access::Requires(Permission::StockWrite);
const READ: Access = Access::Requires(Permission::StockRead);

/// Declares a stock movement whose answer is an id, handled by one command method.
macro_rules! movement {
    ($input:ty, $name:literal, $method:ident) => {
        impl Operation for $input {
            type Service = InventoryService;
            type Answer = String;
            const NAME: &'static str = $name;
            const ACCESS: Access = WRITE;
        }

        #[async_trait]
        impl Handle<$input> for InventoryService {
            async fn handle(&self, call: &Call, op: $input) -> Result<String, CommandError> {
                self.commands.$method(&call.context, op).await
            }
        }
    };
}

// Each answers the stock position's id; a reservation answers the reservation's id.
movement!(ReceiveStockInput, "receive_stock", receive);
movement!(IssueStockInput, "issue_stock", issue);
movement!(ReserveStockInput, "reserve_stock", reserve);
movement!(ReleaseReservationInput, "release_reservation", release);
movement!(AdjustStockInput, "adjust_stock", adjust);

/// Stock levels, optionally of one location or one product.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StockLevels {
    pub location: Option<String>,
    pub product: Option<String>,
}

impl Operation for StockLevels {
    type Service = InventoryService;
    type Answer = Vec<StockLevelRow>;
    const NAME: &'static str = "stock_levels";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<StockLevels> for InventoryService {
    async fn handle(&self, _: &Call, op: StockLevels) -> Result<Vec<StockLevelRow>, CommandError> {
        self.queries
            .stock_levels(op.location.as_deref(), op.product.as_deref())
            .await
            .map_err(CommandError::from)
    }
}

/// The stock card of one product at one location.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StockMovements {
    pub product: String,
    pub location: String,
}

impl Operation for StockMovements {
    type Service = InventoryService;
    type Answer = Vec<StockMovementRow>;
    const NAME: &'static str = "stock_movements";
    const ACCESS: Access = READ;
}

#[async_trait]
impl Handle<StockMovements> for InventoryService {
    async fn handle(
        &self,
        _: &Call,
        op: StockMovements,
    ) -> Result<Vec<StockMovementRow>, CommandError> {
        self.queries
            .stock_movements(&op.product, &op.location)
            .await
            .map_err(CommandError::from)
    }
}
