//! Finance's inputs through the real gateway (issue 9): dates outside the business
//! calendar in commands and in queries (finding 5), unbounded text, control characters
//! and bidirectional overrides (finding 8), and lenient numbers (finding 9). Each is
//! `BAD_USER_INPUT` naming the field, and no event is stored for a refused command.

use serde_json::{json, Value};

use crate::finance::{line, post, seeded};
use crate::harness::{spawn_domains, Response, TestApp, FINANCE};

const POST: &str = "mutation($input: PostJournalInput!) { postJournal(input: $input) { id } }";

async fn events(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(&app.env.finance)
        .await
        .expect("events counted")
}

/// Asserts `r` is `BAD_USER_INPUT` whose message names `field`.
fn refused(r: &Response, field: &str, case: &str) {
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{case}: {}", r.body);
    let message = r.body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(field),
        "{case}: the message should name {field}: {message}"
    );
}

/// Sends `query` and asserts it is refused naming `field` with nothing stored.
async fn refused_unstored(
    app: &TestApp,
    token: &str,
    query: &str,
    variables: Value,
    field: &str,
    case: &str,
) {
    let before = events(app).await;
    let r = app.graphql(token, query, variables).await;
    refused(&r, field, case);
    assert_eq!(events(app).await, before, "{case}: no event is stored");
}

/// The customer and the subcontractor the documents below name, as finance knows them.
async fn known_parties(app: &TestApp) {
    app.account_event_known_to_finance(
        "acc-msunduzi",
        "CUSTOMER",
        "Msunduzi Developments (Pty) Ltd",
        None,
    )
    .await;
    app.account_event_known_to_finance("sup-umgeni", "SUBCONTRACTOR", "Umgeni Formwork CC", None)
        .await;
}

fn journal(date: &str, narrative: &str, first: Value) -> Value {
    json!({ "input": { "date": date, "narrative": narrative,
                       "lines": [first, line("4000", "CREDIT", "100.00")] } })
}

#[tokio::test]
async fn journals_dated_outside_the_business_calendar_are_refused_by_name() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    let manager = app.token("thandi", &["Finance_Manager"]);
    let debit = line("1000", "DEBIT", "100.00");
    for date in [
        "0000-01-01",
        "-0001-01-01",
        "+10000-01-01",
        "1899-12-31",
        "2200-01-01",
    ] {
        refused_unstored(
            &app,
            &manager,
            POST,
            journal(date, "Opening balance", debit.clone()),
            "date",
            date,
        )
        .await;
    }
    // The periods such dates fall in are not periods either.
    for period in ["-001-01", "0000-01", "10000-01", "2200-01"] {
        refused_unstored(
            &app,
            &manager,
            "mutation($p: String!) { closePeriod(period: $p) { id } }",
            json!({ "p": period }),
            "period",
            period,
        )
        .await;
    }
    // The calendar's own ends are business dates.
    post(
        &app,
        &manager,
        "1900-01-01",
        "First day",
        vec![debit.clone(), line("4000", "CREDIT", "100.00")],
    )
    .await;
    post(
        &app,
        &manager,
        "2199-12-31",
        "Last day",
        vec![debit, line("4000", "CREDIT", "100.00")],
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn a_reversal_dated_before_the_journal_it_reverses_is_refused() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    let manager = app.token("thandi", &["Finance_Manager"]);
    let lines = vec![
        line("1000", "DEBIT", "100.00"),
        line("4000", "CREDIT", "100.00"),
    ];
    let id = post(&app, &manager, "2026-03-10", "Cement", lines).await;
    let reverse = "mutation($id: ID!, $d: NaiveDate!, $n: String) { reverseJournal(id: $id, date: $d, narrative: $n) { id } }";
    refused_unstored(
        &app,
        &manager,
        reverse,
        json!({ "id": id, "d": "2026-03-09" }),
        "before the date of the journal it reverses",
        "a day early",
    )
    .await;
    refused_unstored(
        &app,
        &manager,
        reverse,
        json!({ "id": id, "d": "+10000-01-01" }),
        "date",
        "far future",
    )
    .await;
    refused_unstored(
        &app,
        &manager,
        reverse,
        json!({ "id": id, "d": "2026-03-11", "n": "x".repeat(9 * 1024) }),
        "narrative",
        "a 9 KB narrative",
    )
    .await;
    let r = app
        .graphql(&manager, reverse, json!({ "id": id, "d": "2026-03-10" }))
        .await;
    assert!(r.data()["reverseJournal"]["id"].is_string(), "{}", r.body);
    app.stop().await;
}

