//! Inputs of identity, orders and HR checked by the shared value types (issue 9,
//! findings 5, 6 and 8): unbounded text, control and override characters, dates outside
//! the business calendar and duplicate codes are refused with `BAD_USER_INPUT` naming
//! the field — and store no event.

use futures::future::join_all;
use serde_json::{json, Value};
use sqlx::PgPool;

use crate::harness::{spawn_app, Response, TestApp};

const CREATE_PROJECT: &str =
    "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }";
const HIRE: &str = "mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }";

fn project(code: &str) -> Value {
    json!({ "code": code, "name": "Menlyn Office Park", "siteId": "SITE-PTA", "siteName": "Menlyn", "startsOn": "2026-12-01" })
}

fn employee(number: &str) -> Value {
    json!({ "employeeNumber": number, "firstName": "Sipho", "lastName": "Dlamini", "jobTitle": "Site Foreman", "hiredOn": "2025-02-01", "siteId": "SITE-PTA" })
}

fn with(mut base: Value, field: &str, value: Value) -> Value {
    base[field] = value;
    base
}

async fn events(pool: &PgPool, aggregate_type: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1")
        .bind(aggregate_type)
        .fetch_one(pool)
        .await
        .expect("count events")
}

/// Asserts a refusal with `BAD_USER_INPUT` whose message names `field`.
fn refused(r: &Response, field: &str) {
    assert_eq!(
        r.error_code(),
        Some("BAD_USER_INPUT"),
        "{field}: {}",
        r.body
    );
    let message = r.body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains(field), "{field} not named in {message:?}");
}

async fn refused_without_events(
    app: &TestApp,
    token: &str,
    (pool, aggregate_type): (&PgPool, &str),
    query: &str,
    variables: Value,
    field: &str,
) {
    let before = events(pool, aggregate_type).await;
    let r = app.graphql(token, query, variables).await;
    refused(&r, field);
    assert_eq!(
        events(pool, aggregate_type).await,
        before,
        "{field}: no event stored"
    );
}

#[tokio::test]
async fn a_project_code_is_taken_once_even_when_sent_concurrently() {
    let app = spawn_app().await;
    let admin = app.token("admin", &["Admin"]);
    let first = app
        .graphql(
            &admin,
            CREATE_PROJECT,
            json!({ "input": project("PRJ-DUP-1") }),
        )
        .await;
    let id = first.data()["createProject"]["id"].clone();
    for again in ["PRJ-DUP-1", "  prj-dup-1 "] {
        let r = app
            .graphql(&admin, CREATE_PROJECT, json!({ "input": project(again) }))
            .await;
        refused(&r, "PRJ-DUP-1");
        assert!(r.body.to_string().contains("already taken"), "{}", r.body);
    }
    assert_eq!(events(&app.env.orders, "orders.project").await, 1);
    let read = app
        .graphql(
            &admin,
            "query($id: ID!) { project(id: $id) { code } }",
            json!({ "id": id }),
        )
        .await;
    assert!(
        read.body.get("errors").is_none(),
        "the returned id still reads: {}",
        read.body
    );

    // Eight at once: exactly one wins, the others are told the code is taken.
    let racers = (0..8).map(|i| {
        let code = if i % 2 == 0 {
            "PRJ-RACE-1"
        } else {
            " prj-race-1"
        };
        app.graphql(&admin, CREATE_PROJECT, json!({ "input": project(code) }))
    });
    let answers = join_all(racers).await;
    let won = answers
        .iter()
        .filter(|r| r.body.get("errors").is_none())
        .count();
    assert_eq!(won, 1, "one creation wins");
    for r in answers.iter().filter(|r| r.body.get("errors").is_some()) {
        assert!(
            matches!(r.error_code(), Some("BAD_USER_INPUT" | "CONFLICT")),
            "{}",
            r.body
        );
    }
    assert_eq!(events(&app.env.orders, "orders.project").await, 2);
    app.stop().await;
}

