//! The demo project's trade: a sales order shipped in two parts and a purchase order
//! approved and part received.

use constructos_commands::CommandContext;
use rust_decimal::Decimal;

use super::day;

/// The demo project's trade: a sales order to the customer shipped in two parts (two
/// real `ShipmentCompleted` events, so two invoices in finance) and an approved purchase
/// order from `vendor` with a part receipt.
pub async fn fill_trade(
    pool: &sqlx::PgPool,
    ctx: &CommandContext,
    project: &str,
    customer: &str,
    vendor: &str,
) -> anyhow::Result<()> {
    use constructos_commands::orders::{
        LineQuantityInput, OrderLineInput, PlaceSalesOrderInput, PurchaseOrderCommands,
        RaisePurchaseOrderInput, ReceiveGoodsInput, SalesOrderCommands, ShipSalesOrderInput,
    };
    use constructos_domain::finance::VatTreatment;
    use constructos_domain::orders::approval::ApprovalLimits;

    let line = |sku: Option<&str>, description: &str, quantity: i64, cents: i64| OrderLineInput {
        sku: sku.map(String::from),
        description: description.into(),
        quantity: Decimal::from(quantity),
        unit_price: Decimal::new(cents, 2),
        vat_treatment: VatTreatment::Standard,
    };
    let quantities = |lines: &[(u32, i64)]| {
        lines
            .iter()
            .map(|(line_no, quantity)| LineQuantityInput {
                line_no: *line_no,
                quantity: Decimal::from(*quantity),
            })
            .collect::<Vec<_>>()
    };
    let sales = SalesOrderCommands::new(pool.clone());
    let order = sales
        .place(
            ctx,
            PlaceSalesOrderInput {
                customer_account_id: customer.into(),
                project_id: project.into(),
                date: day(2026, 11, 2)?,
                lines: vec![
                    line(
                        Some("CON-30MPA-M3"),
                        "Ready-mix concrete 30 MPa, delivered",
                        40,
                        1_650_00,
                    ),
                    line(None, "Concrete pump hire, per day", 2, 8_500_00),
                ],
                retention_percent: None,
                // Delivered from the batching plant: nothing leaves a store of ours.
                ship_from: None,
            },
        )
        .await?;
    sales.confirm(ctx, &order.id).await?;
    for (note, date, lines) in [
        ("DN-0001", day(2026, 11, 9)?, quantities(&[(1, 20), (2, 1)])),
        (
            "DN-0002",
            day(2026, 11, 16)?,
            quantities(&[(1, 20), (2, 1)]),
        ),
    ] {
        sales
            .ship(
                ctx,
                ShipSalesOrderInput {
                    sales_order_id: order.id.clone(),
                    delivery_note: note.into(),
                    date,
                    lines,
                },
            )
            .await?;
    }
    let purchases = PurchaseOrderCommands::new(pool.clone(), ApprovalLimits::default());
    let po = purchases
        .raise(
            ctx,
            RaisePurchaseOrderInput {
                vendor_account_id: vendor.into(),
                project_id: project.into(),
                cost_code: "CONCRETE".into(),
                date: day(2026, 11, 3)?,
                lines: vec![
                    line(
                        Some("CEM-42.5-50KG"),
                        "Cement CEM II 42.5N, 50 kg bags",
                        500,
                        95_00,
                    ),
                    line(
                        Some("REBAR-Y12"),
                        "Reinforcing bar Y12, tonnes",
                        12,
                        14_500_00,
                    ),
                ],
            },
        )
        .await?;
    purchases.approve(ctx, &po.id).await?;
    purchases
        .receive(
            ctx,
            ReceiveGoodsInput {
                purchase_order_id: po.id,
                date: day(2026, 11, 10)?,
                lines: quantities(&[(1, 300), (2, 12)]),
                into_location: None,
            },
        )
        .await?;
    Ok(())
}
