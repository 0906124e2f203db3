//! HR and payroll end to end through the gateway with real signed tokens: profiles with
//! field-level visibility; leave asked for, decided by the line manager and counted in
//! the balance; a site labourer's week classified by the BCEA, approved by the
//! project's site manager and costed to the project in finance; a monthly and a weekly
//! pay run through their life cycle with payslips, the payroll journal in finance, the
//! EMP201 month, a what-if that writes nothing, and a reversal that undoes the books.

use constructos::seed;
use constructos_domain::finance::FinancialCalendar;
use constructos_infra::Domain;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, TestApp};

const DOMAINS: &[Domain] = &[
    Domain::Identity,
    Domain::Orders,
    Domain::Hr,
    Domain::Finance,
];

const PROFILE: &str =
    "mutation($input: EmployeeProfileInput!) { setEmployeeProfile(input: $input) { id } }";

async fn hire(app: &TestApp, hr: &str, number: &str, first: &str, last: &str) -> String {
    let r = app
        .graphql(
            hr,
            "mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }",
            json!({ "input": { "employeeNumber": number, "firstName": first, "lastName": last,
                               "jobTitle": "Staff", "hiredOn": "2024-03-01", "siteId": "SITE-HR" } }),
        )
        .await;
    r.data()["hireEmployee"]["id"]
        .as_str()
        .expect("id")
        .to_string()
}

async fn link(app: &TestApp, admin: &str, token: &str, employee: &str) {
    app.until_known(&app.env.identity, "known_employees", employee)
        .await;
    let user = app.user_id(token).await;
    app.graphql(
        admin,
        "mutation($id: ID!, $e: String!) { linkUser(id: $id, employeeId: $e) { id } }",
        json!({ "id": user, "e": employee }),
    )
    .await
    .data();
    eventually("the link reaches HR", || async {
        let known: Option<String> =
            sqlx::query_scalar("SELECT employee_id FROM read_model.user_links WHERE user_id = $1")
                .bind(&user)
                .fetch_optional(&app.env.hr)
                .await
                .ok()
                .flatten();
        (known.as_deref() == Some(employee)).then_some(())
    })
    .await;
}

async fn balance(app: &TestApp, code: &str) -> Decimal {
    let value: Option<Decimal> = sqlx::query_scalar(
        "SELECT debits - credits FROM read_model.account_balances WHERE account_code = $1",
    )
    .bind(code)
    .fetch_optional(&app.env.finance)
    .await
    .expect("balances")
    .flatten();
    value.unwrap_or_default()
}

async fn until_balance(app: &TestApp, code: &str, expected: &str) {
    let expected: Decimal = expected.parse().expect("decimal");
    eventually(&format!("account {code} at {expected}"), || async {
        (balance(app, code).await == expected).then_some(())
    })
    .await;
}

fn num(v: &Value) -> Decimal {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or(Decimal::MIN)
}

