//! Receivables and payables end to end through the gateway with real tokens: a finance
//! user raises an invoice, records a part payment and an overpayment held on account,
//! reads aged debtors (which equal the trade debtors balance), issues a credit note,
//! releases retention, records and pays a supplier bill; over-allocation and duplicate
//! supplier invoices are refused; a site manager is refused and an auditor only reads.

use constructos::seed;
use constructos_domain::finance::FinancialCalendar;
use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, TestApp, FINANCE};

const RAISE: &str =
    "mutation($input: RaiseInvoiceInput!) { raiseInvoice(input: $input) { id number } }";
const PAY: &str = "mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }";
const AGED_DEBTORS: &str = "query($d: NaiveDate!) { agedDebtors(asAt: $d) { asAt
    lines { counterpartyId counterpartyName
            amounts { current days30 days60 days90 days120Plus onAccount total }
            items { number date open bucket } }
    totals { current days30 days60 days90 days120Plus onAccount total } } }";
const INVOICE: &str =
    "query($id: ID!) { invoice(id: $id) { number amountDue amountOpen retention retentionHeld } }";

/// The chart, and the accounts and project the documents name (created through the
/// gateway and known to finance): the customer, the supplier, the project.
async fn seeded(app: &TestApp) -> (String, String, String) {
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart seeded");
    let customer = app
        .account_known_to_finance("CUSTOMER", "Msunduzi Developments (Pty) Ltd", None)
        .await;
    let supplier = app
        .account_known_to_finance("SUBCONTRACTOR", "Umgeni Formwork CC", Some("4222222222"))
        .await;
    let project = app
        .project_known_to_finance("PRJ-2026-014", "site-pmb")
        .await;
    (customer, supplier, project)
}

/// The id finance's copy knows `name` by.
async fn id_of(app: &TestApp, table: &str, column: &str, value: &str) -> String {
    sqlx::query_scalar(&format!(
        "SELECT id FROM read_model.{table} WHERE {column} = $1"
    ))
    .bind(value)
    .fetch_one(&app.env.finance)
    .await
    .expect("known to finance")
}

/// R10 000 excl. VAT + R1 500 VAT = R11 500; 10% retention excl. VAT R1 000 (its R150
/// VAT deferred to the release); due R9 000 + R1 350 = R10 350.
async fn raise(app: &TestApp, token: &str, date: &str) -> (String, String) {
    let customer = id_of(
        app,
        "known_accounts",
        "name",
        "Msunduzi Developments (Pty) Ltd",
    )
    .await;
    let project = id_of(app, "known_projects", "code", "PRJ-2026-014").await;
    let input = json!({
        "customerAccountId": customer,
        "date": date,
        "retentionPercent": "10",
        "lines": [{ "description": "Progress claim: slab", "quantity": "1", "unitPrice": "10000.00",
                    "vatTreatment": "STANDARD", "projectId": project }]
    });
    let r = app.graphql(token, RAISE, json!({ "input": input })).await;
    let raised = &r.data()["raiseInvoice"];
    (
        raised["id"].as_str().expect("id").to_string(),
        raised["number"].as_str().expect("number").to_string(),
    )
}

async fn aged_debtors(app: &TestApp, token: &str, as_at: &str, total: &str) -> Value {
    eventually(
        &format!("aged debtors as at {as_at} total {total}"),
        || async {
            let r = app
                .graphql(token, AGED_DEBTORS, json!({ "d": as_at }))
                .await;
            let report = r.data()["agedDebtors"].clone();
            (report["totals"]["total"] == total).then_some(report)
        },
    )
    .await
}

async fn invoice_open(app: &TestApp, token: &str, id: &str, open: &str) -> Value {
    eventually(&format!("invoice open {open}"), || async {
        let r = app.graphql(token, INVOICE, json!({ "id": id })).await;
        let invoice = r.data()["invoice"].clone();
        (invoice["amountOpen"] == open).then_some(invoice)
    })
    .await
}

/// Waits until account `code` shows `expected` (debit, credit) as at `as_at`: the
/// journals of different aggregates reach the read model independently.
async fn balance_is(app: &TestApp, token: &str, as_at: &str, code: &str, expected: (&str, &str)) {
    eventually(&format!("{code} as at {as_at} is {expected:?}"), || async {
        let (debit, credit) = balance(app, token, as_at, code).await;
        (debit == expected.0 && credit == expected.1).then_some(())
    })
    .await
}

