//! References between domains are checked against the owner's facts as the referring
//! domain knows them from events: identity's copies of HR's employees and orders'
//! projects (linkUser, assignUser) and orders' copy of identity's accounts
//! (createProject). A reference to nothing is NOT_FOUND, one of the wrong kind or
//! state BAD_USER_INPUT, each naming the argument; neither stores an event.

use serde_json::json;

use crate::harness::{eventually, spawn_app, TestApp};

const LINK: &str = "mutation($id: ID!, $e: String, $c: String) { linkUser(id: $id, employeeId: $e, contactId: $c) { id } }";
const ASSIGN: &str = "mutation($id: ID!, $p: [String!]!, $s: [String!]!) { assignUser(id: $id, projects: $p, sites: $s) { id } }";
const CREATE_PROJECT: &str =
    "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }";

fn message(r: &crate::harness::Response) -> String {
    r.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Hires an employee and waits until identity knows them.
async fn hire_known(app: &TestApp, hr: &str, number: &str) -> String {
    let r = app
        .graphql(
            hr,
            "mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }",
            json!({ "input": { "employeeNumber": number, "firstName": "Staff", "lastName": "Member", "jobTitle": "Artisan", "hiredOn": "2025-02-01" } }),
        )
        .await;
    let id = r.data()["hireEmployee"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    app.until_known(&app.env.identity, "known_employees", &id)
        .await;
    id
}

/// Opens an account of `kind` and waits until orders knows it.
async fn account_known(app: &TestApp, admin: &str, kind: &str, name: &str) -> String {
    let r = app
        .graphql(
            admin,
            "mutation($kind: AccountKind!, $name: String!) { createAccount(input: { kind: $kind, name: $name }) { id } }",
            json!({ "kind": kind, "name": name }),
        )
        .await;
    let id = r.data()["createAccount"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    app.until_known(&app.env.orders, "known_accounts", &id)
        .await;
    id
}

/// Waits until the copy `read_model.<copy>` holds `status` for `id`.
async fn copy_says(pool: &sqlx::PgPool, copy: &str, id: &str, status: &str) {
    let sql = format!("SELECT status FROM read_model.{copy} WHERE id = $1");
    eventually(&format!("{id} is {status} in {copy}"), || async {
        let now: Option<String> = sqlx::query_scalar(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await
            .expect("the copy is readable");
        (now.as_deref() == Some(status)).then_some(())
    })
    .await
}

#[tokio::test]
async fn a_user_is_linked_only_to_an_employee_and_a_contact_that_exist() {
    let app = spawn_app().await;
    let admin = app.token("admin", &["Admin"]);
    let hr = app.token("hr", &["HR_Manager"]);
    let user = app.user_id(&app.token("zanele", &["Employee"])).await;
    let before = app.events_of(&app.env.identity, &user).await;

    // An employee nobody hired: refused, naming the argument, nothing stored.
    let r = app
        .graphql(&admin, LINK, json!({ "id": user, "e": "EMP-4040" }))
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    assert!(message(&r).starts_with("employeeId: "), "{}", r.body);
    // A contact that was never recorded: the same.
    let r = app
        .graphql(&admin, LINK, json!({ "id": user, "c": "no-such-contact" }))
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    assert!(message(&r).starts_with("contactId: "), "{}", r.body);
    assert_eq!(app.events_of(&app.env.identity, &user).await, before);

    // Once HR has hired them and identity knows it: by record id, and by number.
    let record = hire_known(&app, &hr, "EMP-4041").await;
    app.graphql(&admin, LINK, json!({ "id": user, "e": record }))
        .await
        .data();
    app.graphql(&admin, LINK, json!({ "id": user, "e": "EMP-4041" }))
        .await
        .data();

    // A former employee is not newly linked.
    let leaver = hire_known(&app, &hr, "EMP-4042").await;
    app.graphql(
        &hr,
        "mutation($id: ID!) { terminateEmployment(id: $id, lastDay: \"2026-11-30\", reason: \"resigned\") { id } }",
        json!({ "id": leaver }),
    )
    .await
    .data();
    copy_says(&app.env.identity, "known_employees", &leaver, "TERMINATED").await;
    let r = app
        .graphql(&admin, LINK, json!({ "id": user, "e": leaver }))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    let refused = message(&r);
    assert!(refused.contains("has ended"), "{refused}");
    assert_eq!(
        app.events_of(&app.env.identity, &user).await,
        before + 2,
        "only the two accepted links were stored"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_user_is_assigned_only_to_projects_and_sites_that_exist() {
    let app = spawn_app().await;
    let admin = app.token("admin", &["Admin"]);
    let user = app.user_id(&app.token("north", &["Site_Manager"])).await;
    let before = app.events_of(&app.env.identity, &user).await;

    for (projects, sites, argument) in [
        (json!(["PRJ-NOPE"]), json!([]), "projects: "),
        (json!([]), json!(["SITE-NOWHERE"]), "sites: "),
    ] {
        let r = app
            .graphql(
                &admin,
                ASSIGN,
                json!({ "id": user, "p": projects, "s": sites }),
            )
            .await;
        assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
        assert!(message(&r).starts_with(argument), "{}", r.body);
    }
    assert_eq!(app.events_of(&app.env.identity, &user).await, before);

    // Once orders has opened it and identity knows it: by id, by code, and its site.
    let r = app
        .graphql(
            &admin,
            CREATE_PROJECT,
            json!({ "input": { "code": "PRJ-REF-1", "name": "Reference", "siteId": "SITE-PTA", "siteName": "Pretoria" } }),
        )
        .await;
    let project = r.data()["createProject"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    app.until_known(&app.env.identity, "known_projects", &project)
        .await;
    app.graphql(
        &admin,
        ASSIGN,
        json!({ "id": user, "p": [project], "s": [] }),
    )
    .await
    .data();
    app.graphql(
        &admin,
        ASSIGN,
        json!({ "id": user, "p": ["PRJ-REF-1"], "s": ["SITE-PTA"] }),
    )
    .await
    .data();
    // One unknown name among known ones still refuses the whole assignment.
    let r = app
        .graphql(
            &admin,
            ASSIGN,
            json!({ "id": user, "p": ["PRJ-REF-1", "PRJ-NOPE"], "s": [] }),
        )
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    assert_eq!(app.events_of(&app.env.identity, &user).await, before + 2);
    app.stop().await;
}

#[tokio::test]
async fn a_project_is_opened_only_for_a_known_customer_that_is_not_archived() {
    let app = spawn_app().await;
    let admin = app.token("admin", &["Admin"]);
    let project = |customer: &str| json!({ "input": { "code": "PRJ-CUST-1", "name": "Customer's job", "customerAccountId": customer, "siteId": "SITE-PTA", "siteName": "Pretoria" } });

    let r = app
        .graphql(&admin, CREATE_PROJECT, project("no-such-account"))
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    assert!(message(&r).starts_with("customerAccountId: "), "{}", r.body);

    let vendor = account_known(&app, &admin, "VENDOR", "Highveld Cement").await;
    let r = app.graphql(&admin, CREATE_PROJECT, project(&vendor)).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(message(&r).contains("not a customer"), "{}", r.body);

    let gone = account_known(&app, &admin, "CUSTOMER", "Closed Down (Pty) Ltd").await;
    app.graphql(
        &admin,
        "mutation($id: ID!) { changeAccountStatus(id: $id, status: ARCHIVED) { id } }",
        json!({ "id": gone }),
    )
    .await
    .data();
    copy_says(&app.env.orders, "known_accounts", &gone, "ARCHIVED").await;
    let r = app.graphql(&admin, CREATE_PROJECT, project(&gone)).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    let refused = message(&r);
    assert!(refused.contains("archived"), "{refused}");
    assert_eq!(
        app.events_of_type(&app.env.orders, "ProjectCreated").await,
        0,
        "no refused project was stored"
    );

    let customer = account_known(&app, &admin, "CUSTOMER", "Ubuntu Property Developers").await;
    app.graphql(&admin, CREATE_PROJECT, project(&customer))
        .await
        .data();
    assert_eq!(
        app.events_of_type(&app.env.orders, "ProjectCreated").await,
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn the_demo_project_is_opened_for_the_demo_customer_once_orders_knows_it() {
    let app = spawn_app().await;
    assert!(
        constructos::seed::seed(&app.env.identity)
            .await
            .expect("accounts seeded")
            > 0
    );
    // Every domain's workers start together here: on a loaded machine orders' copy of
    // the accounts can take longer than one `EVENTUALLY` to catch up.
    let id = constructos::seed::seed_project(
        &app.env.identity,
        &app.env.orders,
        crate::harness::EVENTUALLY * 3,
    )
    .await
    .expect("seeding the project")
    .expect("a project was opened");
    let admin = app.token("admin", &["Admin"]);
    let customer = eventually("the demo project is readable", || async {
        let r = app
            .graphql(
                &admin,
                "query($id: ID!) { project(id: $id) { code customerAccountId } }",
                json!({ "id": id }),
            )
            .await;
        let project = r.data()["project"].clone();
        (!project.is_null()).then_some(project)
    })
    .await;
    assert_eq!(customer["code"], constructos::seed::DEMO_PROJECT_CODE);
    assert!(customer["customerAccountId"].is_string(), "{customer}");
    // What a newcomer opens first: a work breakdown and an approved claim with retention.
    let project = eventually("the demo project's claim", || async {
        let r = app
            .graphql(
                &admin,
                "query($id: ID!) { project(id: $id) { status workItems { code } claims { claimNumber status amount retention } figures { retentionHeld } } }",
                json!({ "id": id }),
            )
            .await;
        let project = r.data()["project"].clone();
        // Status, claims and figures are separate read models: wait for all three.
        (project["status"] == "IN_PROGRESS"
            && project["claims"][0]["status"] == "APPROVED"
            && project["figures"]["retentionHeld"] == "595400.00")
            .then_some(project)
    })
    .await;
    assert_eq!(project["status"], "IN_PROGRESS");
    assert_eq!(project["workItems"].as_array().map(Vec::len), Some(8));
    assert_eq!(project["claims"][0]["amount"], "5954000.00");
    assert_eq!(project["claims"][0]["retention"], "595400.00");
    assert_eq!(project["figures"]["retentionHeld"], "595400.00");
    // And its trade: a sales order shipped in two parts, a purchase order part received.
    let trade = eventually("the demo project's orders", || async {
        let r = app
            .graphql(
                &admin,
                "query($id: ID!) { salesOrders(projectId: $id) { status totalExclVat } purchaseOrders(projectId: $id) { status } }",
                json!({ "id": id }),
            )
            .await;
        let data = r.data().clone();
        (data["salesOrders"][0]["status"] == "SHIPPED"
            && data["purchaseOrders"][0]["status"] == "PART_RECEIVED")
            .then_some(data)
    })
    .await;
    assert_eq!(trade["salesOrders"][0]["totalExclVat"], "83000.00");
    // The work breakdown's budgets reach finance by themselves: five tasks
    // (R 14 840 000) and the approved variation VO-001 (R 625 000 on CONCRETE).
    let costs = eventually("the demo budgets reach finance", || async {
        let r = app
            .graphql(
                &admin,
                "query($d: NaiveDate!, $p: String) { projectCostReport(asAt: $d, projectId: $p) { totalBudget lines { costCode budget } } }",
                json!({ "d": "2199-12-31", "p": id }),
            )
            .await;
        let costs = r.data()["projectCostReport"].clone();
        (costs["totalBudget"] == "15465000.00").then_some(costs)
    })
    .await;
    let concrete = costs["lines"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["costCode"] == "CONCRETE"))
        .cloned()
        .expect("a CONCRETE line");
    assert_eq!(concrete["budget"], "5025000.00", "{costs}");
    // The supplier's bill for the purchase order, matched within tolerance.
    constructos::seed::seed_chart(
        &app.env.finance,
        constructos_domain::finance::FinancialCalendar::default(),
    )
    .await
    .expect("the chart");
    let commands = || {
        constructos_commands::finance::FinanceCommands::new(
            app.env.finance.clone(),
            constructos_domain::finance::FinancialCalendar::default(),
            constructos::seed::DEMO_COMPANY.supplier(),
        )
    };
    let billed = constructos::seed::seed_matched_bill(
        &app.env.identity,
        &app.env.orders,
        &app.env.finance,
        commands(),
    )
    .await
    .expect("the demo bill");
    assert_eq!(billed, 1);
    let vendor: String = sqlx::query_scalar(
        "SELECT vendor_account_id FROM read_model.known_purchase_orders WHERE project_id = $1",
    )
    .bind(&id)
    .fetch_one(&app.env.finance)
    .await
    .expect("the demo order in finance");
    let bill_id =
        constructos_commands::finance::bill_id(&vendor, constructos::seed::DEMO_BILL_REFERENCE);
    let bill = eventually("the demo bill is readable", || async {
        let r = app
            .graphql(
                &admin,
                "query($id: ID!) { bill(id: $id) { blockedForPayment matching { purchaseOrderLineNo received billed status } } }",
                json!({ "id": bill_id }),
            )
            .await;
        let bill = r.data()["bill"].clone();
        (!bill.is_null()).then_some(bill)
    })
    .await;
    assert_eq!(bill["blockedForPayment"], json!([]), "{bill}");
    assert_eq!(bill["matching"].as_array().map(Vec::len), Some(2), "{bill}");
    for line in bill["matching"].as_array().into_iter().flatten() {
        assert_eq!(line["status"], "MATCHED", "{bill}");
    }
    assert_eq!(bill["matching"][0]["received"], "300", "{bill}");
    let billed_again = constructos::seed::seed_matched_bill(
        &app.env.identity,
        &app.env.orders,
        &app.env.finance,
        commands(),
    )
    .await
    .expect("seeding the bill again");
    assert_eq!(billed_again, 0, "the bill is seeded once");
    let again = constructos::seed::seed_project(
        &app.env.identity,
        &app.env.orders,
        crate::harness::EVENTUALLY,
    )
    .await
    .expect("seeding again");
    assert_eq!(again, None, "seeding is idempotent");
    app.stop().await;
}
