//! Inventory and the ledger agree: after a random sequence of receipts, issues,
//! adjustments and transfers through the gateway, finance has posted every movement
//! once (its `finance.stock_costing` worker on the inventory topic), the inventory
//! account (1300) holds exactly what the stock positions and the goods in transit are
//! worth, and what was issued to the project is its materials cost in the project cost
//! report.

use std::str::FromStr;

use constructos::seed;
use constructos_domain::finance::FinancialCalendar;
use constructos_infra::Domain;
use rust_decimal::Decimal;
use serde_json::json;

use crate::harness::{eventually, spawn_domains, TestApp};

const STORES_AND_BOOKS: &[Domain] = &[
    Domain::Identity,
    Domain::Orders,
    Domain::Finance,
    Domain::Inventory,
];

/// A small deterministic generator (xorshift64*), seeded per run and printed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % sides
    }
}

async fn ok(app: &TestApp, token: &str, query: &str, variables: serde_json::Value) -> bool {
    let r = app.graphql(token, query, variables).await;
    match r.error_code() {
        None => true,
        // Asking for more than is there is refused, as it should be; anything else is not.
        Some("BAD_USER_INPUT") => false,
        Some(other) => panic!("{other}: {}", r.body),
    }
}

async fn sum(pool: &sqlx::PgPool, sql: &str) -> Decimal {
    let value: Option<Decimal> = sqlx::query_scalar(sql)
        .fetch_one(pool)
        .await
        .expect("a sum");
    value.unwrap_or_default()
}

