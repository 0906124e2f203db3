//! Real objects for the fuzzer to aim at: the chart of accounts, three accounts, a
//! contact, leads, a project, an employee, a journal, an invoice, a bill, a payment, a
//! budget, a bank statement and the users. Their ids fill the pools that ID arguments
//! draw from, so generated commands reach the code behind "not found".
//!
//! Seeding is best-effort: a step the code under change refuses is reported and skipped
//! (the fuzz pass then has fewer real ids, never a false failure).

use constructos::seed;
use constructos_domain::finance::chart::DEFAULT_CHART;
use constructos_domain::finance::FinancialCalendar;
use serde_json::{json, Value};

use super::values::Pools;
use crate::harness::TestApp;

/// Sends one seeding request; its answer's data, or `None` (logged) when refused.
async fn step(app: &TestApp, token: &str, query: &str, variables: Value) -> Option<Value> {
    let r = app.graphql(token, query, variables).await;
    if r.body.get("errors").is_some() {
        eprintln!(
            "fuzz seed: skipped a step the server refused: {query}\n  {}",
            r.body
        );
        return None;
    }
    Some(r.body["data"].clone())
}

fn text(data: &Option<Value>, pointer: &str) -> Option<String> {
    data.as_ref()?
        .pointer(pointer)?
        .as_str()
        .map(str::to_string)
}

