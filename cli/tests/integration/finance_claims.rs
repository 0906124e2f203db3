//! Approved progress claims and project retention releases → tax invoices, exactly
//! once (`services/src/finance/claims.rs`): a claim delivered twice (and published twice
//! by orders) raises one invoice withholding exactly its retention excl. VAT; a release
//! raises one release tax invoice for the amount plus its VAT and clears the retention
//! across the project's invoices, oldest first; more than is held is parked with the
//! reason; a run interrupted after the commit and before the applied record completes
//! on redelivery with one invoice, not none, not two.

use constructos::seed;
use constructos_commands::finance::{invoice_id_for_claim, FinanceCommands};
use constructos_domain::finance::FinancialCalendar;
use constructos_projections::finance::ProjectFactsProjection;
use constructos_projections::{apply_message, Applied, Projection};
use constructos_services::finance::ClaimInvoicing;
use serde_json::{json, Value};

use crate::event_samples::{progress_claim_approved_sample, project_retention_released_sample};
use crate::harness::{eventually, spawn_domains, TestApp, FINANCE};

const NUMBERS: &str =
    "SELECT count(*) FROM events WHERE aggregate_type = 'finance.invoice_numbering' AND aggregate_id = $1";
const INVOICE_EVENTS: &str =
    "SELECT count(*) FROM events WHERE aggregate_type = 'finance.invoice' AND aggregate_id = $1";
const INVOICE: &str = "query($id: ID!) { invoice(id: $id) { number status total vat retention
    vatDeferredOnRetention vatNow amountDue amountOpen retentionHeld retentionVatReleased
    lines { description valueExclVat vat projectId } } }";

async fn count(app: &TestApp, sql: &str, id: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.env.finance)
        .await
        .expect("count")
}

async fn started(app: &TestApp) -> ClaimInvoicing {
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart");
    app.account_event_known_to_finance(
        "acc-msunduzi",
        "CUSTOMER",
        "Msunduzi Developments (Pty) Ltd",
        Some("4123456789"),
    )
    .await;
    app.project_event_known_to_finance("PRJ-2026-014", "PRJ-2026-014", "site-pmb")
        .await;
    ClaimInvoicing::claims(FinanceCommands::new(
        app.env.finance.clone(),
        FinancialCalendar::default(),
        seed::DEMO_COMPANY.supplier(),
    ))
}

async fn invoice(app: &TestApp, token: &str, id: &str, held: &str) -> Value {
    eventually(&format!("invoice {id} holds {held}"), || async {
        let r = app.graphql(token, INVOICE, json!({ "id": id })).await;
        let invoice = r.data()["invoice"].clone();
        (invoice["status"] == "ISSUED" && invoice["retentionHeld"] == held).then_some(invoice)
    })
    .await
}

async fn deliver(
    app: &TestApp,
    handler: &ClaimInvoicing,
    event: &impl serde::Serialize,
) -> Applied {
    let body = serde_json::to_vec(event).expect("json");
    apply_message(&app.env.finance, handler, &body)
        .await
        .expect("applied")
}