#[tokio::test]
async fn the_inventory_account_equals_the_inventory_value_after_random_movements() {
    let app = spawn_domains(STORES_AND_BOOKS).await;
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart seeded");
    let admin = app.token("admin", &["Admin"]);
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    let r = app
        .graphql(
            &admin,
            "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
            json!({ "input": { "code": "PRJ-STORES-1", "name": "Stores and books",
                               "siteId": "SITE-JHB", "siteName": "Midrand", "startsOn": "2026-11-01" } }),
        )
        .await;
    let project = r.data()["createProject"]["id"]
        .as_str()
        .expect("project id")
        .to_string();
    let inventory = app.env.pool(Domain::Inventory);
    app.until_known(&inventory, "known_projects", &project)
        .await;
    app.until_known(&app.env.finance, "known_projects", &project)
        .await;
    for sku in ["MAT-A", "MAT-B"] {
        app.graphql(
            &clerk,
            "mutation($sku: String!) { defineProduct(input: { sku: $sku, description: \"Material\",
                category: MATERIALS, unit: \"each\", standardCost: \"10\", sellPrice: \"12\", vat: STANDARD }) { code } }",
            json!({ "sku": sku }),
        )
        .await
        .data();
    }
    for (code, kind, project) in [
        ("WH-1", "WAREHOUSE", None),
        ("SS-1", "SITE_STORE", Some(project.as_str())),
    ] {
        app.graphql(
            &clerk,
            "mutation($c: String!, $k: LocationKind!, $p: ID) { openLocation(input: { code: $c, name: \"Store\", kind: $k, projectId: $p }) { code } }",
            json!({ "c": code, "k": kind, "p": project }),
        )
        .await
        .data();
    }

    let seed_value = uuid::Uuid::new_v4().as_u64_pair().0 | 1;
    let mut dice = Dice(seed_value);
    let mut in_transit: Vec<String> = Vec::new();
    let mut accepted = 0;
    for _ in 0..40 {
        let sku = ["MAT-A", "MAT-B"][dice.roll(2) as usize];
        let quantity = format!("{}.{:03}", 1 + dice.roll(30), dice.roll(1000));
        let done = match dice.roll(6) {
            0 | 1 => {
                let cost = format!("{}.{:04}", 1 + dice.roll(400), dice.roll(10_000));
                ok(
                    &app,
                    &clerk,
                    "mutation($p: String!, $q: Decimal!, $c: Decimal!) { receiveStock(product: $p, location: \"WH-1\",
                        quantity: $q, unitCost: $c, reference: \"GRN-R\") { id } }",
                    json!({ "p": sku, "q": quantity, "c": cost }),
                )
                .await
            }
            2 => {
                let location = ["WH-1", "SS-1"][dice.roll(2) as usize];
                let cost_code = ["03-CONC", "04-MASONRY"][dice.roll(2) as usize];
                ok(
                    &app,
                    &clerk,
                    "mutation($p: String!, $l: String!, $q: Decimal!, $j: ID!, $cc: String!) { issueStock(input: {
                        product: $p, location: $l, quantity: $q, projectId: $j, costCode: $cc }) { id } }",
                    json!({ "p": sku, "l": location, "q": quantity, "j": project, "cc": cost_code }),
                )
                .await
            }
            3 => {
                let delta = if dice.roll(2) == 0 {
                    quantity.clone()
                } else {
                    format!("-{quantity}")
                };
                let reason = ["COUNT", "DAMAGE", "THEFT"][dice.roll(3) as usize];
                ok(
                    &app,
                    &clerk,
                    "mutation($p: String!, $d: Decimal!, $r: AdjustmentReason!) { adjustStock(product: $p,
                        location: \"WH-1\", delta: $d, reason: $r, note: \"count\") { id } }",
                    json!({ "p": sku, "d": delta, "r": reason }),
                )
                .await
            }
            4 => {
                let r = app
                    .graphql(
                        &clerk,
                        "mutation($p: String!, $q: Decimal!) { transferStock(input: { product: $p, fromLocation: \"WH-1\",
                            toLocation: \"SS-1\", quantity: $q, reference: \"DN-R\" }) { id } }",
                        json!({ "p": sku, "q": quantity }),
                    )
                    .await;
                match r.body["data"]["transferStock"]["id"].as_str() {
                    Some(id) => {
                        in_transit.push(id.to_string());
                        true
                    }
                    None => false,
                }
            }
            _ => match in_transit.pop() {
                Some(id) => {
                    ok(
                        &app,
                        &clerk,
                        "mutation($t: ID!) { receiveTransfer(transferId: $t) { id } }",
                        json!({ "t": id }),
                    )
                    .await
                }
                None => false,
            },
        };
        accepted += usize::from(done);
    }
    assert!(
        accepted > 10,
        "seed {seed_value}: only {accepted} movements accepted"
    );

    // What the event store says the stock is worth, positions plus in transit.
    let stock_value = sum(
        &inventory,
        "SELECT sum(CASE event_type
                      WHEN 'StockIssued' THEN -(payload -> event_type ->> 'value')::numeric
                      WHEN 'StockTransferredOut' THEN -(payload -> event_type ->> 'value')::numeric
                      ELSE (payload -> event_type ->> 'value')::numeric END)
           FROM events
          WHERE event_type IN ('StockReceived', 'StockIssued', 'StockAdjusted',
                               'StockTransferredOut', 'StockTransferredIn')",
    )
    .await;
    let transit_value = sum(
        &inventory,
        "SELECT sum(CASE event_type WHEN 'TransferDispatched' THEN 1 ELSE -1 END
                    * (payload -> event_type ->> 'value')::numeric)
           FROM events WHERE event_type IN ('TransferDispatched', 'TransferReceived')",
    )
    .await;
    let issued = sum(
        &inventory,
        "SELECT sum((payload -> event_type ->> 'value')::numeric) FROM events WHERE event_type = 'StockIssued'",
    )
    .await;
    let postings: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM events
          WHERE event_type IN ('StockReceived', 'StockIssued', 'StockAdjusted')
            AND (payload -> event_type ->> 'value')::numeric <> 0",
    )
    .fetch_one(&inventory)
    .await
    .expect("movements with a value");

    // Finance posts each once; its inventory account then holds the same value.
    let finance = app.env.finance.clone();
    eventually(
        &format!("seed {seed_value}: {postings} stock journals"),
        || async {
            let journals: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM read_model.journals WHERE narrative LIKE '%stock position%'",
            )
            .fetch_one(&finance)
            .await
            .ok()?;
            (journals == postings).then_some(())
        },
    )
    .await;
    let ledger = eventually("the inventory account settles", || async {
        let balance = sum(
            &finance,
            "SELECT debits - credits FROM read_model.account_balances WHERE account_code = '1300'",
        )
        .await;
        (balance == stock_value + transit_value).then_some(balance)
    })
    .await;
    assert_eq!(ledger, stock_value + transit_value, "seed {seed_value}");

    // The read models say the same: positions plus what is in transit.
    let report = eventually("the inventory read models settle", || async {
        let positions = sum(&inventory, "SELECT sum(value) FROM read_model.stock_levels").await;
        let transit = sum(
            &inventory,
            "SELECT sum(value) FROM read_model.transfers WHERE received_at IS NULL",
        )
        .await;
        (positions + transit == ledger).then_some(positions + transit)
    })
    .await;
    assert_eq!(report, ledger, "seed {seed_value}");

    // What was issued is the project's materials cost.
    let cost = app
        .graphql(
            &admin,
            "query($p: String) { projectCostReport(asAt: \"2099-12-31\", projectId: $p) { totalActual } }",
            json!({ "p": project }),
        )
        .await;
    let actual = cost.data()["projectCostReport"]["totalActual"]
        .as_str()
        .map(Decimal::from_str)
        .and_then(Result::ok)
        .expect("a total");
    assert_eq!(actual, issued, "seed {seed_value}");
    app.stop().await;
}

