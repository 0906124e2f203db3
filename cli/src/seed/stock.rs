//! The stores' demo catalogue and stock: cement, river sand, reinforcing steel and PPE
//! in the catalogue; the Johannesburg warehouse and the demo project's site store; stock
//! received into the warehouse at two prices, some issued to the demo project's cost
//! codes, some reserved for a sales order, some sent to site. Seeded once, through the
//! command side.

use constructos_commands::inventory::{
    DefineProductInput, InventoryCommands, IssueStockInput, OpenLocationInput, ProductDetailsInput,
    ReceiveStockInput, ReserveStockInput, TransferStockInput, UnitConversionInput,
};
use constructos_domain::access::Role;
use constructos_domain::finance::VatTreatment;
use constructos_domain::inventory::{LocationKind, ProductCategory, PRODUCT_AGGREGATE};
use rust_decimal::Decimal;
use sqlx::PgPool;

use std::time::Duration;

use super::acting_as;

/// The demo warehouse.
pub const WAREHOUSE: &str = "WH-JHB";
/// The demo project's site store.
pub const SITE_STORE: &str = "SS-SANDTON";

/// SKU, description, category, stock unit, bigger unit and its factor, standard cost and
/// sell price in cents, reorder level and quantity.
type CatalogueEntry = (
    &'static str,
    &'static str,
    ProductCategory,
    &'static str,
    Option<(&'static str, i64)>,
    i64,
    i64,
    i64,
    i64,
);

const CATALOGUE: [CatalogueEntry; 5] = [
    (
        "CEM-425-50KG",
        "Cement CEM II 42.5N, 50 kg bag",
        ProductCategory::Materials,
        "bag",
        Some(("pallet", 40)),
        9_000,
        11_900,
        300,
        800,
    ),
    (
        "SAND-RIVER-M3",
        "River sand, washed",
        ProductCategory::Materials,
        "m3",
        None,
        35_000,
        46_000,
        0,
        0,
    ),
    (
        "REBAR-Y12-6M",
        "Reinforcing bar Y12, 6 m length",
        ProductCategory::Materials,
        "length",
        Some(("bundle", 50)),
        21_500,
        27_900,
        100,
        300,
    ),
    (
        "PPE-HELMET-W",
        "Safety helmet, white, SABS approved",
        ProductCategory::Ppe,
        "each",
        Some(("box", 20)),
        4_990,
        7_500,
        60,
        100,
    ),
    (
        "PPE-BOOTS-9",
        "Safety boots, steel toe, size 9",
        ProductCategory::Ppe,
        "pair",
        None,
        38_500,
        52_000,
        10,
        24,
    ),
];

/// Defines the demo catalogue and opens the demo locations.
async fn seed_catalogue(
    commands: &InventoryCommands,
    ctx: &constructos_commands::CommandContext,
) -> anyhow::Result<usize> {
    for (sku, description, category, unit, bigger, cost, price, level, quantity) in CATALOGUE {
        let details = ProductDetailsInput {
            description: description.into(),
            category,
            unit: unit.into(),
            conversions: bigger
                .map(|(unit, factor)| UnitConversionInput {
                    unit: unit.into(),
                    factor: Decimal::from(factor),
                })
                .into_iter()
                .collect(),
            standard_cost: Decimal::new(cost, 2),
            sell_price: Decimal::new(price, 2),
            vat: VatTreatment::Standard,
            reorder_level: Decimal::from(level),
            reorder_quantity: Decimal::from(quantity),
            preferred_vendor_id: None,
        };
        let product = DefineProductInput {
            sku: sku.into(),
            details,
        };
        commands.define_product(ctx, product).await?;
    }
    let warehouse = OpenLocationInput {
        code: WAREHOUSE.into(),
        name: "Johannesburg warehouse".into(),
        kind: LocationKind::Warehouse,
        project_id: None,
        allow_negative: false,
    };
    commands.open_location(ctx, warehouse).await?;
    Ok(CATALOGUE.len() + 1)
}

/// How long the seed waits for inventory to learn of the demo project.
const PROJECT_WAIT: Duration = Duration::from_secs(60);

/// Waits until inventory's copy of orders' projects holds `project`; `false` when the
/// wait ran out (the relays and inventory's projection workers are not running).
async fn inventory_knows(inventory: &PgPool, project: &str) -> anyhow::Result<bool> {
    let deadline = tokio::time::Instant::now() + PROJECT_WAIT;
    loop {
        let known: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM read_model.known_projects WHERE id = $1)",
        )
        .bind(project)
        .fetch_one(inventory)
        .await?;
        if known {
            return Ok(true);
        }
        if tokio::time::Instant::now() >= deadline {
            return Ok(false);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Seeds the demo catalogue and stock unless the inventory event store already holds a
/// product; answers how many commands it ran. With the demo `project` (its id), once
/// inventory knows of it, also its site store, issues to it and a transfer to site;
/// without (or when inventory does not learn of it within a minute, with a warning),
/// only the warehouse.
pub async fn seed_stock(inventory: &PgPool, project: Option<&str>) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1")
        .bind(PRODUCT_AGGREGATE)
        .fetch_one(inventory)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let commands = InventoryCommands::new(inventory.clone());
    let ctx = acting_as("system:seed-stores", "Stores (demo)", Role::InventoryClerk);
    let catalogue = seed_catalogue(&commands, &ctx).await?;
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
            unit: None,
        };
        commands.receive(&ctx, input).await?;
    }
    let reservation = ReserveStockInput {
        product: "CEM-425-50KG".into(),
        location: WAREHOUSE.into(),
        quantity: Decimal::from(120),
        purpose: "SO-DEMO-0001".into(),
    };
    commands.reserve(&ctx, reservation).await?;
    let warehouse_only = catalogue + receipts.len() + 1;
    let Some(project) = project else {
        return Ok(warehouse_only);
    };
    if !inventory_knows(inventory, project).await? {
        tracing::warn!(
            project,
            "inventory has not heard of the demo project: no site stock seeded"
        );
        return Ok(warehouse_only);
    }
    let site_store = OpenLocationInput {
        code: SITE_STORE.into(),
        name: "Sandton site store".into(),
        kind: LocationKind::SiteStore,
        project_id: Some(project.to_string()),
        allow_negative: false,
    };
    commands.open_location(&ctx, site_store).await?;
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
            project_id: project.to_string(),
            cost_code: cost_code.into(),
            reservation_id: None,
            unit: None,
        };
        commands.issue(&ctx, input).await?;
    }

    let to_site = TransferStockInput {
        product: "CEM-425-50KG".into(),
        from_location: WAREHOUSE.into(),
        to_location: SITE_STORE.into(),
        quantity: Decimal::from(2),
        unit: Some("pallet".into()),
        reference: "DN-DEMO-0001".into(),
    };
    commands.transfer(&ctx, to_site).await?;
    Ok(warehouse_only + 1 + issues.len() + 1)
}
