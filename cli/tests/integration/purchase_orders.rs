//! Purchase orders end to end through the gateway with real signed tokens: approval
//! within the approver's role limit (a site manager refused above R50 000, a project
//! manager approving it), goods received in parts and never beyond the order, the
//! project's committed figure, and a site manager of another project seeing none of it.

use serde_json::{json, Value};

use crate::harness::{eventually, spawn_app_as, spawn_domains, TestApp, Topology, IDENTITY_ORDERS};

pub(crate) async fn create_project(app: &TestApp, admin: &str, code: &str, site: &str) -> String {
    let r = app
        .graphql(
            admin,
            "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
            json!({ "input": { "code": code, "name": format!("Project {code}"), "siteId": site, "siteName": site } }),
        )
        .await;
    r.data()["createProject"]["id"]
        .as_str()
        .expect("id")
        .to_string()
}

/// An identity account orders knows (its copy follows identity's topic).
pub(crate) async fn account_known_to_orders(
    app: &TestApp,
    admin: &str,
    kind: &str,
    name: &str,
) -> String {
    let r = app
        .graphql(
            admin,
            "mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }",
            json!({ "input": { "kind": kind, "name": name, "vatNumber": "4123456789" } }),
        )
        .await;
    let id = r.data()["createAccount"]["id"]
        .as_str()
        .expect("account id")
        .to_string();
    app.until_known(&app.env.orders, "known_accounts", &id)
        .await;
    id
}

/// Waits until the order reaches the read model that a caller narrowed to their
/// projects is checked against (their writes name only orders they can read).
async fn visible(app: &TestApp, token: &str, id: &str) {
    eventually("the order reaches the read model", || async {
        let r = app
            .graphql(
                token,
                "query($id: ID!) { purchaseOrder(id: $id) { id } }",
                json!({ "id": id }),
            )
            .await;
        (!r.data()["purchaseOrder"].is_null()).then_some(())
    })
    .await;
}

const RAISE: &str = "mutation($input: RaisePurchaseOrderInput!) { raisePurchaseOrder(input: $input) { id number } }";
const APPROVE: &str = "mutation($id: ID!) { approvePurchaseOrder(id: $id) { id } }";
const RECEIVE: &str =
    "mutation($input: ReceiveGoodsInput!) { receiveGoods(input: $input) { id number } }";
const ORDER: &str = "query($id: ID!) { purchaseOrder(id: $id) { number status totalExclVat committed approverRole lines { lineNo quantity delivered open } goodsReceipts { number lines { lineNo quantity } } } }";

fn raise(vendor: &str, project: &str, lines: Value) -> Value {
    json!({ "input": { "vendorAccountId": vendor, "projectId": project, "costCode": "CC-300", "date": "2026-12-01", "lines": lines } })
}

fn receive(order: &str, lines: Value) -> Value {
    json!({ "input": { "purchaseOrderId": order, "date": "2026-12-03", "lines": lines } })
}

