//! ShipmentCompleted → invoice, exactly once: the same shipment delivered twice (and
//! published twice by orders) raises one invoice; a run interrupted after the invoice
//! was issued but before the applied-event record committed completes on redelivery
//! without a second invoice or number. A shipment whose account finance does not
//! know yet is parked and invoiced once the account arrives; the invoice shows the
//! account as finance knows it, not the shipment's snapshot.

use std::time::Duration;

use constructos::seed;
use constructos_commands::finance::{invoice_id_for_shipment, FinanceCommands};
use constructos_domain::finance::FinancialCalendar;
use constructos_infra::{kafka, Domain};
use constructos_projections::{apply_message, Applied, Projection};
use constructos_services::finance::ShipmentInvoicing;
use rdkafka::producer::FutureRecord;
use serde_json::{json, Value};

use crate::event_samples::shipment_completed_sample;
use crate::harness::{eventually, spawn_domains, TestApp, FINANCE};

fn full_customer() -> Value {
    json!({
        "account_id": "acc-msunduzi",
        "name": "Msunduzi Developments (Pty) Ltd",
        "vat_number": "4123456789",
        "address": "12 Church Street, Pietermaritzburg, 3201"
    })
}

/// The customer and project the shipments name, as identity's and orders' topics tell
/// finance of them.
async fn known(app: &TestApp) {
    app.account_event_known_to_finance(
        "acc-msunduzi",
        "CUSTOMER",
        "Msunduzi Developments (Pty) Ltd",
        Some("4123456789"),
    )
    .await;
    app.project_event_known_to_finance("PRJ-2026-014", "PRJ-2026-014", "site-pmb")
        .await;
}

async fn count(app: &TestApp, sql: &str, id: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.env.finance)
        .await
        .expect("count")
}

const NUMBERS: &str =
    "SELECT count(*) FROM events WHERE aggregate_type = 'finance.invoice_numbering' AND aggregate_id = $1";
const INVOICE_EVENTS: &str =
    "SELECT count(*) FROM events WHERE aggregate_type = 'finance.invoice' AND aggregate_id = $1";

#[tokio::test]
async fn finance_invoices_a_shipment_delivered_twice_exactly_once() {
    let app = spawn_domains(FINANCE).await;
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart");
    known(&app).await;
    let producer = kafka::producer(&app.env.config).expect("producer");
    let topic = app.env.config.topic(Domain::Orders);
    let first = shipment_completed_sample("SHP-100", full_customer());
    // orders publishing the same shipment again, as a new event
    let republished = shipment_completed_sample("SHP-100", full_customer());
    let next = shipment_completed_sample("SHP-101", full_customer());
    // One key: one partition, so they are handled in this order.
    for event in [&first, &first, &republished, &next] {
        let body = serde_json::to_vec(event).expect("json");
        producer
            .send(
                FutureRecord::to(&topic).key("PRJ-2026-014").payload(&body),
                Duration::from_secs(10),
            )
            .await
            .map_err(|(e, _)| e)
            .expect("delivered");
    }
    let user = app.token("fiona", &["Finance_User"]);
    let query = "{ invoices { id number status total retention amountDue recipient { name vatNumber address } lines { projectId } } }";
    let invoices = eventually("both shipments are invoiced", || async {
        let r = app.graphql(&user, query, json!({})).await;
        let list = r.data()["invoices"].as_array().cloned().unwrap_or_default();
        (list.len() == 2 && list.iter().all(|i| i["status"] == "ISSUED")).then_some(list)
    })
    .await;
    let id = invoice_id_for_shipment("SHP-100");
    let invoice = invoices
        .iter()
        .find(|i| i["id"] == id.as_str())
        .expect("the shipment's invoice");
    assert_eq!(invoice["number"], "INV-000001");
    // 12 × 2450 = 29400 (VAT 4410); 1850.50 (VAT 277.575 → 277.58); retention 5% of
    // the value excl. VAT 31250.50 = 1562.525 → 1562.53, deferring 4687.58 × 5% =
    // 234.38 of VAT: due 35938.08 − 1562.53 − 234.38.
    assert_eq!(invoice["total"], "35938.08");
    assert_eq!(invoice["retention"], "1562.53");
    assert_eq!(invoice["amountDue"], "34141.17");
    assert_eq!(invoice["lines"][0]["projectId"], "PRJ-2026-014");
    assert_eq!(count(&app, NUMBERS, "INV").await, 2);
    assert_eq!(count(&app, INVOICE_EVENTS, &id).await, 2);
    // The auditor sees what caused the invoice: the ShipmentCompleted event itself.
    let history = eventually("the invoice's history names its journal too", || async {
        let r = app
            .graphql(
                &user,
                "query($d: ID!) { ledgerHistory(document: $d) { aggregateType eventType causationId subject } }",
                json!({ "d": id }),
            )
            .await;
        let events = r.data()["ledgerHistory"].as_array().cloned().unwrap_or_default();
        (events.len() == 3).then_some(events)
    })
    .await;
    let types: Vec<_> = history.iter().map(|e| e["eventType"].clone()).collect();
    assert!(types.contains(&json!("JournalPosted")), "{types:?}");
    for event in &history {
        assert_eq!(event["causationId"], first.id.to_string(), "{event}");
        assert_eq!(event["subject"], "system:finance.shipment_invoicing");
    }
    app.stop().await;
}

