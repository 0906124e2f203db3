//! The inventory service: the catalogue, stock positions and their movements, transfers. Its operations are
//! declared in [`operations`]; [`endpoint`] serves them as `POST /v1/inventory`.

mod operations;
mod order_stock;

use constructos_commands::inventory::InventoryCommands;
use constructos_infra::{db, Domain};
use constructos_projections::inventory::{InventoryProjection, InventoryQueries};
use constructos_projections::KnownProjectsProjection;
use sqlx::PgPool;

pub use operations::{
    CheckStock, EquipmentRegister, EquipmentUtilisation, Locations, LowStock, ProductBySku,
    Products, StockCheckAnswer, StockCountById, StockCounts, StockLevels, StockMovements,
    Transfers,
};

pub use order_stock::{reservation_for, OrderStock, SHIPMENT_COST_CODE};

use crate::module::{no_tasks, DomainModule, Location, Subscription};
use crate::{Client, Endpoint, Service};

/// The inventory service, answered from the inventory database.
pub struct InventoryService {
    commands: InventoryCommands,
    queries: InventoryQueries,
}

/// The inventory service as the gateway calls it.
pub type InventoryClient = Client<InventoryService>;

impl Service for InventoryService {
    const DOMAIN: Domain = Domain::Inventory;
}

impl InventoryService {
    /// The service over the inventory database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            commands: InventoryCommands::new(pool.clone()),
            queries: InventoryQueries::new(pool),
        }
    }
}

/// Every inventory operation, served as `POST /v1/inventory`.
pub fn endpoint(pool: PgPool) -> Endpoint<InventoryService> {
    use constructos_commands::inventory::*;
    Endpoint::new(InventoryService::new(pool))
        .with::<ReceiveStockInput>()
        .with::<IssueStockInput>()
        .with::<ReserveStockInput>()
        .with::<ReleaseReservationInput>()
        .with::<AdjustStockInput>()
        .with::<TransferStockInput>()
        .with::<ReceiveTransferInput>()
        .with::<DefineProductInput>()
        .with::<ReviseProductInput>()
        .with::<DiscontinueProductInput>()
        .with::<OpenLocationInput>()
        .with::<SetNegativeStockInput>()
        .with::<CloseLocationInput>()
        .with::<StockLevels>()
        .with::<StockMovements>()
        .with::<Products>()
        .with::<ProductBySku>()
        .with::<Locations>()
        .with::<LowStock>()
        .with::<Transfers>()
        .with::<CheckStock>()
        .with::<OpenCountInput>()
        .with::<RecordCountInput>()
        .with::<PostCountInput>()
        .with::<StockCounts>()
        .with::<StockCountById>()
        .with::<RegisterEquipmentInput>()
        .with::<CheckOutEquipmentInput>()
        .with::<CheckInEquipmentInput>()
        .with::<RecordMeterInput>()
        .with::<RecordServiceInput>()
        .with::<EquipmentRegister>()
        .with::<EquipmentUtilisation>()
}

/// The inventory domain: its migrations, read models, service and client.
pub const MODULE: DomainModule = DomainModule {
    domain: Domain::Inventory,
    migrations: db::migrations::inventory,
    subscriptions: |_, pool| {
        vec![
            Subscription::new(Domain::Inventory, InventoryProjection),
            // Inventory's copy of orders' projects: what issues and site stores name.
            Subscription::new(Domain::Orders, KnownProjectsProjection::INVENTORY),
            // Goods received into a store book stock; sales orders reserve their
            // products and shipments issue them.
            Subscription::new(
                Domain::Orders,
                OrderStock::new(InventoryCommands::new(pool.clone())),
            ),
        ]
    },
    tasks: no_tasks,
    router: |_, pool, validator| endpoint(pool).router(validator),
    connect: |_, location, clients| {
        clients.insert(match location {
            Location::Local(pool) => InventoryClient::local(InventoryService::new(pool)),
            Location::Remote(url) => InventoryClient::remote(&url),
        })
    },
};
