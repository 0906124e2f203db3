//! Customer invoices end to end through the gateway with real tokens: a finance user
//! raises tax invoices and sees every SARS field, the trial balance still balances, a
//! site manager is refused; numbers are gapless under concurrency and raising is
//! idempotent on the invoice id. The recipient is an identity account finance knows
//! (from identity's topic): its name, VAT number and address come from finance's copy,
//! never from the caller; an unknown account, a vendor, or an unknown project is
//! refused and nothing is stored.

use std::collections::BTreeSet;

use constructos::seed;
use constructos_commands::finance::{FinanceCommands, RaiseInvoiceInput};
use constructos_commands::CommandContext;
use constructos_domain::access::Role;
use constructos_domain::finance::{FinancialCalendar, InvoiceLineInput, Rand, VatTreatment};
use constructos_infra::auth::Caller;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, TestApp, FINANCE};

const RAISE: &str = "mutation($input: RaiseInvoiceInput!) { raiseInvoice(input: $input) { id number correlationId } }";

const INVOICE: &str = "query($id: ID!) { invoice(id: $id) { id title number status date
    supplier { name address vatNumber }
    recipient { accountId name address vatNumber }
    lines { description quantity unitPrice vatTreatment valueExclVat vat total projectId }
    totalExclVat vat total retentionPercent retentionBasis retention vatDeferredOnRetention vatNow
    amountDue journalId } }";

/// The customer and project the invoices name, as finance knows them.
struct Named {
    customer: String,
    project: String,
}

/// A customer with a VAT number and a physical address, and project PRJ-2026-014.
async fn named(app: &TestApp) -> Named {
    let customer = app
        .account_known_to_finance(
            "CUSTOMER",
            "Msunduzi Developments (Pty) Ltd",
            Some("4123456789"),
        )
        .await;
    app.account_address_known_to_finance(
        &customer,
        "PHYSICAL",
        &["12 Church Street"],
        "Pietermaritzburg",
        "3201",
    )
    .await;
    let project = app
        .project_known_to_finance("PRJ-2026-014", "site-pmb")
        .await;
    Named { customer, project }
}

fn invoice_input(named: &Named) -> Value {
    json!({
        "customerAccountId": named.customer,
        "date": "2026-03-14",
        "retentionPercent": "10",
        "lines": [
            { "description": "Concrete 30MPa, m³", "quantity": "2.5", "unitPrice": "1899.00", "vatTreatment": "STANDARD", "projectId": named.project },
            { "description": "Tie wire", "quantity": "1", "unitPrice": "0.10", "vatTreatment": "STANDARD" },
            { "description": "Export crating", "quantity": "3", "unitPrice": "1000.00", "vatTreatment": "ZERO_RATED" }
        ]
    })
}

async fn raise(app: &TestApp, token: &str, input: Value) -> (String, String) {
    let r = app.graphql(token, RAISE, json!({ "input": input })).await;
    let raised = &r.data()["raiseInvoice"];
    (
        raised["id"].as_str().expect("id").to_string(),
        raised["number"].as_str().expect("number").to_string(),
    )
}

async fn issued(app: &TestApp, token: &str, id: &str) -> Value {
    eventually("the invoice reaches the read model", || async {
        let r = app.graphql(token, INVOICE, json!({ "id": id })).await;
        let invoice = r.data()["invoice"].clone();
        (invoice["status"] == "ISSUED").then_some(invoice)
    })
    .await
}

async fn seeded(app: &TestApp) {
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart seeded");
}

