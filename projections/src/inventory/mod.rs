//! The inventory read models: the product catalogue and the locations, stock levels per
//! product × location, the stock card of every movement, transfers (those in transit
//! among them), stock counts with their variances, and the products low on stock.

mod catalogue;
mod counts;
mod equipment;
mod queries;
mod stock;
mod transfers;

use async_trait::async_trait;
use constructos_domain::inventory::{
    COUNT_AGGREGATE, EQUIPMENT_AGGREGATE, LOCATION_AGGREGATE, PRODUCT_AGGREGATE, STOCK_AGGREGATE,
    TRANSFER_AGGREGATE,
};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{ApplyError, Projection};

pub use queries::{
    CountLineRow, CountRow, EquipmentRow, HireRow, InventoryQueries, LocationRow, LowStockRow,
    ProductRow, StockLevelRow, StockMovementRow, TransferRow,
};

/// The inventory projection: every inventory event, to the table it keeps.
#[derive(Debug, Clone, Copy, Default)]
pub struct InventoryProjection;

#[async_trait]
impl Projection for InventoryProjection {
    fn name(&self) -> &'static str {
        "inventory.read_model"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        match event.aggregatetype.as_str() {
            STOCK_AGGREGATE => stock::apply(tx, event).await,
            PRODUCT_AGGREGATE => catalogue::apply_product(tx, event).await,
            LOCATION_AGGREGATE => catalogue::apply_location(tx, event).await,
            TRANSFER_AGGREGATE => transfers::apply(tx, event).await,
            COUNT_AGGREGATE => counts::apply(tx, event).await,
            EQUIPMENT_AGGREGATE => equipment::apply(tx, event).await,
            _ => Ok(()),
        }
    }
}

pub(super) use crate::wire;
