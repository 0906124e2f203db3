//! A contact's further facts through the gateway: roles, communication preferences and
//! POPIA consent, whose withdrawal turns every marketing channel off.

use serde_json::json;

use crate::harness::{eventually, spawn_domains, TestApp, IDENTITY};

async fn create_account(app: &TestApp, token: &str, name: &str) -> String {
    app.graphql(
        token,
        "mutation($name: String!) { createAccount(input: { kind: CUSTOMER, name: $name }) { id } }",
        json!({ "name": name }),
    )
    .await
    .data()["createAccount"]["id"]
        .as_str()
        .expect("an id")
        .to_string()
}

#[tokio::test]
async fn withdrawing_popia_consent_turns_the_marketing_channels_off() {
    let app = spawn_domains(IDENTITY).await;
    let token = app.token("thandi", &["Sales_Rep"]);
    let account = create_account(&app, &token, "Ubuntu Property Developers").await;
    let contact = app
        .graphql(
            &token,
            "mutation($a: ID!) { createContact(input: { accountId: $a, firstName: \"Sipho\", lastName: \"Dlamini\", email: \"sipho@ubuntu.co.za\" }) { id } }",
            json!({ "a": account }),
        )
        .await
        .data()["createContact"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let steps = [
        "mutation($id: ID!) { changeContactRoles(id: $id, roles: [QUANTITY_SURVEYOR, DIRECTOR]) { id } }",
        "mutation($id: ID!) { changeContactPreferences(id: $id, input: { email: true, phone: false, sms: false, whatsapp: true, preferredChannel: WHATSAPP }) { id } }",
        "mutation($id: ID!) { recordPopiaConsent(id: $id, given: true, on: \"2025-03-01\") { id } }",
    ];
    for query in steps {
        app.graphql(&token, query, json!({ "id": contact }))
            .await
            .data();
    }
    let contact_query = "query($id: ID!) { contact(id: $id) { roles communication { email phone sms whatsapp preferredChannel } popiaConsent { given on } marketingChannels } }";
    let read = |until: &'static str| {
        let (app, token, contact) = (&app, &token, &contact);
        async move {
            eventually(until, || async {
                let c = app
                    .graphql(token, contact_query, json!({ "id": contact }))
                    .await
                    .data()["contact"]
                    .clone();
                let consent = c["popiaConsent"]["given"].as_bool();
                let wanted = if until == "consent given" {
                    Some(true)
                } else {
                    Some(false)
                };
                (consent == wanted).then_some(c)
            })
            .await
        }
    };
    let given = read("consent given").await;
    assert_eq!(
        given,
        json!({
            "roles": ["DIRECTOR", "QUANTITY_SURVEYOR"],
            "communication": { "email": true, "phone": false, "sms": false, "whatsapp": true, "preferredChannel": "WHATSAPP" },
            "popiaConsent": { "given": true, "on": "2025-03-01" },
            "marketingChannels": ["EMAIL", "WHATSAPP"]
        })
    );

    // A withdrawal dated before the consent is refused; on a later date it holds.
    let withdraw = "mutation($id: ID!, $on: NaiveDate!) { recordPopiaConsent(id: $id, given: false, on: $on) { id } }";
    let r = app
        .graphql(
            &token,
            withdraw,
            json!({ "id": contact, "on": "2025-02-01" }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"));
    app.graphql(
        &token,
        withdraw,
        json!({ "id": contact, "on": "2025-04-15" }),
    )
    .await
    .data();
    let withdrawn = read("consent withdrawn").await;
    assert_eq!(
        withdrawn["popiaConsent"],
        json!({ "given": false, "on": "2025-04-15" })
    );
    assert_eq!(withdrawn["marketingChannels"], json!([]));
    assert_eq!(
        withdrawn["communication"]["whatsapp"], true,
        "ordinary contact stays allowed"
    );
    app.stop().await;
}
