//! Compliance end to end through the gateway with real signed tokens: a safety officer
//! inspects a site with one high-severity failure, which stops the area; the site
//! manager sees the corrective action, escalated once when overdue, and submits the
//! evidence; only the inspector's verification clears the area. An incident counts in
//! its project's figures. The ticket desk answers a ticket (its SLA clock met), which
//! the requester follows without the desk's internal notes.

use constructos_commands::compliance::ComplianceCommands;
use constructos_infra::Domain;
use constructos_projections::compliance::ComplianceQueries;
use constructos_services::compliance::escalation::escalate_overdue;
use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, Response, TestApp};

fn message(r: &Response) -> String {
    r.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn inspection(app: &TestApp, token: &str, id: &str) -> Value {
    let r = app
        .graphql(token, "query($id: ID!) { inspection(id: $id) { status stopped failed passed items { itemCode result severity } actions { id status escalation owner } } }", json!({ "id": id }))
        .await;
    r.data()["inspection"].clone()
}

#[tokio::test]
async fn an_inspection_with_a_failure_stops_the_area_until_its_action_is_verified() {
    let app = spawn_domains(&[Domain::Identity, Domain::Orders, Domain::Compliance]).await;
    let admin = app.token("admin", &["Admin"]);
    let safety = app.token("safety-ayanda", &["Safety_Officer"]);
    let site = app.token("sipho-site", &["Site_Manager"]);
    let compliance = app.env.pool(Domain::Compliance);

    let template = app
        .graphql(
            &site,
            "{ inspectionTemplates { code sections { items { code } } } }",
            json!({}),
        )
        .await;
    let items: Vec<String> = template.data()["inspectionTemplates"][0]["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["items"].as_array().cloned().unwrap_or_default())
        .filter_map(|i| i["code"].as_str().map(str::to_string))
        .collect();
    assert!(items.len() >= 14, "{items:?}");

    let r = app
        .graphql(&site, "mutation { startInspection(template: \"SITE-WEEKLY\", siteId: \"SITE-CPT-01\", area: \"Block B\", on: \"2026-02-02\") { id } }", json!({}))
        .await;
    assert_eq!(
        r.error_code(),
        Some("FORBIDDEN"),
        "a site manager does not inspect: {}",
        r.body
    );
    let r = app
        .graphql(&safety, "mutation { startInspection(template: \"SITE-WEEKLY\", siteId: \"SITE-CPT-01\", area: \"Block B, level 2\", on: \"2026-02-02\") { id } }", json!({}))
        .await;
    let id = r.data()["startInspection"]["id"]
        .as_str()
        .expect("id")
        .to_string();

    let record = "mutation($i: ID!, $c: String!, $r: ItemResult!, $n: String!, $s: Severity) { recordInspectionItem(inspectionId: $i, itemCode: $c, result: $r, note: $n, photos: [\"doc-photo-1\"], severity: $s) { id } }";
    let r = app
        .graphql(
            &safety,
            record,
            json!({ "i": id, "c": "FP-02", "r": "FAIL", "n": "Slab edge unguarded" }),
        )
        .await;
    assert!(
        message(&r).contains("severity"),
        "a failure needs a severity: {}",
        r.body
    );
    app.graphql(
        &safety,
        record,
        json!({ "i": id, "c": "FP-02", "r": "FAIL", "n": "Slab edge unguarded", "s": "HIGH" }),
    )
    .await
    .data();
    let r = app
        .graphql(
            &safety,
            "mutation($i: ID!) { completeInspection(id: $i) { id } }",
            json!({ "i": id }),
        )
        .await;
    assert!(
        message(&r).contains("every item needs a result"),
        "{}",
        r.body
    );
    for code in items.iter().filter(|c| c.as_str() != "FP-02") {
        app.graphql(
            &safety,
            record,
            json!({ "i": id, "c": code, "r": "PASS", "n": "" }),
        )
        .await
        .data();
    }
    app.graphql(
        &safety,
        "mutation($i: ID!) { completeInspection(id: $i) { id } }",
        json!({ "i": id }),
    )
    .await
    .data();
    let due = (chrono::Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
    let r = app
        .graphql(&safety, "mutation($i: ID!, $d: NaiveDate!) { raiseCorrectiveAction(inspectionId: $i, itemCode: \"FP-02\", owner: \"Sipho Site\", due: $d) { id } }", json!({ "i": id, "d": due }))
        .await;
    let action = r.data()["raiseCorrectiveAction"]["id"]
        .as_str()
        .expect("action")
        .to_string();

    // The site manager sees the stopped area and the action.
    let seen = eventually("the action reaches the read model", || async {
        let r = app
            .graphql(
                &site,
                "{ correctiveActions { id severity owner status } }",
                json!({}),
            )
            .await;
        let list = r.data()["correctiveActions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        list.into_iter().find(|a| a["id"] == action.as_str())
    })
    .await;
    assert_eq!(seen["severity"], "HIGH");
    let view = inspection(&app, &site, &id).await;
    assert_eq!(view["stopped"], true);
    assert_eq!(view["status"], "COMPLETED");
    assert_eq!(view["failed"], 1);

    // Overdue: escalated to the site manager once, however often the pass runs.
    let commands = ComplianceCommands::new(compliance.clone());
    let queries = ComplianceQueries::new(compliance.clone());
    escalate_overdue(&commands, &queries).await.expect("a pass");
    escalate_overdue(&commands, &queries)
        .await
        .expect("another pass");
    let escalations: i64 =
        sqlx::query_scalar("SELECT count(*) FROM events WHERE event_type = 'ActionEscalated'")
            .fetch_one(&compliance)
            .await
            .expect("count");
    assert_eq!(escalations, 1);
    eventually("the escalation is read", || async {
        let v = inspection(&app, &site, &id).await;
        (v["actions"][0]["escalation"] == "SITE_MANAGER").then_some(())
    })
    .await;

    // Evidence by the site manager; he cannot verify; the inspector does, which clears.
    let evidence = "mutation($i: ID!, $a: ID!) { submitActionEvidence(inspectionId: $i, actionId: $a, note: \"Guard rail fitted\", photos: [\"doc-photo-2\"]) { id } }";
    let verify = "mutation($i: ID!, $a: ID!) { verifyCorrectiveAction(inspectionId: $i, actionId: $a) { id } }";
    let r = app
        .graphql(&safety, verify, json!({ "i": id, "a": action }))
        .await;
    assert!(message(&r).contains("needs evidence"), "{}", r.body);
    app.graphql(&site, evidence, json!({ "i": id, "a": action }))
        .await
        .data();
    let r = app
        .graphql(&site, verify, json!({ "i": id, "a": action }))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
    let other_safety = app.token("safety-other", &["Safety_Officer"]);
    let r = app
        .graphql(&other_safety, verify, json!({ "i": id, "a": action }))
        .await;
    assert!(message(&r).contains("only the inspector"), "{}", r.body);
    app.graphql(&safety, verify, json!({ "i": id, "a": action }))
        .await
        .data();
    eventually("the area is cleared", || async {
        let v = inspection(&app, &site, &id).await;
        (v["stopped"] == false && v["actions"][0]["status"] == "VERIFIED").then_some(())
    })
    .await;

    // An incident on a project compliance knows from orders.
    let r = app
        .graphql(&admin, "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }", json!({ "input": { "code": "PRJ-SAFE-1", "name": "Safe house", "siteId": "SITE-CPT-01", "siteName": "Bellville", "startsOn": "2026-01-05" } }))
        .await;
    let project = r.data()["createProject"]["id"]
        .as_str()
        .expect("project")
        .to_string();
    app.until_known(&compliance, "known_projects", &project)
        .await;
    let report = "mutation($k: IncidentKind!, $d: Int!) { reportIncident(kind: $k, projectId: \"PRJ-SAFE-1\", occurredOn: \"2026-02-03\", description: \"Fell from a ladder\", daysLost: $d) { id } }";
    let r = app
        .graphql(&site, report, json!({ "k": "LOST_TIME_INJURY", "d": 0 }))
        .await;
    assert!(message(&r).contains("daysLost"), "{}", r.body);
    app.graphql(&site, report, json!({ "k": "LOST_TIME_INJURY", "d": 4 }))
        .await
        .data();
    let rate = eventually("the incident counts", || async {
        let r = app
            .graphql(
                &safety,
                "{ incidentRates { projectId incidents lostTimeInjuries daysLost ltifr } }",
                json!({}),
            )
            .await;
        r.data()["incidentRates"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .find(|x| x["projectId"] == project.as_str())
    })
    .await;
    assert_eq!(rate["lostTimeInjuries"], 1);
    assert_eq!(rate["daysLost"], 4);
    assert_eq!(rate["ltifr"], Value::Null, "no hours worked yet");
    app.stop().await;
}

#[tokio::test]
async fn the_desk_answers_a_ticket_within_its_sla_and_the_requester_sees_only_public_comments() {
    let app = spawn_domains(&[Domain::Identity, Domain::Compliance]).await;
    let employee = app.token("emp-zanele", &["Employee"]);
    let other = app.token("emp-bongani", &["Employee"]);
    let agent = app.token("agent-naledi", &["Support_Agent"]);
    let r = app
        .graphql(&employee, "mutation { openTicket(subject: \"Laptop will not start\", description: \"Since this morning\", category: \"IT\", priority: URGENT) { id } }", json!({}))
        .await;
    let id = r.data()["openTicket"]["id"]
        .as_str()
        .expect("ticket")
        .to_string();
    eventually("the desk sees it", || async {
        let r = app
            .graphql(&agent, "{ tickets { id status } }", json!({}))
            .await;
        r.data()["tickets"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .find(|t| t["id"] == id.as_str())
    })
    .await;
    let r = app
        .graphql(
            &employee,
            "mutation($id: ID!) { assignTicket(id: $id, agent: \"me\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
    app.graphql(
        &agent,
        "mutation($id: ID!) { assignTicket(id: $id, agent: \"Naledi\") { id } }",
        json!({ "id": id }),
    )
    .await
    .data();
    app.graphql(&agent, "mutation($id: ID!) { commentOnTicket(id: $id, body: \"Check the charger first\", public: false) { id } }", json!({ "id": id })).await.data();
    app.graphql(&agent, "mutation($id: ID!) { commentOnTicket(id: $id, body: \"We are on it\", public: true) { id } }", json!({ "id": id })).await.data();
    let seen = eventually("the first response is read", || async {
        let r = app.graphql(&employee, "query($id: ID!) { ticket(id: $id) { status firstResponseAt sla { responseBreached resolutionBreached } comments { body public } } }", json!({ "id": id })).await;
        let t = r.data()["ticket"].clone();
        (!t["firstResponseAt"].is_null()).then_some(t)
    })
    .await;
    assert_eq!(seen["status"], "OPEN");
    assert_eq!(seen["sla"]["responseBreached"], false);
    assert_eq!(
        seen["comments"],
        json!([{ "body": "We are on it", "public": true }]),
        "no internal note for the requester"
    );
    let r = app
        .graphql(
            &other,
            "query($id: ID!) { ticket(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        r.data()["ticket"],
        Value::Null,
        "another employee sees nothing"
    );
    let r = app
        .graphql(
            &agent,
            "mutation($id: ID!) { closeTicket(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert!(message(&r).contains("cannot be closed"), "{}", r.body);
    app.graphql(&agent, "mutation($id: ID!) { resolveTicket(id: $id, resolution: \"Replaced the charger\") { id } }", json!({ "id": id })).await.data();
    app.graphql(
        &agent,
        "mutation($id: ID!) { closeTicket(id: $id) { id } }",
        json!({ "id": id }),
    )
    .await
    .data();
    app.graphql(
        &agent,
        "mutation($id: ID!) { reopenTicket(id: $id, reason: \"It failed again\") { id } }",
        json!({ "id": id }),
    )
    .await
    .data();
    app.stop().await;
}
