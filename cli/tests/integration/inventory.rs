//! Stock through the gateway: receipts and issues valued at weighted average cost, the
//! stock level and stock card following, reservations holding stock back, and two
//! concurrent issues of the last unit of which exactly one succeeds.

use constructos_infra::Domain;
use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, Response, TestApp};

const RECEIVE: &str = "mutation($p: String!, $l: String!, $q: Decimal!, $c: Decimal!) {
    receiveStock(product: $p, location: $l, quantity: $q, unitCost: $c, reference: \"GRN-000017\") { id } }";
const ISSUE: &str = "mutation($p: String!, $l: String!, $q: Decimal!, $r: ID) {
    issueStock(input: { product: $p, location: $l, quantity: $q, projectId: \"PRJ-2026-001\", costCode: \"03-CONC\", reservationId: $r }) { id } }";
const RESERVE: &str = "mutation($p: String!, $l: String!, $q: Decimal!) {
    reserveStock(product: $p, location: $l, quantity: $q, purpose: \"SO-000123\") { id } }";
const LEVEL: &str = "query($p: String) { stockLevels(product: $p) {
    product location onHand reserved available value averageCost } }";

async fn receive(
    app: &TestApp,
    token: &str,
    product: &str,
    quantity: &str,
    cost: &str,
) -> Response {
    app.graphql(
        token,
        RECEIVE,
        json!({ "p": product, "l": "WH-JHB", "q": quantity, "c": cost }),
    )
    .await
}

async fn issue(
    app: &TestApp,
    token: &str,
    product: &str,
    quantity: &str,
    reservation: Option<&str>,
) -> Response {
    app.graphql(
        token,
        ISSUE,
        json!({ "p": product, "l": "WH-JHB", "q": quantity, "r": reservation }),
    )
    .await
}

/// The stock level of `product` once it shows `on_hand`.
async fn level_once(app: &TestApp, token: &str, product: &str, on_hand: &str) -> Value {
    eventually(&format!("{product} shows {on_hand} on hand"), || async {
        let r = app.graphql(token, LEVEL, json!({ "p": product })).await;
        let level = r.data()["stockLevels"][0].clone();
        (level["onHand"] == on_hand).then_some(level)
    })
    .await
}

#[tokio::test]
async fn receipts_and_issues_are_valued_at_weighted_average_cost() {
    let app = spawn_domains(&[Domain::Inventory]).await;
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    receive(&app, &clerk, "CEM-42", "10", "100").await.data();
    receive(&app, &clerk, "CEM-42", "20", "85").await.data();
    issue(&app, &clerk, "CEM-42", "7", None).await.data();

    let level = level_once(&app, &clerk, "CEM-42", "23").await;
    assert_eq!(
        level,
        json!({ "product": "CEM-42", "location": "WH-JHB", "onHand": "23", "reserved": "0",
                "available": "23", "value": "2070.00", "averageCost": "90" })
    );
    let card = app
        .graphql(
            &clerk,
            "{ stockMovements(product: \"CEM-42\", location: \"WH-JHB\") { kind quantity value projectId costCode } }",
            json!({}),
        )
        .await;
    assert_eq!(
        card.data()["stockMovements"],
        json!([
            { "kind": "RECEIPT", "quantity": "10", "value": "1000.00", "projectId": null, "costCode": null },
            { "kind": "RECEIPT", "quantity": "20", "value": "1700.00", "projectId": null, "costCode": null },
            { "kind": "ISSUE", "quantity": "-7", "value": "-630.00", "projectId": "PRJ-2026-001", "costCode": "03-CONC" },
        ])
    );
    app.stop().await;
}

#[tokio::test]
async fn reserved_stock_is_held_back_and_refusals_store_nothing() {
    let app = spawn_domains(&[Domain::Inventory]).await;
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    let site = app.token("bongani", &["Site_Manager"]);
    receive(&app, &clerk, "PPE-HELMET", "10", "49.9")
        .await
        .data();
    let reserved = app
        .graphql(
            &clerk,
            RESERVE,
            json!({ "p": "PPE-HELMET", "l": "WH-JHB", "q": "8" }),
        )
        .await;
    let reservation = reserved.data()["reserveStock"]["id"]
        .as_str()
        .expect("reservation id")
        .to_string();

    // Only 2 are free; the holder of the reservation may take its 8 and those 2.
    let refused = issue(&app, &clerk, "PPE-HELMET", "3", None).await;
    assert_eq!(
        refused.error_code(),
        Some("BAD_USER_INPUT"),
        "{}",
        refused.body
    );
    let message = refused.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("only 2 is available"), "{message}");
    issue(&app, &clerk, "PPE-HELMET", "10", Some(&reservation))
        .await
        .data();

    // Bad input is named; a site manager may look but not move stock.
    let zero = receive(&app, &clerk, "PPE-HELMET", "0", "1").await;
    assert_eq!(zero.error_code(), Some("BAD_USER_INPUT"), "{}", zero.body);
    let forbidden = receive(&app, &site, "PPE-HELMET", "1", "1").await;
    assert_eq!(
        forbidden.error_code(),
        Some("FORBIDDEN"),
        "{}",
        forbidden.body
    );

    let level = level_once(&app, &site, "PPE-HELMET", "0").await;
    assert_eq!(
        (&level["reserved"], &level["value"]),
        (&json!("0"), &json!("0.00"))
    );
    let stream = app
        .events_of_type(&app.env.pool(Domain::Inventory), "StockIssued")
        .await;
    assert_eq!(stream, 1, "the refused issue stored nothing");
    app.stop().await;
}

#[tokio::test]
async fn two_concurrent_issues_of_the_last_unit_cannot_both_succeed() {
    let app = spawn_domains(&[Domain::Inventory]).await;
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    for round in 0..8 {
        let product = format!("GEN-{round}");
        receive(&app, &clerk, &product, "1", "12500").await.data();
        let (a, b) = tokio::join!(
            issue(&app, &clerk, &product, "1", None),
            issue(&app, &clerk, &product, "1", None)
        );
        let won = [&a, &b]
            .iter()
            .filter(|r| r.body.get("errors").is_none())
            .count();
        assert_eq!(won, 1, "round {round}: {} / {}", a.body, b.body);
        let lost = if a.body.get("errors").is_some() {
            &a
        } else {
            &b
        };
        assert_eq!(lost.error_code(), Some("BAD_USER_INPUT"), "{}", lost.body);
        let level = level_once(&app, &clerk, &product, "0").await;
        assert_eq!(level["value"], "0.00");
    }
    app.stop().await;
}

#[tokio::test]
async fn the_demo_stock_is_seeded_once_and_valued_exactly() {
    let app = spawn_domains(&[Domain::Inventory]).await;
    let pool = app.env.pool(Domain::Inventory);
    assert_eq!(
        constructos::seed::seed_stock(&pool).await.expect("seeded"),
        10
    );
    assert_eq!(
        constructos::seed::seed_stock(&pool).await.expect("again"),
        0
    );
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    // 400 at R92.50 and 600 at R88.75: 1,000 bags worth R90,250.00; 320 issued take
    // 320/1000 of that, R28,880.00; 120 of the rest are reserved.
    let cement = level_once(&app, &clerk, "CEM-425-50KG", "680").await;
    assert_eq!(
        (
            &cement["value"],
            &cement["averageCost"],
            &cement["available"]
        ),
        (&json!("61370.00"), &json!("90.25"), &json!("560"))
    );
    app.stop().await;
}