#[tokio::test]
async fn finance_invoices_claims_once_and_releases_their_retention_with_its_vat() {
    let app = spawn_domains(FINANCE).await;
    let handler = started(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let first = progress_claim_approved_sample(
        "CLM-1",
        "PC-001",
        "2026-03-31",
        &[
            ("3.1", "100000.00", "STANDARD"),
            ("3.2", "0.00", "STANDARD"),
        ],
        "10000.00",
    );
    // Delivered twice, then published again by orders as a new event: one invoice.
    assert_eq!(deliver(&app, &handler, &first).await, Applied::Applied);
    assert_eq!(deliver(&app, &handler, &first).await, Applied::Duplicate);
    let again = progress_claim_approved_sample(
        "CLM-1",
        "PC-001",
        "2026-03-31",
        &[("3.1", "100000.00", "STANDARD")],
        "10000.00",
    );
    assert_eq!(deliver(&app, &handler, &again).await, Applied::Applied);
    let first_id = invoice_id_for_claim("CLM-1");
    assert_eq!(count(&app, INVOICE_EVENTS, &first_id).await, 2);
    // The claim is on the project's stream; finance's copy of projects passes it by
    // (not a dead letter).
    let body = serde_json::to_vec(&first).expect("json");
    assert_eq!(
        apply_message(&app.env.finance, &ProjectFactsProjection, &body)
            .await
            .expect("passed"),
        Applied::Applied
    );
    assert_eq!(count(&app, NUMBERS, "INV").await, 1);
    let read = invoice(&app, &user, &first_id, "10000.00").await;
    assert_eq!(read["number"], "INV-000001");
    // The 0.00 line is left out; exactly the claim's retention, excl. VAT.
    assert_eq!(read["lines"].as_array().map(Vec::len), Some(1));
    assert_eq!(read["lines"][0]["projectId"], "PRJ-2026-014");
    assert_eq!(read["retention"], "10000.00");
    assert_eq!(read["vatDeferredOnRetention"], "1500.00");
    assert_eq!(read["vatNow"], "13500.00");
    assert_eq!(read["amountDue"], "103500.00");

    let second = progress_claim_approved_sample(
        "CLM-2",
        "PC-002",
        "2026-04-30",
        &[("3.3", "50000.00", "STANDARD")],
        "5000.00",
    );
    assert_eq!(deliver(&app, &handler, &second).await, Applied::Applied);
    let second_id = invoice_id_for_claim("CLM-2");
    invoice(&app, &user, &second_id, "5000.00").await;

    // R12 000 released: the first claim's R10 000, then R2 000 of the second, on one
    // release tax invoice INV-000003 for R12 000 + R1 800 VAT.
    let release = project_retention_released_sample("REL-1", "2026-09-30", "12000.00");
    assert_eq!(deliver(&app, &handler, &release).await, Applied::Applied);
    assert_eq!(deliver(&app, &handler, &release).await, Applied::Duplicate);
    let republished = project_retention_released_sample("REL-1", "2026-09-30", "12000.00");
    assert_eq!(
        deliver(&app, &handler, &republished).await,
        Applied::Applied
    );
    assert_eq!(
        count(&app, NUMBERS, "INV").await,
        3,
        "one number for the release"
    );
    let first_now = invoice(&app, &user, &first_id, "0.00").await;
    assert_eq!(first_now["retentionVatReleased"], "1500.00");
    assert_eq!(first_now["amountOpen"], "115000.00");
    let second_now = invoice(&app, &user, &second_id, "3000.00").await;
    assert_eq!(second_now["retentionVatReleased"], "300.00");
    let number: String = sqlx::query_scalar(
        "SELECT DISTINCT number FROM read_model.settlements WHERE kind = 'RETENTION_RELEASE'",
    )
    .fetch_one(&app.env.finance)
    .await
    .expect("one release tax invoice");
    assert_eq!(number, "INV-000003");
    // September's VAT return declares the release's VAT.
    let vat = eventually("the release reaches the VAT return", || async {
        let r = app
            .graphql(
                &user,
                "{ vatReturn(from: \"2026-09-01\", to: \"2026-09-30\") { outputVat supplies { treatment valueExclVat vat } } }",
                json!({}),
            )
            .await;
        let vat = r.data()["vatReturn"].clone();
        (vat["outputVat"] == "1800.00").then_some(vat)
    })
    .await;
    assert_eq!(vat["supplies"][0]["valueExclVat"], "12000.00");

    // More than is held (R3 000 left) is refused and parked with the reason.
    let over = project_retention_released_sample("REL-2", "2026-10-31", "3000.01");
    assert_eq!(deliver(&app, &handler, &over).await, Applied::Applied);
    let reason: String = sqlx::query_scalar(
        "SELECT reason FROM read_model.parked_events
          WHERE source = 'ProjectRetentionReleased' AND source_id = 'REL-2'",
    )
    .fetch_one(&app.env.finance)
    .await
    .expect("parked");
    assert!(reason.contains("cannot be released"), "{reason}");
    assert!(reason.contains("3000.00"), "{reason}");
    assert_eq!(count(&app, NUMBERS, "INV").await, 3);
    app.stop().await;
}

#[tokio::test]
async fn finance_claim_and_release_interrupted_after_the_commit_complete_once() {
    let app = spawn_domains(FINANCE).await;
    let handler = started(&app).await;
    let pool = &app.env.finance;
    let claim = progress_claim_approved_sample(
        "CLM-9",
        "PC-009",
        "2026-03-31",
        &[("1.1", "20000.00", "STANDARD")],
        "2000.00",
    );
    let release = project_retention_released_sample("REL-9", "2026-09-30", "2000.00");
    for event in [&claim, &release] {
        // The first run dies after the command committed, before its applied record.
        let mut tx = pool.begin().await.expect("tx");
        sqlx::query("INSERT INTO read_model.applied_events (projection, event_id) VALUES ($1, $2)")
            .bind(handler.name())
            .bind(event.id)
            .execute(&mut *tx)
            .await
            .expect("applied record");
        handler.apply(&mut tx, event).await.expect("done");
        tx.rollback().await.expect("crash");
        // Redelivered: completes without doing it again; delivered again: a duplicate.
        assert_eq!(deliver(&app, &handler, event).await, Applied::Applied);
        assert_eq!(deliver(&app, &handler, event).await, Applied::Duplicate);
        if event.id == release.id {
            continue;
        }
        // The release reads the claim's invoice from the read model.
        let user = app.token("fiona", &["Finance_User"]);
        invoice(&app, &user, &invoice_id_for_claim("CLM-9"), "2000.00").await;
    }
    assert_eq!(
        count(&app, INVOICE_EVENTS, &invoice_id_for_claim("CLM-9")).await,
        3,
        "raised, issued, released once"
    );
    assert_eq!(
        count(&app, NUMBERS, "INV").await,
        2,
        "the claim's and the release's"
    );
    let parked: i64 = sqlx::query_scalar("SELECT count(*) FROM read_model.parked_events")
        .fetch_one(pool)
        .await
        .expect("count");
    assert_eq!(parked, 0);
    app.stop().await;
}
