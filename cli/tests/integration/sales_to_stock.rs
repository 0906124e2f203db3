//! From a sale to the shelf, through the gateway and Kafka: a sales rep quotes an
//! opportunity from a warehouse (the stock check says available), wins it and the
//! customer accepts the quote; orders opens the won project and places exactly one
//! sales order from the quote, supplied from the quote's warehouse; confirming it
//! reserves the goods in inventory, and shipping part of it lowers stock on hand (the
//! reservation drawn on first) — each movement once.

use constructos_domain::orders::numbering::quote_sales_order_id;
use constructos_domain::sales::opportunity_id;
use constructos_infra::Domain;
use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, TestApp};
use crate::opportunities::{converted_lead, opportunity_in};

const STOCK: &str = "query($p: String, $l: String) { stockLevels(product: $p, location: $l) { onHand reserved available } }";

async fn level(app: &TestApp, token: &str) -> Value {
    let r = app
        .graphql(token, STOCK, json!({ "p": "CEM-SALE", "l": "WH-SALE" }))
        .await;
    r.data()["stockLevels"][0].clone()
}

async fn level_becomes(app: &TestApp, token: &str, on_hand: &str, reserved: &str) {
    eventually(
        &format!("{on_hand} on hand, {reserved} reserved"),
        || async {
            let l = level(app, token).await;
            (l["onHand"] == on_hand && l["reserved"] == reserved).then_some(())
        },
    )
    .await;
}