#[tokio::test]
async fn an_employee_number_is_taken_once_even_when_sent_concurrently() {
    let app = spawn_app().await;
    let hr = app.token("hr", &["HR_Manager"]);
    app.graphql(&hr, HIRE, json!({ "input": employee("EMP-3001") }))
        .await
        .data();
    let r = app
        .graphql(&hr, HIRE, json!({ "input": employee(" emp-3001 ") }))
        .await;
    refused(&r, "EMP-3001");
    assert_eq!(events(&app.env.hr, "hr.employee").await, 1);

    let racers = (0..8).map(|_| app.graphql(&hr, HIRE, json!({ "input": employee("EMP-3002") })));
    let answers = join_all(racers).await;
    let won = answers
        .iter()
        .filter(|r| r.body.get("errors").is_none())
        .count();
    assert_eq!(won, 1, "one hiring wins");
    for r in answers.iter().filter(|r| r.body.get("errors").is_some()) {
        assert!(
            matches!(r.error_code(), Some("BAD_USER_INPUT" | "CONFLICT")),
            "{}",
            r.body
        );
    }
    assert_eq!(events(&app.env.hr, "hr.employee").await, 2);
    app.stop().await;
}

#[tokio::test]
async fn dates_outside_the_business_calendar_are_refused_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.token("admin", &["Admin"]);
    let hr = app.token("hr", &["HR_Manager"]);
    let employees = (&app.env.hr, "hr.employee");
    let projects = (&app.env.orders, "orders.project");
    for day in ["9999-12-31", "1899-12-31", "2200-01-01"] {
        let input = with(employee("EMP-4001"), "hiredOn", json!(day));
        refused_without_events(
            &app,
            &hr,
            employees,
            HIRE,
            json!({ "input": input }),
            "input.hiredOn",
        )
        .await;
    }
    for day in ["0000-01-01", "+10000-01-01", "-0001-01-01"] {
        let input = with(project("PRJ-DATE-1"), "startsOn", json!(day));
        refused_without_events(
            &app,
            &admin,
            projects,
            CREATE_PROJECT,
            json!({ "input": input }),
            "startsOn",
        )
        .await;
    }

    // The last day of employment: inside the calendar, and not before the hiring date.
    let id = app
        .graphql(&hr, HIRE, json!({ "input": employee("EMP-4002") }))
        .await
        .data()["hireEmployee"]["id"]
        .clone();
    let end = "mutation($id: ID!, $d: NaiveDate!) { terminateEmployment(id: $id, lastDay: $d, reason: \"resigned\") { id } }";
    for day in ["2025-01-31", "9999-12-31"] {
        refused_without_events(
            &app,
            &hr,
            employees,
            end,
            json!({ "id": id, "d": day }),
            "lastDay",
        )
        .await;
    }

    // POPIA consent and a B-BBEE certificate's expiry.
    let account = app
        .graphql(
            &admin,
            "mutation { createAccount(input: { kind: VENDOR, name: \"Bokamoso Supplies\" }) { id } }",
            json!({}),
        )
        .await
        .data()["createAccount"]["id"]
        .clone();
    let contact = app
        .graphql(
            &admin,
            "mutation($a: ID!) { createContact(input: { accountId: $a, firstName: \"Thandi\", lastName: \"Mokoena\" }) { id } }",
            json!({ "a": account }),
        )
        .await
        .data()["createContact"]["id"]
        .clone();
    let identity_accounts = (&app.env.identity, "identity.account");
    let identity_contacts = (&app.env.identity, "identity.contact");
    refused_without_events(
        &app,
        &admin,
        identity_contacts,
        "mutation($id: ID!) { recordPopiaConsent(id: $id, given: true, on: \"+10000-01-01\") { id } }",
        json!({ "id": contact }),
        "on",
    )
    .await;
    refused_without_events(
        &app,
        &admin,
        identity_accounts,
        "mutation($id: ID!) { certifyBbbee(id: $id, level: LEVEL_2, certificateExpiresOn: \"2200-01-01\") { id } }",
        json!({ "id": account }),
        "certificateExpiresOn",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn unbounded_text_and_control_characters_are_refused_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.token("admin", &["Admin"]);
    let hr = app.token("hr", &["HR_Manager"]);
    let big = "x".repeat(9 * 1024);
    let employees = (&app.env.hr, "hr.employee");
    let projects = (&app.env.orders, "orders.project");
    let accounts = (&app.env.identity, "identity.account");
    let contacts = (&app.env.identity, "identity.contact");
    let leads = (&app.env.identity, "identity.lead");
    let users = (&app.env.identity, "identity.user");

    for (field, value) in [
        ("jobTitle", json!(big)),
        ("firstName", json!("Sipho\u{202E}")),
        ("lastName", json!("Dla\u{1b}[31mmini")),
        ("lastName", json!("Dla\u{7}mini")),
        ("firstName", json!("Si\npho")),
        ("siteId", json!(big)),
    ] {
        let input = with(employee("EMP-5001"), field, value);
        refused_without_events(
            &app,
            &hr,
            employees,
            HIRE,
            json!({ "input": input }),
            &format!("input.{field}"),
        )
        .await;
    }
    for (field, value) in [
        ("name", json!(big)),
        ("name", json!("Menlyn\u{202E}kraP")),
        ("siteId", json!(big)),
        ("siteName", json!("Men\u{1b}lyn")),
        ("code", json!(big)),
    ] {
        let input = with(project("PRJ-TEXT-1"), field, value);
        refused_without_events(
            &app,
            &admin,
            projects,
            CREATE_PROJECT,
            json!({ "input": input }),
            &format!("input.{field}"),
        )
        .await;
    }

    // Reasons and ids given by the caller.
    let project_id = app
        .graphql(
            &admin,
            CREATE_PROJECT,
            json!({ "input": project("PRJ-TEXT-2") }),
        )
        .await
        .data()["createProject"]["id"]
        .clone();
    let status = "mutation($id: ID!, $r: String) { changeProjectStatus(id: $id, status: IN_PROGRESS, reason: $r) { id } }";
    refused_without_events(
        &app,
        &admin,
        projects,
        status,
        json!({ "id": project_id, "r": big }),
        "reason",
    )
    .await;
    refused_without_events(
        &app,
        &admin,
        projects,
        status,
        json!({ "id": "no such id; DROP", "r": null }),
        "id",
    )
    .await;
    let employee_id = app
        .graphql(&hr, HIRE, json!({ "input": employee("EMP-5002") }))
        .await
        .data()["hireEmployee"]["id"]
        .clone();
    let end = "mutation($id: ID!, $r: String!) { terminateEmployment(id: $id, lastDay: \"2026-11-30\", reason: $r) { id } }";
    refused_without_events(
        &app,
        &hr,
        employees,
        end,
        json!({ "id": employee_id, "r": big }),
        "reason",
    )
    .await;

    // Identity: account and contact names, lead texts, user assignments.
    refused_without_events(
        &app,
        &admin,
        accounts,
        "mutation($n: String!) { createAccount(input: { kind: CUSTOMER, name: $n }) { id } }",
        json!({ "n": "invoice\u{202E}fdp.exe" }),
        "input.name",
    )
    .await;
    let account = app
        .graphql(&admin, "mutation { createAccount(input: { kind: CUSTOMER, name: \"Ubuntu Builders\" }) { id } }", json!({}))
        .await
        .data()["createAccount"]["id"]
        .clone();
    refused_without_events(
        &app,
        &admin,
        accounts,
        "mutation($id: ID!, $r: String) { changeAccountStatus(id: $id, status: ON_HOLD, reason: $r) { id } }",
        json!({ "id": account, "r": big }),
        "reason",
    )
    .await;
    refused_without_events(
        &app,
        &admin,
        contacts,
        "mutation($a: ID!, $t: String) { createContact(input: { accountId: $a, firstName: \"Thandi\", lastName: \"Mokoena\", jobTitle: $t }) { id } }",
        json!({ "a": account, "t": big }),
        "input.jobTitle",
    )
    .await;
    refused_without_events(
        &app,
        &admin,
        contacts,
        "mutation($a: ID!) { createContact(input: { accountId: $a, firstName: \"Tha\\u0007ndi\", lastName: \"Mokoena\" }) { id } }",
        json!({ "a": account }),
        "input.firstName",
    )
    .await;
    refused_without_events(
        &app,
        &admin,
        leads,
        "mutation($n: String!) { captureLead(input: { companyName: $n, contactFirstName: \"A\", contactLastName: \"B\", phone: \"0821234567\", source: WEBSITE }) { id } }",
        json!({ "n": "Line one\nLine two" }),
        "input.companyName",
    )
    .await;
    let me = app.graphql(&admin, "{ me { objectId } }", json!({})).await;
    let user_id = me.data()["me"]["objectId"].clone();
    refused_without_events(
        &app,
        &admin,
        users,
        "mutation($id: ID!, $s: [String!]!) { assignUser(id: $id, projects: [], sites: $s) { id } }",
        json!({ "id": user_id, "s": [big] }),
        "sites[0]",
    )
    .await;
    app.stop().await;
}