#[tokio::test]
async fn query_dates_outside_the_business_calendar_answer_bad_user_input() {
    let app = spawn_domains(FINANCE).await;
    let manager = app.token("thandi", &["Finance_Manager"]);
    let far = "-9999-01-01";
    for (query, field) in [
        ("query($d: NaiveDate!) { journals(from: $d) { id } }", "from"),
        ("query($d: NaiveDate!) { journals(to: $d) { id } }", "to"),
        ("query($d: NaiveDate!) { trialBalance(asAt: $d) { totalDebit } }", "asAt"),
        ("query($d: NaiveDate!) { ledgerHistory(account: \"1000\", from: $d) { eventType } }", "from"),
        ("query($d: NaiveDate!) { agedDebtors(asAt: $d) { asAt } }", "asAt"),
        ("query($d: NaiveDate!) { agedCreditors(asAt: $d) { asAt } }", "asAt"),
        ("query($d: NaiveDate!) { bankLines(from: $d) { id } }", "from"),
        ("query($d: NaiveDate!) { bankReconciliation(asAt: $d) { difference } }", "asAt"),
        ("query($d: NaiveDate!) { incomeStatement(from: $d, to: \"2026-03-31\") { grossProfit } }", "from"),
        ("query($d: NaiveDate!) { balanceSheet(asAt: $d) { totalAssets } }", "asAt"),
        ("query($d: NaiveDate!) { vatReturn(from: \"2026-03-01\", to: $d) { netPayable } }", "to"),
        ("query($d: NaiveDate!) { projectCostReport(asAt: $d) { asAt } }", "asAt"),
    ] {
        let r = app.graphql(&manager, query, json!({ "d": far })).await;
        refused(&r, field, query);
    }
    app.stop().await;
}