#[tokio::test]
async fn finance_shipment_interrupted_after_invoicing_completes_with_one_invoice() {
    let app = spawn_domains(FINANCE).await;
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart");
    known(&app).await;
    app.account_event_known_to_finance("acc-cash", "CUSTOMER", "Cash customer", None)
        .await;
    let pool = &app.env.finance;
    let handler = ShipmentInvoicing::shipments(FinanceCommands::new(
        pool.clone(),
        FinancialCalendar::default(),
        seed::DEMO_COMPANY.supplier(),
    ));
    // A snapshot naming another name: the invoice shows the account as finance knows it.
    let event = shipment_completed_sample(
        "SHP-200",
        json!({ "account_id": "acc-cash", "name": "Not the account's name" }),
    );
    let body = serde_json::to_vec(&event).expect("json");

    // The first run dies after the invoice command, before its applied record commits.
    let mut tx = pool.begin().await.expect("tx");
    sqlx::query("INSERT INTO read_model.applied_events (projection, event_id) VALUES ($1, $2)")
        .bind(handler.name())
        .bind(event.id)
        .execute(&mut *tx)
        .await
        .expect("applied record");
    handler.apply(&mut tx, &event).await.expect("invoiced");
    tx.rollback().await.expect("crash");

    // Redelivered: completes; delivered again: a duplicate.
    assert_eq!(
        apply_message(pool, &handler, &body).await.expect("applied"),
        Applied::Applied
    );
    assert_eq!(
        apply_message(pool, &handler, &body).await.expect("applied"),
        Applied::Duplicate
    );
    let id = invoice_id_for_shipment("SHP-200");
    assert_eq!(count(&app, INVOICE_EVENTS, &id).await, 2);
    assert_eq!(count(&app, NUMBERS, "INV").await, 1);

    let user = app.token("fiona", &["Finance_User"]);
    let invoice = eventually("the invoice reaches the read model", || async {
        let r = app
            .graphql(
                &user,
                "query($id: ID!) { invoice(id: $id) { number status recipient { accountId name vatNumber address } } }",
                json!({ "id": id }),
            )
            .await;
        let invoice = r.data()["invoice"].clone();
        (invoice["status"] == "ISSUED").then_some(invoice)
    })
    .await;
    assert_eq!(invoice["number"], "INV-000001");
    assert_eq!(
        invoice["recipient"],
        json!({ "accountId": "acc-cash", "name": "Cash customer", "vatNumber": null, "address": null })
    );

    // A shipment with an unknown VAT treatment is logged and skipped, not retried.
    let mut bad = shipment_completed_sample("SHP-201", full_customer());
    bad.data["lines"][0]["vat_treatment"] = json!("LUXURY");
    let body = serde_json::to_vec(&bad).expect("json");
    assert_eq!(
        apply_message(pool, &handler, &body).await.expect("skipped"),
        Applied::Applied
    );
    assert_eq!(
        count(&app, INVOICE_EVENTS, &invoice_id_for_shipment("SHP-201")).await,
        0
    );
    app.stop().await;
}

/// Fails on the old code: it invoiced whatever name the shipment carried, for an
/// account finance had never heard of.
#[tokio::test]
async fn finance_parks_a_shipment_until_its_account_is_known_then_invoices_it_once() {
    let app = spawn_domains(FINANCE).await;
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart");
    app.project_event_known_to_finance("PRJ-2026-014", "PRJ-2026-014", "site-pmb")
        .await;
    let pool = &app.env.finance;
    let handler = ShipmentInvoicing::shipments(FinanceCommands::new(
        pool.clone(),
        FinancialCalendar::default(),
        seed::DEMO_COMPANY.supplier(),
    ));
    let event = shipment_completed_sample("SHP-300", full_customer());
    let body = serde_json::to_vec(&event).expect("json");
    // The account has not reached finance: the shipment is parked, nothing is invoiced.
    assert_eq!(
        apply_message(pool, &handler, &body).await.expect("applied"),
        Applied::Applied
    );
    let id = invoice_id_for_shipment("SHP-300");
    assert_eq!(count(&app, INVOICE_EVENTS, &id).await, 0);
    let reason: String =
        sqlx::query_scalar("SELECT reason FROM read_model.parked_events WHERE source = 'ShipmentCompleted' AND source_id = $1")
            .bind("SHP-300")
            .fetch_one(pool)
            .await
            .expect("parked");
    assert!(reason.contains("acc-msunduzi"), "{reason}");
    // The account arrives; the parked shipment is invoiced (by the running retry loop
    // or this explicit retry, whichever comes first) and leaves the table.
    app.account_event_known_to_finance(
        "acc-msunduzi",
        "CUSTOMER",
        "Msunduzi Developments (Pty) Ltd",
        Some("4123456789"),
    )
    .await;
    eventually("the parked shipment is invoiced", || async {
        handler.retry_parked().await.expect("retried");
        let parked: i64 = sqlx::query_scalar("SELECT count(*) FROM read_model.parked_events")
            .fetch_one(pool)
            .await
            .expect("count");
        (parked == 0 && count(&app, INVOICE_EVENTS, &id).await == 2).then_some(())
    })
    .await;
    assert_eq!(count(&app, NUMBERS, "INV").await, 1);
    app.stop().await;
}
