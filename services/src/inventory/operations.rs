//! The inventory operations: each its input, its answer, its name and who may ask, and
//! how the service answers it.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::inventory::{
    AdjustStockInput, CheckInEquipmentInput, CheckOutEquipmentInput, CloseLocationInput,
    DefineProductInput, DiscontinueProductInput, IssueStockInput, OpenCountInput,
    OpenLocationInput, PostCountInput, ReceiveStockInput, ReceiveTransferInput, RecordCountInput,
    RecordMeterInput, RecordServiceInput, RegisterEquipmentInput, ReleaseReservationInput,
    ReserveStockInput, ReviseProductInput, SetNegativeStockInput, TransferStockInput,
};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::inventory::{availability, checked_quantity, Availability};
use constructos_domain::values::Code;
use constructos_projections::inventory::{
    CountLineRow, CountRow, EquipmentRow, HireRow, LocationRow, LowStockRow, ProductRow,
    StockLevelRow, StockMovementRow, TransferRow,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::InventoryService;
use crate::{Call, Handle, Operation};

const WRITE: Access = Access::Requires(Permission::StockWrite);
const READ: Access = Access::Requires(Permission::StockRead);
const CATALOGUE_WRITE: Access = Access::Requires(Permission::CatalogueWrite);
const CATALOGUE_READ: Access = Access::Requires(Permission::CatalogueRead);

/// Declares a command whose answer is an id, handled by one command method.
macro_rules! command {
    ($input:ty, $name:literal, $method:ident, $access:expr) => {
        impl Operation for $input {
            type Service = InventoryService;
            type Answer = String;
            const NAME: &'static str = $name;
            const ACCESS: Access = $access;
        }

        #[async_trait]
        impl Handle<$input> for InventoryService {
            async fn handle(&self, call: &Call, op: $input) -> Result<String, CommandError> {
                self.commands.$method(&call.context, op).await
            }
        }
    };
}

// Each answers the stock position's id; a reservation answers the reservation's id, a
// transfer the transfer's.
command!(ReceiveStockInput, "receive_stock", receive, WRITE);
command!(IssueStockInput, "issue_stock", issue, WRITE);
command!(ReserveStockInput, "reserve_stock", reserve, WRITE);
command!(
    ReleaseReservationInput,
    "release_reservation",
    release,
    WRITE
);
command!(AdjustStockInput, "adjust_stock", adjust, WRITE);
command!(TransferStockInput, "transfer_stock", transfer, WRITE);
command!(OpenCountInput, "open_stock_count", open_count, WRITE);
command!(
    RegisterEquipmentInput,
    "register_equipment",
    register_equipment,
    WRITE
);
command!(
    CheckOutEquipmentInput,
    "check_out_equipment",
    check_out_equipment,
    WRITE
);
command!(
    CheckInEquipmentInput,
    "check_in_equipment",
    check_in_equipment,
    WRITE
);
command!(
    RecordMeterInput,
    "record_meter_reading",
    record_meter,
    WRITE
);
command!(
    RecordServiceInput,
    "record_equipment_service",
    record_service,
    WRITE
);
command!(RecordCountInput, "record_stock_count", record_count, WRITE);
command!(PostCountInput, "post_stock_count", post_count, WRITE);
command!(
    ReceiveTransferInput,
    "receive_transfer",
    receive_transfer,
    WRITE
);

// The catalogue: each answers the product's SKU or the location's code.
command!(
    DefineProductInput,
    "define_product",
    define_product,
    CATALOGUE_WRITE
);
command!(
    ReviseProductInput,
    "revise_product",
    revise_product,
    CATALOGUE_WRITE
);
command!(
    DiscontinueProductInput,
    "discontinue_product",
    discontinue_product,
    CATALOGUE_WRITE
);
command!(
    OpenLocationInput,
    "open_location",
    open_location,
    CATALOGUE_WRITE
);
command!(
    SetNegativeStockInput,
    "set_negative_stock",
    set_negative_stock,
    CATALOGUE_WRITE
);
command!(
    CloseLocationInput,
    "close_location",
    close_location,
    CATALOGUE_WRITE
);

/// Declares a read with its answer, handled by a closure over the service's queries.
macro_rules! query {
    ($op:ty, $name:literal, $answer:ty, $access:expr, |$queries:ident, $input:ident| $body:expr) => {
        impl Operation for $op {
            type Service = InventoryService;
            type Answer = $answer;
            const NAME: &'static str = $name;
            const ACCESS: Access = $access;
        }

        #[async_trait]
        impl Handle<$op> for InventoryService {
            async fn handle(&self, _: &Call, $input: $op) -> Result<$answer, CommandError> {
                let $queries = &self.queries;
                $body.map_err(CommandError::from)
            }
        }
    };
}

/// The catalogue, optionally only products whose SKU or description contains `search`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Products {
    pub search: Option<String>,
    #[serde(default)]
    pub include_discontinued: bool,
}

query!(
    Products,
    "products",
    Vec<ProductRow>,
    CATALOGUE_READ,
    |queries, op| {
        let search = Code::parse_optional("search", op.search.as_deref())?;
        queries
            .products(search.as_ref().map(Code::as_str), op.include_discontinued)
            .await
    }
);

/// One product by SKU.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProductBySku {
    pub sku: String,
}

