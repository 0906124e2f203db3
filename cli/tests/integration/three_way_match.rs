//! The three-way match with the real orders domain: a purchase order raised and approved
//! in orders and received in two parts travels to finance as events; a supplier bill
//! within tolerance of the order and the receipts is payable, one beyond what was
//! received is recorded and blocked for payment with the reason; what is billed is no
//! longer committed in orders' figures. (The match's rules are
//! tested on their own in `finance_match.rs`.)

use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, TestApp, FINANCE};
use crate::purchase_orders::{account_known_to_orders, create_project};

const RAISE: &str =
    "mutation($input: RaisePurchaseOrderInput!) { raisePurchaseOrder(input: $input) { id number } }";
const RECEIVE: &str =
    "mutation($input: ReceiveGoodsInput!) { receiveGoods(input: $input) { id number } }";
const BILL: &str = "mutation($input: RecordBillInput!) { recordBill(input: $input) { id } }";
const READ: &str = "query($id: ID!) { bill(id: $id) { blockedForPayment matching { purchaseOrderLineNo ordered received billed status reason } } }";

fn bill(vendor: &str, order: &str, reference: &str, lines: Value) -> Value {
    json!({ "input": {
        "supplierAccountId": vendor, "supplierReference": reference, "date": "2026-12-10",
        "purchaseOrderId": order, "lines": lines } })
}

fn line(no: u32, description: &str, quantity: &str, price: &str, project: &str) -> Value {
    json!({ "accountCode": "5100", "description": description, "quantity": quantity,
            "unitPrice": price, "vatTreatment": "STANDARD", "projectId": project,
            "costCode": "CONCRETE", "purchaseOrderLineNo": no })
}

async fn recorded(app: &TestApp, token: &str, input: Value) -> Value {
    let r = app.graphql(token, BILL, input).await;
    let id = r.data()["recordBill"]["id"]
        .as_str()
        .expect("bill id")
        .to_string();
    eventually("the bill reaches the read model", || async {
        let r = app.graphql(token, READ, json!({ "id": id })).await;
        let b = r.data()["bill"].clone();
        (!b.is_null()).then_some(b)
    })
    .await
}

#[tokio::test]
async fn a_bill_is_matched_to_the_order_and_receipts_orders_published() {
    let app = spawn_domains(FINANCE).await;
    crate::finance::seeded(&app).await;
    let admin = app.token("admin", &["Admin"]);
    let project = create_project(&app, &admin, "PRJ-MATCH-1", "SITE-MATCH").await;
    let vendor =
        account_known_to_orders(&app, &admin, "VENDOR", "Highveld Cement & Aggregates").await;
    app.until_known(&app.env.finance, "known_projects", &project)
        .await;
    app.until_known(&app.env.finance, "known_accounts", &vendor)
        .await;

    // Orders: 100 bags at R 95.00 and 2 t of rebar at R 14 500.00, approved, received
    // in two parts (60 bags and the rebar, then 40 bags).
    let r = app
        .graphql(
            &admin,
            RAISE,
            json!({ "input": { "vendorAccountId": vendor, "projectId": project, "costCode": "CONCRETE",
                "date": "2026-12-01", "lines": [
                    { "description": "Cement 50 kg", "quantity": "100", "unitPrice": "95.00", "vatTreatment": "STANDARD" },
                    { "description": "Rebar Y12, t", "quantity": "2", "unitPrice": "14500.00", "vatTreatment": "STANDARD" } ] } }),
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
    for lines in [
        json!([{ "lineNo": 1, "quantity": "60" }, { "lineNo": 2, "quantity": "2" }]),
        json!([{ "lineNo": 1, "quantity": "40" }]),
    ] {
        app.graphql(
            &admin,
            RECEIVE,
            json!({ "input": { "purchaseOrderId": order, "date": "2026-12-03", "lines": lines } }),
        )
        .await
        .data();
    }
    // Finance learns the order and both receipts from orders' topic.
    app.until_known(&app.env.finance, "known_purchase_orders", &order)
        .await;
    eventually("both receipts reach finance", || async {
        let received: Option<rust_decimal::Decimal> = sqlx::query_scalar(
            "SELECT sum(quantity) FROM read_model.goods_receipts WHERE purchase_order_id = $1 AND line_no = 1",
        )
        .bind(&order)
        .fetch_one(&app.env.finance)
        .await
        .ok()?;
        (received == Some(rust_decimal::Decimal::from(100))).then_some(())
    })
    .await;

    let committed = || async {
        let r = app
            .graphql(
                &admin,
                "query($p: ID!) { projectCommitments(projectId: $p) { committed } }",
                json!({ "p": project }),
            )
            .await;
        r.data()["projectCommitments"]["committed"].clone()
    };
    assert_eq!(
        committed().await,
        "38500.00",
        "the approved order commits its total"
    );

    let clerk = app.token("clerk", &["Finance_User"]);
    // Within tolerance: 100 bags at R 96.50 (1.58% above the order) and the rebar.
    let within = recorded(
        &app,
        &clerk,
        bill(
            &vendor,
            &order,
            "HC-2026-118",
            json!([
                line(1, "Cement 50 kg", "100", "96.50", &project),
                line(2, "Rebar Y12, t", "2", "14500.00", &project)
            ]),
        ),
    )
    .await;
    assert_eq!(within["blockedForPayment"], json!([]), "{within}");
    assert_eq!(within["matching"][0]["status"], "MATCHED");
    assert_eq!(within["matching"][0]["received"], "100");
    // What is billed is finance's actual cost: orders no longer counts it as committed
    // (R 38 650.00 billed against R 38 500.00 committed leaves nought open).
    eventually("orders learns what was billed", || async {
        (committed().await == "0.00").then_some(())
    })
    .await;

    // Beyond: one more bag than was received is billed — blocked, with the reason.
    let beyond = recorded(
        &app,
        &clerk,
        bill(
            &vendor,
            &order,
            "HC-2026-119",
            json!([line(1, "Cement 50 kg", "1", "95.00", &project)]),
        ),
    )
    .await;
    assert_eq!(beyond["matching"][0]["status"], "BLOCKED", "{beyond}");
    assert_eq!(
        beyond["blockedForPayment"],
        json!(["line 1: billed 101 to date, received 100"])
    );
    app.stop().await;
}
