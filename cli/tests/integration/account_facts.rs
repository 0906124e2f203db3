//! An account's further facts through the gateway: trading name, tax reference, B-BBEE,
//! CIDB gradings, addresses and payment terms reach the read model, and facts that do
//! not fit the account (or the registers' formats) are refused with `BAD_USER_INPUT`.

use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, TestApp, IDENTITY};

const FACTS: &str = "query($id: ID!) { account(id: $id) {
  tradingName taxReference canTakeOrders
  bbbee { level certificateExpiresOn }
  cidbGradings { designation grade classOfWorks }
  paymentTerms { days basis }
  addresses { type lines city province postalCode }
} }";

async fn open(app: &TestApp, token: &str, kind: &str, name: &str) -> String {
    app.graphql(
        token,
        "mutation($kind: AccountKind!, $name: String!) { createAccount(input: { kind: $kind, name: $name }) { id } }",
        json!({ "kind": kind, "name": name }),
    )
    .await
    .data()["createAccount"]["id"]
    .as_str()
    .expect("id")
    .to_string()
}

async fn facts_once(app: &TestApp, token: &str, id: &str, ready: impl Fn(&Value) -> bool) -> Value {
    eventually("the account's facts", || async {
        let a = app.graphql(token, FACTS, json!({ "id": id })).await.data()["account"].clone();
        (!a.is_null() && ready(&a)).then_some(a)
    })
    .await
}

#[tokio::test]
async fn a_vendors_and_a_subcontractors_facts_reach_the_read_model() {
    let app = spawn_domains(IDENTITY).await;
    let token = app.token("pieter", &["Procurement_Officer"]);
    let vendor = open(
        &app,
        &token,
        "VENDOR",
        "Highveld Cement & Aggregates (Pty) Ltd",
    )
    .await;
    let steps = [
        "mutation($id: ID!) { changeAccountTradingName(id: $id, tradingName: \"Highveld Cement\") { id } }",
        "mutation($id: ID!) { changeAccountTaxReference(id: $id, taxReference: \"9123 456 789\") { id } }",
        "mutation($id: ID!) { certifyBbbee(id: $id, level: LEVEL_2, certificateExpiresOn: \"2026-06-30\") { id } }",
        "mutation($id: ID!) { changeAccountAddress(id: $id, type: BILLING, address: { lines: [\"PO Box 1123\"], city: \"Germiston\", province: GAUTENG, postalCode: \"1400\" }) { id } }",
        "mutation($id: ID!) { changeAccountAddress(id: $id, type: PHYSICAL, address: { lines: [\"17 Electron Avenue\", \"Isando\"], city: \"Kempton Park\", province: GAUTENG, postalCode: \"1600\" }) { id } }",
        "mutation($id: ID!) { changeAccountPaymentTerms(id: $id, days: 30, basis: FROM_STATEMENT) { id } }",
    ];
    for query in steps {
        app.graphql(&token, query, json!({ "id": vendor }))
            .await
            .data();
    }
    let facts = facts_once(&app, &token, &vendor, |a| !a["paymentTerms"].is_null()).await;
    assert_eq!(
        facts,
        json!({
            "tradingName": "Highveld Cement", "taxReference": "9123456789", "canTakeOrders": true,
            "bbbee": { "level": "LEVEL_2", "certificateExpiresOn": "2026-06-30" },
            "cidbGradings": [],
            "paymentTerms": { "days": 30, "basis": "FROM_STATEMENT" },
            "addresses": [
                { "type": "PHYSICAL", "lines": ["17 Electron Avenue", "Isando"], "city": "Kempton Park", "province": "GAUTENG", "postalCode": "1600" },
                { "type": "BILLING", "lines": ["PO Box 1123"], "city": "Germiston", "province": "GAUTENG", "postalCode": "1400" }
            ]
        })
    );

    // A subcontractor's grade in a class of works replaces the earlier one in that class.
    let sub = open(&app, &token, "SUBCONTRACTOR", "Mzansi Electrical").await;
    for designation in ["7GB", "5ce", "6GB"] {
        app.graphql(
            &token,
            "mutation($id: ID!, $d: String!) { gradeCidb(id: $id, designation: $d) { id } }",
            json!({ "id": sub, "d": designation }),
        )
        .await
        .data();
    }
    let facts = facts_once(&app, &token, &sub, |a| {
        a["cidbGradings"].as_array().is_some_and(|g| g.len() == 2)
            && a["cidbGradings"][1]["grade"] == 6
    })
    .await;
    assert_eq!(
        facts["cidbGradings"],
        json!([
            { "designation": "5CE", "grade": 5, "classOfWorks": "CE" },
            { "designation": "6GB", "grade": 6, "classOfWorks": "GB" }
        ])
    );
    app.stop().await;
}

#[tokio::test]
async fn facts_that_do_not_fit_the_account_or_the_registers_are_refused() {
    let app = spawn_domains(IDENTITY).await;
    let token = app.token("pieter", &["Procurement_Officer"]);
    let customer = open(&app, &token, "CUSTOMER", "Ubuntu Property Developers").await;
    let vendor = open(&app, &token, "VENDOR", "Karoo Plant Hire").await;
    let refused = [
        ("mutation($id: ID!) { certifyBbbee(id: $id, level: LEVEL_1, certificateExpiresOn: \"2026-01-31\") { id } }", &customer, "B-BBEE"),
        ("mutation($id: ID!) { certifyBbbee(id: $id, level: LEVEL_4) { id } }", &vendor, "expiry"),
        ("mutation($id: ID!) { gradeCidb(id: $id, designation: \"7GB\") { id } }", &vendor, "CIDB"),
        ("mutation($id: ID!) { gradeCidb(id: $id, designation: \"7GB\") { id } }", &customer, "CIDB"),
        ("mutation($id: ID!) { changeAccountTaxReference(id: $id, taxReference: \"12345\") { id } }", &vendor, "tax reference"),
        ("mutation($id: ID!) { changeAccountAddress(id: $id, type: POSTAL, address: { lines: [\"PO Box 1\"], city: \"Upington\", province: NORTHERN_CAPE, postalCode: \"88\" }) { id } }", &vendor, "postal code"),
        ("mutation($id: ID!) { changeAccountPaymentTerms(id: $id, days: 121, basis: FROM_INVOICE) { id } }", &vendor, "120 days"),
        ("mutation($id: ID!) { changeAccountPaymentTerms(id: $id, days: -1, basis: FROM_INVOICE) { id } }", &vendor, "120 days"),
    ];
    for (query, id, says) in refused {
        let r = app.graphql(&token, query, json!({ "id": id })).await;
        assert_eq!(
            r.error_code(),
            Some("BAD_USER_INPUT"),
            "{query}: {}",
            r.body
        );
        let message = r.body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains(says), "{message} should mention {says}");
    }
    let r = app
        .graphql(
            &token,
            "mutation { changeAccountTradingName(id: \"nope\", tradingName: \"X\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"));
    let stored: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM events WHERE aggregate_type = 'identity.account' AND event_type <> 'AccountCreated'",
    )
    .fetch_one(&app.env.identity)
    .await
    .expect("count");
    assert_eq!(stored, 0);
    app.stop().await;
}
