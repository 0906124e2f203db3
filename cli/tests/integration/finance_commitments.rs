//! Commitments from orders' purchase orders (`projections/src/finance/purchase_orders.rs`):
//! committed = Σ open approved order value − what is billed against the orders; a
//! cancelled or closed order commits nothing more. A bill naming an order finance does
//! not know is `NOT_FOUND`; one for another project's order is refused.

use constructos::seed;
use constructos_domain::finance::FinancialCalendar;
use constructos_projections::finance::PurchaseOrderFactsProjection;
use constructos_projections::{apply_message, Applied};
use serde_json::{json, Value};

use crate::event_samples::{purchase_order_approved_sample, purchase_order_ended_sample};
use crate::harness::{eventually, spawn_domains, TestApp, FINANCE};

const BILL: &str = "mutation($input: RecordBillInput!) { recordBill(input: $input) { id } }";
const COSTS: &str =
    "query($d: NaiveDate!) { projectCostReport(asAt: $d, projectId: \"PRJ-2026-014\") {
    totalCommitted lines { costCode committed actual } } }";

async fn order_event(app: &TestApp, event: &impl serde::Serialize) -> Applied {
    let body = serde_json::to_vec(event).expect("json");
    apply_message(&app.env.finance, &PurchaseOrderFactsProjection, &body)
        .await
        .expect("applied")
}

fn bill(order: &str, reference: &str, unit_price: &str, project: Option<&str>) -> Value {
    json!({ "input": {
        "supplierAccountId": "acc-umgeni", "supplierReference": reference, "date": "2026-03-20",
        "purchaseOrderId": order,
        "lines": [{ "accountCode": "5100", "description": "Cement 50kg", "quantity": "1",
                    "unitPrice": unit_price, "vatTreatment": "STANDARD", "projectId": project,
                    "costCode": "CC-300" }] } })
}

async fn committed(app: &TestApp, token: &str, as_at: &str, expected: &str) -> Value {
    eventually(&format!("committed {expected} as at {as_at}"), || async {
        let r = app.graphql(token, COSTS, json!({ "d": as_at })).await;
        let report = r.data()["projectCostReport"].clone();
        (report["totalCommitted"] == expected).then_some(report)
    })
    .await
}

#[tokio::test]
async fn finance_commits_approved_orders_less_what_is_billed_until_they_end() {
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
    app.project_event_known_to_finance("PRJ-2026-020", "PRJ-2026-020", "site-dbn")
        .await;
    let user = app.token("fiona", &["Finance_User"]);
    // Two orders: 100 × 95.50 + 2.5 × 1899.00 = 14 297.50, and 10 000.00.
    let first = purchase_order_approved_sample(
        "PO-1",
        "acc-umgeni",
        "PRJ-2026-014",
        &[("100", "95.50"), ("2.5", "1899.00")],
    );
    assert_eq!(order_event(&app, &first).await, Applied::Applied);
    assert_eq!(order_event(&app, &first).await, Applied::Duplicate);
    let second =
        purchase_order_approved_sample("PO-2", "acc-umgeni", "PRJ-2026-014", &[("1", "10000.00")]);
    order_event(&app, &second).await;
    let report = committed(&app, &user, "2026-03-31", "24297.50").await;
    assert_eq!(report["lines"][0]["costCode"], "CC-300");
    // Before the orders were approved nothing was committed.
    committed(&app, &user, "2026-03-04", "0.00").await;

    // A bill of 4 000 against the first order: billed moves from committed to actual.
    let r = app
        .graphql(&user, BILL, bill("PO-1", "UF-1", "4000.00", None))
        .await;
    assert!(r.error_code().is_none(), "{}", r.body);
    committed(&app, &user, "2026-03-31", "20297.50").await;
    // The bill's journal (actual) and the bill itself (billed) are two events, applied
    // in turn: wait for the actual too.
    let report = eventually("the bill's 4 000 in actual", || async {
        let r = app
            .graphql(&user, COSTS, json!({ "d": "2026-03-31" }))
            .await;
        let report = r.data()["projectCostReport"].clone();
        (report["lines"][0]["actual"] == "4000.00").then_some(report)
    })
    .await;
    assert_eq!(report["totalCommitted"], "20297.50");

    // The second order is cancelled: what it still committed is no longer.
    order_event(
        &app,
        &purchase_order_ended_sample("PO-2", "PurchaseOrderCancelled"),
    )
    .await;
    committed(&app, &user, "2026-12-31", "10297.50").await;
    // The first is closed after part billing: nothing of it is committed any more.
    order_event(
        &app,
        &purchase_order_ended_sample("PO-1", "PurchaseOrderClosed"),
    )
    .await;
    committed(&app, &user, "2026-12-31", "0.00").await;

    // An order finance does not know: NOT_FOUND, naming the argument.
    let r = app
        .graphql(&user, BILL, bill("PO-404", "UF-2", "1.00", None))
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    assert!(r.body.to_string().contains("purchaseOrderId"), "{}", r.body);
    // A bill line costed to another project than the order's is refused.
    let third =
        purchase_order_approved_sample("PO-3", "acc-umgeni", "PRJ-2026-014", &[("1", "500.00")]);
    order_event(&app, &third).await;
    let r = app
        .graphql(
            &user,
            BILL,
            bill("PO-3", "UF-3", "500.00", Some("PRJ-2026-020")),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(
        r.body.to_string().contains("is for project PRJ-2026-014"),
        "{}",
        r.body
    );
    // A closed order takes no more bills.
    let r = app
        .graphql(&user, BILL, bill("PO-1", "UF-4", "1.00", None))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    app.stop().await;
}
