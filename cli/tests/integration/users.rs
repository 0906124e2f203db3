//! Users: provisioned from the token on first sign-in, linked and assigned by an admin,
//! and filtered row by row — everyone sees their own record, only some see all.

use serde_json::{json, Value};

use crate::harness::{eventually, spawn_app, TestApp};

async fn own_user(app: &TestApp, token: &str) -> Value {
    eventually("the caller's user record", || async {
        let r = app
            .graphql(
                token,
                "{ users { id subject name projects sites } }",
                json!({}),
            )
            .await;
        let users = r.data()["users"].as_array().cloned().unwrap_or_default();
        (users.len() == 1).then(|| users[0].clone())
    })
    .await
}

#[tokio::test]
async fn the_first_request_provisions_the_user_from_the_token() {
    let app = spawn_app().await;
    let token = app.token("zanele", &["Employee"]);
    let me = app
        .graphql(
            &token,
            "{ me { subject objectId roles permissions } }",
            json!({}),
        )
        .await;
    assert_eq!(
        me.data()["me"]["permissions"],
        json!([
            "hr.employees.read_own",
            "hr.leave.self_service",
            "compliance.tickets.raise"
        ])
    );
    let user = own_user(&app, &token).await;
    assert_eq!(user["subject"], "zanele");
    assert_eq!(user["id"], me.data()["me"]["objectId"]);
    assert_eq!(user["name"], "zanele");
    app.stop().await;
}

#[tokio::test]
async fn site_managers_see_only_their_own_assignments_and_employees_only_themselves() {
    let app = spawn_app().await;
    let admin = app.token("admin", &["Admin"]);
    let north = app.token("north", &["Site_Manager"]);
    let south = app.token("south", &["Site_Manager"]);
    let north_user = own_user(&app, &north).await;
    let south_user = own_user(&app, &south).await;

    // Identity assigns only to projects it knows from orders' events: open them first.
    for (code, site) in [("PRJ-NORTH", "SITE-PTA"), ("PRJ-SOUTH", "SITE-CPT")] {
        let r = app
            .graphql(
                &admin,
                "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
                json!({ "input": { "code": code, "name": code, "siteId": site, "siteName": site } }),
            )
            .await;
        let id = r.data()["createProject"]["id"]
            .as_str()
            .expect("id")
            .to_string();
        app.until_known(&app.env.identity, "known_projects", &id)
            .await;
    }
    for (user, project, site) in [
        (&north_user, "PRJ-NORTH", "SITE-PTA"),
        (&south_user, "PRJ-SOUTH", "SITE-CPT"),
    ] {
        app.graphql(
            &admin,
            "mutation($id: ID!, $p: [String!]!, $s: [String!]!) { assignUser(id: $id, projects: $p, sites: $s) { id } }",
            json!({ "id": user["id"], "p": [project], "s": [site] }),
        )
        .await
        .data();
    }

    // Each site manager sees only their own record and assignments...
    for (token, project) in [(&north, "PRJ-NORTH"), (&south, "PRJ-SOUTH")] {
        let me = eventually("assignments projected", || async {
            let r = app
                .graphql(
                    token,
                    "{ me { assignments { projects sites } } }",
                    json!({}),
                )
                .await;
            let a = r.data()["me"]["assignments"].clone();
            (a["projects"] == json!([project])).then_some(a)
        })
        .await;
        assert_eq!(me["projects"], json!([project]));
        let r = app
            .graphql(token, "{ users { subject projects } }", json!({}))
            .await;
        assert_eq!(r.data()["users"].as_array().map(Vec::len), Some(1));
    }
    // ...and cannot read the other's by id.
    let r = app
        .graphql(
            &north,
            "query($id: ID!) { user(id: $id) { id } }",
            json!({ "id": south_user["id"] }),
        )
        .await;
    assert_eq!(r.data()["user"], Value::Null);

    // Whoever holds identity.users.read sees everyone.
    let hr = app.token("hr", &["HR_Manager"]);
    let everyone = eventually("all users visible to HR", || async {
        let r = app.graphql(&hr, "{ users { subject } }", json!({})).await;
        let subjects: Vec<String> = r.data()["users"]
            .as_array()
            .map(|u| {
                u.iter()
                    .filter_map(|x| x["subject"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        (subjects.len() >= 4).then_some(subjects)
    })
    .await;
    for subject in ["admin", "north", "south", "hr"] {
        assert!(
            everyone.contains(&subject.to_string()),
            "{subject} in {everyone:?}"
        );
    }

    // A site manager may not assign anyone.
    let r = app
        .graphql(&north, "mutation($id: ID!) { assignUser(id: $id, projects: [\"PRJ-SOUTH\"], sites: []) { id } }", json!({ "id": north_user["id"] }))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
    app.stop().await;
}
