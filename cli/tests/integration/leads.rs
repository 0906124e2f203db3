//! Leads end to end through the gateway with real tokens: capture, qualify, convert
//! (exactly one account and one contact, however often it is sent), and the row-level
//! rule — a Sales_Rep sees only their own leads, a Sales_Manager sees everyone's.

use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, TestApp, IDENTITY};

const CAPTURE: &str = "mutation($input: CaptureLeadInput!) { captureLead(input: $input) { id } }";
const CONVERT: &str =
    "mutation($id: ID!) { convertLead(id: $id) { leadId accountId contactId correlationId } }";
const LEADS: &str = "query($first: Int = 20, $after: String, $owner: String, $status: LeadStatus) {
  leads(first: $first, after: $after, owner: $owner, status: $status) {
    nodes { id companyName owner status estimatedValue accountId contactId disqualificationReason }
    pageInfo { endCursor hasNextPage }
  }
}";

async fn capture(app: &TestApp, token: &str, company: &str) -> String {
    let input = json!({
        "companyName": company, "contactFirstName": "Nomsa", "contactLastName": "Mahlangu",
        "email": "Nomsa@Mahlangu.co.za", "source": "TENDER_BULLETIN", "estimatedValue": "4500000"
    });
    app.graphql(token, CAPTURE, json!({ "input": input }))
        .await
        .data()["captureLead"]["id"]
        .as_str()
        .expect("lead id")
        .to_string()
}

