//! The stores' demo stock: cement, reinforcing steel and PPE received into the
//! Johannesburg warehouse at two prices, some issued to the demo project's cost codes,
//! some reserved for a sales order. Seeded once, through the command side.

use constructos_commands::inventory::{
    InventoryCommands, IssueStockInput, ReceiveStockInput, ReserveStockInput,
};
use constructos_domain::access::Role;
use constructos_domain::inventory::STOCK_AGGREGATE;
use rust_decimal::Decimal;
use sqlx::PgPool;

use super::{acting_as, DEMO_PROJECT_CODE};

const WAREHOUSE: &str = "WH-JHB";

/// Seeds the demo stock unless the inventory event store already holds some; answers
/// how many movements it made.
pub async fn seed_stock(inventory: &PgPool) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1")
        .bind(STOCK_AGGREGATE)
        .fetch_one(inventory)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let commands = InventoryCommands::new(inventory.clone());
    let ctx = acting_as("system:seed-stores", "Stores (demo)", Role::InventoryClerk);
    // SKU, units and rand cents per unit of two deliveries.
    let receipts: [(&str, i64, i64, &str); 6] = [
        ("CEM-425-50KG", 400, 9_250, "GRN-DEMO-001"),
        ("CEM-425-50KG", 600, 8_875, "GRN-DEMO-002"),
        ("REBAR-Y12-6M", 250, 21_400, "GRN-DEMO-003"),
        ("REBAR-Y12-6M", 150, 22_990, "GRN-DEMO-004"),
        ("PPE-HELMET-W", 80, 4_990, "GRN-DEMO-005"),
        ("PPE-BOOTS-9", 40, 38_500, "GRN-DEMO-006"),
    ];
    for (product, quantity, cents, reference) in receipts {
        let input = ReceiveStockInput {
            product: product.into(),
            location: WAREHOUSE.into(),
            quantity: Decimal::from(quantity),
            unit_cost: Decimal::new(cents, 2),
            reference: reference.into(),
        };
        commands.receive(&ctx, input).await?;
    }
    let issues = [
        ("CEM-425-50KG", 320, "CONCRETE"),
        ("REBAR-Y12-6M", 180, "CONCRETE"),
        ("PPE-HELMET-W", 25, "PRELIMS"),
    ];
    for (product, quantity, cost_code) in issues {
        let input = IssueStockInput {
            product: product.into(),
            location: WAREHOUSE.into(),
            quantity: Decimal::from(quantity),
            project_id: DEMO_PROJECT_CODE.into(),
            cost_code: cost_code.into(),
            reservation_id: None,
        };
        commands.issue(&ctx, input).await?;
    }
    let reservation = ReserveStockInput {
        product: "CEM-425-50KG".into(),
        location: WAREHOUSE.into(),
        quantity: Decimal::from(120),
        purpose: "SO-DEMO-0001".into(),
    };
    commands.reserve(&ctx, reservation).await?;
    Ok(receipts.len() + issues.len() + 1)
}