fn message(r: &crate::harness::Response) -> String {
    r.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn hr_and_payroll_from_profile_to_the_books() {
    let app = spawn_domains(DOMAINS).await;
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart seeded");
    let admin = app.token("admin", &["Admin"]);
    let hr = app.token("hr-naledi", &["HR_Manager"]);
    let payroll = app.token("payroll-lerato", &["Payroll_Officer"]);
    let auditor = app.token("auditor", &["Auditor"]);
    let thandi = app.token("thandi", &["Employee"]);
    let kagiso = app.token("kagiso", &["Employee", "Project_Manager"]);
    let site = app.token("sipho-site", &["Site_Manager"]);
    let other_site = app.token("other-site", &["Site_Manager"]);

    // A project HR hears of from orders' topic.
    let r = app
        .graphql(
            &admin,
            "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
            json!({ "input": { "code": "PRJ-HR-1", "name": "Payroll house", "siteId": "SITE-HR",
                               "siteName": "Centurion", "startsOn": "2025-01-06" } }),
        )
        .await;
    let project = r.data()["createProject"]["id"]
        .as_str()
        .expect("project")
        .to_string();
    app.until_known(&app.env.hr, "known_projects", &project)
        .await;
    app.until_known(&app.env.finance, "known_projects", &project)
        .await;

    let manager = hire(&app, &hr, "EMP-2001", "Kagiso", "Molefe").await;
    let labourer = hire(&app, &hr, "EMP-2002", "Sipho", "Ndlovu").await;
    let salaried = hire(&app, &hr, "EMP-2003", "Thandi", "Mokoena").await;

    // Profiles: a bad ID number is refused naming the field; then the real ones.
    let thandi_profile = json!({ "employeeId": salaried, "idNumber": "8001015009087", "taxNumber": "0123456789",
        "bankAccount": { "bank": "FNB", "branchCode": "250655", "accountNumber": "62123456789", "accountType": "CHEQUE" },
        "employmentType": "PERMANENT", "payRate": "30000.00", "costRate": "250.00", "lineManagerId": manager,
        "projectId": "PRJ-HR-1", "costCode": "SUPERVISION" });
    let mut bad = thandi_profile.clone();
    bad["idNumber"] = json!("8001015009088");
    let r = app.graphql(&hr, PROFILE, json!({ "input": bad })).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(message(&r).starts_with("input.idNumber"), "{}", r.body);
    app.graphql(&hr, PROFILE, json!({ "input": thandi_profile }))
        .await
        .data();
    app.graphql(&hr, PROFILE, json!({ "input": { "employeeId": labourer, "passportNumber": "FN123456",
        "passportCountry": "Zimbabwe", "dateOfBirth": "1992-06-16", "employmentType": "WEEKLY_SITE_LABOUR",
        "payRate": "45.00", "costRate": "80.00", "daysPerWeek": 6, "trade": "Bricklayer" } }))
        .await
        .data();
    // Nobody but HR writes a profile.
    let r = app
        .graphql(&payroll, PROFILE, json!({ "input": thandi_profile }))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);

    // Field-level visibility: HR and Thandi herself see her ID number; the auditor and
    // her manager see her record without it.
    link(&app, &admin, &thandi, &salaried).await;
    link(&app, &admin, &kagiso, &manager).await;
    let fields = "query($id: ID!) { employee(id: $id) { idNumber taxNumber payRate costRate bankAccount { accountNumber } employmentType } }";
    let seen = |token: String| {
        let app = &app;
        let salaried = salaried.clone();
        async move {
            eventually("the profile reaches the read model", || async {
                let r = app.graphql(&token, fields, json!({ "id": salaried })).await;
                let e = r.data()["employee"].clone();
                (e["employmentType"] == "PERMANENT").then_some(e)
            })
            .await
        }
    };
    let by_hr = seen(hr.clone()).await;
    assert_eq!(by_hr["idNumber"], "8001015009087");
    assert_eq!(by_hr["bankAccount"]["accountNumber"], "62123456789");
    let by_self = seen(thandi.clone()).await;
    assert_eq!(by_self["payRate"], "30000.00");
    let by_auditor = seen(auditor.clone()).await;
    assert_eq!(by_auditor["idNumber"], Value::Null);
    assert_eq!(by_auditor["bankAccount"], Value::Null);
    assert_eq!(by_auditor["payRate"], Value::Null);
    assert_eq!(
        by_auditor["costRate"], "250.00",
        "the cost rate is not personal"
    );

    // Leave: Thandi asks; the balance refuses too much; Kagiso (her line manager)
    // approves; nobody decides their own.
    let ask = "mutation($e: ID!, $k: LeaveKind!, $f: NaiveDate!, $t: NaiveDate!) { requestLeave(employeeId: $e, kind: $k, from: $f, to: $t, reason: \"Family holiday\") { id } }";
    let r = app
        .graphql(
            &thandi,
            ask,
            json!({ "e": salaried, "k": "ANNUAL", "f": "2026-02-02", "t": "2026-02-27" }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(message(&r).contains("available"), "{}", r.body);
    let r = app
        .graphql(
            &thandi,
            ask,
            json!({ "e": salaried, "k": "ANNUAL", "f": "2026-02-09", "t": "2026-02-13" }),
        )
        .await;
    let request = r.data()["requestLeave"]["id"]
        .as_str()
        .expect("request")
        .to_string();
    let r = app
        .graphql(
            &thandi,
            ask,
            json!({ "e": manager, "k": "SICK", "f": "2026-02-09", "t": "2026-02-09" }),
        )
        .await;
    assert_eq!(
        r.error_code(),
        Some("NOT_FOUND"),
        "one asks only for oneself: {}",
        r.body
    );
    let decide = "mutation($e: ID!, $r: ID!) { decideLeave(employeeId: $e, requestId: $r, approve: true) { id } }";
    let r = app
        .graphql(&thandi, decide, json!({ "e": salaried, "r": request }))
        .await;
    assert_eq!(
        r.error_code(),
        Some("BAD_USER_INPUT"),
        "not one's own: {}",
        r.body
    );
    let r = app
        .graphql(&site, decide, json!({ "e": salaried, "r": request }))
        .await;
    assert_eq!(
        r.error_code(),
        Some("NOT_FOUND"),
        "only her manager or HR: {}",
        r.body
    );
    app.graphql(&kagiso, decide, json!({ "e": salaried, "r": request }))
        .await
        .data();
    let balances = eventually("the approval reaches the balance", || async {
        let r = app
            .graphql(&thandi, "query($e: ID!) { leaveBalances(employeeId: $e, on: \"2026-02-16\") { kind entitled taken available } }", json!({ "e": salaried }))
            .await;
        let annual = r.data()["leaveBalances"][0].clone();
        (num(&annual["taken"]) == Decimal::from(5)).then_some(annual)
    })
    .await;
    assert_eq!(balances["kind"], "ANNUAL");
    // Eleven months of the cycle from 1 March 2025: 15 × 11 / 12 = 13.75 days.
    assert_eq!(num(&balances["entitled"]), Decimal::new(1375, 2));
    assert_eq!(num(&balances["available"]), Decimal::new(875, 2));
    let r = app
        .graphql(
            &kagiso,
            "{ leaveRequests(pendingOnly: false) { id employeeName status } }",
            json!({}),
        )
        .await;
    let seen: Vec<&str> = r.data()["leaveRequests"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|l| l["id"].as_str())
        .collect();
    assert_eq!(
        seen,
        [request.as_str()],
        "a manager sees the requests of those he manages"
    );

    // Timesheets: Sipho's week, six days a week (8 ordinary hours a day, 45 a week).
    app.assign_to_project(&admin, &site, &project).await;
    let week = json!([
        { "day": "2026-02-02", "projectId": "PRJ-HR-1", "costCode": "BRICKWORK", "hours": "10" },
        { "day": "2026-02-03", "projectId": "PRJ-HR-1", "costCode": "BRICKWORK", "hours": "8" },
        { "day": "2026-02-04", "projectId": "PRJ-HR-1", "costCode": "BRICKWORK", "hours": "8" },
        { "day": "2026-02-05", "projectId": "PRJ-HR-1", "costCode": "BRICKWORK", "hours": "8" },
        { "day": "2026-02-06", "projectId": "PRJ-HR-1", "costCode": "BRICKWORK", "hours": "8" },
        { "day": "2026-02-07", "projectId": "PRJ-HR-1", "costCode": "BRICKWORK", "hours": "5" },
        { "day": "2026-02-08", "projectId": "PRJ-HR-1", "costCode": "CLEANUP", "hours": "3" }
    ]);
    let submit = "mutation($e: ID!, $w: NaiveDate!, $x: [TimeEntryInput!]!) { submitTimesheet(employeeId: $e, weekStarting: $w, entries: $x) { id } }";
    let sheet = eventually("the site manager's assignment reaches HR", || async {
        let r = app
            .graphql(
                &site,
                submit,
                json!({ "e": labourer, "w": "2026-02-02", "x": week }),
            )
            .await;
        r.body["data"]["submitTimesheet"]["id"]
            .as_str()
            .map(str::to_string)
    })
    .await;
    let r = app
        .graphql(
            &other_site,
            "mutation($id: ID!) { decideTimesheet(id: $id, approve: true) { id } }",
            json!({ "id": sheet }),
        )
        .await;
    assert_eq!(
        r.error_code(),
        Some("BAD_USER_INPUT"),
        "not his project: {}",
        r.body
    );
    assert!(message(&r).contains("not one of yours"), "{}", r.body);
    let mut long = week.clone();
    long[0]["hours"] = json!("13");
    let r = app
        .graphql(
            &site,
            submit,
            json!({ "e": labourer, "w": "2026-02-02", "x": long }),
        )
        .await;
    assert!(message(&r).contains("12 a day"), "{}", r.body);
    app.graphql(
        &site,
        "mutation($id: ID!) { decideTimesheet(id: $id, approve: true) { id } }",
        json!({ "id": sheet }),
    )
    .await
    .data();
    let t = eventually("the approved week is read", || async {
        let r = app.graphql(&payroll, "query($id: ID!) { timesheet(id: $id) { status ordinaryHours overtimeHours doubleHours totalCost grossPay } }", json!({ "id": sheet })).await;
        let t = r.data()["timesheet"].clone();
        (t["status"] == "APPROVED").then_some(t)
    })
    .await;
    let hours = [
        num(&t["ordinaryHours"]),
        num(&t["overtimeHours"]),
        num(&t["doubleHours"]),
    ];
    assert_eq!(
        hours,
        [Decimal::from(45), Decimal::from(2), Decimal::from(3)]
    );
    // At R80 an hour: 45 + 2 × 1.5 + 3 × 2 = 54 hours' worth; at R45 of pay, R2 430.
    assert_eq!(t["totalCost"], "4320.00");
    assert_eq!(t["grossPay"], "2430.00");
    until_balance(&app, "5000", "4320.00").await;
    until_balance(&app, "6190", "-4320.00").await;

    // The monthly run: calculated by payroll, approved by HR (payroll may not).
    let open = "mutation($f: PayFrequency!, $s: NaiveDate!, $e: NaiveDate!, $p: NaiveDate!) { openPayRun(frequency: $f, periodStart: $s, periodEnd: $e, payDate: $p) { id } }";
    let r = app
        .graphql(
            &payroll,
            open,
            json!({ "f": "MONTHLY", "s": "2026-03-01", "e": "2026-03-31", "p": "2026-03-25" }),
        )
        .await;
    assert!(
        message(&r).contains("no SARS tax table for the 2027 tax year"),
        "{}",
        r.body
    );
    let r = app
        .graphql(
            &payroll,
            open,
            json!({ "f": "MONTHLY", "s": "2026-02-01", "e": "2026-02-28", "p": "2026-02-25" }),
        )
        .await;
    let monthly = r.data()["openPayRun"]["id"]
        .as_str()
        .expect("run")
        .to_string();
    let r = app
        .graphql(
            &payroll,
            "mutation($id: ID!) { calculatePayRun(id: $id) { payslips skipped } }",
            json!({ "id": monthly }),
        )
        .await;
    let done = r.data()["calculatePayRun"].clone();
    assert_eq!(done["payslips"], 1, "{done}");
    assert_eq!(done["skipped"], json!(["Kagiso Molefe: no profile"]));
    let approve = "mutation($id: ID!) { approvePayRun(id: $id) { id } }";
    let r = app
        .graphql(&payroll, approve, json!({ "id": monthly }))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
    app.graphql(&hr, approve, json!({ "id": monthly }))
        .await
        .data();
    // R30 000 at 46: PAYE R4 783.08, UIF R177.12 each, SDL R300; charged to the project.
    until_balance(&app, "2200", "-4783.08").await;
    until_balance(&app, "2210", "-354.24").await;
    until_balance(&app, "2220", "-300.00").await;
    until_balance(&app, "2230", "-25039.80").await;
    until_balance(&app, "5000", "34320.00").await;
    until_balance(&app, "6110", "477.12").await;
    let slips = eventually("Thandi's payslip", || async {
        let r = app.graphql(&thandi, "{ payslips { payRunId gross paye uifEmployee net taxYear earnings { description projectId } } }", json!({})).await;
        let s = r.data()["payslips"].as_array().cloned().unwrap_or_default();
        (!s.is_empty()).then_some(s)
    })
    .await;
    assert_eq!(slips.len(), 1, "her own only");
    assert_eq!(slips[0]["paye"], "4783.08");
    assert_eq!(slips[0]["net"], "25039.80");
    assert_eq!(slips[0]["earnings"][0]["projectId"], project.as_str());

    // The weekly run pays Sipho's approved week; paid, then 2230 is back to the
    // monthly run's net pay only.
    let r = app
        .graphql(
            &payroll,
            open,
            json!({ "f": "WEEKLY", "s": "2026-02-02", "e": "2026-02-08", "p": "2026-02-06" }),
        )
        .await;
    let weekly = r.data()["openPayRun"]["id"]
        .as_str()
        .expect("run")
        .to_string();
    let r = app
        .graphql(
            &payroll,
            "mutation($id: ID!) { calculatePayRun(id: $id) { payslips } }",
            json!({ "id": weekly }),
        )
        .await;
    assert_eq!(r.data()["calculatePayRun"]["payslips"], 1);
    app.graphql(&hr, approve, json!({ "id": weekly }))
        .await
        .data();
    app.graphql(
        &payroll,
        "mutation($id: ID!) { markPayRunPaid(id: $id, on: \"2026-02-06\") { id } }",
        json!({ "id": weekly }),
    )
    .await
    .data();
    // R2 430 a week: R126 360 a year → 18% less the rebate, R105.96 a week; UIF R24.30.
    let weekly_slip = eventually("the weekly payslip", || async {
        let r = app
            .graphql(
                &payroll,
                "query($r: ID!) { payslips(payRunId: $r) { paye uifEmployee net runStatus } }",
                json!({ "r": weekly }),
            )
            .await;
        let s = r.data()["payslips"][0].clone();
        (s["runStatus"] == "PAID").then_some(s)
    })
    .await;
    assert_eq!(weekly_slip["paye"], "105.96");
    assert_eq!(weekly_slip["uifEmployee"], "24.30");
    assert_eq!(weekly_slip["net"], "2299.74");
    until_balance(&app, "1000", "-2299.74").await;
    until_balance(&app, "2230", "-25039.80").await;

    // EMP201 for February 2026: both runs.
    let r = app
        .graphql(
            &payroll,
            "{ emp201(year: 2026) { month runs paye sdl uif total } }",
            json!({}),
        )
        .await;
    let feb = r.data()["emp201"][0].clone();
    assert_eq!(feb["month"], "2026-02-01");
    assert_eq!(feb["runs"], 2);
    assert_eq!(feb["paye"], "4889.04");

    // COIDA for the 2026 assessment year: R30 000 + R2 430 at R2.37 per R100 is R768.59,
    // below the R1 621 minimum assessment, so the minimum is due.
    let coida = "query($t: Decimal!, $y: Int!) { coidaEstimate(year: $y, tariffPerHundred: $t) { assessmentYear lines { name earnings assessable } earnings assessableEarnings atTariff assessment minimumApplied } }";
    let r = app
        .graphql(&payroll, coida, json!({ "t": "2.37", "y": 2026 }))
        .await;
    let estimate = r.data()["coidaEstimate"].clone();
    assert_eq!(
        estimate["lines"].as_array().map(Vec::len),
        Some(2),
        "{estimate}"
    );
    assert_eq!(estimate["earnings"], "32430.00");
    assert_eq!(estimate["atTariff"], "768.59");
    assert_eq!(estimate["assessment"], "1621.00");
    assert_eq!(estimate["minimumApplied"], true);
    let r = app
        .graphql(&payroll, coida, json!({ "t": "0", "y": 2026 }))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(message(&r).starts_with("tariffPerHundred:"), "{}", r.body);
    let r = app
        .graphql(&payroll, coida, json!({ "t": "2.37", "y": 2020 }))
        .await;
    assert!(
        message(&r).contains("no COIDA earnings limits for the 2020"),
        "{}",
        r.body
    );
    let r = app
        .graphql(&thandi, coida, json!({ "t": "2.37", "y": 2026 }))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);

    // The what-if: Thandi on a medical scheme with one dependant; nothing is written.
    let journals_before: i64 =
        sqlx::query_scalar("SELECT count(*) FROM events WHERE event_type = 'JournalPosted'")
            .fetch_one(&app.env.finance)
            .await
            .expect("count");
    let r = app.graphql(&payroll, "query($id: ID!, $e: ID!) { payRunWhatIf(id: $id, taxYear: 2025, corrections: [{ employeeId: $e, medicalMembers: 2 }]) { name approved { paye } recalculated { paye taxYear } payeDifference } }", json!({ "id": monthly, "e": salaried })).await;
    let line = r.data()["payRunWhatIf"][0].clone();
    assert_eq!(line["approved"]["paye"], "4783.08");
    assert_eq!(line["recalculated"]["taxYear"], 2025);
    assert_eq!(
        line["payeDifference"], "-728.00",
        "two members' credits: R364 each"
    );
    let r = app
        .graphql(
            &payroll,
            "query($id: ID!) { payRun(id: $id) { status } }",
            json!({ "id": monthly }),
        )
        .await;
    assert_eq!(r.data()["payRun"]["status"], "APPROVED");

    // Reversal: the monthly run's journal is mirrored; PAYE payable keeps the week's.
    app.graphql(
        &hr,
        "mutation($id: ID!) { reversePayRun(id: $id, reason: \"Wrong allocation\") { id } }",
        json!({ "id": monthly }),
    )
    .await
    .data();
    until_balance(&app, "2200", "-105.96").await;
    until_balance(&app, "2230", "0.00").await;
    until_balance(&app, "5000", "4320.00").await;
    let journals_after: i64 =
        sqlx::query_scalar("SELECT count(*) FROM events WHERE event_type = 'JournalPosted'")
            .fetch_one(&app.env.finance)
            .await
            .expect("count");
    assert_eq!(
        journals_after,
        journals_before + 1,
        "the what-if posted nothing; the reversal one"
    );
    let r = app
        .graphql(
            &payroll,
            "mutation($id: ID!) { calculatePayRun(id: $id) { payslips } }",
            json!({ "id": monthly }),
        )
        .await;
    assert!(
        message(&r).contains("reversed; it cannot be recalculated"),
        "{}",
        r.body
    );
}
