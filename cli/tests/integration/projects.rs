//! Projects and row-level filtering across domains: identity's assignments travel as
//! events into the orders database, and each site manager sees only their own projects.

use serde_json::{json, Value};

use crate::harness::{eventually, spawn_app_as, spawn_domains, TestApp, Topology, IDENTITY_ORDERS};

async fn create_project(app: &TestApp, token: &str, code: &str, site: &str) -> String {
    let r = app
        .graphql(
            token,
            "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
            json!({ "input": { "code": code, "name": format!("Project {code}"), "siteId": site, "siteName": format!("Site {site}"), "startsOn": "2026-12-01" } }),
        )
        .await;
    r.data()["createProject"]["id"]
        .as_str()
        .expect("id")
        .to_string()
}

async fn visible_codes(app: &TestApp, token: &str) -> Vec<String> {
    let r = app.graphql(token, "{ projects { code } }", json!({})).await;
    r.data()["projects"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter_map(|p| p["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

async fn two_site_managers_each_see_only_their_own(app: &TestApp) {
    let admin = app.token("admin", &["Admin"]);
    let north = app.token("north", &["Site_Manager"]);
    let south = app.token("south", &["Site_Manager"]);
    let north_id = app.user_id(&north).await;
    let south_id = app.user_id(&south).await;
    let p1 = create_project(app, &admin, "PRJ-NORTH-1", "SITE-PTA").await;
    let south_1 = create_project(app, &admin, "PRJ-SOUTH-1", "SITE-CPT").await;
    create_project(app, &admin, "PRJ-SOUTH-2", "SITE-CPT").await;
    create_project(app, &admin, "PRJ-EAST-1", "SITE-DBN").await;
    // Identity assigns only to projects (and their sites) it knows from orders' events.
    for known in [&p1, &south_1] {
        app.until_known(&app.env.identity, "known_projects", known)
            .await;
    }

    // North by project id, south by site.
    let assign = "mutation($id: ID!, $p: [String!]!, $s: [String!]!) { assignUser(id: $id, projects: $p, sites: $s) { id } }";
    app.graphql(
        &admin,
        assign,
        json!({ "id": north_id, "p": [p1], "s": [] }),
    )
    .await
    .data();
    app.graphql(
        &admin,
        assign,
        json!({ "id": south_id, "p": [], "s": ["SITE-CPT"] }),
    )
    .await
    .data();

    let all = eventually("head office sees all four", || async {
        let codes = visible_codes(app, &admin).await;
        (codes.len() == 4).then_some(codes)
    })
    .await;
    assert_eq!(
        all,
        ["PRJ-EAST-1", "PRJ-NORTH-1", "PRJ-SOUTH-1", "PRJ-SOUTH-2"]
    );
    let north_sees = eventually("north's assignment reaches orders", || async {
        let codes = visible_codes(app, &north).await;
        (!codes.is_empty()).then_some(codes)
    })
    .await;
    assert_eq!(north_sees, ["PRJ-NORTH-1"]);
    let south_sees = eventually("south's assignment reaches orders", || async {
        let codes = visible_codes(app, &south).await;
        (codes.len() == 2).then_some(codes)
    })
    .await;
    assert_eq!(south_sees, ["PRJ-SOUTH-1", "PRJ-SOUTH-2"]);

    // Not by id either.
    let r = app
        .graphql(
            &south,
            "query($id: ID!) { project(id: $id) { code } }",
            json!({ "id": p1 }),
        )
        .await;
    assert_eq!(r.data()["project"], Value::Null);
    // An employee without a project role is refused outright.
    let employee = app.token("sam", &["Employee"]);
    let r = app
        .graphql(&employee, "{ projects { code } }", json!({}))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
}

#[tokio::test]
async fn site_managers_see_only_the_projects_they_are_assigned_to() {
    let app = spawn_domains(IDENTITY_ORDERS).await;
    two_site_managers_each_see_only_their_own(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn the_same_holds_when_orders_and_identity_run_as_their_own_services() {
    let app = spawn_app_as(Topology::Split).await;
    two_site_managers_each_see_only_their_own(&app).await;
    app.stop().await;
}

const CHANGE: &str =
    "mutation($id: ID!, $s: ProjectStatus!) { changeProjectStatus(id: $id, status: $s) { id } }";

#[tokio::test]
async fn a_project_moves_only_along_its_life_cycle() {
    let app = spawn_domains(IDENTITY_ORDERS).await;
    let pm = app.token("pm", &["Project_Manager"]);
    let admin = app.token("admin", &["Admin"]);
    let id = create_project(&app, &pm, "PRJ-2026-014", "SITE-PTA").await;
    // A project manager changes the projects they are assigned to.
    app.assign_to_project(&admin, &pm, &id).await;
    for status in [
        "IN_PROGRESS",
        "PRACTICAL_COMPLETION",
        "FINAL_COMPLETION",
        "CLOSED",
    ] {
        app.graphql(&pm, CHANGE, json!({ "id": id, "s": status }))
            .await
            .data();
    }
    let r = app
        .graphql(&pm, CHANGE, json!({ "id": id, "s": "IN_PROGRESS" }))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"));
    let status = eventually("the completed project", || async {
        let r = app
            .graphql(
                &admin,
                "query($id: ID!) { project(id: $id) { status } }",
                json!({ "id": id }),
            )
            .await;
        r.data()["project"]["status"]
            .as_str()
            .filter(|s| *s == "CLOSED")
            .map(str::to_string)
    })
    .await;
    assert_eq!(status, "CLOSED");
    app.stop().await;
}

/// Fails on the old code: an unassigned Project_Manager's changeProjectStatus succeeded,
/// and a wrong transition's message confirmed the project exists.
#[tokio::test]
async fn a_project_outside_the_callers_scope_cannot_be_changed_and_does_not_exist_for_them() {
    let app = spawn_domains(IDENTITY_ORDERS).await;
    let admin = app.token("admin", &["Admin"]);
    let pm = app.token("pm", &["Project_Manager"]);
    let project = create_project(&app, &admin, "PRJ-SCOPE-1", "SITE-JHB").await;
    let read = "query($id: ID!) { project(id: $id) { id } }";
    eventually("head office reads the project", || async {
        let r = app.graphql(&admin, read, json!({ "id": project })).await;
        (!r.data()["project"].is_null()).then_some(())
    })
    .await;
    let r = app.graphql(&pm, read, json!({ "id": project })).await;
    assert!(r.data()["project"].is_null(), "not readable: {}", r.body);
    let stored = app.events_of(&app.env.orders, &project).await;

    // What anyone is told about a project id that does not exist at all.
    let unknown = uuid::Uuid::now_v7().to_string();
    let r = app
        .graphql(&admin, CHANGE, json!({ "id": unknown, "s": "IN_PROGRESS" }))
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    let not_found = r.body["errors"][0]["message"].clone();
    let r = app
        .graphql(&pm, CHANGE, json!({ "id": unknown, "s": "IN_PROGRESS" }))
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    assert_eq!(r.body["errors"][0]["message"], not_found);

    // The project outside the manager's scope answers exactly the same, whether the
    // move would be allowed (AWARDED → IN_PROGRESS) or not (AWARDED → CLOSED).
    for status in ["IN_PROGRESS", "CLOSED"] {
        let r = app
            .graphql(&pm, CHANGE, json!({ "id": project, "s": status }))
            .await;
        assert_eq!(r.error_code(), Some("NOT_FOUND"), "{status}: {}", r.body);
        assert_eq!(r.body["errors"][0]["message"], not_found, "{status}");
    }
    assert_eq!(
        app.events_of(&app.env.orders, &project).await,
        stored,
        "no event stored"
    );

    // Once assigned (and orders' copy knows it), the same call succeeds.
    app.assign_to_project(&admin, &pm, &project).await;
    app.graphql(&pm, CHANGE, json!({ "id": project, "s": "IN_PROGRESS" }))
        .await
        .data();
    assert_eq!(app.events_of(&app.env.orders, &project).await, stored + 1);
    app.stop().await;
}

/// Fails on the old code: a project manager who opened a project could not see it (nor
/// change it) until an administrator assigned them to it.
#[tokio::test]
async fn a_project_manager_sees_the_project_they_opened_without_being_assigned() {
    let app = spawn_domains(IDENTITY_ORDERS).await;
    let pm = app.token("pm-opener", &["Project_Manager"]);
    let colleague = app.token("pm-colleague", &["Project_Manager"]);
    let me = app.user_id(&pm).await;
    app.user_id(&colleague).await;
    let project = create_project(&app, &pm, "PRJ-OPENED-1", "SITE-DBN").await;

    let read = "query($id: ID!) { project(id: $id) { id code } }";
    let seen = eventually("the opener is assigned to the project", || async {
        let r = app.graphql(&pm, read, json!({ "id": project })).await;
        let p = r.data()["project"].clone();
        (!p.is_null()).then_some(p)
    })
    .await;
    assert_eq!(seen["code"], "PRJ-OPENED-1");
    let r = app
        .graphql(&pm, CHANGE, json!({ "id": project, "s": "IN_PROGRESS" }))
        .await;
    r.data();
    // Only the opener: another project manager still sees nothing of it.
    let r = app
        .graphql(&colleague, read, json!({ "id": project }))
        .await;
    assert!(r.data()["project"].is_null(), "{}", r.body);
    // The assignment is identity's, as an administrator's would be, and made once.
    let assigned: Vec<String> = sqlx::query_scalar(
        "SELECT event_type FROM events WHERE aggregate_type = 'identity.user' AND aggregate_id = $1
          AND event_type = 'UserAssignmentsChanged'",
    )
    .bind(&me)
    .fetch_all(&app.env.identity)
    .await
    .expect("events");
    assert_eq!(assigned.len(), 1, "{assigned:?}");
    app.stop().await;
}
