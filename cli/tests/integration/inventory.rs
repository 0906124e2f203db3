//! Stock through the gateway: receipts and issues valued at weighted average cost, the
//! stock level and stock card following, reservations holding stock back, two
//! concurrent issues of the last unit of which exactly one succeeds, and the catalogue
//! and locations governing every movement (units, site stores, negative stock, closed
//! locations, discontinued products) with transfers in transit between them.

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
    product description unit location onHand reserved available value averageCost } }";

const DEFINE: &str = "mutation($sku: String!, $level: Decimal) {
    defineProduct(input: { sku: $sku, description: \"Test product\", category: MATERIALS,
        unit: \"bag\", conversions: [{ unit: \"pallet\", factor: \"40\" }],
        standardCost: \"90\", sellPrice: \"119\", vat: STANDARD, reorderLevel: $level }) { code } }";
const OPEN: &str = "mutation($code: String!, $kind: LocationKind!, $project: ID) {
    openLocation(input: { code: $code, name: \"Store\", kind: $kind, projectId: $project }) { code } }";

/// Opens project `code` in orders and waits until inventory has heard of it; answers its
/// id.
async fn known_project(app: &TestApp, code: &str) -> String {
    let admin = app.token("admin", &["Admin"]);
    let r = app
        .graphql(
            &admin,
            "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
            json!({ "input": { "code": code, "name": format!("Project {code}"), "siteId": "SITE-1",
                               "siteName": "Site 1", "startsOn": "2026-12-01" } }),
        )
        .await;
    let id = r.data()["createProject"]["id"]
        .as_str()
        .expect("project id")
        .to_string();
    app.until_known(&app.env.pool(Domain::Inventory), "known_projects", &id)
        .await;
    id
}

/// The stores' domains: inventory, and orders for the projects stock is issued to.
const STORES: &[Domain] = &[Domain::Inventory, Domain::Orders];

/// Defines `products` and opens the warehouse `WH-JHB`, as a clerk may.
async fn stock_up(app: &TestApp, token: &str, products: &[&str]) {
    for sku in products {
        app.graphql(token, DEFINE, json!({ "sku": sku }))
            .await
            .data();
    }
    app.graphql(
        token,
        OPEN,
        json!({ "code": "WH-JHB", "kind": "WAREHOUSE" }),
    )
    .await
    .data();
}

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
    let app = spawn_domains(STORES).await;
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    let project = known_project(&app, "PRJ-2026-001").await;
    stock_up(&app, &clerk, &["CEM-42"]).await;
    receive(&app, &clerk, "CEM-42", "10", "100").await.data();
    receive(&app, &clerk, "CEM-42", "20", "85").await.data();
    issue(&app, &clerk, "CEM-42", "7", None).await.data();

    let level = level_once(&app, &clerk, "CEM-42", "23").await;
    assert_eq!(
        level,
        json!({ "product": "CEM-42", "description": "Test product", "unit": "bag",
                "location": "WH-JHB", "onHand": "23", "reserved": "0",
                "available": "23", "value": "2070.00", "averageCost": "90" })
    );
    let card = app
        .graphql(
            &clerk,
            "{ stockMovements(product: \" CEM-42\", location: \"WH-JHB \") { kind quantity value projectId costCode } }",
            json!({}),
        )
        .await;
    assert_eq!(
        card.data()["stockMovements"],
        json!([
            { "kind": "RECEIPT", "quantity": "10", "value": "1000.00", "projectId": null, "costCode": null },
            { "kind": "RECEIPT", "quantity": "20", "value": "1700.00", "projectId": null, "costCode": null },
            { "kind": "ISSUE", "quantity": "-7", "value": "-630.00", "projectId": project, "costCode": "03-CONC" },
        ])
    );
    let malformed = app.graphql(&clerk, LEVEL, json!({ "p": "C\nEM" })).await;
    assert_eq!(
        malformed.error_code(),
        Some("BAD_USER_INPUT"),
        "{}",
        malformed.body
    );
    app.stop().await;
}

#[tokio::test]
async fn reserved_stock_is_held_back_and_refusals_store_nothing() {
    let app = spawn_domains(STORES).await;
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    let site = app.token("bongani", &["Site_Manager"]);
    known_project(&app, "PRJ-2026-001").await;
    stock_up(&app, &clerk, &["PPE-HELMET"]).await;
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
    let app = spawn_domains(STORES).await;
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    let products: Vec<String> = (0..8).map(|round| format!("GEN-{round}")).collect();
    let products: Vec<&str> = products.iter().map(String::as_str).collect();
    known_project(&app, "PRJ-2026-001").await;
    stock_up(&app, &clerk, &products).await;
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
    let app = spawn_domains(STORES).await;
    let project = known_project(&app, "PRJ-2026-001").await;
    let pool = app.env.pool(Domain::Inventory);
    assert_eq!(
        constructos::seed::seed_stock(&pool, Some(&project))
            .await
            .expect("seeded"),
        18
    );
    assert_eq!(
        constructos::seed::seed_stock(&pool, Some(&project))
            .await
            .expect("again"),
        0
    );
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    // 400 at R92.50 and 600 at R88.75: 1,000 bags worth R90,250.00; 320 issued take
    // 320/1000 of that, R28,880.00; two pallets (80 bags, R7,220.00) are on their way to
    // site; 120 of the rest are reserved.
    let cement = level_once(&app, &clerk, "CEM-425-50KG", "600").await;
    assert_eq!(
        (
            &cement["value"],
            &cement["averageCost"],
            &cement["available"]
        ),
        (&json!("54150.00"), &json!("90.25"), &json!("480"))
    );
    let transit = eventually("the demo transfer in transit", || async {
        let r = app
            .graphql(
                &clerk,
                "{ stockTransfers(inTransitOnly: true) { toLocation quantity value } }",
                json!({}),
            )
            .await;
        let rows = r.data()["stockTransfers"].clone();
        (rows.as_array().map_or(0, Vec::len) == 1).then_some(rows)
    })
    .await;
    assert_eq!(
        transit,
        json!([{ "toLocation": "SS-SANDTON", "quantity": "80", "value": "7220.00" }])
    );
    app.stop().await;
}

/// The stock level of `product` at `location`, once it shows `on_hand`.
async fn level_at(
    app: &TestApp,
    token: &str,
    product: &str,
    location: &str,
    on_hand: &str,
) -> Value {
    eventually(
        &format!("{product} at {location} shows {on_hand}"),
        || async {
            let r = app
                .graphql(
                    token,
                    "query($p: String, $l: String) { stockLevels(product: $p, location: $l) {
                    onHand value averageCost low } }",
                    json!({ "p": product, "l": location }),
                )
                .await;
            let level = r.data()["stockLevels"][0].clone();
            (level["onHand"] == on_hand).then_some(level)
        },
    )
    .await
}

fn message(response: &Response) -> String {
    response.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn the_catalogue_and_locations_govern_every_movement_and_transfers_keep_value() {
    let app = spawn_domains(STORES).await;
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    let rep = app.token("sipho", &["Sales_Rep"]);

    // Nothing moves for a product or a location the catalogue does not know.
    let unknown = receive(&app, &clerk, "CEM-X", "1", "1").await;
    assert_eq!(unknown.error_code(), Some("NOT_FOUND"), "{}", unknown.body);
    assert!(
        message(&unknown).contains("not in the product catalogue"),
        "{}",
        unknown.body
    );
    app.graphql(&clerk, DEFINE, json!({ "sku": "CEM-X", "level": "60" }))
        .await
        .data();
    let nowhere = receive(&app, &clerk, "CEM-X", "1", "1").await;
    assert_eq!(nowhere.error_code(), Some("NOT_FOUND"), "{}", nowhere.body);
    assert!(
        message(&nowhere).contains("WH-JHB is not a known location"),
        "{}",
        nowhere.body
    );
    // A site store belongs to a project; a sales rep reads the catalogue, changes nothing.
    let orphan = app
        .graphql(
            &clerk,
            OPEN,
            json!({ "code": "SS-B", "kind": "SITE_STORE" }),
        )
        .await;
    assert_eq!(
        orphan.error_code(),
        Some("BAD_USER_INPUT"),
        "{}",
        orphan.body
    );
    app.graphql(
        &clerk,
        OPEN,
        json!({ "code": "WH-JHB", "kind": "WAREHOUSE" }),
    )
    .await
    .data();
    let unknown_project = app
        .graphql(
            &clerk,
            OPEN,
            json!({ "code": "SS-B", "kind": "SITE_STORE", "project": "PRJ-9" }),
        )
        .await;
    assert!(
        message(&unknown_project).contains("PRJ-9 is not a known project"),
        "{}",
        unknown_project.body
    );
    let nine = known_project(&app, "PRJ-9").await;
    known_project(&app, "PRJ-1").await;
    known_project(&app, "PRJ-2026-001").await;
    app.graphql(
        &clerk,
        OPEN,
        json!({ "code": "SS-B", "kind": "SITE_STORE", "project": "PRJ-9" }),
    )
    .await
    .data();
    let forbidden = app.graphql(&rep, DEFINE, json!({ "sku": "CEM-Y" })).await;
    assert_eq!(
        forbidden.error_code(),
        Some("FORBIDDEN"),
        "{}",
        forbidden.body
    );
    let catalogue = eventually("the product in the catalogue", || async {
        let r = app
            .graphql(
                &rep,
                "{ products(search: \"cem-\") { sku unit conversions { unit factor } sellPrice } }",
                json!({}),
            )
            .await;
        let rows = r.data()["products"].clone();
        (rows.as_array().map_or(0, Vec::len) == 1).then_some(rows)
    })
    .await;
    assert_eq!(
        catalogue,
        json!([{ "sku": "CEM-X", "unit": "bag", "conversions": [{ "unit": "pallet", "factor": "40" }], "sellPrice": "119" }])
    );

    // Two pallets at R4,000 a pallet are 80 bags at R100.
    let pallets = app
        .graphql(
            &clerk,
            "mutation { receiveStock(product: \"CEM-X\", location: \"WH-JHB\", quantity: \"2\",
                unitCost: \"4000\", reference: \"GRN-1\", unit: \"pallet\") { id } }",
            json!({}),
        )
        .await;
    pallets.data();
    let crates = app
        .graphql(
            &clerk,
            "mutation { receiveStock(product: \"CEM-X\", location: \"WH-JHB\", quantity: \"1\",
                unitCost: \"1\", reference: \"GRN-2\", unit: \"crate\") { id } }",
            json!({}),
        )
        .await;
    assert!(
        message(&crates).contains("does not come in crate"),
        "{}",
        crates.body
    );

    // 30 bags to site: out of the warehouse at average cost, in transit until received.
    let sent = app
        .graphql(
            &clerk,
            "mutation { transferStock(input: { product: \"CEM-X\", fromLocation: \"WH-JHB\",
                toLocation: \"SS-B\", quantity: \"30\", reference: \"DN-1\" }) { id } }",
            json!({}),
        )
        .await;
    let transfer = sent.data()["transferStock"]["id"]
        .as_str()
        .expect("transfer id")
        .to_string();
    let warehouse = level_at(&app, &clerk, "CEM-X", "WH-JHB", "50").await;
    assert_eq!(
        (&warehouse["value"], &warehouse["low"]),
        (&json!("5000.00"), &json!(true))
    );
    let low = eventually("CEM-X low on stock", || async {
        let r = app
            .graphql(
                &clerk,
                "{ lowStock { sku available inTransit reorderLevel } }",
                json!({}),
            )
            .await;
        let rows = r.data()["lowStock"].clone();
        (rows.as_array().map_or(0, Vec::len) == 1).then_some(rows)
    })
    .await;
    assert_eq!(
        low,
        json!([{ "sku": "CEM-X", "available": "50", "inTransit": "0", "reorderLevel": "60" }])
    );
    const RECEIVE_TRANSFER: &str = "mutation($t: ID!) { receiveTransfer(transferId: $t) { id } }";
    app.graphql(&clerk, RECEIVE_TRANSFER, json!({ "t": transfer }))
        .await
        .data();
    let site = level_at(&app, &clerk, "CEM-X", "SS-B", "30").await;
    assert_eq!(
        (&site["value"], &site["averageCost"], &site["low"]),
        (&json!("3000.00"), &json!("100"), &json!(false))
    );
    let again = app
        .graphql(&clerk, RECEIVE_TRANSFER, json!({ "t": transfer }))
        .await;
    assert!(
        message(&again).contains("already been received"),
        "{}",
        again.body
    );

    // A site store issues to its own project only, and not below zero unless allowed.
    let site_issue = |project: &'static str, quantity: &'static str| {
        let app = &app;
        let clerk = &clerk;
        async move {
            app.graphql(
                clerk,
                "mutation($q: Decimal!, $p: ID!) { issueStock(input: { product: \"CEM-X\", location: \"SS-B\",
                    quantity: $q, projectId: $p, costCode: \"03\" }) { id } }",
                json!({ "q": quantity, "p": project }),
            )
            .await
        }
    };
    let elsewhere = site_issue("PRJ-1", "1").await;
    assert!(
        message(&elsewhere).contains(&format!("holds stock for project {nine} only")),
        "{}",
        elsewhere.body
    );
    let short = site_issue("PRJ-9", "40").await;
    assert!(
        message(&short).contains("only 30 is available"),
        "{}",
        short.body
    );
    app.graphql(
        &clerk,
        "mutation { setNegativeStock(code: \"SS-B\", allowed: true) { code } }",
        json!({}),
    )
    .await
    .data();
    site_issue("PRJ-9", "40").await.data();
    let below = level_at(&app, &clerk, "CEM-X", "SS-B", "-10").await;
    assert_eq!(below["value"], "-1000.00");

    // A discontinued product takes no receipts; a closed location takes nothing.
    app.graphql(
        &clerk,
        "mutation { discontinueProduct(sku: \"CEM-X\", reason: \"replaced\") { code } }",
        json!({}),
    )
    .await
    .data();
    let discontinued = receive(&app, &clerk, "CEM-X", "1", "1").await;
    assert!(
        message(&discontinued).contains("discontinued"),
        "{}",
        discontinued.body
    );
    issue(&app, &clerk, "CEM-X", "5", None).await.data();
    app.graphql(
        &clerk,
        "mutation { closeLocation(code: \"WH-JHB\", reason: \"moved\") { code } }",
        json!({}),
    )
    .await
    .data();
    let closed = issue(&app, &clerk, "CEM-X", "1", None).await;
    assert!(
        message(&closed).contains("WH-JHB is closed"),
        "{}",
        closed.body
    );

    // Every rand is accounted for: 8,000 received = 4,500 still in the warehouse +
    // 4,000 issued from site + 500 issued from the warehouse − 1,000 owed by the site.
    // Once the read models have caught up with the last movement (5 out of 50):
    level_at(&app, &clerk, "CEM-X", "WH-JHB", "45").await;
    let pool = app.env.pool(Domain::Inventory);
    let movements: rust_decimal::Decimal = sqlx::query_scalar(
        "SELECT sum(value) FROM read_model.stock_movements WHERE kind NOT IN ('ISSUE')",
    )
    .fetch_one(&pool)
    .await
    .expect("sum of movements");
    let positions: rust_decimal::Decimal =
        sqlx::query_scalar("SELECT sum(value) FROM read_model.stock_levels")
            .fetch_one(&pool)
            .await
            .expect("sum of positions");
    let issued: rust_decimal::Decimal = sqlx::query_scalar(
        "SELECT -sum(value) FROM read_model.stock_movements WHERE kind = 'ISSUE'",
    )
    .fetch_one(&pool)
    .await
    .expect("sum of issues");
    assert_eq!(
        movements,
        rust_decimal::Decimal::new(800_000, 2),
        "receipts; transfers net to nothing"
    );
    assert_eq!(positions + issued, movements);
    app.stop().await;
}

#[tokio::test]
async fn a_stock_count_posts_its_variances_against_the_book_at_posting() {
    let app = spawn_domains(STORES).await;
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    known_project(&app, "PRJ-2026-001").await;
    stock_up(&app, &clerk, &["CEM-42"]).await;
    receive(&app, &clerk, "CEM-42", "100", "10").await.data();
    let r = app
        .graphql(
            &clerk,
            "mutation { openStockCount(location: \"WH-JHB\", reference: \"CNT-1\") { id } }",
            json!({}),
        )
        .await;
    let count = r.data()["openStockCount"]["id"]
        .as_str()
        .expect("count id")
        .to_string();
    const RECORD: &str = "mutation($c: ID!, $p: String!, $q: Decimal!) {
        recordStockCount(countId: $c, product: $p, counted: $q) { id } }";
    app.graphql(
        &clerk,
        RECORD,
        json!({ "c": count, "p": "CEM-42", "q": "97" }),
    )
    .await
    .data();
    let unknown = app
        .graphql(&clerk, RECORD, json!({ "c": count, "p": "NOPE", "q": "1" }))
        .await;
    assert_eq!(unknown.error_code(), Some("NOT_FOUND"), "{}", unknown.body);
    // Five go out while the count is open: the book at posting is 95.
    issue(&app, &clerk, "CEM-42", "5", None).await.data();
    level_once(&app, &clerk, "CEM-42", "95").await;
    const SHEET: &str =
        "query($c: ID!) { stockCount(id: $c) { status lines { product counted book variance } } }";
    let open = app.graphql(&clerk, SHEET, json!({ "c": count })).await;
    assert_eq!(
        open.data()["stockCount"],
        json!({ "status": "OPEN", "lines": [{ "product": "CEM-42", "counted": "97", "book": "95", "variance": "2" }] })
    );
    const POST: &str = "mutation($c: ID!) { postStockCount(countId: $c) { id } }";
    app.graphql(&clerk, POST, json!({ "c": count }))
        .await
        .data();
    let level = level_once(&app, &clerk, "CEM-42", "97").await;
    assert_eq!(level["value"], "970.00", "found stock at the average cost");
    let posted = eventually("the count posted", || async {
        let r = app.graphql(&clerk, SHEET, json!({ "c": count })).await;
        let sheet = r.data()["stockCount"].clone();
        (sheet["status"] == "POSTED").then_some(sheet)
    })
    .await;
    assert_eq!(posted["lines"][0]["variance"], "2");
    let again = app.graphql(&clerk, POST, json!({ "c": count })).await;
    assert!(
        message(&again).contains("has been posted"),
        "{}",
        again.body
    );
    let late = app
        .graphql(
            &clerk,
            RECORD,
            json!({ "c": count, "p": "CEM-42", "q": "1" }),
        )
        .await;
    assert!(message(&late).contains("has been posted"), "{}", late.body);
    app.stop().await;
}
