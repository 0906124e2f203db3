//! Sales' opportunities end to end: a lead converted through the gateway becomes exactly
//! one opportunity in sales' read model through Kafka (identity's topic → the
//! LeadConversions process manager → sales' event store → sales' topic → its read
//! model), which its owner moves through the pipeline to WON; another rep neither sees
//! nor moves it, a sales manager sees it; the same over HTTP to the sales service.

use constructos_domain::sales::opportunity_id;
use constructos_infra::Domain;
use serde_json::{json, Value};

use crate::harness::{eventually, spawn_app_as, spawn_domains, TestApp, Topology};

const OPPORTUNITY: &str = "query($id: ID!) {
  opportunity(id: $id) { id leadId accountId contactId name owner source stage probability estimatedValue lostReason competitor closedAt }
}";
const OPPORTUNITIES: &str = "query($first: Int, $after: String, $stage: OpportunityStage) {
  opportunities(first: $first, after: $after, stage: $stage) {
    nodes { id name stage }
    pageInfo { endCursor hasNextPage }
  }
}";
const MOVE: &str = "mutation($id: ID!, $stage: OpportunityStage!) {
  moveOpportunityStage(id: $id, stage: $stage) { id correlationId }
}";

/// Captures, qualifies and converts a lead as `token`; returns (lead id, account id).
pub(crate) async fn converted_lead(app: &TestApp, token: &str, company: &str) -> (String, String) {
    let input = json!({
        "companyName": company, "contactFirstName": "Sipho", "contactLastName": "Dlamini",
        "email": "sipho@dlamini.co.za",
        "source": "REFERRAL", "estimatedValue": "2750000"
    });
    let r = app
        .graphql(
            token,
            "mutation($input: CaptureLeadInput!) { captureLead(input: $input) { id } }",
            json!({ "input": input }),
        )
        .await;
    let lead = r.data()["captureLead"]["id"]
        .as_str()
        .expect("lead id")
        .to_string();
    app.graphql(
        token,
        "mutation($id: ID!) { qualifyLead(id: $id) { id } }",
        json!({ "id": lead }),
    )
    .await
    .data();
    let r = app
        .graphql(
            token,
            "mutation($id: ID!) { convertLead(id: $id) { accountId } }",
            json!({ "id": lead }),
        )
        .await;
    let account = r.data()["convertLead"]["accountId"]
        .as_str()
        .expect("account id")
        .to_string();
    (lead, account)
}

/// The opportunity `id` as `token` sees it, once the read model has it in `stage`.
pub(crate) async fn opportunity_in(app: &TestApp, token: &str, id: &str, stage: &str) -> Value {
    eventually(&format!("opportunity {id} in {stage}"), || async {
        let r = app.graphql(token, OPPORTUNITY, json!({ "id": id })).await;
        let o = r.data()["opportunity"].clone();
        (o["stage"] == stage).then_some(o)
    })
    .await
}

