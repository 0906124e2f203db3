//! Quotes through the gateway: a sales rep quotes an opportunity and each stocked line
//! is checked with inventory synchronously — available, short, or unknown to inventory;
//! discounts within the rep's limit; versions; acceptance; another rep sees nothing.
//! And with inventory stopped or hanging, the quote is still saved at once, its stocked
//! lines UNCONFIRMED with the reason — never a hang, never a 500.

use std::time::{Duration, Instant};

use constructos_domain::sales::opportunity_id;
use constructos_infra::Domain;
use serde_json::{json, Value};

use crate::harness::{spawn_domains, spawn_domains_with, TestApp};
use crate::opportunities::{converted_lead, opportunity_in};

const DRAFT: &str = "mutation($o: ID!, $input: QuoteInput!) { draftQuote(opportunityId: $o, input: $input) { id } }";
const QUOTE: &str = "query($id: ID!) { quote(id: $id) { version status net vat total
    lines { product quantity net vat discountPercent stock { status available shortfall reason } } } }";

fn in_a_month() -> String {
    (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string()
}

fn line(product: Option<&str>, quantity: &str, price: &str, discount: &str) -> Value {
    json!({ "product": product, "description": "Quoted item", "quantity": quantity,
            "unitPrice": price, "discountPercent": discount, "vat": "STANDARD" })
}

/// A converted lead's opportunity, owned by `rep`, once sales has it.
async fn opportunity(app: &TestApp, rep: &str, company: &str) -> String {
    let (lead, _) = converted_lead(app, rep, company).await;
    let id = opportunity_id(&lead);
    opportunity_in(app, rep, &id, "QUALIFICATION").await;
    id
}

async fn quote_once(app: &TestApp, token: &str, id: &str, version: i64) -> Value {
    crate::harness::eventually(&format!("quote {id} v{version}"), || async {
        let r = app.graphql(token, QUOTE, json!({ "id": id })).await;
        let q = r.data()["quote"].clone();
        (q["version"] == version).then_some(q)
    })
    .await
}

#[tokio::test]
async fn a_quote_checks_each_stocked_line_with_inventory() {
    let app = spawn_domains(&[Domain::Identity, Domain::Sales, Domain::Inventory]).await;
    let clerk = app.token("stores", &["Inventory_Clerk"]);
    let rep = app.token("rep-thandi", &["Sales_Rep"]);
    let other = app.token("rep-anele", &["Sales_Rep"]);
    app.graphql(
        &clerk,
        "mutation { defineProduct(input: { sku: \"CEM-Q\", description: \"Cement\", category: MATERIALS,
            unit: \"bag\", standardCost: \"90\", sellPrice: \"119\", vat: STANDARD }) { code } }",
        json!({}),
    )
    .await
    .data();
    app.graphql(
        &clerk,
        "mutation { openLocation(input: { code: \"WH-Q\", name: \"Warehouse\", kind: WAREHOUSE }) { code } }",
        json!({}),
    )
    .await
    .data();
    app.graphql(
        &clerk,
        "mutation { receiveStock(product: \"CEM-Q\", location: \"WH-Q\", quantity: \"100\", unitCost: \"90\", reference: \"GRN-Q\") { id } }",
        json!({}),
    )
    .await
    .data();
    let opportunity = opportunity(&app, &rep, "Mokoena Builders").await;
    // The stock levels reach inventory's read model before a check can see them.
    crate::harness::eventually("the receipt in the stock levels", || async {
        let r = app
            .graphql(&clerk, "{ stockCheck(product: \"CEM-Q\", location: \"WH-Q\", quantity: \"1\", by: \"2099-01-01\") { available } }", json!({}))
            .await;
        (r.data()["stockCheck"]["available"] == "100").then_some(())
    })
    .await;

    let input = json!({ "validUntil": in_a_month(), "location": "WH-Q", "lines": [
        line(Some("CEM-Q"), "40", "119.00", "7.5"),
        line(Some("CEM-Q"), "500", "119.00", "0"),
        line(None, "2.5", "1850.00", "0"),
        line(Some("NOPE-1"), "1", "10.00", "0"),
    ] });
    let r = app
        .graphql(&rep, DRAFT, json!({ "o": opportunity, "input": input }))
        .await;
    let id = r.data()["draftQuote"]["id"]
        .as_str()
        .expect("quote id")
        .to_string();
    let quote = quote_once(&app, &rep, &id, 1).await;
    let stock: Vec<Value> = quote["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| l["stock"].clone())
        .collect();
    assert_eq!(
        stock[0],
        json!({ "status": "AVAILABLE", "available": "100", "shortfall": null, "reason": null })
    );
    assert_eq!(
        stock[1],
        json!({ "status": "SHORT", "available": "100", "shortfall": "400", "reason": null })
    );
    assert_eq!(stock[2]["status"], "NOT_CHECKED");
    assert_eq!(stock[3]["status"], "UNCONFIRMED");
    assert!(
        stock[3]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("NOPE-1 at WH-Q is not a product and location inventory knows"),
        "{}",
        stock[3]
    );
    // 4,403.00 + 59,500.00 + 4,625.00 + 10.00 excl. VAT, 15% on each line.
    assert_eq!(
        (&quote["net"], &quote["vat"], &quote["total"]),
        (&json!("68538.00"), &json!("10280.70"), &json!("78818.70"))
    );

    // A rep's discount limit is 10%; another rep does not see the quote.
    let generous = json!({ "validUntil": in_a_month(), "location": "WH-Q", "lines": [line(Some("CEM-Q"), "1", "119.00", "15")] });
    let refused = app
        .graphql(&rep, DRAFT, json!({ "o": opportunity, "input": generous }))
        .await;
    assert_eq!(
        refused.error_code(),
        Some("BAD_USER_INPUT"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.to_string().contains("above your limit of 10%"),
        "{}",
        refused.body
    );
    let hidden = app.graphql(&other, QUOTE, json!({ "id": id })).await;
    assert_eq!(hidden.data()["quote"], Value::Null);

    // A new version, then acceptance; an accepted quote is final.
    let revised = json!({ "validUntil": in_a_month(), "location": "WH-Q", "lines": [line(Some("CEM-Q"), "60", "115.00", "5")] });
    app.graphql(
        &rep,
        "mutation($id: ID!, $input: QuoteInput!) { reviseQuote(id: $id, input: $input) { id } }",
        json!({ "id": id, "input": revised }),
    )
    .await
    .data();
    let v2 = quote_once(&app, &rep, &id, 2).await;
    assert_eq!(v2["lines"][0]["stock"]["status"], "AVAILABLE");
    let accept = "mutation($id: ID!) { acceptQuote(id: $id) { id } }";
    app.graphql(&rep, accept, json!({ "id": id })).await.data();
    let again = app.graphql(&rep, accept, json!({ "id": id })).await;
    assert!(
        again.body.to_string().contains("was accepted"),
        "{}",
        again.body
    );
    app.stop().await;
}

/// A port that accepts connections and never answers: a hung inventory.
async fn hanging_service() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    url
}

/// A port nothing listens on: a stopped inventory.
async fn stopped_service() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    url
}

async fn quoted_while_inventory_is(url: String, expected: &str) {
    let app = spawn_domains_with(&[Domain::Identity, Domain::Sales], |config| {
        config.service_urls.insert(Domain::Inventory, url);
        config.stock_check_timeout = Duration::from_millis(400);
    })
    .await;
    let rep = app.token("rep-thandi", &["Sales_Rep"]);
    let opportunity = opportunity(&app, &rep, "Naidoo Renovations").await;
    let input = json!({ "validUntil": in_a_month(), "location": "WH-JHB", "lines": [
        line(Some("CEM-425-50KG"), "40", "119.00", "0"),
        line(None, "1", "5000.00", "0"),
    ] });
    let started = Instant::now();
    let r = app
        .graphql(&rep, DRAFT, json!({ "o": opportunity, "input": input }))
        .await;
    let waited = started.elapsed();
    let id = r.data()["draftQuote"]["id"]
        .as_str()
        .expect("the quote is saved")
        .to_string();
    assert!(
        waited < Duration::from_secs(10),
        "the quote waited {waited:?}: it must not hang"
    );
    let quote = quote_once(&app, &rep, &id, 1).await;
    let stock = &quote["lines"][0]["stock"];
    assert_eq!(stock["status"], "UNCONFIRMED", "{quote}");
    assert!(
        stock["reason"]
            .as_str()
            .unwrap_or_default()
            .contains(expected),
        "{stock}"
    );
    assert_eq!(quote["lines"][1]["stock"]["status"], "NOT_CHECKED");
    assert_eq!(quote["total"], "11224.00", "priced all the same");
    app.stop().await;
}

#[tokio::test]
async fn with_inventory_stopped_a_quote_is_saved_with_stock_unconfirmed() {
    quoted_while_inventory_is(stopped_service().await, "inventory is unavailable").await;
}

#[tokio::test]
async fn with_inventory_hanging_a_quote_is_saved_within_the_timeout() {
    quoted_while_inventory_is(
        hanging_service().await,
        "inventory did not answer within 400 ms",
    )
    .await;
}