async fn balance(app: &TestApp, token: &str, as_at: &str, code: &str) -> (String, String) {
    let r = app
        .graphql(
            token,
            "query($d: NaiveDate!) { trialBalance(asAt: $d) { lines { code debit credit } totalDebit totalCredit } }",
            json!({ "d": as_at }),
        )
        .await;
    let tb = &r.data()["trialBalance"];
    assert_eq!(
        tb["totalDebit"], tb["totalCredit"],
        "the trial balance balances"
    );
    let line = tb["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["code"] == code)
        .cloned()
        .unwrap_or(json!({ "debit": "0.00", "credit": "0.00" }));
    (
        line["debit"].as_str().expect("debit").to_string(),
        line["credit"].as_str().expect("credit").to_string(),
    )
}

#[tokio::test]
async fn finance_user_invoices_records_payments_and_reads_aged_debtors() {
    let app = spawn_domains(FINANCE).await;
    let (customer, _supplier, project) = seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let (first, number) = raise(&app, &user, "2026-03-02").await;
    assert_eq!(number, "INV-000001");
    let (second, _) = raise(&app, &user, "2026-04-20").await;

    // Before any payment, as at 15 May: the March invoice is 74 days old, April's 25.
    let report = aged_debtors(&app, &user, "2026-05-15", "20700.00").await;
    let line = &report["lines"][0];
    assert_eq!(line["counterpartyName"], "Msunduzi Developments (Pty) Ltd");
    assert_eq!(line["amounts"]["days60"], "10350.00");
    assert_eq!(line["amounts"]["current"], "10350.00");
    assert_eq!(line["items"][0]["bucket"], "DAYS_60");

    // R12 000 received: R4 000 to the first invoice (a part payment), the rest on account.
    let r = app
        .graphql(
            &user,
            PAY,
            json!({ "input": {
                "direction": "RECEIVED", "counterpartyId": customer, "date": "2026-05-20",
                "amount": "12000.00", "reference": "EFT MSUNDUZI 0042",
                "allocations": [{ "documentId": first, "amount": "4000.00" }] } }),
        )
        .await;
    let payment = r.data()["recordPayment"]["id"]
        .as_str()
        .expect("payment id")
        .to_string();
    invoice_open(&app, &user, &first, "6350.00").await;

    // As at 31 May: 6 350 + 10 350 open, 8 000 on account → 8 700 owed in all, which
    // is exactly the trade debtors balance.
    let report = aged_debtors(&app, &user, "2026-05-31", "8700.00").await;
    assert_eq!(report["totals"]["onAccount"], "8000.00");
    assert_eq!(report["totals"]["days90"], "6350.00");
    assert_eq!(report["totals"]["days30"], "10350.00");
    balance_is(&app, &user, "2026-05-31", "1100", ("8700.00", "0.00")).await;
    // The past is still the past: as at 15 May nothing was paid yet.
    aged_debtors(&app, &user, "2026-05-15", "20700.00").await;

    // Over-allocation is refused on either side, and nothing is written.
    let over = app
        .graphql(
            &user,
            "mutation($p: ID!, $a: [AllocationInput!]!) { allocatePayment(paymentId: $p, date: \"2026-05-21\", allocations: $a) { id } }",
            json!({ "p": payment, "a": [{ "documentId": second, "amount": "8000.01" }] }),
        )
        .await;
    assert_eq!(over.error_code(), Some("BAD_USER_INPUT"));
    assert!(
        over.body.to_string().contains("over-allocation"),
        "{}",
        over.body
    );
    // The money on account settles the second invoice later.
    let later = app
        .graphql(
            &user,
            "mutation($p: ID!, $a: [AllocationInput!]!) { allocatePayment(paymentId: $p, date: \"2026-05-21\", allocations: $a) { id } }",
            json!({ "p": payment, "a": [{ "documentId": second, "amount": "8000.00" }] }),
        )
        .await;
    assert!(later.error_code().is_none(), "{}", later.body);
    invoice_open(&app, &user, &second, "2350.00").await;

    // A credit note of R1 000 + VAT against the first invoice.
    let credit = app
        .graphql(
            &user,
            "mutation($input: IssueCreditNoteInput!) { issueCreditNote(input: $input) { id number } }",
            json!({ "input": { "invoiceId": first, "date": "2026-05-25", "reason": "Snag deduction agreed on site",
                "lines": [{ "description": "Snag deduction", "quantity": "1", "unitPrice": "1000.00",
                            "vatTreatment": "STANDARD", "projectId": project }] } }),
        )
        .await;
    assert_eq!(credit.data()["issueCreditNote"]["number"], "CN-000001");
    invoice_open(&app, &user, &first, "5200.00").await;
    let too_much = app
        .graphql(
            &user,
            "mutation($input: IssueCreditNoteInput!) { issueCreditNote(input: $input) { id number } }",
            json!({ "input": { "invoiceId": first, "date": "2026-05-25", "reason": "Too much",
                "lines": [{ "description": "x", "quantity": "1", "unitPrice": "5000.00", "vatTreatment": "STANDARD" }] } }),
        )
        .await;
    assert_eq!(too_much.error_code(), Some("BAD_USER_INPUT"));

    // Retention released at completion falls due with its VAT, on a release tax
    // invoice numbered from the invoice series (after INV-000001 and INV-000002).
    let more = app
        .graphql(
            &user,
            "mutation($d: ID!) { releaseRetention(documentId: $d, amount: \"1000.01\", date: \"2026-06-30\") { id } }",
            json!({ "d": first }),
        )
        .await;
    assert_eq!(more.error_code(), Some("BAD_USER_INPUT"), "{}", more.body);
    let release = app
        .graphql(
            &user,
            "mutation($d: ID!) { releaseRetention(documentId: $d, amount: \"1000.00\", date: \"2026-06-30\") { id number amount vat amountDue } }",
            json!({ "d": first }),
        )
        .await;
    assert!(release.error_code().is_none(), "{}", release.body);
    let released = &release.data()["releaseRetention"];
    assert_eq!(released["number"], "INV-000003");
    assert_eq!(released["vat"], "150.00");
    assert_eq!(released["amountDue"], "1150.00");
    let invoice = invoice_open(&app, &user, &first, "6350.00").await;
    assert_eq!(invoice["retentionHeld"], "0.00");
    let report = aged_debtors(&app, &user, "2026-06-30", "8700.00").await;
    balance_is(&app, &user, "2026-06-30", "1100", ("8700.00", "0.00")).await;
    assert_eq!(report["totals"]["onAccount"], "0.00");
    // 1150 held 2 × 1000 excl. VAT; 1000 released.
    balance_is(&app, &user, "2026-06-30", "1150", ("1000.00", "0.00")).await;
    // The VAT on the retention is declared in the release's period, not the claim's.
    let june = eventually("the release reaches the VAT return", || async {
        let r = app
            .graphql(
                &user,
                "{ vatReturn(from: \"2026-06-01\", to: \"2026-06-30\") { outputVat supplies { treatment valueExclVat vat } } }",
                json!({}),
            )
            .await;
        let vat = r.data()["vatReturn"].clone();
        (vat["supplies"][0]["valueExclVat"] == "1000.00").then_some(vat)
    })
    .await;
    assert_eq!(june["outputVat"], "150.00");
    assert_eq!(june["supplies"][0]["vat"], "150.00");
    let march = app
        .graphql(
            &user,
            "{ vatReturn(from: \"2026-03-01\", to: \"2026-03-31\") { outputVat supplies { treatment valueExclVat vat } } }",
            json!({}),
        )
        .await;
    let march = &march.data()["vatReturn"];
    assert_eq!(march["outputVat"], "1350.00");
    assert_eq!(march["supplies"][0]["valueExclVat"], "9000.00");
    assert_eq!(march["supplies"][0]["vat"], "1350.00");

    // The auditor's view of the first invoice: its own events, its journal, the
    // payment and credit note that settled it and their journals, the release.
    let expected = [
        "finance.invoice:InvoiceRaised",
        "finance.invoice:InvoiceIssued",
        "finance.invoice:InvoicePaymentAllocated",
        "finance.invoice:InvoiceCredited",
        "finance.invoice:InvoiceRetentionReleased",
        "finance.payment:PaymentRecorded",
        "finance.credit_note:CreditNoteIssued",
        "finance.journal:JournalPosted",
    ];
    let (events, kinds) = eventually("the invoice's whole history", || async {
        let r = app
            .graphql(
                &user,
                "query($d: ID!) { ledgerHistory(document: $d) { aggregateType eventType correlationId causationId subject } }",
                json!({ "d": first }),
            )
            .await;
        let events = r.data()["ledgerHistory"].as_array().cloned().unwrap_or_default();
        let kinds: Vec<String> = events
            .iter()
            .map(|e| {
                let part = |k: &str| e[k].as_str().unwrap_or("").to_string();
                format!("{}:{}", part("aggregateType"), part("eventType"))
            })
            .collect();
        // Four journals: the invoice, the payment, the credit note, the release.
        let journals = kinds.iter().filter(|k| k.ends_with("JournalPosted")).count();
        (expected.iter().all(|e| kinds.iter().any(|k| k == e)) && journals == 4)
            .then_some((events, kinds))
    })
    .await;
    assert!(
        !kinds.iter().any(|k| k.contains("InvoiceNumberAssigned")),
        "numbering is not the document's history"
    );
    for e in &events {
        assert_eq!(e["subject"], "fiona");
        assert_eq!(
            e["causationId"], e["correlationId"],
            "a request causes its own events"
        );
    }
    // The second invoice's history does not include the first's events.
    let second_history = app
        .graphql(
            &user,
            "query($d: ID!) { ledgerHistory(document: $d) { aggregateId } }",
            json!({ "d": second }),
        )
        .await;
    let ids = second_history.data()["ledgerHistory"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!ids.iter().any(|e| e["aggregateId"] == first.as_str()));

    // Who may do what.
    let site = app.token("sipho", &["Site_Manager"]);
    let refused = app
        .graphql(&site, AGED_DEBTORS, json!({ "d": "2026-06-30" }))
        .await;
    assert_eq!(refused.error_code(), Some("FORBIDDEN"));
    let auditor = app.token("ayanda", &["Auditor"]);
    let read = app
        .graphql(&auditor, AGED_DEBTORS, json!({ "d": "2026-06-30" }))
        .await;
    assert_eq!(read.data()["agedDebtors"]["totals"]["total"], "8700.00");
    let post = app
        .graphql(
            &auditor,
            PAY,
            json!({ "input": { "direction": "RECEIVED", "counterpartyId": customer,
                               "date": "2026-06-30", "amount": "1.00" } }),
        )
        .await;
    assert_eq!(post.error_code(), Some("FORBIDDEN"));
    app.stop().await;
}

const BILL: &str = "mutation($input: RecordBillInput!) { recordBill(input: $input) { id } }";

fn bill_input(supplier: &str, project: &str, reference: &str) -> Value {
    json!({
        "supplierAccountId": supplier,
        "supplierReference": reference,
        "date": "2026-03-31",
        "retentionPercent": "5",
        "lines": [
            { "accountCode": "5300", "description": "Shuttering subcontract, March", "quantity": "1",
              "unitPrice": "40000.00", "vatTreatment": "STANDARD", "projectId": project, "costCode": "03-100" }
        ]
    })
}

#[tokio::test]
async fn supplier_bills_carry_input_vat_are_recorded_once_and_are_paid() {
    let app = spawn_domains(FINANCE).await;
    let (_customer, supplier, project) = seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let r = app
        .graphql(
            &user,
            BILL,
            json!({ "input": bill_input(&supplier, &project, "UF-2026-031") }),
        )
        .await;
    let bill = r.data()["recordBill"]["id"]
        .as_str()
        .expect("bill id")
        .to_string();
    // The same supplier invoice number again (spaced and cased differently) is refused.
    let again = app
        .graphql(
            &user,
            BILL,
            json!({ "input": bill_input(&supplier, &project, " uf-2026-031 ") }),
        )
        .await;
    assert_eq!(again.error_code(), Some("BAD_USER_INPUT"), "{}", again.body);
    assert!(again.body.to_string().contains("already been recorded"));

    // R40 000 + R6 000 input VAT = R46 000; 5% retention excl. VAT R2 000 (its R300
    // input VAT claimable at release); due R38 000 + R5 700 = R43 700.
    let read = eventually("the bill reaches the read model", || async {
        let r = app
            .graphql(
                &user,
                "query($id: ID!) { bill(id: $id) { supplierReference vat total retention vatDeferredOnRetention vatNow amountDue amountOpen lines { accountCode costCode } } }",
                json!({ "id": bill }),
            )
            .await;
        let b = r.data()["bill"].clone();
        (!b.is_null()).then_some(b)
    })
    .await;
    assert_eq!(read["vat"], "6000.00");
    assert_eq!(read["total"], "46000.00");
    assert_eq!(read["retention"], "2000.00");
    assert_eq!(read["vatDeferredOnRetention"], "300.00");
    assert_eq!(read["vatNow"], "5700.00");
    assert_eq!(read["amountOpen"], "43700.00");
    assert_eq!(read["lines"][0]["costCode"], "03-100");

    // Paid in part; the supplier's invoice cannot be settled by money received.
    let wrong = app
        .graphql(
            &user,
            PAY,
            json!({ "input": { "direction": "RECEIVED", "counterpartyId": supplier, "date": "2026-04-30",
                               "amount": "100.00", "allocations": [{ "documentId": bill, "amount": "100.00" }] } }),
        )
        .await;
    // Refused before the bill is looked at: money is not received from a subcontractor.
    assert_eq!(wrong.error_code(), Some("BAD_USER_INPUT"), "{}", wrong.body);
    let paid = app
        .graphql(
            &user,
            PAY,
            json!({ "input": { "direction": "MADE", "counterpartyId": supplier, "date": "2026-04-30",
                               "amount": "30000.00", "reference": "UMGENI MAR",
                               "allocations": [{ "documentId": bill, "amount": "30000.00" }] } }),
        )
        .await;
    assert!(paid.error_code().is_none(), "{}", paid.body);

    let aged = eventually("aged creditors show the part payment", || async {
        let r = app
            .graphql(
                &user,
                "{ agedCreditors(asAt: \"2026-05-31\") { lines { counterpartyName amounts { current days60 total } } totals { total } } }",
                json!({}),
            )
            .await;
        let report = r.data()["agedCreditors"].clone();
        (report["totals"]["total"] == "13700.00").then_some(report)
    })
    .await;
    assert_eq!(aged["lines"][0]["counterpartyName"], "Umgeni Formwork CC");
    assert_eq!(aged["lines"][0]["amounts"]["days60"], "13700.00");
    balance_is(&app, &user, "2026-05-31", "2000", ("0.00", "13700.00")).await;
    balance_is(&app, &user, "2026-05-31", "1200", ("5700.00", "0.00")).await;
    balance_is(&app, &user, "2026-05-31", "2050", ("0.00", "2000.00")).await;
    // Releasing the retention to the subcontractor makes it owing with its input VAT,
    // which becomes claimable then.
    let release = app
        .graphql(
            &user,
            "mutation($d: ID!) { releaseRetention(documentId: $d, amount: \"2000.00\", date: \"2026-09-30\") { id number vat amountDue } }",
            json!({ "d": bill }),
        )
        .await;
    assert!(release.error_code().is_none(), "{}", release.body);
    let released = &release.data()["releaseRetention"];
    assert_eq!(released["number"], Value::Null);
    assert_eq!(released["vat"], "300.00");
    assert_eq!(released["amountDue"], "2300.00");
    eventually("retention payable is released", || async {
        let (_, credit) = balance(&app, &user, "2026-09-30", "2000").await;
        (credit == "16000.00").then_some(())
    })
    .await;
    balance_is(&app, &user, "2026-09-30", "1200", ("6000.00", "0.00")).await;
    balance_is(&app, &user, "2026-09-30", "2050", ("0.00", "0.00")).await;
    app.stop().await;
}

const STATEMENT: &str = "Date,Description,Amount,Reference,Balance
2026-05-21,\"EFT MSUNDUZI DEV, INV-000001\",10350.00,EFT MSUNDUZI 0042,110350.00
2026-05-23,UMGENI FORMWORK,-5000.00,umgeni-may,105350.00
2026-05-31,Service fees,-85.50,,105264.50
";

const IMPORT: &str = "mutation($csv: String!) { importBankStatement(csv: $csv, fileName: \"fnb-2026-05.csv\") { imported duplicates reconciled } }";

const RECONCILIATION: &str =
    "{ bankReconciliation(asAt: \"2026-05-31\") { statementTotal ledgerBalance difference
    unreconciledLines { id description amount } unreconciledPayments { id amount reference } } }";