#[tokio::test]
async fn an_accepted_quote_becomes_one_sales_order_whose_shipment_lowers_stock() {
    let app = spawn_domains(&[
        Domain::Identity,
        Domain::Sales,
        Domain::Inventory,
        Domain::Orders,
    ])
    .await;
    let clerk = app.token("stores", &["Inventory_Clerk"]);
    let rep = app.token("rep-thandi", &["Sales_Rep"]);
    for mutation in [
        "mutation { defineProduct(input: { sku: \"CEM-SALE\", description: \"Cement 50 kg\", category: MATERIALS,
            unit: \"bag\", standardCost: \"90\", sellPrice: \"119\", vat: STANDARD }) { code } }",
        "mutation { openLocation(input: { code: \"WH-SALE\", name: \"Warehouse\", kind: WAREHOUSE }) { code } }",
        "mutation { receiveStock(product: \"CEM-SALE\", location: \"WH-SALE\", quantity: \"100\", unitCost: \"90\", reference: \"GRN-S1\") { id } }",
    ] {
        app.graphql(&clerk, mutation, json!({})).await.data();
    }
    level_becomes(&app, &clerk, "100", "0").await;

    let (lead, _) = converted_lead(&app, &rep, "Ndlovu Homes").await;
    let opportunity = opportunity_id(&lead);
    opportunity_in(&app, &rep, &opportunity, "QUALIFICATION").await;
    let until = (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string();
    let r = app
        .graphql(
            &rep,
            "mutation($o: ID!, $input: QuoteInput!) { draftQuote(opportunityId: $o, input: $input) { id } }",
            json!({ "o": opportunity, "input": { "validUntil": until, "location": "WH-SALE", "lines": [
                { "product": "CEM-SALE", "description": "Cement 50 kg", "quantity": "30",
                  "unitPrice": "119.00", "discountPercent": "5", "vat": "STANDARD" },
                { "description": "Delivery to site", "quantity": "1",
                  "unitPrice": "450.00", "discountPercent": "0", "vat": "STANDARD" }
            ] } }),
        )
        .await;
    let quote = r.data()["draftQuote"]["id"]
        .as_str()
        .expect("quote id")
        .to_string();
    let checked = eventually("the quote in the read model", || async {
        let r = app
            .graphql(
                &rep,
                "query($id: ID!) { quote(id: $id) { lines { stock { status } } } }",
                json!({ "id": quote }),
            )
            .await;
        let lines = r.data()["quote"]["lines"].clone();
        lines.is_array().then_some(lines)
    })
    .await;
    assert_eq!(checked[0]["stock"]["status"], "AVAILABLE");

    app.graphql(
        &rep,
        "mutation($id: ID!) { winOpportunity(id: $id) { id } }",
        json!({ "id": opportunity }),
    )
    .await
    .data();
    app.graphql(
        &rep,
        "mutation($id: ID!) { acceptQuote(id: $id) { id } }",
        json!({ "id": quote }),
    )
    .await
    .data();

    // One sales order, on the won project, for the opportunity's customer.
    let order_id = quote_sales_order_id(&quote);
    let order = eventually("the quote's sales order", || async {
        let r = app
            .graphql(
                &rep,
                "query($id: ID!) { salesOrder(id: $id) { number status projectId totalExclVat
                    lines { lineNo sku quantity unitPrice } } }",
                json!({ "id": order_id }),
            )
            .await;
        let o = r.data()["salesOrder"].clone();
        o.is_object().then_some(o)
    })
    .await;
    assert_eq!(order["status"], "PLACED");
    // 5% off R119 is R113.05 a bag: 30 bags and the delivery.
    assert_eq!(order["lines"][0]["sku"], "CEM-SALE");
    assert_eq!(order["lines"][0]["unitPrice"], "113.05");
    assert_eq!(order["totalExclVat"], "3841.50");
    let won = eventually("the won project", || async {
        let r = app
            .graphql(
                &app.token("pm", &["Admin"]),
                "{ projects { id code status } }",
                json!({}),
            )
            .await;
        r.data()["projects"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["id"] == order["projectId"]).cloned())
    })
    .await;
    assert_eq!(won["status"], "AWARDED");
    assert_eq!(
        app.events_of_type(&app.env.orders, "SalesOrderPlaced")
            .await,
        1
    );

    // Confirmed: the 30 bags are held for it in the warehouse.
    app.graphql(
        &rep,
        "mutation($id: ID!) { confirmSalesOrder(id: $id) { id } }",
        json!({ "id": order_id }),
    )
    .await
    .data();
    level_becomes(&app, &clerk, "100", "30").await;

    // 20 bags leave on the first delivery: on hand 80, 10 still held.
    let r = app
        .graphql(
            &rep,
            "mutation($input: ShipSalesOrderInput!) { shipSalesOrder(input: $input) { shipmentId } }",
            json!({ "input": { "salesOrderId": order_id, "deliveryNote": "DN-S1",
                    "date": chrono::Utc::now().date_naive().to_string(),
                    "lines": [{ "lineNo": 1, "quantity": "20" }, { "lineNo": 2, "quantity": "1" }] } }),
        )
        .await;
    assert!(
        r.data()["shipSalesOrder"]["shipmentId"].is_string(),
        "{}",
        r.body
    );
    level_becomes(&app, &clerk, "80", "10").await;
    let l = level(&app, &clerk).await;
    assert_eq!(l["available"], "70");
    assert_eq!(
        app.events_of_type(&app.env.pool(Domain::Inventory), "StockIssued")
            .await,
        1
    );
}

/// `debits − credits` of `account` in finance's balances.
async fn balance(app: &TestApp, account: &str) -> rust_decimal::Decimal {
    let value: Option<rust_decimal::Decimal> = sqlx::query_scalar(
        "SELECT debits - credits FROM read_model.account_balances WHERE account_code = $1",
    )
    .bind(account)
    .fetch_optional(&app.env.finance)
    .await
    .expect("a balance");
    value.unwrap_or_default()
}

