//! A project's contract, work breakdown, variations and progress claims through the
//! gateway with real tokens: a claim with 10% retention is valued by SARS's rule (VAT on
//! the value less retention), the preview equals what is recorded, retention stops at
//! the cap, half is released at practical completion; a site manager of another project
//! sees none of it and can change none of it.

use serde_json::{json, Value};

use crate::finance_reports::line;
use crate::harness::{eventually, spawn_domains, TestApp, FINANCE, IDENTITY_ORDERS};

const CREATE: &str =
    "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }";

async fn customer(app: &TestApp, admin: &str) -> String {
    let r = app
        .graphql(
            admin,
            "mutation { createAccount(input: { kind: CUSTOMER, name: \"Msunduzi Developments (Pty) Ltd\" }) { id } }",
            json!({}),
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

/// Opens an awarded project with a JBCC contract (R 1 000 000, 10% retention capped at
/// 5%) and a bill of two items, R 200 000 and R 800 000.
async fn contracted_project(app: &TestApp, token: &str, code: &str, customer: &str) -> String {
    let r = app
        .graphql(
            token,
            CREATE,
            json!({ "input": {
                "code": code, "name": "Menlyn Office Park", "customerAccountId": customer,
                "siteId": "SITE-PTA", "siteName": "Menlyn", "startsOn": "2026-12-01",
                "contract": { "contractType": "JBCC_PBA", "contractValue": "1000000.00",
                              "retentionPercent": "10", "retentionCapPercent": "5" } } }),
        )
        .await;
    let id = r.data()["createProject"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    app.graphql(
        token,
        "mutation($p: ID!, $lines: [BoqLineIn!]!) { setBillOfQuantities(projectId: $p, lines: $lines) { id } }",
        json!({ "p": id, "lines": [
            { "item": "1.1", "description": "Site establishment", "unit": "sum", "quantity": "1", "rate": "200000.00", "costCode": "PRELIMS" },
            { "item": "3.2", "description": "Concrete 30 MPa", "unit": "m3", "quantity": "400", "rate": "2000.00", "costCode": "CONCRETE" }
        ] }),
    )
    .await
    .data();
    id
}

const PREVIEW: &str = "query($p: ID!, $lines: [ClaimLineIn!]!) { previewProgressClaim(projectId: $p, lines: $lines) { amount retention vat dueNow vatDeferred lines { item amount } } }";
const SUBMIT: &str = "mutation($p: ID!, $lines: [ClaimLineIn!]!) { submitProgressClaim(projectId: $p, periodEnd: \"2026-12-25\", lines: $lines) { id } }";
const APPROVE: &str = "mutation($p: ID!, $c: ID!) { approveProgressClaim(projectId: $p, claimId: $c, date: \"2026-12-28\") { id } }";

fn lines(items: &[(&str, &str)]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|(item, pct)| json!({ "item": item, "percentToDate": pct }))
            .collect(),
    )
}

async fn claim(app: &TestApp, token: &str, project: &str, items: &[(&str, &str)]) -> String {
    let r = app
        .graphql(
            token,
            SUBMIT,
            json!({ "p": project, "lines": lines(items) }),
        )
        .await;
    let claim = r.data()["submitProgressClaim"]["id"]
        .as_str()
        .expect("claim id")
        .to_string();
    app.graphql(token, APPROVE, json!({ "p": project, "c": claim }))
        .await
        .data();
    claim
}

async fn figures(
    app: &TestApp,
    token: &str,
    project: &str,
    until: impl Fn(&Value) -> bool,
) -> Value {
    eventually("the project's figures", || async {
        let r = app
            .graphql(
                token,
                "query($id: ID!) { project(id: $id) { status figures { contractValue claimedToDate retentionHeld retentionReleased budget earnedValue actual forecastAtCompletion } claims { claimNumber status amount retention vat dueNow } } }",
                json!({ "id": project }),
            )
            .await;
        let project = r.data()["project"].clone();
        until(&project).then_some(project)
    })
    .await
}

#[tokio::test]
async fn a_claim_withholds_retention_excluding_vat_until_the_cap_and_half_comes_back_at_practical_completion(
) {
    let app = spawn_domains(IDENTITY_ORDERS).await;
    let admin = app.token("admin", &["Admin"]);
    let account = customer(&app, &admin).await;
    let project = contracted_project(&app, &admin, "PRJ-CLAIM-1", &account).await;

    // The preview is the server's own arithmetic: 400 000 claimed, 40 000 retained,
    // VAT on 360 000, and the VAT on the retention deferred.
    let first = [("1.1", "100"), ("3.2", "25")];
    let preview = app
        .graphql(
            &admin,
            PREVIEW,
            json!({ "p": project, "lines": lines(&first) }),
        )
        .await;
    let preview = &preview.data()["previewProgressClaim"];
    assert_eq!(preview["amount"], "400000.00");
    assert_eq!(preview["retention"], "40000.00");
    assert_eq!(preview["vat"], "54000.00");
    assert_eq!(preview["dueNow"], "414000.00");
    assert_eq!(preview["vatDeferred"], "6000.00");

    claim(&app, &admin, &project, &first).await;
    // The second claim is held to the cap: 5% of 1 000 000 = 50 000, 10 000 left.
    claim(&app, &admin, &project, &[("3.2", "50")]).await;
    // The claims and the figures are separate reads (resolved side by side): wait for
    // both to show the second approval.
    let seen = figures(&app, &admin, &project, |p| {
        p["claims"]
            .as_array()
            .is_some_and(|c| c.len() == 2 && c.iter().all(|c| c["status"] == "APPROVED"))
            && p["figures"]["claimedToDate"] == "600000.00"
    })
    .await;
    assert_eq!(seen["claims"][0]["amount"], "400000.00");
    assert_eq!(seen["claims"][0]["vat"], "54000.00");
    assert_eq!(seen["claims"][1]["amount"], "200000.00");
    assert_eq!(seen["claims"][1]["retention"], "10000.00");
    assert_eq!(seen["claims"][1]["vat"], "28500.00");
    assert_eq!(seen["figures"]["claimedToDate"], "600000.00");
    assert_eq!(seen["figures"]["retentionHeld"], "50000.00");

    // Claiming past 100% of an item is refused, naming the line; nothing is stored.
    let before = app.events_of(&app.env.orders, &project).await;
    let r = app
        .graphql(
            &admin,
            SUBMIT,
            json!({ "p": project, "lines": lines(&[("3.2", "100.01")]) }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("lines[0].percentToDate")),
        "{}",
        r.body
    );
    assert_eq!(app.events_of(&app.env.orders, &project).await, before);

    // Practical completion releases half of what is held.
    for status in ["IN_PROGRESS", "PRACTICAL_COMPLETION"] {
        app.graphql(
            &admin,
            "mutation($id: ID!, $s: ProjectStatus!) { changeProjectStatus(id: $id, status: $s, date: \"2027-06-30\") { id } }",
            json!({ "id": project, "s": status }),
        )
        .await
        .data();
    }
    let seen = figures(&app, &admin, &project, |p| {
        p["status"] == "PRACTICAL_COMPLETION" && p["figures"]["retentionReleased"] == "25000.00"
    })
    .await;
    assert_eq!(seen["figures"]["retentionHeld"], "25000.00");
    // Releasing more than is still held is refused.
    let r = app
        .graphql(
            &admin,
            "mutation($p: ID!) { releaseProjectRetention(projectId: $p, amount: \"25000.01\") { id } }",
            json!({ "p": project }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    app.stop().await;
}

#[tokio::test]
async fn the_work_breakdown_refuses_a_cycle_and_variations_change_the_contract() {
    let app = spawn_domains(IDENTITY_ORDERS).await;
    let admin = app.token("admin", &["Admin"]);
    let account = customer(&app, &admin).await;
    let project = contracted_project(&app, &admin, "PRJ-WBS-1", &account).await;
    let add = "mutation($p: ID!, $i: WorkItemIn!) { addWorkItem(projectId: $p, item: $i) { id } }";
    for item in [
        json!({ "code": "1", "name": "Substructure", "kind": "PHASE" }),
        json!({ "code": "1.1", "name": "Excavation", "kind": "TASK", "parent": "1", "budget": "100000.00", "costCode": "EARTHWORKS" }),
        json!({ "code": "1.2", "name": "Foundations", "kind": "TASK", "parent": "1", "budget": "300000.00", "costCode": "CONCRETE" }),
    ] {
        app.graphql(&admin, add, json!({ "p": project, "i": item }))
            .await
            .data();
    }
    let depend = "mutation($p: ID!, $a: String!, $b: String!) { addWorkDependency(projectId: $p, predecessor: $a, successor: $b) { id } }";
    app.graphql(
        &admin,
        depend,
        json!({ "p": project, "a": "1.1", "b": "1.2" }),
    )
    .await
    .data();
    let r = app
        .graphql(
            &admin,
            depend,
            json!({ "p": project, "a": "1.2", "b": "1.1" }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(r.body["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("cycle")));
    app.graphql(
        &admin,
        "mutation($p: ID!) { recordWorkProgress(projectId: $p, code: \"1.1\", percentComplete: \"50\", actualStart: \"2026-12-02\") { id } }",
        json!({ "p": project }),
    )
    .await
    .data();

    app.graphql(
        &admin,
        "mutation($p: ID!) { proposeVariation(projectId: $p, description: \"Extra basement level\", amount: \"150000.00\", costCode: \"CONCRETE\") { id } }",
        json!({ "p": project }),
    )
    .await
    .data();
    app.graphql(
        &admin,
        "mutation($p: ID!) { approveVariation(projectId: $p, number: \"VO-001\") { id } }",
        json!({ "p": project }),
    )
    .await
    .data();
    let seen = figures(&app, &admin, &project, |p| {
        p["figures"]["contractValue"] == "1150000.00" && p["figures"]["earnedValue"] == "50000.00"
    })
    .await;
    assert_eq!(seen["figures"]["budget"], "400000.00");
    // The approved addition is a claimable item.
    let r = app
        .graphql(
            &admin,
            PREVIEW,
            json!({ "p": project, "lines": lines(&[("VO-001", "100")]) }),
        )
        .await;
    assert_eq!(r.data()["previewProgressClaim"]["amount"], "150000.00");
    let r = app
        .graphql(
            &admin,
            "query($id: ID!) { project(id: $id) { workItems { code kind after percentComplete } variations { number status } } }",
            json!({ "id": project }),
        )
        .await;
    let project_seen = &r.data()["project"];
    assert_eq!(project_seen["workItems"][2]["after"], json!(["1.1"]));
    // The phase rolls its tasks up: 400 000 of budget, 50% of 100 000 done = 12.5%.
    assert_eq!(project_seen["workItems"][0]["kind"], "PHASE");
    assert_eq!(project_seen["workItems"][0]["percentComplete"], "12.5");
    assert_eq!(project_seen["workItems"][1]["percentComplete"], "50");
    assert_eq!(project_seen["variations"][0]["status"], "APPROVED");
    app.stop().await;
}

#[tokio::test]
async fn a_site_manager_of_another_project_sees_and_changes_none_of_it() {
    let app = spawn_domains(IDENTITY_ORDERS).await;
    let admin = app.token("admin", &["Admin"]);
    let account = customer(&app, &admin).await;
    let project = contracted_project(&app, &admin, "PRJ-HIDDEN-1", &account).await;
    let pm = app.token("pm-elsewhere", &["Project_Manager"]);
    let r = app
        .graphql(
            &pm,
            PREVIEW,
            json!({ "p": project, "lines": lines(&[("1.1", "10")]) }),
        )
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    let r = app
        .graphql(
            &pm,
            SUBMIT,
            json!({ "p": project, "lines": lines(&[("1.1", "10")]) }),
        )
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    let r = app
        .graphql(
            &pm,
            "query($id: ID!) { project(id: $id) { id } }",
            json!({ "id": project }),
        )
        .await;
    assert!(r.data()["project"].is_null());
    // A site manager may not claim at all.
    let site = app.token("site", &["Site_Manager"]);
    let r = app
        .graphql(
            &site,
            SUBMIT,
            json!({ "p": project, "lines": lines(&[("1.1", "10")]) }),
        )
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
    app.stop().await;
}

#[tokio::test]
async fn the_actual_cost_is_what_finance_posted_to_the_projects_expense_accounts() {
    let app = spawn_domains(FINANCE).await;
    let admin = app.token("admin", &["Admin"]);
    let account = customer(&app, &admin).await;
    let project = contracted_project(&app, &admin, "PRJ-ACTUAL-1", &account).await;
    crate::finance::seeded(&app).await;
    app.until_known(&app.env.finance, "known_projects", &project)
        .await;
    let clerk = app.token("clerk", &["Finance_User"]);
    let p = Some(project.as_str());
    crate::finance::post(
        &app,
        &clerk,
        "2026-12-10",
        "Highveld Cement 4411",
        vec![
            line("5100", "DEBIT", "20000.00", p, Some("CONCRETE")),
            line("1200", "DEBIT", "3000.00", None, None),
            line("2000", "CREDIT", "23000.00", None, None),
        ],
    )
    .await;
    // A credit to the project's costs (a supplier's credit) nets off; a line on a
    // balance-sheet account carrying the project is not a cost.
    crate::finance::post(
        &app,
        &clerk,
        "2026-12-11",
        "Highveld Cement credit 4411-C",
        vec![
            line("2000", "DEBIT", "2500.00", p, None),
            line("5100", "CREDIT", "2500.00", p, Some("CONCRETE")),
        ],
    )
    .await;
    let seen = figures(&app, &admin, &project, |p| {
        p["figures"]["actual"] == "17500.00"
    })
    .await;
    assert_eq!(seen["figures"]["actual"], "17500.00");
    app.stop().await;
}

/// The account's balance in the trial balance (debit positive), as a string of cents.
fn balance(tb: &Value, code: &str) -> String {
    tb["lines"]
        .as_array()
        .and_then(|lines| lines.iter().find(|l| l["code"] == code))
        .map(|l| {
            format!(
                "D{} C{}",
                l["debit"].as_str().unwrap_or("0.00"),
                l["credit"].as_str().unwrap_or("0.00")
            )
        })
        .unwrap_or_else(|| "none".into())
}

#[tokio::test]
async fn an_approved_claim_becomes_one_tax_invoice_with_retention_receivable_and_vat_by_sarss_rule()
{
    let app = spawn_domains(FINANCE).await;
    let admin = app.token("admin", &["Admin"]);
    crate::finance::seeded(&app).await;
    let account = customer(&app, &admin).await;
    let project = contracted_project(&app, &admin, "PRJ-INVOICE-1", &account).await;
    let claim_id = claim(&app, &admin, &project, &[("1.1", "100"), ("3.2", "25")]).await;

    // Finance raises and issues one invoice for the claim: R 400 000 of work, R 40 000
    // retained (excl. VAT), VAT now on R 360 000, the VAT on the retention deferred.
    let invoice_id = constructos_commands::finance::invoice_id_for_claim(&claim_id);
    let finance = app.token("fiona", &["Finance_Manager"]);
    let invoice = eventually("the claim's tax invoice", || async {
        let r = app
            .graphql(
                &finance,
                "query($id: ID!) { invoice(id: $id) { status number totalExclVat vat retention vatDeferredOnRetention vatNow amountDue } }",
                json!({ "id": invoice_id }),
            )
            .await;
        let invoice = r.data()["invoice"].clone();
        (invoice["status"] == "ISSUED").then_some(invoice)
    })
    .await;
    assert_eq!(invoice["totalExclVat"], "400000.00");
    assert_eq!(invoice["retention"], "40000.00");
    assert_eq!(invoice["vatDeferredOnRetention"], "6000.00");
    assert_eq!(invoice["vatNow"], "54000.00");
    assert_eq!(invoice["amountDue"], "414000.00");

    // The postings: debtors the amount due, retention receivable the retention excl.
    // VAT, VAT output only the VAT now, revenue the whole claim.
    let tb = eventually("the invoice's journal", || async {
        let r = app
            .graphql(
                &finance,
                "{ trialBalance(asAt: \"2026-12-31\") { lines { code debit credit } } }",
                json!({}),
            )
            .await;
        let tb = r.data()["trialBalance"].clone();
        (balance(&tb, "1150") != "none").then_some(tb)
    })
    .await;
    assert_eq!(balance(&tb, "1100"), "D414000.00 C0.00");
    assert_eq!(balance(&tb, "1150"), "D40000.00 C0.00");
    assert_eq!(balance(&tb, "2100"), "D0.00 C54000.00");
    assert_eq!(balance(&tb, "4000"), "D0.00 C400000.00");

    // Orders shows the claim's invoice by its number, from its own copy of finance's.
    let claims = eventually("the claim's invoice number in orders", || async {
        let r = app
            .graphql(
                &admin,
                "query($id: ID!) { project(id: $id) { claims { invoiceId invoiceNumber } } }",
                json!({ "id": project }),
            )
            .await;
        let claims = r.data()["project"]["claims"].clone();
        claims[0]["invoiceNumber"].is_string().then_some(claims)
    })
    .await;
    assert_eq!(claims[0]["invoiceId"], invoice_id.as_str());
    assert_eq!(claims[0]["invoiceNumber"], invoice["number"]);

    // Exactly once: only one invoice for the claim, however often the event arrives.
    let count: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM events WHERE aggregate_id = $1 AND event_type = 'InvoiceIssued'",
    )
    .bind(&invoice_id)
    .fetch_one(&app.env.finance)
    .await
    .expect("count");
    assert_eq!(count, 1);
    app.stop().await;
}