#[tokio::test]
async fn a_bank_statement_is_imported_once_and_reconciled_against_payments() {
    let app = spawn_domains(FINANCE).await;
    let (customer, supplier, _project) = seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let (invoice, _) = raise(&app, &user, "2026-05-02").await;
    let payments = [
        json!({ "direction": "RECEIVED", "counterpartyId": customer, "date": "2026-05-20",
                "amount": "10350.00", "reference": "EFT MSUNDUZI 0042",
                "allocations": [{ "documentId": invoice, "amount": "10350.00" }] }),
        json!({ "direction": "MADE", "counterpartyId": supplier,
                "date": "2026-05-22", "amount": "5000.00", "reference": "UMGENI MAY" }),
        json!({ "direction": "RECEIVED", "counterpartyId": customer, "date": "2026-05-28",
                "amount": "999.99", "reference": "CASH" }),
    ];
    for input in payments {
        let r = app.graphql(&user, PAY, json!({ "input": input })).await;
        assert!(r.error_code().is_none(), "{}", r.body);
    }
    eventually("the payments reach the read model", || async {
        let r = app.graphql(&user, "{ payments { id } }", json!({})).await;
        (r.data()["payments"].as_array().map_or(0, Vec::len) == 3).then_some(())
    })
    .await;

    let first = app
        .graphql(&user, IMPORT, json!({ "csv": STATEMENT }))
        .await;
    assert_eq!(
        first.data()["importBankStatement"],
        json!({ "imported": 3, "duplicates": 0, "reconciled": 2 })
    );
    let again = app
        .graphql(&user, IMPORT, json!({ "csv": STATEMENT }))
        .await;
    assert_eq!(
        again.data()["importBankStatement"],
        json!({ "imported": 0, "duplicates": 3, "reconciled": 0 })
    );

    // Ledger 6 349.99 = statement 5 264.50 + fees not yet journalised 85.50 + the
    // R999.99 received but not yet on a statement.
    let rec = eventually("the reconciliation is complete", || async {
        let r = app.graphql(&user, RECONCILIATION, json!({})).await;
        let rec = r.data()["bankReconciliation"].clone();
        (rec["ledgerBalance"] == "6349.99"
            && rec["statementTotal"] == "5264.50"
            && rec["unreconciledLines"].as_array().map_or(0, Vec::len) == 1)
            .then_some(rec)
    })
    .await;
    assert_eq!(rec["difference"], "0.00");
    assert_eq!(rec["unreconciledLines"][0]["description"], "Service fees");
    assert_eq!(rec["unreconciledPayments"][0]["amount"], "999.99");
    let fees = rec["unreconciledLines"][0]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let stray = rec["unreconciledPayments"][0]["id"]
        .as_str()
        .expect("id")
        .to_string();

    // A person cannot match lines and payments of different amounts.
    let mismatch = app
        .graphql(
            &user,
            "mutation($l: ID!, $p: ID!) { reconcileBankLine(lineId: $l, paymentId: $p) { id } }",
            json!({ "l": fees, "p": stray }),
        )
        .await;
    assert_eq!(mismatch.error_code(), Some("BAD_USER_INPUT"));
    assert!(
        mismatch.body.to_string().contains("-85.50"),
        "{}",
        mismatch.body
    );

    // Undo an automatic match and make it by hand again.
    let lines = app
        .graphql(&user, "{ bankLines { id paymentId method } }", json!({}))
        .await;
    let matched = lines.data()["bankLines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["method"] == "AUTO")
        .cloned()
        .expect("an automatic match");
    let undo = app
        .graphql(
            &user,
            "mutation($l: ID!) { unreconcileBankLine(lineId: $l, reason: \"checking\") { id } }",
            json!({ "l": matched["id"] }),
        )
        .await;
    assert!(undo.error_code().is_none(), "{}", undo.body);
    let redo = app
        .graphql(
            &user,
            "mutation($l: ID!, $p: ID!) { reconcileBankLine(lineId: $l, paymentId: $p) { id } }",
            json!({ "l": matched["id"], "p": matched["paymentId"] }),
        )
        .await;
    assert!(redo.error_code().is_none(), "{}", redo.body);

    // A statement that is not in the format is refused with the line at fault.
    let bad = app
        .graphql(
            &user,
            IMPORT,
            json!({ "csv": "date,description,amount\n2026-05-01,Deposit,1 000.00\n" }),
        )
        .await;
    assert_eq!(bad.error_code(), Some("BAD_USER_INPUT"));
    assert!(bad.body.to_string().contains("line 2"), "{}", bad.body);
    app.stop().await;
}

#[tokio::test]
async fn the_demo_data_has_debtors_and_creditors_of_several_ages_and_is_seeded_once() {
    let app = spawn_domains(FINANCE).await;
    seed::seed(&app.env.identity).await.expect("accounts");
    seed::seed_chart(&app.env.finance, FinancialCalendar::default())
        .await
        .expect("chart seeded");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    let calendar = FinancialCalendar::default();
    let made = seed::seed_finance(
        &app.env.identity,
        &app.env.orders,
        &app.env.finance,
        calendar,
        seed::DEMO_COMPANY.supplier(),
        today,
    )
    .await
    .expect("finance demo");
    assert_eq!(made, 3);
    let again = seed::seed_finance(
        &app.env.identity,
        &app.env.orders,
        &app.env.finance,
        calendar,
        seed::DEMO_COMPANY.supplier(),
        today,
    )
    .await
    .expect("seeding again");
    assert_eq!(again, 0, "seeded once");
    let user = app.token("fiona", &["Finance_User"]);
    let report = eventually("the demo debtors", || async {
        let r = app
            .graphql(&user, AGED_DEBTORS, json!({ "d": "2026-11-25" }))
            .await;
        let report = r.data()["agedDebtors"].clone();
        (report["totals"]["days60"] != "0.00" && report["totals"]["current"] != "0.00")
            .then_some(report)
    })
    .await;
    assert_eq!(report["lines"].as_array().map(Vec::len), Some(1));
    eventually("the demo creditors", || async {
        let r = app
            .graphql(
                &user,
                "{ agedCreditors(asAt: \"2026-11-25\") { totals { days30 } } }",
                json!({}),
            )
            .await;
        (r.data()["agedCreditors"]["totals"]["days30"] != "0.00").then_some(())
    })
    .await;
    app.stop().await;
}

/// Fails on the old code: it recorded bills from, and payments to and from, any account
/// id, with whatever name the caller gave.
#[tokio::test]
async fn finance_refuses_bills_and_payments_naming_accounts_it_does_not_know_or_of_the_wrong_kind()
{
    let app = spawn_domains(FINANCE).await;
    let (customer, supplier, project) = seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let refused = |r: &crate::harness::Response, code: &str| {
        assert_eq!(r.error_code(), Some(code), "{}", r.body);
    };
    // A bill from a supplier finance does not know, or from a customer.
    let r = app
        .graphql(
            &user,
            BILL,
            json!({ "input": bill_input("sup-nope", &project, "X-1") }),
        )
        .await;
    refused(&r, "NOT_FOUND");
    let r = app
        .graphql(
            &user,
            BILL,
            json!({ "input": bill_input(&customer, &project, "X-2") }),
        )
        .await;
    refused(&r, "BAD_USER_INPUT");
    // A payment from a counterparty finance does not know, and of the wrong kind.
    for (direction, counterparty, code) in [
        ("RECEIVED", "acc-nope", "NOT_FOUND"),
        ("MADE", "acc-nope", "NOT_FOUND"),
        ("RECEIVED", supplier.as_str(), "BAD_USER_INPUT"),
        ("MADE", customer.as_str(), "BAD_USER_INPUT"),
    ] {
        let r = app
            .graphql(
                &user,
                PAY,
                json!({ "input": { "direction": direction, "counterpartyId": counterparty,
                                   "date": "2026-04-30", "amount": "100.00" } }),
            )
            .await;
        refused(&r, code);
    }
    let stored: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM events WHERE aggregate_type IN ('finance.bill', 'finance.payment', 'finance.journal')",
    )
    .fetch_one(&app.env.finance)
    .await
    .expect("count");
    assert_eq!(stored, 0, "a refused command stores nothing");
    // The name a payment records is the account's.
    let r = app
        .graphql(
            &user,
            PAY,
            json!({ "input": { "direction": "MADE", "counterpartyId": supplier,
                               "date": "2026-04-30", "amount": "100.00" } }),
        )
        .await;
    assert!(r.error_code().is_none(), "{}", r.body);
    let payments = eventually("the payment is listed", || async {
        let r = app
            .graphql(&user, "{ payments { counterpartyName } }", json!({}))
            .await;
        let list = r.data()["payments"].as_array().cloned().unwrap_or_default();
        (!list.is_empty()).then_some(list)
    })
    .await;
    assert_eq!(payments[0]["counterpartyName"], "Umgeni Formwork CC");
    app.stop().await;
}
