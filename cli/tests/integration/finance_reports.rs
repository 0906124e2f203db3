//! The financial reports and budgets end to end: each report through the gateway with
//! real tokens on a worked example (who may read, who may set budgets). The as-at
//! property on random histories is in `finance_reports_replay.rs`.

use serde_json::{json, Value};

use crate::finance::{post, seeded, trial_balance};
use crate::harness::{eventually, spawn_app_as, spawn_domains, TestApp, Topology, FINANCE};

/// A journal line as `postJournal` takes it.
pub fn line(
    code: &str,
    side: &str,
    amount: &str,
    project: Option<&str>,
    cost: Option<&str>,
) -> Value {
    json!({ "accountCode": code, "side": side, "amount": amount, "projectId": project, "costCode": cost })
}

/// Seeds the chart and waits until the read model has every account: events travel on
/// partitions keyed by aggregate, so an account's opening may be projected after a
/// journal posting to it, and a report classifies lines by the account's type.
pub async fn chart_projected(app: &TestApp) {
    seeded(app).await;
    // The project and customer the documents name, as orders' and identity's topics
    // tell finance of them.
    app.project_event_known_to_finance("PRJ-A", "PRJ-A", "site-a")
        .await;
    app.account_event_known_to_finance(
        "acc-msunduzi",
        "CUSTOMER",
        "Msunduzi Developments (Pty) Ltd",
        None,
    )
    .await;
    eventually("the chart reaches the read model", || async {
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM read_model.ledger_accounts")
            .fetch_one(&app.env.finance)
            .await
            .ok()?;
        (count == 27).then_some(())
    })
    .await;
}

const SET_BUDGET: &str = "mutation($input: SetBudgetInput!) { setBudget(input: $input) { id } }";

async fn set_budget(
    app: &TestApp,
    token: &str,
    cost_code: &str,
    period: &str,
    amount: &str,
) -> Value {
    let input =
        json!({ "projectId": "PRJ-A", "costCode": cost_code, "period": period, "amount": amount });
    app.graphql(token, SET_BUDGET, json!({ "input": input }))
        .await
        .body
}

const INCOME: &str = "query($f: NaiveDate!, $t: NaiveDate!) { incomeStatement(from: $f, to: $t) {
    totalIncome totalCostOfSales grossProfit totalExpenses netProfit
    costOfSalesByType { costType amount } income { code amount } expenses { code name amount } } }";
const BALANCE: &str = "query($d: NaiveDate!) { balanceSheet(asAt: $d) {
    financialYear financialYearStart totalAssets totalLiabilities totalEquity
    retainedProfitEarlierYears currentYearProfit totalLiabilitiesAndEquity difference balances
    assets { code amount } equity { code amount } } }";
const VAT: &str = "query($f: NaiveDate!, $t: NaiveDate!) { vatReturn(from: $f, to: $t) {
    outputVat inputVat netPayable refundDue supplies { treatment valueExclVat vat } } }";
const COSTS: &str = "query($d: NaiveDate!) { projectCostReport(asAt: $d, projectId: \"PRJ-A\") {
    totalBudget totalActual totalCommitted totalVariance revenue
    lines { costCode budget actual committed variance actualByCostType { costType amount } } } }";

