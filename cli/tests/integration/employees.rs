//! Employee records and self-service: HR sees everyone, each member of staff only the
//! record their user is linked to — the link travels from identity to HR as an event.

use serde_json::{json, Value};

use crate::harness::{eventually, spawn_app_as, spawn_domains, TestApp, Topology, IDENTITY_HR};

async fn hire(app: &TestApp, token: &str, number: &str, last_name: &str) -> String {
    let r = app
        .graphql(
            token,
            "mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }",
            json!({ "input": { "employeeNumber": number, "firstName": "Staff", "lastName": last_name, "jobTitle": "Artisan", "hiredOn": "2025-02-01", "siteId": "SITE-PTA" } }),
        )
        .await;
    r.data()["hireEmployee"]["id"]
        .as_str()
        .expect("id")
        .to_string()
}

async fn visible_numbers(app: &TestApp, token: &str) -> Vec<String> {
    let r = app
        .graphql(token, "{ employees { employeeNumber } }", json!({}))
        .await;
    r.data()["employees"]
        .as_array()
        .map(|es| {
            es.iter()
                .filter_map(|e| e["employeeNumber"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

async fn employees_see_only_themselves(app: &TestApp) {
    let hr = app.token("hr", &["HR_Manager"]);
    let admin = app.token("admin", &["Admin"]);
    let zanele = app.token("zanele", &["Employee"]);
    let bongani = app.token("bongani", &["Employee", "Site_Manager"]);
    let zanele_record = hire(app, &hr, "EMP-1001", "Zulu").await;
    let bongani_record = hire(app, &hr, "EMP-1002", "Mokoena").await;
    hire(app, &hr, "EMP-1003", "Naidoo").await;
    // Identity links users only to employees it knows from HR's events.
    for record in [&zanele_record, &bongani_record] {
        app.until_known(&app.env.identity, "known_employees", record)
            .await;
    }

    // Before any link, an employee sees no record at all.
    assert_eq!(visible_numbers(app, &zanele).await, Vec::<String>::new());

    // Link Zanele by record id and Bongani by employee number.
    let user_id = |token: String| async move {
        let r = app.graphql(&token, "{ me { objectId } }", json!({})).await;
        r.data()["me"]["objectId"]
            .as_str()
            .expect("oid")
            .to_string()
    };
    let link = "mutation($id: ID!, $e: String!) { linkUser(id: $id, employeeId: $e) { id } }";
    app.graphql(
        &admin,
        link,
        json!({ "id": user_id(zanele.clone()).await, "e": zanele_record }),
    )
    .await
    .data();
    app.graphql(
        &admin,
        link,
        json!({ "id": user_id(bongani.clone()).await, "e": "EMP-1002" }),
    )
    .await
    .data();

    let all = eventually("HR sees all three", || async {
        let n = visible_numbers(app, &hr).await;
        (n.len() == 3).then_some(n)
    })
    .await;
    assert_eq!(
        all,
        ["EMP-1002", "EMP-1003", "EMP-1001"],
        "ordered by last name"
    );
    for (token, number) in [(&zanele, "EMP-1001"), (&bongani, "EMP-1002")] {
        let own = eventually("the link reaches HR", || async {
            let n = visible_numbers(app, token).await;
            (!n.is_empty()).then_some(n)
        })
        .await;
        assert_eq!(own, [number]);
    }
    let r = app
        .graphql(
            &bongani,
            "query($id: ID!) { employee(id: $id) { id } }",
            json!({ "id": zanele_record }),
        )
        .await;
    assert_eq!(
        r.data()["employee"],
        Value::Null,
        "not another's record by id either"
    );
    let r = app
        .graphql(&zanele, "mutation($id: ID!) { terminateEmployment(id: $id, lastDay: \"2026-11-30\", reason: \"x\") { id } }", json!({ "id": zanele_record }))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
}

#[tokio::test]
async fn each_employee_sees_only_their_own_record() {
    let app = spawn_domains(IDENTITY_HR).await;
    employees_see_only_themselves(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn the_same_holds_when_hr_runs_as_its_own_service() {
    let app = spawn_app_as(Topology::Split).await;
    employees_see_only_themselves(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn an_employment_ends_once_and_not_before_it_began() {
    let app = spawn_domains(IDENTITY_HR).await;
    let hr = app.token("hr", &["HR_Manager"]);
    let id = hire(&app, &hr, "EMP-2001", "Botha").await;
    let end = "mutation($id: ID!, $d: NaiveDate!) { terminateEmployment(id: $id, lastDay: $d, reason: \"resigned\") { id } }";
    let r = app
        .graphql(&hr, end, json!({ "id": id, "d": "2025-01-31" }))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"));
    app.graphql(&hr, end, json!({ "id": id, "d": "2026-11-30" }))
        .await
        .data();
    let r = app
        .graphql(&hr, end, json!({ "id": id, "d": "2026-12-31" }))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"));
    let last_day = eventually("the last day projected", || async {
        let r = app
            .graphql(
                &hr,
                "query($id: ID!) { employee(id: $id) { lastDay } }",
                json!({ "id": id }),
            )
            .await;
        r.data()["employee"]["lastDay"].as_str().map(str::to_string)
    })
    .await;
    assert_eq!(last_day, "2026-11-30");
    app.stop().await;
}