#[tokio::test]
async fn finance_user_raises_a_tax_invoice_with_every_sars_field_and_the_ledger_balances() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    let named = named(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let (id, number) = raise(&app, &user, invoice_input(&named)).await;
    assert_eq!(number, "INV-000001");
    let invoice = issued(&app, &user, &id).await;
    assert_eq!(invoice["title"], "Tax Invoice");
    assert_eq!(invoice["number"], "INV-000001");
    assert_eq!(invoice["date"], "2026-03-14");
    assert_eq!(
        invoice["supplier"]["name"],
        "ConstructOS Demo Construction (Pty) Ltd"
    );
    assert!(invoice["supplier"]["vatNumber"].as_str().is_some());
    assert!(invoice["supplier"]["address"].as_str().is_some());
    assert_eq!(
        invoice["recipient"],
        json!({ "accountId": named.customer, "name": "Msunduzi Developments (Pty) Ltd",
                "address": "12 Church Street, Pietermaritzburg, 3201", "vatNumber": "4123456789" })
    );
    // 2.5 × 1899.00 = 4747.50, VAT 712.125 → 712.13; 0.10, VAT 0.015 → 0.02; 3000 at 0%.
    let lines = &invoice["lines"];
    assert_eq!(lines[0]["quantity"], "2.5");
    assert_eq!(lines[0]["valueExclVat"], "4747.50");
    assert_eq!(lines[0]["vat"], "712.13");
    assert_eq!(lines[0]["total"], "5459.63");
    assert_eq!(lines[0]["projectId"], named.project.as_str());
    assert_eq!(lines[1]["vat"], "0.02");
    assert_eq!(lines[2]["vatTreatment"], "ZERO_RATED");
    assert_eq!(lines[2]["vat"], "0.00");
    assert_eq!(invoice["totalExclVat"], "7747.60");
    assert_eq!(invoice["vat"], "712.15");
    assert_eq!(invoice["total"], "8459.75");
    // SARS's rule: 10% of the value excl. VAT 7747.60 = 774.76, of which the
    // standard-rated share 474.76 (4747.60 / 7747.60 of it) defers 712.15 × 474.76 /
    // 4747.60 = 71.215 → 71.22 of VAT; the zero-rated 300.00 defers nothing.
    assert_eq!(invoice["retentionBasis"], "EXCL_VAT");
    assert_eq!(invoice["retention"], "774.76");
    assert_eq!(invoice["vatDeferredOnRetention"], "71.22");
    assert_eq!(invoice["vatNow"], "640.93");
    // (7747.60 − 774.76) + 640.93
    assert_eq!(invoice["amountDue"], "7613.77");

    // A second invoice takes the next number; both are listed.
    let (second, number) = raise(&app, &user, invoice_input(&named)).await;
    assert_eq!(number, "INV-000002");
    issued(&app, &user, &second).await;
    let r = app
        .graphql(&user, "{ invoices { number } }", json!({}))
        .await;
    assert_eq!(r.data()["invoices"].as_array().map(Vec::len), Some(2));

    // The journals went through the ledger: the trial balance balances.
    let tb = eventually("both journals are in the trial balance", || async {
        let r = app
            .graphql(
                &user,
                "{ trialBalance(asAt: \"2026-03-31\") { totalDebit totalCredit lines { code debit credit } } }",
                json!({}),
            )
            .await;
        let tb = r.data()["trialBalance"].clone();
        (tb["totalDebit"] == "16777.06").then_some(tb)
    })
    .await;
    assert_eq!(tb["totalCredit"], "16777.06");
    let line = |code: &str| {
        tb["lines"]
            .as_array()
            .and_then(|ls| ls.iter().find(|l| l["code"] == code))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(line("1100")["debit"], "15227.54");
    assert_eq!(line("1150")["debit"], "1549.52");
    assert_eq!(line("4000")["credit"], "15495.20");
    // Only the VAT due now is declared: 2 × 640.93.
    assert_eq!(line("2100")["credit"], "1281.86");

    // Refusals.
    let mut input = invoice_input(&named);
    input["lines"] = json!([]);
    let r = app.graphql(&user, RAISE, json!({ "input": input })).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    let mut input = invoice_input(&named);
    input["retentionPercent"] = json!("25");
    let r = app.graphql(&user, RAISE, json!({ "input": input })).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    let mut input = invoice_input(&named);
    input["lines"][0]["quantity"] = json!("0");
    let r = app.graphql(&user, RAISE, json!({ "input": input })).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    let mut input = invoice_input(&named);
    input["lines"][0]["vatTreatment"] = json!("LUXURY");
    let r = app.graphql(&user, RAISE, json!({ "input": input })).await;
    assert!(r.body.get("errors").is_some(), "{}", r.body);

    // A site manager can neither raise nor read invoices.
    let site = app.token("sipho", &["Site_Manager"]);
    let r = app
        .graphql(&site, RAISE, json!({ "input": invoice_input(&named) }))
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
    let r = app.graphql(&site, "{ invoices { id } }", json!({})).await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
    app.stop().await;
}

#[tokio::test]
async fn finance_invoice_to_an_account_without_vat_number_or_address_shows_neither() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let cash = app
        .account_known_to_finance("CUSTOMER", "Cash customer", None)
        .await;
    let named = Named {
        customer: cash.clone(),
        project: app
            .project_known_to_finance("PRJ-2026-015", "site-dbn")
            .await,
    };
    let mut input = invoice_input(&named);
    input["retentionPercent"] = Value::Null;
    let (id, _) = raise(&app, &user, input).await;
    let invoice = issued(&app, &user, &id).await;
    assert_eq!(
        invoice["recipient"],
        json!({ "accountId": cash, "name": "Cash customer", "address": null, "vatNumber": null })
    );
    assert_eq!(invoice["retention"], "0.00");
    assert_eq!(invoice["amountDue"], invoice["total"]);
    app.stop().await;
}

