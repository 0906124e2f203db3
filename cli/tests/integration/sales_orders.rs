//! The asynchronous flow of the blueprint, end to end through the real orders domain
//! and the real broker: a sales order shipped in two parts emits two
//! `ShipmentCompleted` events, and finance raises exactly one invoice for each — a
//! resent shipment neither ships nor invoices twice. Shipping more than ordered is
//! refused, naming the line.

use constructos::seed;
use constructos_commands::finance::invoice_id_for_shipment;
use constructos_domain::finance::FinancialCalendar;
use serde_json::{json, Value};

use crate::contracts::assert_valid;
use crate::harness::{eventually, read_messages, spawn_domains, TestApp, FINANCE};

/// A reader of orders' topic from its beginning, in a group of its own.
pub(crate) fn orders_reader(app: &TestApp) -> rdkafka::consumer::StreamConsumer {
    use rdkafka::consumer::Consumer;
    let group = format!(
        "{}reader.orders.{}",
        app.env.config.topic_namespace,
        uuid::Uuid::new_v4().simple()
    );
    let reader = constructos_infra::kafka::consumer(&app.env.config, &group).expect("consumer");
    reader
        .subscribe(&[&app.env.config.topic(constructos_infra::Domain::Orders)])
        .expect("subscribe");
    reader
}

/// Reads orders' topic until every one of `types` has arrived; every message read
/// validates against its schema (the wire, as the relay published it).
pub(crate) async fn orders_topic_validates(
    reader: &rdkafka::consumer::StreamConsumer,
    types: &[&str],
) {
    let messages = read_messages(reader, |seen| {
        types.iter().all(|t| {
            seen.iter()
                .any(|(_, body)| body["type"] == format!("constructos.orders.{t}.v1"))
        })
    })
    .await;
    for (_, body) in &messages {
        assert_valid(body);
    }
}

const PLACE: &str =
    "mutation($input: PlaceSalesOrderInput!) { placeSalesOrder(input: $input) { id number } }";
const SHIP: &str =
    "mutation($input: ShipSalesOrderInput!) { shipSalesOrder(input: $input) { shipmentId } }";

fn ship(order: &str, note: &str, lines: Value) -> Value {
    json!({ "input": { "salesOrderId": order, "deliveryNote": note, "date": "2026-12-02", "lines": lines } })
}

