//! End to end through the gateway: real tokens, the event store, the relay, Kafka, the
//! projection worker and back out through GraphQL.

use serde_json::{json, Value};
use uuid::Uuid;

use crate::harness::{eventually, read_messages, spawn_app, TestApp};

const CREATE_ACCOUNT: &str = "mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { id correlationId }
}";

const ACCOUNT: &str = "query($id: ID!) {
  account(id: $id) { id kind name registrationNumber vatNumber status contacts { firstName lastName email } }
}";

async fn create_account(app: &TestApp, token: &str, name: &str) -> String {
    let response = app
        .graphql(
            token,
            CREATE_ACCOUNT,
            json!({ "input": { "kind": "CUSTOMER", "name": name } }),
        )
        .await;
    response.data()["createAccount"]["id"]
        .as_str()
        .expect("an id")
        .to_string()
}

async fn wait_for_account(
    app: &TestApp,
    token: &str,
    id: &str,
    until: impl Fn(&Value) -> bool,
) -> Value {
    eventually("the account in the read model", || async {
        let response = app.graphql(token, ACCOUNT, json!({ "id": id })).await;
        let account = response.data()["account"].clone();
        (!account.is_null() && until(&account)).then_some(account)
    })
    .await
}

#[tokio::test]
async fn an_account_created_through_the_gateway_reaches_the_read_model_through_kafka() {
    let app = spawn_app().await;
    let token = app.token("thandi", &["Sales_Rep"]);
    let request_id = format!("e2e-{}", Uuid::new_v4());
    let reader = app.env.topic_reader();

    let response = app
        .graphql_with(
            Some(&token),
            Some(&request_id),
            CREATE_ACCOUNT,
            json!({ "input": {
                "kind": "VENDOR",
                "name": "  Highveld Cement & Aggregates ",
                "registrationNumber": "1998/012233/07",
                "vatNumber": "4180223345"
            }}),
        )
        .await;
    assert_eq!(response.status, 200);
    let accepted = &response.data()["createAccount"];
    let id = accepted["id"].as_str().expect("id").to_string();
    // The gateway mints the correlation id; the caller's id is kept beside it.
    let correlation_id = accepted["correlationId"].as_str().expect("id").to_string();
    assert_eq!(response.headers["x-request-id"], correlation_id.as_str());
    assert_ne!(correlation_id, request_id);

    let account = wait_for_account(&app, &token, &id, |_| true).await;
    assert_eq!(
        account,
        json!({
            "id": id, "kind": "VENDOR", "name": "Highveld Cement & Aggregates",
            "registrationNumber": "1998/012233/07", "vatNumber": "4180223345",
            "status": "ACTIVE", "contacts": []
        })
    );

    // The request id travelled into the event's metadata and the Kafka headers.
    let metadata: Value =
        sqlx::query_scalar("SELECT metadata::jsonb FROM events WHERE aggregate_id = $1")
            .bind(&id)
            .fetch_one(&app.env.identity)
            .await
            .expect("stored event");
    assert_eq!(metadata["correlation_id"], correlation_id.as_str());
    assert_eq!(metadata["client_request_id"], request_id);
    assert_eq!(metadata["subject"], "thandi");
    let messages =
        read_messages(&reader, |seen| seen.iter().any(|(_, b)| b["subject"] == id)).await;
    let (headers, body) = messages
        .iter()
        .find(|(_, b)| b["subject"] == id)
        .expect("the event");
    assert!(headers.contains(&("correlation-id".to_string(), correlation_id.clone())));
    assert_eq!(body["type"], "constructos.identity.AccountCreated.v1");
    assert_eq!(body["actor"], "thandi");

    // A contact at the account, and a status change, follow the same path.
    let response = app
        .graphql(
            &token,
            "mutation($input: CreateContactInput!) { createContact(input: $input) { id } }",
            json!({ "input": { "accountId": id, "firstName": "Sipho", "lastName": "Dlamini", "email": "Sipho@Highveld.co.za" } }),
        )
        .await;
    response.data();
    let response = app
        .graphql(
            &token,
            "mutation($id: ID!) { changeAccountStatus(id: $id, status: ON_HOLD, reason: \"credit check\") { id } }",
            json!({ "id": id }),
        )
        .await;
    response.data();
    let account = wait_for_account(&app, &token, &id, |a| {
        a["status"] == "ON_HOLD" && a["contacts"].as_array().is_some_and(|c| !c.is_empty())
    })
    .await;
    assert_eq!(
        account["contacts"],
        json!([{ "firstName": "Sipho", "lastName": "Dlamini", "email": "sipho@highveld.co.za" }])
    );
    app.stop().await;
}