fn system() -> CommandContext {
    CommandContext::new(
        Caller {
            subject: "system:test".into(),
            object_id: None,
            tenant_id: None,
            name: None,
            username: None,
            roles: vec![Role::FinanceUser],
        },
        "test",
    )
}

fn command_input(customer: &str) -> RaiseInvoiceInput {
    RaiseInvoiceInput {
        customer_account_id: customer.into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 14).expect("date"),
        lines: vec![InvoiceLineInput {
            description: "Concrete".into(),
            quantity: Decimal::ONE,
            unit_price: Rand::cents(100_000),
            vat_treatment: VatTreatment::Standard,
            project_id: None,
            cost_code: None,
        }],
        retention_percent: None,
        retention_amount: None,
    }
}

#[tokio::test]
async fn finance_invoice_numbers_have_no_gaps_or_duplicates_under_concurrency() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    let customer = app
        .account_known_to_finance("CUSTOMER", "Msunduzi Developments", None)
        .await;
    let commands = FinanceCommands::new(
        app.env.finance.clone(),
        FinancialCalendar::default(),
        seed::DEMO_COMPANY.supplier(),
    );
    let ctx = system();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let (commands, ctx, customer) = (commands.clone(), ctx.clone(), customer.clone());
        tasks.spawn(async move { commands.raise_invoice(&ctx, command_input(&customer)).await });
    }
    let mut numbers = BTreeSet::new();
    while let Some(done) = tasks.join_next().await {
        let issued = done.expect("task").expect("raised");
        numbers.insert(issued.number);
    }
    let expected: BTreeSet<String> = (1..=6).map(|n| format!("INV-{n:06}")).collect();
    assert_eq!(numbers, expected);

    // Raising the same id again raises nothing and keeps its number.
    let first = commands
        .raise_invoice_with_id(&ctx, "inv-fixed", command_input(&customer))
        .await
        .expect("raised");
    let again = commands
        .raise_invoice_with_id(&ctx, "inv-fixed", command_input(&customer))
        .await
        .expect("answered");
    assert_eq!(first.number, "INV-000007");
    assert!(!first.already_issued);
    assert_eq!(again.number, "INV-000007");
    assert!(again.already_issued);
    let numbered: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM events WHERE aggregate_type = 'finance.invoice_numbering'",
    )
    .fetch_one(&app.env.finance)
    .await
    .expect("count");
    assert_eq!(numbered, 7);
    // Invoices, their number series and their journals are all sealed in hash chains.
    let verified = constructos_commands::finance::verify_ledger(&app.env.finance)
        .await
        .expect("verification ran");
    assert_eq!(verified.broken, None);
    assert_eq!(
        verified.streams,
        27 + 7 + 1 + 7,
        "accounts, invoices, INV, journals"
    );
    app.stop().await;
}