#[tokio::test]
async fn plant_out_on_a_project_is_charged_to_it_and_its_service_falls_due() {
    let app = spawn_domains(STORES_AND_BOOKS).await;
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart seeded");
    let admin = app.token("admin", &["Admin"]);
    let clerk = app.token("thandi", &["Inventory_Clerk"]);
    let site = app.token("sipho", &["Site_Manager"]);
    let r = app
        .graphql(
            &admin,
            "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
            json!({ "input": { "code": "PRJ-PLANT-1", "name": "Plant on site", "siteId": "SITE-PTA",
                               "siteName": "Pretoria", "startsOn": "2026-11-01" } }),
        )
        .await;
    let project = r.data()["createProject"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    app.until_known(&app.env.pool(Domain::Inventory), "known_projects", &project)
        .await;
    app.until_known(&app.env.finance, "known_projects", &project)
        .await;
    app.graphql(
        &clerk,
        "mutation { registerEquipment(input: { code: \"TLB-01\", description: \"CAT 428 backhoe loader\",
            category: \"TLB\", serialNumber: \"CAT0428FXYZ\", ownership: OWNED, meter: HOURS,
            dailyRate: \"1850.00\", serviceEvery: \"50\", serviceEveryDays: 90,
            registeredOn: \"2026-11-01\", meterReading: \"1200\" }) { code } }",
        json!({}),
    )
    .await
    .data();
    // Out to the project by its code; a site manager may look, not move it.
    app.graphql(
        &clerk,
        "mutation { checkOutEquipment(code: \"TLB-01\", projectId: \"PRJ-PLANT-1\", on: \"2026-11-03\") { code } }",
        json!({}),
    )
    .await
    .data();
    let refused = app
        .graphql(
            &site,
            "mutation { checkInEquipment(code: \"TLB-01\", on: \"2026-11-09\") { code } }",
            json!({}),
        )
        .await;
    assert_eq!(refused.error_code(), Some("FORBIDDEN"), "{}", refused.body);
    const ON_SITE: &str = "query($p: ID) { equipment(projectId: $p) { code projectId outSince } }";
    let on_site = eventually("the TLB on the project", || async {
        let r = app.graphql(&site, ON_SITE, json!({ "p": project })).await;
        let rows = r.data()["equipment"].clone();
        (rows.as_array().map_or(0, Vec::len) == 1).then_some(rows)
    })
    .await;
    assert_eq!(
        on_site,
        json!([{ "code": "TLB-01", "projectId": project, "outSince": "2026-11-03" }])
    );
    let backwards = app
        .graphql(
            &clerk,
            "mutation { checkInEquipment(code: \"TLB-01\", on: \"2026-11-09\", meter: \"1100\") { code } }",
            json!({}),
        )
        .await;
    assert_eq!(
        backwards.error_code(),
        Some("BAD_USER_INPUT"),
        "{}",
        backwards.body
    );
    app.graphql(
        &clerk,
        "mutation { checkInEquipment(code: \"TLB-01\", on: \"2026-11-09\", meter: \"1262.5\") { code } }",
        json!({}),
    )
    .await
    .data();

    // Seven days at R1,850: the project's utilisation and its plant cost in finance.
    let used = eventually("the hire in the utilisation", || async {
        let r = app
            .graphql(
                &site,
                "query($p: ID) { equipmentUtilisation(projectId: $p) { code spells days charge } }",
                json!({ "p": project }),
            )
            .await;
        let rows = r.data()["equipmentUtilisation"].clone();
        (rows.as_array().map_or(0, Vec::len) == 1).then_some(rows)
    })
    .await;
    assert_eq!(
        used,
        json!([{ "code": "TLB-01", "spells": 1, "days": 7, "charge": "12950.00" }])
    );
    let cost = eventually("the plant cost on the project", || async {
        let r = app
            .graphql(
                &admin,
                "query($p: String) { projectCostReport(asAt: \"2026-11-30\", projectId: $p) { totalActual } }",
                json!({ "p": project }),
            )
            .await;
        let total = r.data()["projectCostReport"]["totalActual"].clone();
        (total == "12950.00").then_some(total)
    })
    .await;
    assert_eq!(cost, "12950.00");
    // 62.5 hours since registration against a 50-hour plan: overdue until serviced.
    const OVERDUE: &str = "{ equipment(overdueOnly: true) { code serviceDueMeter } }";
    let overdue = eventually("the TLB overdue for service", || async {
        let r = app.graphql(&clerk, OVERDUE, json!({})).await;
        let rows = r.data()["equipment"].clone();
        (rows.as_array().map_or(0, Vec::len) == 1).then_some(rows)
    })
    .await;
    assert_eq!(
        overdue,
        json!([{ "code": "TLB-01", "serviceDueMeter": "1250" }])
    );
    app.graphql(
        &clerk,
        "mutation { recordEquipmentService(code: \"TLB-01\", on: \"2026-11-10\", note: \"50-hour service\") { code } }",
        json!({}),
    )
    .await
    .data();
    eventually("no longer overdue", || async {
        let r = app.graphql(&clerk, OVERDUE, json!({})).await;
        (r.data()["equipment"].as_array().map_or(1, Vec::len) == 0).then_some(())
    })
    .await;
    app.stop().await;
}