#[tokio::test]
async fn accounts_page_by_cursor_and_filter_by_name() {
    let app = spawn_app().await;
    let token = app.token("lerato", &["Admin"]);
    let names = [
        "Karoo Plant Hire",
        "Bokamoso Roofing",
        "Amandla Steel",
        "Zebra Scaffolding",
        "Cape Plant Services",
    ];
    for name in names {
        create_account(&app, &token, name).await;
    }
    let query = "query($after: String, $name: String) {
      accounts(first: 2, after: $after, nameContains: $name) { nodes { name } pageInfo { endCursor hasNextPage } }
    }";
    eventually("all accounts projected", || async {
        let r = app
            .graphql(
                &token,
                "{ accounts(first: 100) { nodes { id } } }",
                json!({}),
            )
            .await;
        (r.data()["accounts"]["nodes"].as_array().map(Vec::len) == Some(names.len())).then_some(())
    })
    .await;

    let mut walked = Vec::new();
    let mut after = Value::Null;
    loop {
        let r = app.graphql(&token, query, json!({ "after": after })).await;
        let page = &r.data()["accounts"];
        for node in page["nodes"].as_array().expect("nodes") {
            walked.push(node["name"].as_str().expect("name").to_string());
        }
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    let mut sorted: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(walked, sorted);

    let r = app.graphql(&token, query, json!({ "name": "plant" })).await;
    assert_eq!(
        r.data()["accounts"]["nodes"],
        json!([{ "name": "Cape Plant Services" }, { "name": "Karoo Plant Hire" }])
    );
    let r = app.graphql(&token, query, json!({ "name": "%" })).await;
    assert_eq!(
        r.data()["accounts"]["nodes"],
        json!([]),
        "wildcards match literally"
    );
    app.stop().await;
}

#[tokio::test]
async fn roles_without_the_permission_are_forbidden_and_write_nothing() {
    let app = spawn_app().await;
    let auditor = app.token("auditor", &["Auditor"]);
    let response = app
        .graphql(
            &auditor,
            CREATE_ACCOUNT,
            json!({ "input": { "kind": "CUSTOMER", "name": "Nope" } }),
        )
        .await;
    assert_eq!(response.status, 200);
    assert_eq!(response.error_code(), Some("FORBIDDEN"));
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type <> 'identity.user'")
            .fetch_one(&app.env.identity)
            .await
            .expect("count");
    assert_eq!(stored, 0);

    // The auditor may read; a self-service employee may not, but still knows who they are.
    let r = app
        .graphql(&auditor, "{ accounts { nodes { id } } }", json!({}))
        .await;
    assert_eq!(r.data()["accounts"]["nodes"], json!([]));
    let employee = app.token("sam", &["Employee", "Not_A_Role"]);
    let r = app
        .graphql(&employee, "{ accounts { nodes { id } } }", json!({}))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
    let r = app
        .graphql(
            &employee,
            "{ me { subject name roles tenantId } }",
            json!({}),
        )
        .await;
    assert_eq!(
        r.data()["me"],
        json!({ "subject": "sam", "name": "sam", "roles": ["Employee"], "tenantId": constructos_infra::auth::DEV_TENANT_ID })
    );
    app.stop().await;
}