#[tokio::test]
async fn finance_reports_through_the_gateway_and_who_may_read_them() {
    let app = spawn_domains(FINANCE).await;
    chart_projected(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let manager = app.token("mandla", &["Finance_Manager"]);
    let auditor = app.token("anele", &["Auditor"]);
    let site = app.token("sipho", &["Site_Manager"]);
    // February (FY2026): capital, and materials on credit for PRJ-A. March (FY2027):
    // labour for PRJ-A, an overhead, and a tax invoice to the customer.
    let a = Some("PRJ-A");
    post(
        &app,
        &user,
        "2026-02-15",
        "Share capital",
        vec![
            line("1000", "DEBIT", "100000.00", None, None),
            line("3000", "CREDIT", "100000.00", None, None),
        ],
    )
    .await;
    post(
        &app,
        &user,
        "2026-02-20",
        "Highveld Cement 4411",
        vec![
            line("5100", "DEBIT", "20000.00", a, Some("CC-100")),
            line("1200", "DEBIT", "3000.00", None, None),
            line("2000", "CREDIT", "23000.00", None, None),
        ],
    )
    .await;
    post(
        &app,
        &user,
        "2026-03-10",
        "Wages, shuttering gang",
        vec![
            line("5000", "DEBIT", "8000.00", a, Some("CC-200")),
            line("1000", "CREDIT", "8000.00", None, None),
        ],
    )
    .await;
    post(
        &app,
        &user,
        "2026-03-12",
        "Office rent",
        vec![
            line("6000", "DEBIT", "1000.00", None, None),
            line("1200", "DEBIT", "150.00", None, None),
            line("1000", "CREDIT", "1150.00", None, None),
        ],
    )
    .await;
    let invoice = json!({
        "customerAccountId": "acc-msunduzi",
        "date": "2026-03-14",
        "lines": [
            { "description": "Progress claim 1", "quantity": "1", "unitPrice": "50000.00", "vatTreatment": "STANDARD", "projectId": "PRJ-A" },
            { "description": "Export crating", "quantity": "1", "unitPrice": "2000.00", "vatTreatment": "ZERO_RATED", "projectId": "PRJ-A" }
        ]
    });
    let r = app
        .graphql(
            &user,
            "mutation($input: RaiseInvoiceInput!) { raiseInvoice(input: $input) { id } }",
            json!({ "input": invoice }),
        )
        .await;
    let invoice_id = r.data()["raiseInvoice"]["id"].clone();
    // April: a credit note against it (Dr revenue 1 000 and VAT 150, Cr debtors).
    let credit = json!({ "invoiceId": invoice_id, "date": "2026-04-02", "reason": "Snag deduction",
        "lines": [{ "description": "Snag deduction", "quantity": "1", "unitPrice": "1000.00",
                    "vatTreatment": "STANDARD", "projectId": "PRJ-A" }] });
    let r = app
        .graphql(
            &user,
            "mutation($input: IssueCreditNoteInput!) { issueCreditNote(input: $input) { id } }",
            json!({ "input": credit }),
        )
        .await;
    r.data();
    trial_balance(&app, &user, "2026-12-31", 6).await;
    eventually("the invoice is issued in the read model", || async {
        let r = app
            .graphql(&user, "{ invoices { status } }", json!({}))
            .await;
        (r.data()["invoices"][0]["status"] == "ISSUED").then_some(())
    })
    .await;

    // Income statements: March alone, and February to March.
    let r = app
        .graphql(
            &auditor,
            INCOME,
            json!({ "f": "2026-03-01", "t": "2026-03-31" }),
        )
        .await;
    let march = &r.data()["incomeStatement"];
    assert_eq!(march["totalIncome"], "52000.00");
    assert_eq!(march["totalCostOfSales"], "8000.00");
    assert_eq!(march["grossProfit"], "44000.00");
    assert_eq!(march["totalExpenses"], "1000.00");
    assert_eq!(march["netProfit"], "43000.00");
    assert_eq!(march["expenses"][0]["code"], "6000");
    let r = app
        .graphql(
            &user,
            INCOME,
            json!({ "f": "2026-02-01", "t": "2026-03-31" }),
        )
        .await;
    let both = &r.data()["incomeStatement"];
    assert_eq!(both["netProfit"], "23000.00");
    assert_eq!(
        both["costOfSalesByType"],
        json!([
            { "costType": "LABOUR", "amount": "8000.00" },
            { "costType": "MATERIALS", "amount": "20000.00" },
            { "costType": "PLANT", "amount": "0.00" },
            { "costType": "SUBCONTRACTORS", "amount": "0.00" }
        ])
    );

    // Balance sheets either side of the February year end.
    let r = app
        .graphql(&auditor, BALANCE, json!({ "d": "2026-03-31" }))
        .await;
    let bs = &r.data()["balanceSheet"];
    assert_eq!(bs["financialYear"], 2027);
    assert_eq!(bs["financialYearStart"], "2026-03-01");
    assert_eq!(bs["totalAssets"], "153500.00");
    assert_eq!(bs["totalLiabilities"], "30500.00");
    assert_eq!(bs["retainedProfitEarlierYears"], "-20000.00");
    assert_eq!(bs["currentYearProfit"], "43000.00");
    assert_eq!(bs["totalEquity"], "123000.00");
    assert_eq!(bs["totalLiabilitiesAndEquity"], "153500.00");
    assert_eq!(bs["difference"], "0.00");
    assert_eq!(bs["balances"], true);
    let r = app
        .graphql(&user, BALANCE, json!({ "d": "2026-02-28" }))
        .await;
    let feb = &r.data()["balanceSheet"];
    assert_eq!(feb["financialYear"], 2026);
    assert_eq!(feb["retainedProfitEarlierYears"], "0.00");
    assert_eq!(feb["currentYearProfit"], "-20000.00");
    assert_eq!(feb["totalAssets"], "103000.00");
    assert_eq!(feb["balances"], true);

    // VAT: March is payable, January–February a refund.
    let r = app
        .graphql(&user, VAT, json!({ "f": "2026-03-01", "t": "2026-03-31" }))
        .await;
    let vat = &r.data()["vatReturn"];
    assert_eq!(vat["outputVat"], "7500.00");
    assert_eq!(vat["inputVat"], "150.00");
    assert_eq!(vat["netPayable"], "7350.00");
    assert_eq!(vat["refundDue"], false);
    assert_eq!(
        vat["supplies"],
        json!([
            { "treatment": "STANDARD", "valueExclVat": "50000.00", "vat": "7500.00" },
            { "treatment": "ZERO_RATED", "valueExclVat": "2000.00", "vat": "0.00" },
            { "treatment": "EXEMPT", "valueExclVat": "0.00", "vat": "0.00" }
        ])
    );
    let two_months = eventually("the credit note reaches the VAT return", || async {
        let r = app
            .graphql(&user, VAT, json!({ "f": "2026-03-01", "t": "2026-04-30" }))
            .await;
        let vat = r.data()["vatReturn"].clone();
        (vat["supplies"][0]["valueExclVat"] != "50000.00").then_some(vat)
    })
    .await;
    assert_eq!(
        two_months["outputVat"], "7350.00",
        "the credit note's VAT comes off"
    );
    assert_eq!(two_months["supplies"][0]["valueExclVat"], "49000.00");
    assert_eq!(two_months["supplies"][0]["vat"], "7350.00");
    let r = app
        .graphql(&user, VAT, json!({ "f": "2026-01-01", "t": "2026-02-28" }))
        .await;
    assert_eq!(r.data()["vatReturn"]["netPayable"], "-3000.00");
    assert_eq!(r.data()["vatReturn"]["refundDue"], true);
    let r = app
        .graphql(&user, VAT, json!({ "f": "2026-03-31", "t": "2026-03-01" }))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);

    // Budgets: a finance manager sets them; a finance user may not; bad input refused.
    for (code, period, amount) in [
        ("CC-100", "2026-02", "15000.00"),
        ("CC-100", "2026-03", "10000.00"),
        ("CC-200", "2026-03", "5000.00"),
        ("CC-200", "2026-04", "9999.00"),
        ("CC-100", "2026-03", "12000.00"),
    ] {
        let body = set_budget(&app, &manager, code, period, amount).await;
        assert_eq!(body["data"]["setBudget"]["id"], "PRJ-A", "{body}");
    }
    let body = set_budget(&app, &user, "CC-100", "2026-03", "1.00").await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
    for (period, amount) in [("2026-03", "-1.00"), ("2026-13", "1.00"), ("March", "1.00")] {
        let body = set_budget(&app, &manager, "CC-100", period, amount).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{body}"
        );
    }
    let budgets = eventually("the budgets reach the read model", || async {
        let r = app
            .graphql(
                &auditor,
                "{ budgets(projectId: \"PRJ-A\") { costCode period amount updatedBy } }",
                json!({}),
            )
            .await;
        let rows = r.data()["budgets"].clone();
        (rows.as_array().map(Vec::len) == Some(4) && rows[1]["amount"] == "12000.00")
            .then_some(rows)
    })
    .await;
    assert_eq!(
        budgets[0],
        json!({ "costCode": "CC-100", "period": "2026-02", "amount": "15000.00", "updatedBy": "mandla" })
    );
    // The revision kept the amount it replaced, in the event.
    let previous: String = sqlx::query_scalar(
        "SELECT payload::jsonb #>> '{BudgetSet,previous}' FROM events
          WHERE aggregate_type = 'finance.budget' AND aggregate_id = 'PRJ-A' ORDER BY sequence DESC LIMIT 1",
    )
    .fetch_one(&app.env.finance)
    .await
    .expect("the last BudgetSet");
    assert_eq!(previous, "10000.00");

    // Committed comes from purchase orders later; a row as they will write it.
    sqlx::query(
        "INSERT INTO read_model.commitments
             (source_id, line_no, project_id, cost_code, commitment_date, amount, description)
         VALUES ('PO-TEST-1', 1, 'PRJ-A', 'CC-200', '2026-03-20', 1500.00, 'Formwork hire')",
    )
    .execute(&app.env.finance)
    .await
    .expect("a commitment");
    let r = app
        .graphql(&user, COSTS, json!({ "d": "2026-03-31" }))
        .await;
    let costs = &r.data()["projectCostReport"];
    assert_eq!(costs["revenue"], "52000.00");
    assert_eq!(costs["lines"][0]["costCode"], "CC-100");
    assert_eq!(
        costs["lines"][0]["budget"], "27000.00",
        "periods up to March only"
    );
    assert_eq!(costs["lines"][0]["actual"], "20000.00");
    assert_eq!(
        costs["lines"][0]["actualByCostType"][1],
        json!({ "costType": "MATERIALS", "amount": "20000.00" })
    );
    assert_eq!(costs["lines"][0]["variance"], "7000.00");
    assert_eq!(costs["lines"][1]["costCode"], "CC-200");
    assert_eq!(costs["lines"][1]["committed"], "1500.00");
    assert_eq!(costs["lines"][1]["variance"], "-4500.00");
    assert_eq!(costs["totalBudget"], "32000.00");
    assert_eq!(costs["totalActual"], "28000.00");
    assert_eq!(costs["totalCommitted"], "1500.00");
    assert_eq!(costs["totalVariance"], "2500.00");
    let r = app
        .graphql(&user, COSTS, json!({ "d": "2026-02-28" }))
        .await;
    let feb = &r.data()["projectCostReport"];
    assert_eq!(feb["lines"].as_array().map(Vec::len), Some(1), "{feb}");
    assert_eq!(feb["lines"][0]["variance"], "-5000.00");
    assert_eq!(feb["revenue"], "0.00");

    // A site manager reads none of it and sets no budget.
    for (query, vars) in [
        (INCOME, json!({ "f": "2026-03-01", "t": "2026-03-31" })),
        (BALANCE, json!({ "d": "2026-03-31" })),
        (VAT, json!({ "f": "2026-03-01", "t": "2026-03-31" })),
        (COSTS, json!({ "d": "2026-03-31" })),
        ("{ budgets { amount } }", json!({})),
    ] {
        let r = app.graphql(&site, query, vars).await;
        assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
    }
    let body = set_budget(&app, &site, "CC-100", "2026-03", "1.00").await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
    app.stop().await;
}