#[tokio::test]
async fn purchase_orders_are_approved_within_role_limits_and_received_in_parts() {
    let app = spawn_domains(IDENTITY_ORDERS).await;
    approved_within_limits_and_received_in_parts(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn the_same_holds_when_orders_runs_as_its_own_service() {
    let app = spawn_app_as(Topology::Split).await;
    approved_within_limits_and_received_in_parts(&app).await;
    app.stop().await;
}

async fn approved_within_limits_and_received_in_parts(app: &TestApp) {
    let reader = crate::sales_orders::orders_reader(app);
    let admin = app.token("admin", &["Admin"]);
    let site = app.token("site-north", &["Site_Manager"]);
    let pm = app.token("pm-north", &["Project_Manager"]);
    let other = app.token("site-south", &["Site_Manager"]);
    let project = create_project(app, &admin, "PRJ-PO-1", "SITE-NORTH").await;
    let elsewhere = create_project(app, &admin, "PRJ-PO-2", "SITE-SOUTH").await;
    let vendor = account_known_to_orders(app, &admin, "VENDOR", "Bokamoso Steel (Pty) Ltd").await;
    let customer = account_known_to_orders(app, &admin, "CUSTOMER", "Msunduzi Developments").await;
    app.assign_to_project(&admin, &site, &project).await;
    app.assign_to_project(&admin, &pm, &project).await;
    app.assign_to_project(&admin, &other, &elsewhere).await;

    // A customer is not a vendor.
    let r = app
        .graphql(&site, RAISE, raise(&customer, &project, json!([{ "description": "X", "quantity": "1", "unitPrice": "1.00", "vatTreatment": "STANDARD" }])))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);

    // R20 000: within a site manager's limit; they approve their own order.
    let small_lines = json!([
        { "sku": "rebar-y12", "description": "Rebar Y12, 6 m", "quantity": "10", "unitPrice": "1000.00", "vatTreatment": "STANDARD" },
        { "description": "Shuttering hire", "quantity": "4", "unitPrice": "2500.00", "vatTreatment": "STANDARD" }
    ]);
    let r = app
        .graphql(&site, RAISE, raise(&vendor, &project, small_lines))
        .await;
    let small = r.data()["raisePurchaseOrder"].clone();
    assert_eq!(small["number"], "PO-2026-00001");
    let small = small["id"].as_str().expect("id").to_string();
    visible(app, &site, &small).await;
    app.graphql(&site, APPROVE, json!({ "id": small }))
        .await
        .data();

    // R291 000: above the site manager's R50 000, within the project manager's.
    let big_lines = json!([{ "description": "Structural steel", "quantity": "200", "unitPrice": "1455.00", "vatTreatment": "STANDARD" }]);
    let r = app
        .graphql(&site, RAISE, raise(&vendor, &project, big_lines))
        .await;
    assert_eq!(r.data()["raisePurchaseOrder"]["number"], "PO-2026-00002");
    let big = r.data()["raisePurchaseOrder"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    visible(app, &site, &big).await;
    let stored = app.events_of(&app.env.orders, &big).await;
    let r = app.graphql(&site, APPROVE, json!({ "id": big })).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    let message = r.body["errors"][0]["message"].as_str().unwrap_or_default();
    for says in ["50000.00", "291000.00", "Project_Manager"] {
        assert!(message.contains(says), "{message}");
    }
    assert_eq!(
        app.events_of(&app.env.orders, &big).await,
        stored,
        "nothing stored"
    );
    app.graphql(&pm, APPROVE, json!({ "id": big })).await.data();

    // Goods in two parts; a third note beyond what is open is refused.
    let r = app
        .graphql(
            &site,
            RECEIVE,
            receive(&small, json!([{ "lineNo": 1, "quantity": "6" }])),
        )
        .await;
    assert_eq!(r.data()["receiveGoods"]["number"], "GRN-00001");
    let r = app
        .graphql(
            &site,
            RECEIVE,
            receive(
                &small,
                json!([{ "lineNo": 1, "quantity": "3" }, { "lineNo": 2, "quantity": "4" }]),
            ),
        )
        .await;
    assert_eq!(r.data()["receiveGoods"]["number"], "GRN-00002");
    let r = app
        .graphql(
            &site,
            RECEIVE,
            receive(&small, json!([{ "lineNo": 1, "quantity": "2" }])),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("line 1 has 1 still open, 2 asked for"),
        "{}",
        r.body
    );

    let order = eventually("both receipts reach the read model", || async {
        let r = app.graphql(&site, ORDER, json!({ "id": small })).await;
        let order = r.data()["purchaseOrder"].clone();
        (order["goodsReceipts"].as_array().map_or(0, Vec::len) == 2).then_some(order)
    })
    .await;
    assert_eq!(order["status"], "PART_RECEIVED");
    assert_eq!(order["approverRole"], "Site_Manager");
    assert_eq!(order["lines"][0]["delivered"], "9");
    assert_eq!(order["lines"][0]["open"], "1");
    assert_eq!(order["lines"][1]["delivered"], "4");
    let big_order = eventually("the big order is approved", || async {
        let r = app.graphql(&pm, ORDER, json!({ "id": big })).await;
        let order = r.data()["purchaseOrder"].clone();
        (order["status"] == "APPROVED").then_some(order)
    })
    .await;
    assert_eq!(big_order["approverRole"], "Project_Manager");
    let commitments =
        "query($p: ID!) { projectCommitments(projectId: $p) { committed openOrders } }";
    let r = app.graphql(&pm, commitments, json!({ "p": project })).await;
    assert_eq!(
        r.data()["projectCommitments"],
        json!({ "committed": "311000.00", "openOrders": 2 })
    );

    // Closing the part-received order releases what will not come: 9 × 1000 + 4 × 2500.
    app.graphql(
        &site,
        "mutation($id: ID!) { closePurchaseOrder(id: $id, reason: \"Rest not needed\") { id } }",
        json!({ "id": small }),
    )
    .await
    .data();
    eventually("the commitment drops to what was received", || async {
        let r = app.graphql(&pm, commitments, json!({ "p": project })).await;
        (r.data()["projectCommitments"]["committed"] == "310000.00").then_some(())
    })
    .await;

    // A site manager of another project sees none of it.
    let r = app
        .graphql(&other, "{ purchaseOrders { id } }", json!({}))
        .await;
    assert_eq!(r.data()["purchaseOrders"], json!([]));
    let r = app.graphql(&other, ORDER, json!({ "id": big })).await;
    assert!(r.data()["purchaseOrder"].is_null(), "{}", r.body);
    let unknown = app
        .graphql(
            &admin,
            APPROVE,
            json!({ "id": "0190f0c2-0000-7000-8000-00000000dead" }),
        )
        .await;
    assert_eq!(unknown.error_code(), Some("NOT_FOUND"));
    for r in [
        app.graphql(&other, APPROVE, json!({ "id": big })).await,
        app.graphql(
            &other,
            RECEIVE,
            receive(&big, json!([{ "lineNo": 1, "quantity": "1" }])),
        )
        .await,
    ] {
        assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
        assert_eq!(
            r.body["errors"][0]["message"],
            unknown.body["errors"][0]["message"]
        );
    }
    let r = app
        .graphql(&other, commitments, json!({ "p": project }))
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    let r = app.graphql(&other, RAISE, raise(&vendor, &project, json!([{ "description": "X", "quantity": "1", "unitPrice": "1.00", "vatTreatment": "STANDARD" }]))).await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    let emitted = [
        "OrderNumberAssigned",
        "PurchaseOrderRaised",
        "PurchaseOrderApproved",
        "GoodsReceived",
        "PurchaseOrderClosed",
    ];
    crate::sales_orders::orders_topic_validates(&reader, &emitted).await;
}

/// Numbers are unique by construction: orders raised at the same moment race for the
/// series' stream, and each loser takes the next number.
#[tokio::test]
async fn purchase_orders_raised_at_once_take_distinct_consecutive_numbers() {
    let app = spawn_domains(IDENTITY_ORDERS).await;
    let admin = app.token("admin", &["Admin"]);
    let project = create_project(&app, &admin, "PRJ-PO-RACE", "SITE-RACE").await;
    let vendor = account_known_to_orders(&app, &admin, "SUBCONTRACTOR", "Mzansi Electrical").await;
    let buyer = app.token("buyer", &["Procurement_Officer"]);
    let line = json!([{ "description": "Cabling", "quantity": "1", "unitPrice": "100.00", "vatTreatment": "STANDARD" }]);
    let raises = (0..6).map(|_| app.graphql(&buyer, RAISE, raise(&vendor, &project, line.clone())));
    let mut numbers: Vec<String> = futures::future::join_all(raises)
        .await
        .iter()
        .map(|r| {
            r.data()["raisePurchaseOrder"]["number"]
                .as_str()
                .expect("number")
                .to_string()
        })
        .collect();
    numbers.sort();
    let expected: Vec<String> = (1..=6).map(|n| format!("PO-2026-{n:05}")).collect();
    assert_eq!(numbers, expected);
    assert_eq!(
        app.events_of_type(&app.env.orders, "OrderNumberAssigned")
            .await,
        6
    );
    app.stop().await;
}

#[tokio::test]
async fn no_new_order_is_raised_on_a_cancelled_project() {
    let app = spawn_domains(IDENTITY_ORDERS).await;
    let admin = app.token("admin", &["Admin"]);
    let project = create_project(&app, &admin, "PRJ-PO-X", "SITE-NORTH").await;
    let vendor = account_known_to_orders(&app, &admin, "VENDOR", "Bokamoso Steel (Pty) Ltd").await;
    let line = json!([{ "description": "Cement", "quantity": "1", "unitPrice": "95.00", "vatTreatment": "STANDARD" }]);
    app.graphql(
        &admin,
        "mutation($id: ID!, $s: ProjectStatus!, $r: String) { changeProjectStatus(id: $id, status: $s, reason: $r) { id } }",
        json!({ "id": project, "s": "CANCELLED", "r": "Client withdrew" }),
    )
    .await
    .data();

    let r = app
        .graphql(&admin, RAISE, raise(&vendor, &project, line))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    let message = r.body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("CANCELLED"), "{message}");
    let r = app
        .graphql(
            &admin,
            "query($p: ID) { purchaseOrders(projectId: $p) { id } }",
            json!({ "p": project }),
        )
        .await;
    assert_eq!(r.data()["purchaseOrders"], json!([]), "nothing was raised");
    app.stop().await;
}
