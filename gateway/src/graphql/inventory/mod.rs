//! Inventory in the schema: stock levels and stock cards, and the movements that change
//! them.

mod stock;

use async_graphql::MergedObject;
use constructos_commands::inventory::{
    AdjustStockInput, IssueStockInput, ReceiveStockInput, ReleaseReservationInput,
    ReserveStockInput,
};
use constructos_domain::access::Access;
use constructos_services::inventory::{StockLevels, StockMovements};
use constructos_services::Operation;

/// Inventory's query fields.
#[derive(MergedObject, Default)]
pub struct InventoryQuery(stock::StockQuery);

/// Inventory's mutations.
#[derive(MergedObject, Default)]
pub struct InventoryMutation(stock::StockMutation);

/// What each of inventory's root fields needs: the access its operation declares.
pub const RULES: &[(&str, Access)] = &[
    ("Query.stockLevels", StockLevels::ACCESS),
    ("Query.stockMovements", StockMovements::ACCESS),
    ("Mutation.receiveStock", ReceiveStockInput::ACCESS),
    ("Mutation.issueStock", IssueStockInput::ACCESS),
    ("Mutation.reserveStock", ReserveStockInput::ACCESS),
    (
        "Mutation.releaseReservation",
        ReleaseReservationInput::ACCESS,
    ),
    ("Mutation.adjustStock", AdjustStockInput::ACCESS),
];
