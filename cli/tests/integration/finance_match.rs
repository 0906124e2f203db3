//! The three-way match of supplier bills (`domain/src/finance/matching.rs`): a bill
//! within tolerance of its order and receipts is payable; one beyond is recorded and
//! posted but blocked for payment with the reason, until a finance manager approves it
//! with a reason of their own.

use constructos::seed;
use constructos_domain::finance::FinancialCalendar;
use constructos_projections::apply_message;
use constructos_projections::finance::PurchaseOrderFactsProjection;
use serde_json::{json, Value};

use crate::event_samples::{goods_received_lines_sample, purchase_order_approved_sample};
use crate::harness::{eventually, spawn_domains, TestApp, FINANCE};

const BILL: &str = "mutation($input: RecordBillInput!) { recordBill(input: $input) { id } }";
const READ: &str = "query($id: ID!) { bill(id: $id) { blockedForPayment
    matchApproval { reason by }
    matching { line purchaseOrderLineNo ordered received billed orderPrice billedPrice
               priceVariancePercent status reason } } }";
const PAY: &str = "mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }";
const APPROVE: &str =
    "mutation($b: ID!) { approveBillMatch(billId: $b, reason: \"20 more bags delivered on 14 March, GRN to follow\") { id } }";

async fn orders_fact(app: &TestApp, event: &impl serde::Serialize) {
    let body = serde_json::to_vec(event).expect("json");
    apply_message(&app.env.finance, &PurchaseOrderFactsProjection, &body)
        .await
        .expect("applied");
}

fn bill(reference: &str, line_no: u32, quantity: &str, unit_price: &str) -> Value {
    json!({ "input": {
        "supplierAccountId": "acc-umgeni", "supplierReference": reference, "date": "2026-03-20",
        "purchaseOrderId": "PO-7",
        "lines": [{ "accountCode": "5100", "description": "Cement 50kg", "quantity": quantity,
                    "unitPrice": unit_price, "vatTreatment": "STANDARD", "costCode": "CC-300",
                    "purchaseOrderLineNo": line_no }] } })
}

fn pay(bill: &str, reference: &str) -> Value {
    json!({ "input": { "direction": "MADE", "counterpartyId": "acc-umgeni", "date": "2026-03-25",
        "amount": "100.00", "reference": reference,
        "allocations": [{ "documentId": bill, "amount": "100.00" }] } })
}

async fn recorded(app: &TestApp, token: &str, input: Value) -> (String, Value) {
    let r = app.graphql(token, BILL, input).await;
    let id = r.data()["recordBill"]["id"]
        .as_str()
        .expect("bill id")
        .to_string();
    let read = eventually("the bill reaches the read model", || async {
        let r = app.graphql(token, READ, json!({ "id": id })).await;
        let b = r.data()["bill"].clone();
        (!b.is_null()).then_some(b)
    })
    .await;
    (id, read)
}

#[tokio::test]
async fn finance_blocks_a_bill_beyond_its_order_and_receipts_until_a_manager_approves() {
    let app = spawn_domains(FINANCE).await;
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart");
    app.account_event_known_to_finance(
        "acc-umgeni",
        "SUBCONTRACTOR",
        "Umgeni Formwork CC",
        Some("4222222222"),
    )
    .await;
    app.project_event_known_to_finance("PRJ-2026-014", "PRJ-2026-014", "site-pmb")
        .await;
    // Ordered: line 1 100 bags at 95.50, line 2 10 at 1000.00; received 100 and 8.
    orders_fact(
        &app,
        &purchase_order_approved_sample(
            "PO-7",
            "acc-umgeni",
            "PRJ-2026-014",
            &[("100", "95.50"), ("10", "1000.00")],
        ),
    )
    .await;
    orders_fact(
        &app,
        &goods_received_lines_sample("PO-7", "R1", &[(1, "100"), (2, "8")]),
    )
    .await;
    let user = app.token("fiona", &["Finance_User"]);
    let manager = app.token("mandla", &["Finance_Manager"]);

    // Within tolerance: all 100 received, 97.00 is 1.57% above 95.50. Payable.
    let (within, read) = recorded(&app, &user, bill("UF-10", 1, "100", "97.00")).await;
    assert_eq!(read["blockedForPayment"], json!([]));
    assert_eq!(read["matching"][0]["status"], "MATCHED");
    assert_eq!(read["matching"][0]["priceVariancePercent"], "1.57");
    let r = app.graphql(&user, PAY, pay(&within, "EFT UF-10")).await;
    assert!(r.error_code().is_none(), "{}", r.body);

    // Beyond: 10 billed on line 2, 8 received. Recorded, blocked with the reason.
    let (beyond, read) = recorded(&app, &user, bill("UF-11", 2, "10", "1000.00")).await;
    assert_eq!(
        read["blockedForPayment"],
        json!(["line 1: billed 10 to date, received 8"])
    );
    assert_eq!(
        read["matching"][0],
        json!({ "line": 1, "purchaseOrderLineNo": 2, "ordered": "10", "received": "8",
                "billed": "10", "orderPrice": "1000.00", "billedPrice": "1000.00",
                "priceVariancePercent": "0", "status": "BLOCKED",
                "reason": "line 1: billed 10 to date, received 8" })
    );
    let r = app.graphql(&user, PAY, pay(&beyond, "EFT UF-11")).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(
        r.body.to_string().contains("blocked for payment"),
        "{}",
        r.body
    );

    // A finance user may not release it; a finance manager may, with a reason.
    let r = app.graphql(&user, APPROVE, json!({ "b": beyond })).await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
    let r = app.graphql(&manager, APPROVE, json!({ "b": beyond })).await;
    assert!(r.error_code().is_none(), "{}", r.body);
    let approved = eventually("the approval reaches the read model", || async {
        let r = app.graphql(&user, READ, json!({ "id": beyond })).await;
        let b = r.data()["bill"].clone();
        (!b["matchApproval"].is_null()).then_some(b)
    })
    .await;
    assert_eq!(approved["blockedForPayment"], json!([]));
    assert_eq!(approved["matchApproval"]["by"], "mandla");
    let r = app.graphql(&user, PAY, pay(&beyond, "EFT UF-11 B")).await;
    assert!(r.error_code().is_none(), "{}", r.body);
    // Nothing left to approve.
    let r = app.graphql(&manager, APPROVE, json!({ "b": beyond })).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    app.stop().await;
}
