//! Identity as its own service: the gateway calls it over HTTP with the caller's token,
//! and the service validates that token again and applies the same permissions.

use serde_json::{json, Value};

use crate::harness::{eventually, spawn_app_as, Topology};

#[tokio::test]
async fn the_gateway_routes_identity_to_its_own_service() {
    let app = spawn_app_as(Topology::Split).await;
    let token = app.token("anele", &["Procurement_Officer"]);
    let r = app
        .graphql(
            &token,
            "mutation { createAccount(input: { kind: VENDOR, name: \"Karoo Plant Hire\" }) { id } }",
            json!({}),
        )
        .await;
    let id = r.data()["createAccount"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let name = eventually("the account through the service", || async {
        let r = app
            .graphql(
                &token,
                "query($id: ID!) { account(id: $id) { name contacts { id } } }",
                json!({ "id": id }),
            )
            .await;
        r.data()["account"]["name"].as_str().map(str::to_string)
    })
    .await;
    assert_eq!(name, "Karoo Plant Hire");

    // Refusals cross the wire with their codes.
    let r = app
        .graphql(
            &token,
            "mutation { changeAccountStatus(id: \"nope\", status: ON_HOLD) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"));
    let r = app
        .graphql(
            &token,
            "mutation { createAccount(input: { kind: VENDOR, name: \"\" }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"));

    let ready = app
        .client
        .get(format!("http://{}/readyz", app.address))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);
    app.stop().await;
}

#[tokio::test]
async fn the_identity_service_does_not_trust_its_callers_blindly() {
    let app = spawn_app_as(Topology::Split).await;
    let url = format!(
        "http://{}/v1/identity",
        app.service_address.expect("service")
    );
    let request = json!({ "op": "create_account", "input": { "kind": "CUSTOMER", "name": "Sneaky (Pty) Ltd", "registration_number": null, "vat_number": null } });

    let r = app
        .client
        .post(&url)
        .json(&request)
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), 401, "no token");
    let r = app
        .client
        .post(&url)
        .bearer_auth("forged.token.here")
        .json(&request)
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), 401, "garbage token");

    let employee = app.token("sam", &["Employee"]);
    let r = app
        .client
        .post(&url)
        .bearer_auth(&employee)
        .json(&request)
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), 403);
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["code"], "FORBIDDEN");
    assert_eq!(body["permission"], "identity.write");

    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type <> 'identity.user'")
            .fetch_one(&app.env.identity)
            .await
            .expect("count");
    assert_eq!(stored, 0);
    app.stop().await;
}

#[tokio::test]
async fn leads_rand_and_dates_cross_the_wire_to_the_identity_service() {
    let app = spawn_app_as(Topology::Split).await;
    let rep = app.token("rep-wire", &["Sales_Rep"]);
    let lead = app
        .graphql(
            &rep,
            "mutation { captureLead(input: { companyName: \"Lebowa Builders\", contactFirstName: \"Mpho\", contactLastName: \"Sekgala\", phone: \"015 555 0199\", source: REFERRAL, estimatedValue: \"1250000.5\" }) { id } }",
            json!({}),
        )
        .await
        .data()["captureLead"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    app.graphql(
        &rep,
        "mutation($id: ID!) { qualifyLead(id: $id) { id } }",
        json!({ "id": lead }),
    )
    .await
    .data();
    let converted = app
        .graphql(
            &rep,
            "mutation($id: ID!) { convertLead(id: $id) { accountId contactId } }",
            json!({ "id": lead }),
        )
        .await;
    let contact = converted.data()["convertLead"]["contactId"].clone();
    app.graphql(
        &rep,
        "mutation($id: ID!) { recordPopiaConsent(id: $id, given: true, on: \"2025-07-01\") { id } }",
        json!({ "id": contact }),
    )
    .await
    .data();
    let seen = eventually("the lead and the consent through the service", || async {
        let r = app
            .graphql(
                &rep,
                "query($l: ID!, $c: ID!) { lead(id: $l) { status estimatedValue } contact(id: $c) { popiaConsent { on } } }",
                json!({ "l": lead, "c": contact }),
            )
            .await;
        let d = r.data().clone();
        (d["lead"]["status"] == "CONVERTED" && !d["contact"]["popiaConsent"].is_null()).then_some(d)
    })
    .await;
    assert_eq!(seen["lead"]["estimatedValue"], "1250000.50");
    assert_eq!(seen["contact"]["popiaConsent"]["on"], "2025-07-01");
    app.stop().await;
}