async fn finance_events(app: &TestApp, aggregate_type: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1")
        .bind(aggregate_type)
        .fetch_one(&app.env.finance)
        .await
        .expect("count")
}

/// Fails on the old code: it raised an invoice to any account id with whatever name,
/// VAT number and address the caller sent.
#[tokio::test]
async fn finance_refuses_invoices_to_accounts_and_projects_it_does_not_know() {
    let app = spawn_domains(FINANCE).await;
    seeded(&app).await;
    let named = named(&app).await;
    let user = app.token("fiona", &["Finance_User"]);

    // An account finance has never heard of: NOT_FOUND, nothing stored.
    let mut input = invoice_input(&named);
    input["customerAccountId"] = json!("acc-does-not-exist");
    let r = app.graphql(&user, RAISE, json!({ "input": input })).await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    assert_eq!(
        r.body["errors"][0]["message"],
        "there is no customer, vendor or subcontractor account 'acc-does-not-exist'"
    );

    // A vendor is not a customer; an archived customer takes no new invoice.
    let vendor = app
        .account_known_to_finance("VENDOR", "Highveld Cement & Aggregates", None)
        .await;
    let mut input = invoice_input(&named);
    input["customerAccountId"] = json!(vendor);
    let r = app.graphql(&user, RAISE, json!({ "input": input })).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("is a vendor account")),
        "{}",
        r.body
    );

    // A line costed to a project that does not exist: NOT_FOUND.
    let mut input = invoice_input(&named);
    input["lines"][0]["projectId"] = json!("nope");
    let r = app.graphql(&user, RAISE, json!({ "input": input })).await;
    assert_eq!(r.error_code(), Some("NOT_FOUND"), "{}", r.body);
    assert_eq!(r.body["errors"][0]["message"], "there is no project 'nope'");

    // The caller cannot choose the recipient's name or VAT number any more.
    let mut input = invoice_input(&named);
    input["customer"] = json!({ "accountId": named.customer, "name": "Someone Else (Pty) Ltd", "vatNumber": "4999999999" });
    let r = app.graphql(&user, RAISE, json!({ "input": input })).await;
    assert!(r.body.get("errors").is_some(), "{}", r.body);

    // An archived customer takes no new invoice (the status reaches finance's copy
    // from identity's topic).
    let archived = app
        .account_known_to_finance("CUSTOMER", "Closed Down (Pty) Ltd", None)
        .await;
    let admin = app.token("harness-admin", &["Admin"]);
    app.graphql(
        &admin,
        "mutation($id: ID!) { changeAccountStatus(id: $id, status: ARCHIVED, reason: \"Liquidated\") { id } }",
        json!({ "id": archived }),
    )
    .await
    .data();
    eventually("finance knows the account is archived", || async {
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM read_model.known_accounts WHERE id = $1")
                .bind(&archived)
                .fetch_optional(&app.env.finance)
                .await
                .expect("status");
        (status.as_deref() == Some("ARCHIVED")).then_some(())
    })
    .await;
    let mut input = invoice_input(&named);
    input["customerAccountId"] = json!(archived);
    let r = app.graphql(&user, RAISE, json!({ "input": input })).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("is archived")),
        "{}",
        r.body
    );

    // None of the refusals stored anything.
    assert_eq!(finance_events(&app, "finance.invoice").await, 0);
    assert_eq!(finance_events(&app, "finance.invoice_numbering").await, 0);
    assert_eq!(finance_events(&app, "finance.journal").await, 0);

    // The account's own facts are what the invoice shows.
    let (id, _) = raise(&app, &user, invoice_input(&named)).await;
    let invoice = issued(&app, &user, &id).await;
    assert_eq!(
        invoice["recipient"]["name"],
        "Msunduzi Developments (Pty) Ltd"
    );
    assert_eq!(invoice["recipient"]["vatNumber"], "4123456789");
    app.stop().await;
}