#[tokio::test]
async fn bad_input_is_refused_with_a_code_and_writes_nothing() {
    let app = spawn_app().await;
    let token = app.token("pieter", &["Procurement_Officer"]);
    let r = app
        .graphql(
            &token,
            CREATE_ACCOUNT,
            json!({ "input": { "kind": "SUBCONTRACTOR", "name": "Mzansi Electrical", "vatNumber": "12345" } }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"));
    assert!(r.body["errors"][0]["message"]
        .as_str()
        .expect("message")
        .contains("VAT"));

    let r = app
        .graphql(
            &token,
            "mutation { changeAccountStatus(id: \"no-such-account\", status: ARCHIVED) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"));

    let r = app
        .graphql(
            &token,
            "mutation($input: CreateContactInput!) { createContact(input: $input) { id } }",
            json!({ "input": { "accountId": "no-such-account", "firstName": "A", "lastName": "B" } }),
        )
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"));

    let r = app
        .graphql(
            &token,
            "{ accounts(after: \"garbage\") { nodes { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"));
    let r = app
        .graphql(
            &token,
            "{ accounts(first: 1000) { nodes { id } } }",
            json!({}),
        )
        .await;
    assert!(r.body["errors"].is_array(), "page size is bounded");

    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type <> 'identity.user'")
            .fetch_one(&app.env.identity)
            .await
            .expect("count");
    assert_eq!(stored, 0);
    app.stop().await;
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    for path in ["healthz", "readyz"] {
        let response = app
            .client
            .get(format!("http://{}/{path}", app.address))
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status(), 200, "{path}");
    }
    app.stop().await;
}

#[tokio::test]
async fn status_history_shows_each_change_with_its_reason_who_and_when_in_order() {
    let app = spawn_app().await;
    let token = app.token("naledi", &["Finance_Manager"]);
    let id = create_account(&app, &token, "Bokamoso Roofing").await;
    for (status, reason) in [
        ("ON_HOLD", "overdue 90 days"),
        ("ACTIVE", "paid in full"),
        ("ARCHIVED", "deregistered at CIPC"),
    ] {
        app.graphql(
            &token,
            "mutation($id: ID!, $s: AccountStatus!, $r: String) { changeAccountStatus(id: $id, status: $s, reason: $r) { id } }",
            json!({ "id": id, "s": status, "r": reason }),
        )
        .await
        .data();
    }
    let account = eventually("three status changes", || async {
        let r = app
            .graphql(
                &token,
                "query($id: ID!) { account(id: $id) { status canTakeOrders statusHistory { from to reason changedBy changedAt } } }",
                json!({ "id": id }),
            )
            .await;
        let a = r.data()["account"].clone();
        // The account row and its history are read by two resolvers: wait for both.
        (a["statusHistory"].as_array().map(Vec::len) == Some(3) && a["status"] == "ARCHIVED")
            .then_some(a)
    })
    .await;
    assert_eq!(
        (
            account["status"].as_str(),
            account["canTakeOrders"].as_bool()
        ),
        (Some("ARCHIVED"), Some(false))
    );
    let history = account["statusHistory"].as_array().expect("history");
    let steps: Vec<(&str, &str, &str, &str)> = history
        .iter()
        .map(|h| {
            let s = |k: &str| h[k].as_str().unwrap_or_default();
            (s("from"), s("to"), s("reason"), s("changedBy"))
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("ACTIVE", "ON_HOLD", "overdue 90 days", "naledi"),
            ("ON_HOLD", "ACTIVE", "paid in full", "naledi"),
            ("ACTIVE", "ARCHIVED", "deregistered at CIPC", "naledi"),
        ]
    );
    let times: Vec<&str> = history
        .iter()
        .filter_map(|h| h["changedAt"].as_str())
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "in order: {times:?}"
    );
    app.stop().await;
}