#[tokio::test]
async fn a_sales_order_shipped_in_two_parts_gives_two_invoices_each_exactly_once() {
    let app = spawn_domains(FINANCE).await;
    let reader = orders_reader(&app);
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart");
    let customer = app
        .account_known_to_finance(
            "CUSTOMER",
            "Msunduzi Developments (Pty) Ltd",
            Some("4123456789"),
        )
        .await;
    app.until_known(&app.env.orders, "known_accounts", &customer)
        .await;
    let project = app.project_known_to_finance("PRJ-SO-1", "SITE-PMB").await;
    let rep = app.token("rep", &["Sales_Rep"]);
    // The billing address reaches orders' copy too: the shipment's snapshot shows it.
    app.account_address_known_to_finance(
        &customer,
        "BILLING",
        &["12 Church Street"],
        "Pietermaritzburg",
        "3201",
    )
    .await;
    eventually("orders knows the billing address", || async {
        let known: bool = sqlx::query_scalar(
            "SELECT addresses ? 'BILLING' FROM read_model.known_accounts WHERE id = $1",
        )
        .bind(&customer)
        .fetch_one(&app.env.orders)
        .await
        .expect("orders' copy");
        known.then_some(())
    })
    .await;

    let r = app
        .graphql(&rep, PLACE, json!({ "input": {
            "customerAccountId": customer, "projectId": project, "date": "2026-12-01", "retentionPercent": "5",
            "lines": [
                { "sku": "cem-50kg", "description": "Cement 50 kg", "quantity": "10", "unitPrice": "95.00", "vatTreatment": "STANDARD" },
                { "description": "Delivery to site", "quantity": "1", "unitPrice": "450.00", "vatTreatment": "STANDARD" }
            ] } }))
        .await;
    let placed = r.data()["placeSalesOrder"].clone();
    assert_eq!(placed["number"], "SO-2026-00001");
    let order = placed["id"].as_str().expect("id").to_string();
    // Not before confirmation.
    let r = app
        .graphql(
            &rep,
            SHIP,
            ship(&order, "DN-1", json!([{ "lineNo": 1, "quantity": "4" }])),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    app.graphql(
        &rep,
        "mutation($id: ID!) { confirmSalesOrder(id: $id) { id } }",
        json!({ "id": order }),
    )
    .await
    .data();
    // More than ordered is refused, naming the line.
    let r = app
        .graphql(
            &rep,
            SHIP,
            ship(&order, "DN-1", json!([{ "lineNo": 1, "quantity": "11" }])),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("line 1 has 10 still open, 11 asked for"),
        "{}",
        r.body
    );

    let first_lines = json!([{ "lineNo": 1, "quantity": "4" }, { "lineNo": 2, "quantity": "1" }]);
    let r = app
        .graphql(&rep, SHIP, ship(&order, "DN-1", first_lines.clone()))
        .await;
    let first = r.data()["shipSalesOrder"]["shipmentId"]
        .as_str()
        .expect("id")
        .to_string();
    // Resent (a retry after a lost answer): the same shipment, nothing appended.
    let stored = app.events_of(&app.env.orders, &order).await;
    let r = app
        .graphql(&rep, SHIP, ship(&order, "dn-1", first_lines))
        .await;
    assert_eq!(r.data()["shipSalesOrder"]["shipmentId"], first.as_str());
    assert_eq!(app.events_of(&app.env.orders, &order).await, stored);
    let r = app
        .graphql(
            &rep,
            SHIP,
            ship(&order, "DN-2", json!([{ "lineNo": 1, "quantity": "6" }])),
        )
        .await;
    let second = r.data()["shipSalesOrder"]["shipmentId"]
        .as_str()
        .expect("id")
        .to_string();
    assert_ne!(first, second);
    // Fully shipped: nothing more ships.
    let r = app
        .graphql(
            &rep,
            SHIP,
            ship(&order, "DN-3", json!([{ "lineNo": 1, "quantity": "1" }])),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert_eq!(
        app.events_of_type(&app.env.orders, "ShipmentCompleted")
            .await,
        2
    );
    assert_eq!(app.events_of_type(&app.env.orders, "StockShipped").await, 2);

    // Finance invoices each shipment once, from the events on orders' topic.
    let finance = app.token("fiona", &["Finance_User"]);
    let query = "{ invoices { id number status total retention recipient { name vatNumber } lines { description quantity projectId } } }";
    let invoices = eventually("both shipments are invoiced", || async {
        let r = app.graphql(&finance, query, json!({})).await;
        let list = r.data()["invoices"].as_array().cloned().unwrap_or_default();
        (list.len() == 2 && list.iter().all(|i| i["status"] == "ISSUED")).then_some(list)
    })
    .await;
    let invoice = |shipment: &str| {
        let id = invoice_id_for_shipment(shipment);
        invoices
            .iter()
            .find(|i| i["id"] == id.as_str())
            .cloned()
            .expect("the shipment's invoice")
    };
    let one = invoice(&first);
    // 4 × 95 = 380 + 450 = 830, VAT 124.50: 954.50; retention 5% of the value excl.
    // VAT (SARS's rule) = 41.50.
    assert_eq!(one["total"], "954.50");
    assert_eq!(one["retention"], "41.50");
    assert_eq!(one["recipient"]["vatNumber"], "4123456789");
    assert_eq!(one["lines"][0]["projectId"], project.as_str());
    // 6 × 95 = 570, VAT 85.50.
    assert_eq!(invoice(&second)["total"], "655.50");
    let snapshot: serde_json::Value = sqlx::query_scalar(
        "SELECT payload->'ShipmentCompleted'->'customer' FROM events
          WHERE event_type = 'ShipmentCompleted' ORDER BY sequence LIMIT 1",
    )
    .fetch_one(&app.env.orders)
    .await
    .expect("the shipment");
    assert_eq!(
        snapshot,
        json!({ "account_id": customer, "name": "Msunduzi Developments (Pty) Ltd",
                "vat_number": "4123456789", "address": "12 Church Street, Pietermaritzburg, 3201" })
    );
    let numbers: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM events WHERE aggregate_type = 'finance.invoice_numbering'",
    )
    .fetch_one(&app.env.finance)
    .await
    .expect("count");
    assert_eq!(numbers, 2, "one invoice number per shipment");

    // The order's read model: shipped to date per line, both shipments.
    let read = "query($id: ID!) { salesOrder(id: $id) { status lines { lineNo delivered open } shipments { number } } }";
    let seen = eventually("the order is shipped in the read model", || async {
        let r = app.graphql(&rep, read, json!({ "id": order })).await;
        let o = r.data()["salesOrder"].clone();
        (o["status"] == "SHIPPED").then_some(o)
    })
    .await;
    assert_eq!(
        seen["lines"],
        json!([{ "lineNo": 1, "delivered": "10", "open": "0" }, { "lineNo": 2, "delivered": "1", "open": "0" }])
    );
    assert_eq!(
        seen["shipments"],
        json!([{ "number": "DN-1" }, { "number": "DN-2" }])
    );
    let r = app
        .graphql(
            &rep,
            "query($p: ID!) { salesOrders(projectId: $p, status: SHIPPED) { number } }",
            json!({ "p": project }),
        )
        .await;
    assert_eq!(
        r.data()["salesOrders"],
        json!([{ "number": "SO-2026-00001" }])
    );
    let emitted = [
        "OrderNumberAssigned",
        "SalesOrderPlaced",
        "SalesOrderConfirmed",
        "SalesOrderShipped",
        "ShipmentCompleted",
        "StockShipped",
    ];
    orders_topic_validates(&reader, &emitted).await;
    app.stop().await;
}