/// Seeds the objects as `admin` and answers the pools.
pub async fn seed(app: &TestApp, admin: &str, subjects: Vec<String>) -> Pools {
    let mut pools = Pools {
        subjects,
        ..Pools::default()
    };
    let opened = match seed::seed_chart(&app.env.finance, FinancialCalendar::default()).await {
        Ok(n) => n,
        Err(e) => {
            eprintln!("fuzz seed: the chart of accounts was not seeded: {e:#}");
            0
        }
    };
    // The chart's codes, and any the read model knows besides.
    pools.ledger_codes = DEFAULT_CHART.iter().map(|e| e.code.to_string()).collect();
    let _ = read_ids(
        app,
        admin,
        "{ ledgerAccounts { code } }",
        "ledgerAccounts",
        "code",
        opened,
    )
    .await;

    let create = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }";
    let mut accounts = Vec::new();
    for (kind, name, vat) in [
        ("CUSTOMER", "Msunduzi Civils (Pty) Ltd", "4111111111"),
        ("VENDOR", "Highveld Cement Ltd", "4222222222"),
        ("SUBCONTRACTOR", "Umgeni Formwork CC", "4333333333"),
    ] {
        let d = step(
            app,
            admin,
            create,
            json!({ "input": { "kind": kind, "name": name, "vatNumber": vat } }),
        )
        .await;
        accounts.push(text(&d, "/createAccount/id"));
    }
    let customer = accounts[0].clone().unwrap_or_else(|| "acc-missing".into());
    let vendor = accounts[1].clone().unwrap_or_else(|| "acc-missing".into());

    let contact = step(
        app,
        admin,
        "mutation($input: CreateContactInput!) { createContact(input: $input) { id } }",
        json!({ "input": { "accountId": customer, "firstName": "Sipho", "lastName": "Dlamini", "email": "sipho@msunduzi.co.za" } }),
    )
    .await;
    let capture = "mutation($input: CaptureLeadInput!) { captureLead(input: $input) { id } }";
    let mut leads = Vec::new();
    for company in ["Ridge Developments", "Karoo Solar"] {
        let d = step(app, admin, capture, json!({ "input": { "companyName": company, "contactFirstName": "Lindiwe", "contactLastName": "Nkosi", "source": "REFERRAL" } })).await;
        leads.push(text(&d, "/captureLead/id"));
    }
    if let Some(lead) = &leads[0] {
        step(
            app,
            admin,
            "mutation($id: ID!) { qualifyLead(id: $id) { id } }",
            json!({ "id": lead }),
        )
        .await;
    }

    let project = step(
        app,
        admin,
        "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
        json!({ "input": { "code": "PRJ-FUZZ-1", "name": "Menlyn Maine phase 2", "customerAccountId": customer,
                           "siteId": "SITE-PTA", "siteName": "Menlyn", "startsOn": "2026-01-15" } }),
    )
    .await;
    pools.projects.push("PRJ-FUZZ-1".into());
    let project_id = text(&project, "/createProject/id");
    let employee = step(
        app,
        admin,
        "mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }",
        json!({ "input": { "employeeNumber": "E-FUZZ-1", "firstName": "Bongani", "lastName": "Zulu",
                           "jobTitle": "Artisan", "hiredOn": "2025-02-01", "siteId": "SITE-PTA" } }),
    )
    .await;
    let journal = step(
        app,
        admin,
        "mutation($input: PostJournalInput!) { postJournal(input: $input) { id } }",
        json!({ "input": { "date": "2026-03-10", "narrative": "Cement on credit", "lines": [
            { "accountCode": "5100", "side": "DEBIT", "amount": "1000.00", "projectId": "PRJ-FUZZ-1" },
            { "accountCode": "2000", "side": "CREDIT", "amount": "1000.00" } ] } }),
    )
    .await;
    let invoice = step(
        app,
        admin,
        "mutation($input: RaiseInvoiceInput!) { raiseInvoice(input: $input) { id } }",
        json!({ "input": { "customer": { "accountId": customer, "name": "Msunduzi Civils (Pty) Ltd", "vatNumber": "4111111111", "address": "1 Church St, Pietermaritzburg" },
                           "date": "2026-03-15", "retentionPercent": "5", "lines": [
            { "description": "Progress claim 1", "quantity": "1", "unitPrice": "10000.00", "vatTreatment": "STANDARD", "projectId": "PRJ-FUZZ-1", "costCode": "03-100" } ] } }),
    )
    .await;
    let invoice_id = text(&invoice, "/raiseInvoice/id");
    let bill = step(
        app,
        admin,
        "mutation($input: RecordBillInput!) { recordBill(input: $input) { id } }",
        json!({ "input": { "supplier": { "accountId": vendor, "name": "Highveld Cement Ltd", "vatNumber": "4222222222" },
                           "supplierReference": "HC-0001", "date": "2026-03-20", "lines": [
            { "accountCode": "5100", "description": "Cement, 50 kg", "quantity": "20", "unitPrice": "95.00", "vatTreatment": "STANDARD", "projectId": "PRJ-FUZZ-1", "costCode": "03-100" } ] } }),
    )
    .await;
    let allocations = match &invoice_id {
        Some(id) => json!([{ "documentId": id, "amount": "500.00" }]),
        None => json!([]),
    };
    let payment = step(
        app,
        admin,
        "mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }",
        json!({ "input": { "direction": "RECEIVED", "counterpartyId": customer, "date": "2026-03-25",
                           "amount": "1500.00", "reference": "EFT MSUNDUZI 1", "allocations": allocations } }),
    )
    .await;
    step(
        app,
        admin,
        "mutation($input: SetBudgetInput!) { setBudget(input: $input) { id } }",
        json!({ "input": { "projectId": "PRJ-FUZZ-1", "costCode": "03-100", "period": "2026-03", "amount": "50000.00" } }),
    )
    .await;
    let statement = step(
        app,
        admin,
        "mutation($csv: String!) { importBankStatement(csv: $csv, fileName: \"fuzz.csv\") { statementId } }",
        json!({ "csv": "date,description,amount,reference\n2026-03-26,EFT MSUNDUZI,1500.00,EFT MSUNDUZI 1\n2026-03-27,Fees,-85.50,\n" }),
    )
    .await;
    step(
        app,
        admin,
        "mutation { closePeriod(period: \"2025-01\") { id } }",
        json!({}),
    )
    .await;

    let labelled = accounts
        .into_iter()
        .map(|id| ("account", id))
        .chain(leads.into_iter().map(|id| ("lead", id)))
        .chain([
            ("contact", text(&contact, "/createContact/id")),
            ("project", project_id.clone()),
            ("employee", text(&employee, "/hireEmployee/id")),
            ("journal", text(&journal, "/postJournal/id")),
            ("invoice", invoice_id),
            ("bill", text(&bill, "/recordBill/id")),
            ("payment", text(&payment, "/recordPayment/id")),
            (
                "statement",
                text(&statement, "/importBankStatement/statementId"),
            ),
        ]);
    for (label, id) in labelled {
        if let Some(id) = id {
            pools.add_id(label, &id);
        }
    }
    if let Some(id) = project_id {
        pools.projects.push(id);
    }
    for id in read_ids(app, admin, "{ users { id } }", "users", "id", 1).await {
        pools.add_id("user", &id);
    }
    for id in read_ids(app, admin, "{ bankLines { id } }", "bankLines", "id", 2).await {
        pools.add_id("bank line", &id);
    }
    pools
}

/// The `field`s of the list `list` that `query` answers, once there are at least `want`
/// (the read models catch up asynchronously); what there is after five seconds otherwise.
async fn read_ids(
    app: &TestApp,
    admin: &str,
    query: &str,
    list: &str,
    field: &str,
    want: usize,
) -> Vec<String> {
    let mut ids = Vec::new();
    for _ in 0..50 {
        let d = step(app, admin, query, json!({})).await;
        ids = d
            .as_ref()
            .and_then(|d| d[list].as_array())
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i[field].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if ids.len() >= want {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    ids
}