/// Goods received into a store, through orders, inventory and finance: the purchase
/// order's product line becomes stock at the order's price (Dr 1300, Cr 2010), its
/// service line does not; the supplier's bill then clears 2010 for the product line
/// (whatever account was entered) and costs the project only the service.
#[tokio::test]
async fn goods_received_into_a_store_are_stock_and_their_bill_clears_grni() {
    use crate::purchase_orders::{account_known_to_orders, create_project};
    use rust_decimal::Decimal;

    let app = spawn_domains(&[
        Domain::Identity,
        Domain::Orders,
        Domain::Finance,
        Domain::Inventory,
    ])
    .await;
    crate::finance::seeded(&app).await;
    let admin = app.token("admin", &["Admin"]);
    let project = create_project(&app, &admin, "PRJ-GRNI", "SITE-GRNI").await;
    let vendor = account_known_to_orders(&app, &admin, "VENDOR", "Highveld Steel").await;
    app.until_known(&app.env.finance, "known_accounts", &vendor)
        .await;
    for mutation in [
        "mutation { defineProduct(input: { sku: \"REBAR-GRNI\", description: \"Rebar Y12, t\", category: MATERIALS,
            unit: \"t\", standardCost: \"14500\", sellPrice: \"16000\", vat: STANDARD }) { code } }",
        "mutation { openLocation(input: { code: \"WH-GRNI\", name: \"Yard\", kind: WAREHOUSE }) { code } }",
    ] {
        app.graphql(&admin, mutation, json!({})).await.data();
    }
    let r = app
        .graphql(
            &admin,
            "mutation($input: RaisePurchaseOrderInput!) { raisePurchaseOrder(input: $input) { id } }",
            json!({ "input": { "vendorAccountId": vendor, "projectId": project, "costCode": "STEEL",
                "date": "2026-12-01", "lines": [
                    { "sku": "REBAR-GRNI", "description": "Rebar Y12, t", "quantity": "2", "unitPrice": "14500.00", "vatTreatment": "STANDARD" },
                    { "description": "Crane hire", "quantity": "1", "unitPrice": "5000.00", "vatTreatment": "STANDARD" } ] } }),
        )
        .await;
    let order = r.data()["raisePurchaseOrder"]["id"]
        .as_str()
        .expect("order id")
        .to_string();
    app.graphql(
        &admin,
        "mutation($id: ID!) { approvePurchaseOrder(id: $id) { id } }",
        json!({ "id": order }),
    )
    .await
    .data();
    app.graphql(
        &admin,
        "mutation($input: ReceiveGoodsInput!) { receiveGoods(input: $input) { id } }",
        json!({ "input": { "purchaseOrderId": order, "date": "2026-12-03", "intoLocation": "WH-GRNI",
            "lines": [{ "lineNo": 1, "quantity": "2" }, { "lineNo": 2, "quantity": "1" }] } }),
    )
    .await
    .data();

    // Inventory has the rebar; finance has it as stock waiting for its bill.
    eventually("the rebar in the yard", || async {
        let r = app
            .graphql(&admin, STOCK, json!({ "p": "REBAR-GRNI", "l": "WH-GRNI" }))
            .await;
        (r.data()["stockLevels"][0]["onHand"] == "2").then_some(())
    })
    .await;
    eventually("the receipt costed", || async {
        (balance(&app, "1300").await == Decimal::from(29_000)
            && balance(&app, "2010").await == Decimal::from(-29_000))
        .then_some(())
    })
    .await;
    app.until_known(&app.env.finance, "known_purchase_orders", &order)
        .await;
    eventually("finance knows the rebar went into stock", || async {
        let stocked: bool = sqlx::query_scalar(
            "SELECT bool_or(into_stock) FROM read_model.goods_receipts WHERE purchase_order_id = $1 AND line_no = 1",
        )
        .bind(&order)
        .fetch_one(&app.env.finance)
        .await
        .ok()
        .flatten()?;
        stocked.then_some(())
    })
    .await;

    // The bill, both lines entered against 5100: the rebar clears 2010 instead.
    let line = |no: u32, description: &str, quantity: &str, price: &str| {
        json!({ "accountCode": "5100", "description": description, "quantity": quantity,
                "unitPrice": price, "vatTreatment": "STANDARD", "projectId": project,
                "costCode": "STEEL", "purchaseOrderLineNo": no })
    };
    let r = app
        .graphql(
            &admin,
            "mutation($input: RecordBillInput!) { recordBill(input: $input) { id } }",
            json!({ "input": { "supplierAccountId": vendor, "supplierReference": "HS-2201",
                "date": "2026-12-10", "purchaseOrderId": order, "lines": [
                    line(1, "Rebar Y12, t", "2", "14500.00"),
                    line(2, "Crane hire", "1", "5000.00") ] } }),
        )
        .await;
    assert!(r.data()["recordBill"]["id"].is_string(), "{}", r.body);
    eventually("goods received not invoiced cleared", || async {
        (balance(&app, "2010").await == Decimal::ZERO
            && balance(&app, "5100").await == Decimal::from(5_000))
        .then_some(())
    })
    .await;
    assert_eq!(balance(&app, "1300").await, Decimal::from(29_000));
}