#[tokio::test]
async fn unbounded_text_and_control_characters_are_refused_by_name() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    known_parties(&app).await;
    let manager = app.token("thandi", &["Finance_Manager"]);
    let long = "x".repeat(9 * 1024);
    let debit = |field: &str, value: &str| {
        let mut l = line("1000", "DEBIT", "100.00");
        l[field] = json!(value);
        l
    };
    let ok = line("1000", "DEBIT", "100.00");
    for (variables, field, case) in [
        (
            journal("2026-03-02", &long, ok.clone()),
            "narrative",
            "9 KB narrative",
        ),
        (
            journal("2026-03-02", "Cement\u{202E}gnp.exe", ok.clone()),
            "narrative",
            "bidi override",
        ),
        (
            journal("2026-03-02", "Cement\u{1b}[2J\u{7}", ok.clone()),
            "narrative",
            "ESC and BEL",
        ),
        (
            journal("2026-03-02", "Cement", debit("costCode", &long)),
            "lines[0].costCode",
            "9 KB cost code",
        ),
        (
            journal("2026-03-02", "Cement", debit("costCode", "03\n100")),
            "lines[0].costCode",
            "newline in a cost code",
        ),
        (
            journal("2026-03-02", "Cement", debit("siteId", &long)),
            "lines[0].siteId",
            "9 KB site id",
        ),
        (
            journal("2026-03-02", "Cement", debit("projectId", "PRJ\u{0}1")),
            "lines[0].projectId",
            "NUL in a project id",
        ),
    ] {
        refused_unstored(&app, &manager, POST, variables, field, case).await;
    }
    let open = "mutation($n: String!) { openLedgerAccount(input: { code: \"6900\", name: $n, accountType: EXPENSE }) { id } }";
    refused_unstored(
        &app,
        &manager,
        open,
        json!({ "n": long }),
        "name",
        "9 KB account name",
    )
    .await;
    refused_unstored(
        &app,
        &manager,
        open,
        json!({ "n": "Plant\u{7}" }),
        "name",
        "BEL in an account name",
    )
    .await;
    let rename = "mutation($n: String!) { renameLedgerAccount(code: \"1000\", name: $n) { id } }";
    refused_unstored(
        &app,
        &manager,
        rename,
        json!({ "n": "Bank\nFNB" }),
        "name",
        "newline in an account name",
    )
    .await;

    let close = app
        .graphql(
            &manager,
            "mutation { closePeriod(period: \"2026-02\") { id } }",
            json!({}),
        )
        .await;
    assert!(
        close.data()["closePeriod"]["id"].is_string(),
        "{}",
        close.body
    );
    let reopen = "mutation($r: String!) { reopenPeriod(period: \"2026-02\", reason: $r) { id } }";
    refused_unstored(
        &app,
        &manager,
        reopen,
        json!({ "r": long }),
        "reason",
        "9 KB reason",
    )
    .await;
    refused_unstored(
        &app,
        &manager,
        reopen,
        json!({ "r": "audit\u{202E}" }),
        "reason",
        "bidi in a reason",
    )
    .await;

    let budget = "mutation($c: String!) { setBudget(input: { projectId: \"PRJ-2026-014\", costCode: $c, period: \"2026-03\", amount: \"100.00\" }) { id } }";
    refused_unstored(
        &app,
        &manager,
        budget,
        json!({ "c": long }),
        "costCode",
        "9 KB budget cost code",
    )
    .await;
    let budget_period = "mutation { setBudget(input: { projectId: \"PRJ-2026-014\", costCode: \"03-100\", period: \"0000-01\", amount: \"100.00\" }) { id } }";
    refused_unstored(
        &app,
        &manager,
        budget_period,
        json!({}),
        "period",
        "budget period 0000-01",
    )
    .await;

    let bill = "mutation($input: RecordBillInput!) { recordBill(input: $input) { id } }";
    let bill_input = |reference: &str, description: &str| {
        json!({ "input": {
            "supplierAccountId": "sup-umgeni",
            "supplierReference": reference, "date": "2026-03-31",
            "lines": [{ "accountCode": "5300", "description": description, "quantity": "1",
                        "unitPrice": "100.00", "vatTreatment": "STANDARD" }] } })
    };
    refused_unstored(
        &app,
        &manager,
        bill,
        bill_input(&long, "Shuttering"),
        "supplierReference",
        "9 KB supplier reference",
    )
    .await;
    refused_unstored(
        &app,
        &manager,
        bill,
        bill_input("UF-1", &long),
        "lines[0].description",
        "9 KB line description",
    )
    .await;

    let import = "mutation($csv: String!, $f: String!) { importBankStatement(csv: $csv, fileName: $f) { imported } }";
    let csv = |description: &str| {
        format!("date,description,amount\n2026-03-25,\"{description}\",100.00\n")
    };
    refused_unstored(
        &app,
        &manager,
        import,
        json!({ "csv": csv(&long), "f": "march.csv" }),
        "description",
        "9 KB bank description",
    )
    .await;
    refused_unstored(
        &app,
        &manager,
        import,
        json!({ "csv": csv("EFT\u{1b}[31m"), "f": "march.csv" }),
        "description",
        "ESC in a bank description",
    )
    .await;
    refused_unstored(
        &app,
        &manager,
        import,
        json!({ "csv": csv("EFT 1"), "f": "march\u{202E}vsc.exe" }),
        "fileName",
        "bidi in a file name",
    )
    .await;
    let unreconcile =
        "mutation($r: String!) { unreconcileBankLine(lineId: \"line 1\", reason: $r) { id } }";
    refused_unstored(
        &app,
        &manager,
        unreconcile,
        json!({ "r": "mistake" }),
        "lineId",
        "a line id with a space",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn lenient_numbers_are_refused_and_an_overflow_says_so_plainly() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    known_parties(&app).await;
    let manager = app.token("thandi", &["Finance_Manager"]);
    // Balanced as the old, lenient reading took them, so only the syntax is refused.
    for (amount, credit) in [
        (" 100.00", "100.00"),
        ("100.", "100.00"),
        (".5", "0.50"),
        ("1e2", "100.00"),
        ("+100.00", "100.00"),
    ] {
        let variables = json!({ "input": { "date": "2026-03-02", "narrative": "Cement",
            "lines": [line("1000", "DEBIT", amount), line("4000", "CREDIT", credit)] } });
        refused_unstored(
            &app,
            &manager,
            POST,
            variables,
            "input.lines.0.amount",
            amount,
        )
        .await;
    }
    let raise = "mutation($input: RaiseInvoiceInput!) { raiseInvoice(input: $input) { id } }";
    let invoice = |quantity: &str, price: &str, retention: &str| {
        json!({ "input": {
            "customerAccountId": "acc-msunduzi",
            "date": "2026-03-14", "retentionPercent": retention,
            "lines": [{ "description": "Slab", "quantity": quantity, "unitPrice": price, "vatTreatment": "STANDARD" }] } })
    };
    for (variables, field) in [
        (invoice("1e3", "100.00", "10"), "input.lines.0.quantity"),
        (invoice(" 2", "100.00", "10"), "input.lines.0.quantity"),
        (invoice(".5", "100.00", "10"), "input.lines.0.quantity"),
        (invoice("1", "100.00", "5."), "input.retentionPercent"),
        (
            invoice("1", &format!("{}.00", "9".repeat(30)), "10"),
            "input.lines.0.unitPrice",
        ),
    ] {
        refused_unstored(&app, &manager, raise, variables, field, field).await;
    }
    // Each number fits; their product does not: a clear message, not a garbled one.
    let before = events(&app).await;
    let r = app
        .graphql(
            &manager,
            raise,
            invoice("1000000000", "999999999999999.99", "10"),
        )
        .await;
    refused(&r, "lines[0]: quantity × unit price comes to more than the largest amount accepted (999999999999999.99)", "overflow");
    assert!(!r
        .body
        .to_string()
        .contains("is too large is not a valid amount"));
    assert_eq!(events(&app).await, before);

    let import = "mutation($csv: String!) { importBankStatement(csv: $csv, fileName: \"march.csv\") { imported } }";
    for amount in [" 1.00", "1.", ".5", "1e3"] {
        let csv = format!("date,description,amount\n2026-03-25,EFT 1,{amount}\n");
        refused_unstored(
            &app,
            &manager,
            import,
            json!({ "csv": csv }),
            "amount",
            amount,
        )
        .await;
    }
    app.stop().await;
}
