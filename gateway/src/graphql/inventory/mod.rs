//! Inventory in the schema: the catalogue (products and locations), stock levels and
//! stock cards, the movements and transfers that change them, stock counts, low stock,
//! and the plant and equipment register.

mod catalogue;
mod counts;
mod equipment;
mod stock;

use async_graphql::MergedObject;
use constructos_commands::inventory::{
    AdjustStockInput, CheckInEquipmentInput, CheckOutEquipmentInput, CloseLocationInput,
    DefineProductInput, DiscontinueProductInput, IssueStockInput, OpenCountInput,
    OpenLocationInput, PostCountInput, ReceiveStockInput, ReceiveTransferInput, RecordCountInput,
    RecordMeterInput, RecordServiceInput, RegisterEquipmentInput, ReleaseReservationInput,
    ReserveStockInput, ReviseProductInput, SetNegativeStockInput, TransferStockInput,
};
use constructos_domain::access::Access;
use constructos_services::inventory::{
    CheckStock, EquipmentRegister, EquipmentUtilisation, Locations, LowStock, ProductBySku,
    Products, StockCountById, StockCounts, StockLevels, StockMovements, Transfers,
};
use constructos_services::Operation;

/// Inventory's query fields.
#[derive(MergedObject, Default)]
pub struct InventoryQuery(
    stock::StockQuery,
    catalogue::CatalogueQuery,
    counts::CountsQuery,
    equipment::EquipmentQuery,
);

/// Inventory's mutations.
#[derive(MergedObject, Default)]
pub struct InventoryMutation(
    stock::StockMutation,
    catalogue::CatalogueMutation,
    counts::CountsMutation,
    equipment::EquipmentMutation,
);

/// What each of inventory's root fields needs: the access its operation declares.
pub const RULES: &[(&str, Access)] = &[
    ("Query.stockLevels", StockLevels::ACCESS),
    ("Query.stockMovements", StockMovements::ACCESS),
    ("Query.lowStock", LowStock::ACCESS),
    ("Query.stockTransfers", Transfers::ACCESS),
    ("Query.products", Products::ACCESS),
    ("Query.product", ProductBySku::ACCESS),
    ("Query.stockLocations", Locations::ACCESS),
    ("Query.stockCheck", CheckStock::ACCESS),
    ("Query.stockCounts", StockCounts::ACCESS),
    ("Query.equipment", EquipmentRegister::ACCESS),
    ("Query.equipmentUtilisation", EquipmentUtilisation::ACCESS),
    ("Mutation.registerEquipment", RegisterEquipmentInput::ACCESS),
    ("Mutation.checkOutEquipment", CheckOutEquipmentInput::ACCESS),
    ("Mutation.checkInEquipment", CheckInEquipmentInput::ACCESS),
    ("Mutation.recordMeterReading", RecordMeterInput::ACCESS),
    (
        "Mutation.recordEquipmentService",
        RecordServiceInput::ACCESS,
    ),
    ("Query.stockCount", StockCountById::ACCESS),
    ("Mutation.openStockCount", OpenCountInput::ACCESS),
    ("Mutation.recordStockCount", RecordCountInput::ACCESS),
    ("Mutation.postStockCount", PostCountInput::ACCESS),
    ("Mutation.receiveStock", ReceiveStockInput::ACCESS),
    ("Mutation.issueStock", IssueStockInput::ACCESS),
    ("Mutation.reserveStock", ReserveStockInput::ACCESS),
    (
        "Mutation.releaseReservation",
        ReleaseReservationInput::ACCESS,
    ),
    ("Mutation.adjustStock", AdjustStockInput::ACCESS),
    ("Mutation.transferStock", TransferStockInput::ACCESS),
    ("Mutation.receiveTransfer", ReceiveTransferInput::ACCESS),
    ("Mutation.defineProduct", DefineProductInput::ACCESS),
    ("Mutation.reviseProduct", ReviseProductInput::ACCESS),
    (
        "Mutation.discontinueProduct",
        DiscontinueProductInput::ACCESS,
    ),
    ("Mutation.openLocation", OpenLocationInput::ACCESS),
    ("Mutation.setNegativeStock", SetNegativeStockInput::ACCESS),
    ("Mutation.closeLocation", CloseLocationInput::ACCESS),
];