async fn pipeline(app: &TestApp) {
    let rep = app.token("rep-sipho", &["Sales_Rep"]);
    let other_rep = app.token("rep-anele", &["Sales_Rep"]);
    let manager = app.token("mgr-lindiwe", &["Sales_Manager"]);
    let (lead, account) = converted_lead(app, &rep, "Dlamini Civils").await;
    let id = opportunity_id(&lead);

    let opened = opportunity_in(app, &rep, &id, "QUALIFICATION").await;
    assert_eq!(opened["leadId"], lead.as_str());
    assert_eq!(opened["accountId"], account.as_str());
    assert_eq!(opened["name"], "Dlamini Civils");
    assert_eq!(opened["owner"], "rep-sipho");
    assert_eq!(opened["probability"], 10);
    assert_eq!(opened["estimatedValue"], "2750000.00");

    // Not another rep's to see or move; the manager sees it.
    let r = app
        .graphql(&other_rep, OPPORTUNITY, json!({ "id": id }))
        .await;
    assert_eq!(r.data()["opportunity"], Value::Null);
    let r = app
        .graphql(&other_rep, MOVE, json!({ "id": id, "stage": "TENDER" }))
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    let r = app
        .graphql(&other_rep, OPPORTUNITIES, json!({ "first": 10 }))
        .await;
    assert_eq!(r.data()["opportunities"]["nodes"], json!([]));
    let r = app
        .graphql(&manager, OPPORTUNITIES, json!({ "first": 10 }))
        .await;
    assert_eq!(r.data()["opportunities"]["nodes"][0]["id"], id.as_str());

    // Through the pipeline to WON; WON is its own command, and final.
    for (stage, probability) in [("SITE_VISIT", 25), ("TENDER", 50), ("NEGOTIATION", 75)] {
        let r = app
            .graphql(&rep, MOVE, json!({ "id": id, "stage": stage }))
            .await;
        assert_eq!(r.data()["moveOpportunityStage"]["id"], id.as_str());
        let seen = opportunity_in(app, &rep, &id, stage).await;
        assert_eq!(seen["probability"], probability);
    }
    let r = app
        .graphql(&rep, MOVE, json!({ "id": id, "stage": "WON" }))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    let r = app
        .graphql(
            &rep,
            "mutation($id: ID!) { winOpportunity(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(r.data()["winOpportunity"]["id"], id.as_str());
    let won = opportunity_in(app, &rep, &id, "WON").await;
    assert_eq!(won["probability"], 100);
    assert!(won["closedAt"].is_string());
    let r = app
        .graphql(
            &rep,
            "mutation($id: ID!) { loseOpportunity(id: $id, reason: \"price\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);

    // Without the permission, refused at the edge.
    let clerk = app.token("clerk", &["Finance_User"]);
    let r = app
        .graphql(&clerk, OPPORTUNITIES, json!({ "first": 10 }))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
}

#[tokio::test]
async fn a_converted_lead_becomes_one_opportunity_that_its_owner_wins() {
    let app = spawn_domains(&[Domain::Identity, Domain::Sales]).await;
    pipeline(&app).await;
    // Exactly one opportunity for the lead, however the conversion was delivered.
    let opened = app
        .events_of_type(&app.env.pool(Domain::Sales), "OpportunityOpened")
        .await;
    assert_eq!(opened, 1);
    app.stop().await;
}

#[tokio::test]
async fn the_same_holds_when_sales_runs_as_its_own_service() {
    let app = spawn_app_as(Topology::Split).await;
    pipeline(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn pages_follow_their_cursors_and_a_bad_cursor_is_bad_input() {
    let app = spawn_domains(&[Domain::Identity, Domain::Sales]).await;
    let rep = app.token("rep-pages", &["Sales_Rep"]);
    let mut ids = Vec::new();
    for company in ["Alpha Bricks", "Beta Roofing", "Gamma Steel"] {
        let (lead, _) = converted_lead(&app, &rep, company).await;
        ids.push(opportunity_id(&lead));
    }
    eventually("three opportunities", || async {
        let r = app
            .graphql(&rep, OPPORTUNITIES, json!({ "first": 10 }))
            .await;
        let n = r.data()["opportunities"]["nodes"]
            .as_array()
            .map_or(0, Vec::len);
        (n == 3).then_some(())
    })
    .await;
    let mut seen = Vec::new();
    let mut after = Value::Null;
    loop {
        let r = app
            .graphql(&rep, OPPORTUNITIES, json!({ "first": 2, "after": after }))
            .await;
        let page = &r.data()["opportunities"];
        for node in page["nodes"].as_array().expect("nodes") {
            seen.push(node["id"].as_str().expect("id").to_string());
        }
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    seen.sort();
    ids.sort();
    assert_eq!(seen, ids, "every opportunity once across the pages");
    let r = app
        .graphql(
            &rep,
            OPPORTUNITIES,
            json!({ "first": 2, "after": "garbage" }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    let r = app
        .graphql(&rep, OPPORTUNITIES, json!({ "first": 0 }))
        .await;
    assert!(r.body["errors"].is_array(), "{}", r.body);
    app.stop().await;
}

#[tokio::test]
async fn a_won_opportunity_opens_one_awarded_project_in_orders() {
    let app = spawn_domains(&[Domain::Identity, Domain::Sales, Domain::Orders]).await;
    let rep = app.token("rep-sipho", &["Sales_Rep"]);
    let admin = app.token("admin", &["Admin"]);
    let (lead, account) = converted_lead(&app, &rep, "Khumalo Developments").await;
    let id = opportunity_id(&lead);
    opportunity_in(&app, &rep, &id, "QUALIFICATION").await;
    app.graphql(
        &rep,
        "mutation($id: ID!) { winOpportunity(id: $id) { id } }",
        json!({ "id": id }),
    )
    .await
    .data();
    let code = constructos_services::orders::project_code_for(&id);
    let project = eventually(&format!("project {code} in orders"), || async {
        let r = app
            .graphql(
                &admin,
                "{ projects { code name status customerAccountId } }",
                json!({}),
            )
            .await;
        r.data()["projects"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["code"] == code.as_str()).cloned())
    })
    .await;
    assert_eq!(
        project,
        json!({ "code": code, "name": "Khumalo Developments", "status": "AWARDED",
                "customerAccountId": account })
    );
    let opened: i64 =
        sqlx::query_scalar("SELECT count(*) FROM events WHERE event_type = 'ProjectCreated'")
            .fetch_one(&app.env.pool(Domain::Orders))
            .await
            .expect("count");
    assert_eq!(opened, 1, "one project for one win");
    app.stop().await;
}

#[tokio::test]
async fn the_pipeline_weighs_each_opportunity_by_its_stage_and_month() {
    let app = spawn_domains(&[Domain::Identity, Domain::Sales]).await;
    let rep = app.token("rep-sipho", &["Sales_Rep"]);
    let other = app.token("rep-anele", &["Sales_Rep"]);
    let manager = app.token("mgr-lindiwe", &["Sales_Manager"]);
    let (lead, _) = converted_lead(&app, &rep, "Pillay Projects").await;
    let id = opportunity_id(&lead);
    opportunity_in(&app, &rep, &id, "QUALIFICATION").await;
    app.graphql(
        &rep,
        "mutation($id: ID!) { setOpportunityForecast(id: $id, expectedClose: \"2027-03-15\", estimatedValue: \"1000000.00\") { id } }",
        json!({ "id": id }),
    )
    .await
    .data();
    app.graphql(&rep, MOVE, json!({ "id": id, "stage": "TENDER" }))
        .await
        .data();
    let tender = opportunity_in(&app, &rep, &id, "TENDER").await;
    let probability = tender["probability"].as_i64().expect("a probability");
    let weighted = format!("{}.00", 1_000_000 * probability / 100);
    const PIPELINE: &str = "{ pipeline { byStage { key opportunities value weighted }
        byMonth { key opportunities weighted } byOwner { key weighted } } }";
    let pipeline = eventually("the forecast in the pipeline", || async {
        let r = app.graphql(&rep, PIPELINE, json!({})).await;
        let p = r.data()["pipeline"].clone();
        (p["byMonth"].as_array().map_or(0, Vec::len) == 1).then_some(p)
    })
    .await;
    assert_eq!(
        pipeline["byStage"],
        json!([{ "key": "TENDER", "opportunities": 1, "value": "1000000.00", "weighted": weighted }])
    );
    assert_eq!(
        pipeline["byMonth"],
        json!([{ "key": "2027-03", "opportunities": 1, "weighted": weighted }])
    );
    assert_eq!(
        pipeline["byOwner"],
        json!([{ "key": "rep-sipho", "weighted": weighted }])
    );
    // Another rep's pipeline is their own; a manager sees everyone's.
    let theirs = app.graphql(&other, PIPELINE, json!({})).await;
    assert_eq!(theirs.data()["pipeline"]["byStage"], json!([]));
    let all = app.graphql(&manager, PIPELINE, json!({})).await;
    assert_eq!(all.data()["pipeline"]["byStage"][0]["opportunities"], 1);
    // The stage history: qualification (left), then tender (current).
    let history = app
        .graphql(
            &rep,
            "query($id: ID!) { opportunityStageHistory(id: $id) { stage leftAt seconds } }",
            json!({ "id": id }),
        )
        .await;
    let spells = history.data()["opportunityStageHistory"].clone();
    assert_eq!(spells[0]["stage"], "QUALIFICATION");
    assert!(spells[0]["leftAt"].is_string(), "{spells}");
    assert_eq!(spells[1]["stage"], "TENDER");
    assert!(
        spells[1]["leftAt"].is_null() && spells[1]["seconds"].as_i64() >= Some(0),
        "{spells}"
    );
    let past_win = app
        .graphql(
            &rep,
            "mutation($id: ID!) { winOpportunity(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    past_win.data();
    let closed = app
        .graphql(
            &rep,
            "mutation($id: ID!) { setOpportunityForecast(id: $id, expectedClose: \"2027-04-01\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        closed.error_code(),
        Some("BAD_USER_INPUT"),
        "{}",
        closed.body
    );
    app.stop().await;
}