#[tokio::test]
async fn finance_reports_work_when_finance_runs_as_its_own_service() {
    let app = spawn_app_as(Topology::Split).await;
    chart_projected(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let manager = app.token("mandla", &["Finance_Manager"]);
    post(
        &app,
        &user,
        "2026-03-10",
        "Wages",
        vec![
            line("5000", "DEBIT", "800.00", Some("PRJ-A"), Some("CC-200")),
            line("1000", "CREDIT", "800.00", None, None),
        ],
    )
    .await;
    trial_balance(&app, &user, "2026-03-31", 1).await;
    let body = set_budget(&app, &manager, "CC-200", "2026-03", "1000.00").await;
    assert_eq!(body["data"]["setBudget"]["id"], "PRJ-A", "{body}");
    let r = app
        .graphql(&user, BALANCE, json!({ "d": "2026-03-31" }))
        .await;
    assert_eq!(r.data()["balanceSheet"]["currentYearProfit"], "-800.00");
    assert_eq!(r.data()["balanceSheet"]["balances"], true);
    let costs = eventually("the budget reaches the report", || async {
        let r = app
            .graphql(&user, COSTS, json!({ "d": "2026-03-31" }))
            .await;
        let costs = r.data()["projectCostReport"].clone();
        (costs["totalBudget"] == "1000.00").then_some(costs)
    })
    .await;
    assert_eq!(costs["totalVariance"], "200.00");
    app.stop().await;
}

/// Fails on the old code: it set a budget for any project id, and posted journal lines
/// costed to projects that do not exist.
#[tokio::test]
async fn finance_refuses_budgets_and_lines_for_projects_it_does_not_know() {
    let app = spawn_domains(FINANCE).await;
    chart_projected(&app).await;
    let manager = app.token("fatima", &["Finance_Manager"]);
    let input =
        json!({ "projectId": "nope", "costCode": "CC-100", "period": "2026-03", "amount": "1.00" });
    let r = app
        .graphql(&manager, SET_BUDGET, json!({ "input": input }))
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    assert_eq!(r.body["errors"][0]["message"], "there is no project 'nope'");
    let r = app
        .graphql(
            &manager,
            "mutation($input: PostJournalInput!) { postJournal(input: $input) { id } }",
            json!({ "input": { "date": "2026-03-02", "narrative": "Cement", "lines": [
                line("5000", "DEBIT", "10.00", Some("nope"), None),
                line("1000", "CREDIT", "10.00", None, None) ] } }),
        )
        .await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    assert_eq!(r.body["errors"][0]["message"], "there is no project 'nope'");
    let stored: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM events WHERE aggregate_type IN ('finance.budget', 'finance.journal')",
    )
    .fetch_one(&app.env.finance)
    .await
    .expect("count");
    assert_eq!(stored, 0, "a refused command stores nothing");
    // A project finance knows is accepted.
    let body = set_budget(&app, &manager, "CC-100", "2026-03", "1.00").await;
    assert_eq!(body["data"]["setBudget"]["id"], "PRJ-A", "{body}");
    app.stop().await;
}