/// The companies of the leads `token` sees, once `expected` many are visible.
async fn visible_companies(app: &TestApp, token: &str, expected: usize) -> Vec<String> {
    eventually("leads in the read model", || async {
        let r = app.graphql(token, LEADS, json!({ "first": 100 })).await;
        let nodes = r.data()["leads"]["nodes"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let companies: Vec<String> = nodes
            .iter()
            .filter_map(|n| n["companyName"].as_str().map(str::to_string))
            .collect();
        (companies.len() == expected).then_some(companies)
    })
    .await
}

async fn count_events(app: &TestApp, event_type: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM events WHERE event_type = $1")
        .bind(event_type)
        .fetch_one(&app.env.identity)
        .await
        .expect("count")
}

#[tokio::test]
async fn capture_qualify_convert_makes_one_account_and_one_contact_even_when_sent_twice() {
    let app = spawn_domains(IDENTITY).await;
    let rep = app.token("rep-thabo", &["Sales_Rep"]);
    let id = capture(&app, &rep, "Mahlangu Developments").await;
    app.graphql(
        &rep,
        "mutation($id: ID!) { qualifyLead(id: $id) { id } }",
        json!({ "id": id }),
    )
    .await
    .data();

    // Sent twice at the same time, and once more afterwards: one conversion.
    let (first, second) = tokio::join!(
        app.graphql(&rep, CONVERT, json!({ "id": id })),
        app.graphql(&rep, CONVERT, json!({ "id": id })),
    );
    let third = app.graphql(&rep, CONVERT, json!({ "id": id })).await;
    let ids = |r: &crate::harness::Response| {
        let c = &r.data()["convertLead"];
        (c["accountId"].clone(), c["contactId"].clone())
    };
    assert_eq!(ids(&first), ids(&second));
    assert_eq!(ids(&first), ids(&third));
    assert_eq!(first.data()["convertLead"]["leadId"], json!(id));
    let (account_id, contact_id) = ids(&first);

    for event_type in ["LeadConverted", "AccountCreated", "ContactCreated"] {
        assert_eq!(count_events(&app, event_type).await, 1, "{event_type}");
    }

    let account = eventually("the new customer with its contact", || async {
        let r = app
            .graphql(
                &rep,
                "query($id: ID!) { account(id: $id) { id kind name status contacts { id firstName lastName email } } }",
                json!({ "id": account_id }),
            )
            .await;
        let a = r.data()["account"].clone();
        (!a.is_null() && a["contacts"].as_array().is_some_and(|c| !c.is_empty())).then_some(a)
    })
    .await;
    assert_eq!(account["kind"], "CUSTOMER");
    assert_eq!(account["name"], "Mahlangu Developments");
    assert_eq!(
        account["contacts"],
        json!([{ "id": contact_id, "firstName": "Nomsa", "lastName": "Mahlangu", "email": "nomsa@mahlangu.co.za" }])
    );
    let lead = eventually("the converted lead", || async {
        let r = app
            .graphql(
                &rep,
                "query($id: ID!) { lead(id: $id) { status estimatedValue accountId contactId } }",
                json!({ "id": id }),
            )
            .await;
        let l = r.data()["lead"].clone();
        (l["status"] == "CONVERTED").then_some(l)
    })
    .await;
    assert_eq!(
        lead,
        json!({ "status": "CONVERTED", "estimatedValue": "4500000.00", "accountId": account_id, "contactId": contact_id })
    );
    let accounts = app
        .graphql(&rep, "{ accounts(first: 100) { nodes { id } } }", json!({}))
        .await;
    assert_eq!(
        accounts.data()["accounts"]["nodes"],
        json!([{ "id": account_id }])
    );
    app.stop().await;
}

#[tokio::test]
async fn a_sales_rep_sees_only_own_leads_and_a_sales_manager_sees_every_reps_leads() {
    let app = spawn_domains(IDENTITY).await;
    let (rep1, rep2) = (
        app.token("rep-1", &["Sales_Rep"]),
        app.token("rep-2", &["Sales_Rep"]),
    );
    let manager = app.token("manager", &["Sales_Manager"]);
    let alpha = capture(&app, &rep1, "Alpha Build").await;
    let beta = capture(&app, &rep2, "Beta Civils").await;

    assert_eq!(
        visible_companies(&app, &manager, 2).await,
        ["Alpha Build", "Beta Civils"]
    );
    assert_eq!(visible_companies(&app, &rep1, 1).await, ["Alpha Build"]);
    assert_eq!(visible_companies(&app, &rep2, 1).await, ["Beta Civils"]);
    let auditor = app.token("auditor", &["Auditor"]);
    assert_eq!(
        visible_companies(&app, &auditor, 2).await,
        ["Alpha Build", "Beta Civils"]
    );

    // A manager pages through everyone's leads and filters by owner.
    let page = app.graphql(&manager, LEADS, json!({ "first": 1 })).await;
    let page = &page.data()["leads"];
    assert_eq!(page["nodes"][0]["owner"], "rep-1");
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let next = app
        .graphql(
            &manager,
            LEADS,
            json!({ "first": 1, "after": page["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(
        next.data()["leads"]["nodes"][0]["companyName"],
        "Beta Civils"
    );
    assert_eq!(next.data()["leads"]["pageInfo"]["hasNextPage"], false);
    let r = app
        .graphql(&manager, LEADS, json!({ "owner": "rep-2" }))
        .await;
    assert_eq!(r.data()["leads"]["nodes"][0]["id"], json!(beta));
    let r = app.graphql(&rep1, LEADS, json!({ "owner": "rep-2" })).await;
    assert_eq!(
        r.data()["leads"]["nodes"],
        json!([]),
        "a rep cannot ask for another's"
    );

    // Another rep's lead does not exist for a rep, to read or to act on.
    let r = app
        .graphql(
            &rep1,
            "query($id: ID!) { lead(id: $id) { id } }",
            json!({ "id": beta }),
        )
        .await;
    assert_eq!(r.data()["lead"], Value::Null);
    let r = app
        .graphql(
            &rep1,
            "mutation($id: ID!) { qualifyLead(id: $id) { id } }",
            json!({ "id": beta }),
        )
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"));
    let r = app
        .graphql(
            &manager,
            "mutation($id: ID!) { qualifyLead(id: $id) { id } }",
            json!({ "id": alpha }),
        )
        .await;
    r.data();

    // Outside sales, leads are not visible at all.
    let finance = app.token("fin", &["Finance_Manager"]);
    let r = app.graphql(&finance, LEADS, json!({})).await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
    app.stop().await;
}

#[tokio::test]
async fn only_a_qualified_lead_converts_and_a_disqualified_one_keeps_its_reason() {
    let app = spawn_domains(IDENTITY).await;
    let rep = app.token("rep-3", &["Sales_Rep"]);
    let id = capture(&app, &rep, "Gamma Roads").await;
    let r = app.graphql(&rep, CONVERT, json!({ "id": id })).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"));
    app.graphql(
        &rep,
        "mutation($id: ID!) { disqualifyLead(id: $id, reason: \"went with another contractor\") { id } }",
        json!({ "id": id }),
    )
    .await
    .data();
    let r = app.graphql(&rep, CONVERT, json!({ "id": id })).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"));
    let r = app
        .graphql(
            &rep,
            CAPTURE,
            json!({ "input": { "companyName": "No Way To Reach", "contactFirstName": "A", "contactLastName": "B", "source": "OTHER" } }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"));
    let r = app
        .graphql(
            &rep,
            CAPTURE,
            json!({ "input": { "companyName": "Floaty", "contactFirstName": "A", "contactLastName": "B", "phone": "1", "source": "OTHER", "estimatedValue": 10.5 } }),
        )
        .await;
    assert!(
        r.body["errors"].is_array(),
        "rand travels as a string, never a float"
    );

    let lead = eventually("the disqualified lead", || async {
        let r = app
            .graphql(&rep, LEADS, json!({ "status": "DISQUALIFIED" }))
            .await;
        r.data()["leads"]["nodes"]
            .as_array()
            .and_then(|n| n.first().cloned())
    })
    .await;
    assert_eq!(
        lead["disqualificationReason"],
        "went with another contractor"
    );
    assert_eq!(lead["accountId"], Value::Null);
    assert_eq!(count_events(&app, "AccountCreated").await, 0);
    app.stop().await;
}

/// Every write that names a lead follows the read rule (issue 9, finding 2): another
/// rep's lead answers exactly what an unknown lead id answers, and nothing is stored.
#[tokio::test]
async fn every_lead_write_treats_another_reps_lead_as_unknown() {
    let app = spawn_domains(IDENTITY).await;
    let (rep1, rep2) = (
        app.token("rep-1", &["Sales_Rep"]),
        app.token("rep-2", &["Sales_Rep"]),
    );
    let theirs = capture(&app, &rep2, "Beta Civils").await;
    let stored = app.events_of(&app.env.identity, &theirs).await;
    let writes = [
        "mutation($id: ID!) { qualifyLead(id: $id) { id } }",
        "mutation($id: ID!) { disqualifyLead(id: $id, reason: \"no budget\") { id } }",
        CONVERT,
    ];
    for write in writes {
        let unknown = app
            .graphql(
                &rep1,
                write,
                json!({ "id": uuid::Uuid::now_v7().to_string() }),
            )
            .await;
        assert_eq!(unknown.error_code(), Some("NOT_FOUND"), "{}", unknown.body);
        let r = app.graphql(&rep1, write, json!({ "id": theirs })).await;
        assert_eq!(r.error_code(), Some("NOT_FOUND"), "{write}: {}", r.body);
        assert_eq!(
            r.body["errors"][0]["message"], unknown.body["errors"][0]["message"],
            "{write}"
        );
    }
    assert_eq!(app.events_of(&app.env.identity, &theirs).await, stored);
    app.stop().await;
}