query!(
    ProductBySku,
    "product",
    Option<ProductRow>,
    CATALOGUE_READ,
    |queries, op| {
        let sku = Code::parse("sku", &op.sku)?;
        queries.product(sku.as_str()).await
    }
);

/// Every location.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Locations {}

query!(
    Locations,
    "locations",
    Vec<LocationRow>,
    CATALOGUE_READ,
    |queries, _op| { queries.locations().await }
);

/// Products at or below their reorder level.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LowStock {}

query!(
    LowStock,
    "low_stock",
    Vec<LowStockRow>,
    READ,
    |queries, _op| { queries.low_stock().await }
);

/// Transfers, optionally only those in transit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Transfers {
    #[serde(default)]
    pub in_transit_only: bool,
}

query!(
    Transfers,
    "transfers",
    Vec<TransferRow>,
    READ,
    |queries, op| { queries.transfers(op.in_transit_only).await }
);

/// Stock levels, optionally of one location or one product.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StockLevels {
    pub location: Option<String>,
    pub product: Option<String>,
}

query!(
    StockLevels,
    "stock_levels",
    Vec<StockLevelRow>,
    READ,
    |queries, op| {
        // Read as the commands write them: trimmed, and refused by name when malformed.
        let location = Code::parse_optional("location", op.location.as_deref())?;
        let product = Code::parse_optional("product", op.product.as_deref())?;
        queries
            .stock_levels(
                location.as_ref().map(Code::as_str),
                product.as_ref().map(Code::as_str),
            )
            .await
    }
);

/// The stock card of one product at one location.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StockMovements {
    pub product: String,
    pub location: String,
}

query!(
    StockMovements,
    "stock_movements",
    Vec<StockMovementRow>,
    READ,
    |queries, op| {
        let product = Code::parse("product", &op.product)?;
        let location = Code::parse("location", &op.location)?;
        queries
            .stock_movements(product.as_str(), location.as_str())
            .await
    }
);

/// Is `quantity` of `product` available at `location` by `by`? The narrow synchronous
/// question sales' quotes ask (docs/inventory.md "The stock check"). What is on its way
/// to the location counts as arriving by any date from today: transfers carry no
/// expected date yet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckStock {
    pub product: String,
    pub location: String,
    pub quantity: Decimal,
    pub by: NaiveDate,
}

/// The answer to a [`CheckStock`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockCheckAnswer {
    pub product: String,
    pub location: String,
    pub quantity: Decimal,
    pub availability: Availability,
}

query!(
    CheckStock,
    "check_stock",
    StockCheckAnswer,
    CATALOGUE_READ,
    |queries, op| {
        let product = Code::parse("product", &op.product)?;
        let location = Code::parse("location", &op.location)?;
        let quantity =
            checked_quantity(op.quantity).map_err(|e| CommandError::Rejected(e.to_string()))?;
        let today = chrono::Utc::now().date_naive();
        if op.by < today {
            return Err(CommandError::Rejected(format!(
                "by: {} is in the past; stock is checked for today or later",
                op.by
            )));
        }
        let Some((on_hand, reserved, in_transit)) =
            queries.holding(product.as_str(), location.as_str()).await?
        else {
            return Err(CommandError::NotFound(format!(
                "{} at {} is not a product and location inventory knows",
                product, location
            )));
        };
        Ok::<_, CommandError>(StockCheckAnswer {
            availability: availability(on_hand, reserved, in_transit, quantity),
            product: product.into_string(),
            location: location.into_string(),
            quantity,
        })
    }
);

/// Count sheets, optionally of one location.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StockCounts {
    pub location: Option<String>,
}

query!(
    StockCounts,
    "stock_counts",
    Vec<CountRow>,
    READ,
    |queries, op| {
        let location = Code::parse_optional("location", op.location.as_deref())?;
        queries.counts(location.as_ref().map(Code::as_str)).await
    }
);

/// One count sheet with its lines and variances.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StockCountById {
    pub id: String,
}

query!(
    StockCountById,
    "stock_count",
    Option<(CountRow, Vec<CountLineRow>)>,
    READ,
    |queries, op| {
        let id = constructos_domain::values::Identifier::parse("id", &op.id)?;
        queries.count(id.as_str()).await
    }
);

/// The equipment register, optionally only what is out on a project or overdue for
/// service (as at today, UTC).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EquipmentRegister {
    pub project_id: Option<String>,
    #[serde(default)]
    pub overdue_only: bool,
}

query!(
    EquipmentRegister,
    "equipment",
    Vec<EquipmentRow>,
    READ,
    |queries, op| {
        let project = constructos_domain::values::Identifier::parse_optional(
            "projectId",
            op.project_id.as_deref(),
        )?;
        let today = chrono::Utc::now().date_naive();
        queries
            .equipment(project.as_ref().map(|p| p.as_str()), op.overdue_only, today)
            .await
    }
);

/// What each item cost each project (or one project): spells, days, charges.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EquipmentUtilisation {
    pub project_id: Option<String>,
}

query!(
    EquipmentUtilisation,
    "equipment_utilisation",
    Vec<HireRow>,
    READ,
    |queries, op| {
        let project = constructos_domain::values::Identifier::parse_optional(
            "projectId",
            op.project_id.as_deref(),
        )?;
        queries.hire(project.as_ref().map(|p| p.as_str())).await
    }
);
