//! The public contracts in `schemas/` match the code: the GraphQL SDL, and one JSON
//! Schema per event type and version that every emitted event validates against.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::Utc;
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use cqrs_es::DomainEvent;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::event_samples::{
    account_samples, bank_samples, bill_samples, contact_samples, credit_note_samples,
    employee_samples, invoice_samples, journal_samples, lead_samples, ledger_account_samples,
    numbering_samples, payment_samples, period_samples, project_samples, shipment_completed_sample,
    user_samples,
};
use crate::harness::{eventually, read_messages, spawn_app};

fn schemas_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("schemas")
}

fn load(path: &str) -> Value {
    let file = schemas_dir().join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).expect("schema is JSON")
}

/// Validates an envelope and its data against their schemas, naming what failed.
pub(crate) fn assert_valid(event: &Value) {
    let envelope =
        jsonschema::validator_for(&load("events/cloudevent.v1.json")).expect("envelope schema");
    let errors: Vec<String> = envelope.iter_errors(event).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "envelope of {event}: {errors:?}");
    let schema = event["dataschema"]
        .as_str()
        .and_then(|s| s.strip_prefix("urn:constructos:schemas:"))
        .expect("dataschema names a schema file");
    let validator = jsonschema::validator_for(&load(schema)).expect("data schema");
    let errors: Vec<String> = validator
        .iter_errors(&event["data"])
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "data of {event}: {errors:?}");
}

fn envelope<E: DomainEvent>(aggregate_type: &str, event: &E) -> Value {
    let stored = StoredEvent {
        event_id: Uuid::new_v4(),
        aggregate_type: aggregate_type.to_string(),
        aggregate_id: "agg-1".to_string(),
        sequence: 1,
        event_type: event.event_type(),
        event_version: event.event_version(),
        // Serialized exactly as postgres-es stores it.
        payload: serde_json::to_value(event).expect("payload"),
        metadata: json!({ "correlation_id": "c-1", "subject": "alice" }),
        recorded_at: Utc::now(),
    };
    let domain = aggregate_type.split('.').next().expect("domain.aggregate");
    serde_json::to_value(CloudEvent::from_stored(domain, stored)).expect("envelope")
}

#[test]
fn every_event_type_has_a_schema_and_its_samples_validate() {
    let mut covered = BTreeSet::new();
    let mut check = |event: Value| {
        assert_valid(&event);
        covered.insert(
            event["dataschema"]
                .as_str()
                .expect("schema")
                .trim_start_matches("urn:constructos:schemas:")
                .to_string(),
        );
    };
    for e in account_samples() {
        check(envelope("identity.account", &e));
    }
    for e in contact_samples() {
        check(envelope("identity.contact", &e));
    }
    for e in user_samples() {
        check(envelope("identity.user", &e));
    }
    for e in lead_samples() {
        check(envelope("identity.lead", &e));
    }
    for e in project_samples() {
        check(envelope("orders.project", &e));
    }
    for e in employee_samples() {
        check(envelope("hr.employee", &e));
    }
    for e in crate::compliance_samples::inspection_samples() {
        check(envelope("compliance.inspection", &e));
    }
    for e in crate::compliance_samples::incident_samples() {
        check(envelope("compliance.incident", &e));
    }
    for e in crate::compliance_samples::ticket_samples() {
        check(envelope("compliance.ticket", &e));
    }
    for e in crate::hr_samples::leave_samples() {
        check(envelope("hr.leave_book", &e));
    }
    for e in crate::hr_samples::timesheet_samples() {
        check(envelope("hr.timesheet", &e));
    }
    for e in crate::hr_samples::pay_run_samples() {
        check(envelope("hr.pay_run", &e));
    }
    for e in crate::event_samples::opportunity_samples() {
        check(envelope("sales.opportunity", &e));
    }
    for e in crate::event_samples::quote_samples() {
        check(envelope("sales.quote", &e));
    }
    for e in crate::event_samples::pipeline_stage_samples() {
        check(envelope("sales.pipeline_stages", &e));
    }
    for e in crate::marketing_samples::campaign_samples() {
        check(envelope("sales.campaign", &e));
    }
    for e in crate::marketing_samples::lead_profile_samples() {
        check(envelope("sales.lead_profile", &e));
    }
    for e in crate::marketing_samples::scoring_samples() {
        check(envelope("sales.lead_scoring", &e));
    }
    for e in crate::event_samples::stock_samples() {
        check(envelope("inventory.stock", &e));
    }
    for e in crate::event_samples::product_samples() {
        check(envelope("inventory.product", &e));
    }
    for e in crate::event_samples::location_samples() {
        check(envelope("inventory.location", &e));
    }
    for e in crate::event_samples::transfer_samples() {
        check(envelope("inventory.transfer", &e));
    }
    for e in crate::event_samples::count_samples() {
        check(envelope("inventory.count", &e));
    }
    for e in crate::event_samples::equipment_samples() {
        check(envelope("inventory.equipment", &e));
    }
    for e in ledger_account_samples() {
        check(envelope("finance.ledger_account", &e));
    }
    for e in journal_samples() {
        check(envelope("finance.journal", &e));
    }
    for e in period_samples() {
        check(envelope("finance.period", &e));
    }
    for e in invoice_samples() {
        check(envelope("finance.invoice", &e));
    }
    for e in numbering_samples() {
        check(envelope("finance.invoice_numbering", &e));
    }
    for e in bill_samples() {
        check(envelope("finance.bill", &e));
    }
    for e in credit_note_samples() {
        check(envelope("finance.credit_note", &e));
    }
    for e in payment_samples() {
        check(envelope("finance.payment", &e));
    }
    for e in bank_samples() {
        check(envelope("finance.bank_account", &e));
    }
    for e in crate::event_samples::ledger_anchor_samples() {
        check(envelope("finance.ledger_anchor", &e));
    }
    for e in crate::event_samples::budget_samples() {
        check(envelope("finance.budget", &e));
    }
    for e in crate::event_samples::sales_order_samples() {
        check(envelope("orders.sales_order", &e));
    }
    for e in crate::event_samples::purchase_order_samples() {
        check(envelope("orders.purchase_order", &e));
    }
    for e in crate::event_samples::order_numbering_samples() {
        check(envelope("orders.numbering", &e));
    }
    // As finance's unit-level tests publish it by hand.
    let shipment = shipment_completed_sample(
        "SHP-1",
        json!({ "account_id": "acc-1", "name": "Msunduzi Developments", "vat_number": null }),
    );
    check(serde_json::to_value(shipment).expect("envelope"));
    let claim = crate::event_samples::progress_claim_approved_sample(
        "CLM-1",
        "PC-001",
        "2026-03-31",
        &[
            ("3.1", "100000.00", "STANDARD"),
            ("3.2", "0.00", "ZERO_RATED"),
        ],
        "10000.00",
    );
    check(serde_json::to_value(claim).expect("envelope"));
    let release =
        crate::event_samples::project_retention_released_sample("REL-1", "2026-09-30", "5000.00");
    check(serde_json::to_value(release).expect("envelope"));
    let order = crate::event_samples::purchase_order_approved_sample(
        "PO-1",
        "acc-umgeni",
        "PRJ-2026-014",
        &[("100", "95.50"), ("2.5", "1899.00")],
    );
    check(serde_json::to_value(order).expect("envelope"));
    let received = crate::event_samples::goods_received_sample("PO-1");
    check(serde_json::to_value(received).expect("envelope"));
    for ended in ["PurchaseOrderCancelled", "PurchaseOrderClosed"] {
        let event = crate::event_samples::purchase_order_ended_sample("PO-1", ended);
        check(serde_json::to_value(event).expect("envelope"));
    }
    let mut on_disk = BTreeSet::new();
    for domain in [
        "identity",
        "orders",
        "hr",
        "finance",
        "sales",
        "inventory",
        "compliance",
    ] {
        for file in
            std::fs::read_dir(schemas_dir().join("events").join(domain)).expect("schema folder")
        {
            on_disk.insert(format!(
                "events/{domain}/{}",
                file.expect("entry").file_name().to_string_lossy()
            ));
        }
    }
    assert_eq!(
        covered, on_disk,
        "one schema per event type and version, no orphans"
    );
}

#[test]
fn a_payload_that_breaks_the_contract_is_caught() {
    let mut event = envelope("identity.account", &account_samples()[0]);
    event["data"]["vat_number"] = json!("12345");
    let schema = load("events/identity/AccountCreated.v1.json");
    assert!(!jsonschema::is_valid(&schema, &event["data"]));
}

#[test]
fn the_checked_in_sdl_matches_the_running_schema() {
    let path = schemas_dir().join("graphql").join("schema.graphql");
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    let current = constructos_gateway::sdl();
    assert!(
        checked_in == current,
        "schemas/graphql/schema.graphql is out of date: run `constructos print-schema > schemas/graphql/schema.graphql`"
    );
}

#[tokio::test]
async fn every_event_the_system_emits_validates_against_its_schema() {
    let app = spawn_app().await;
    let reader = app.env.topic_reader();
    let token = app.token("contracts", &["Admin"]);
    let id = app
        .graphql(
            &token,
            "mutation { createAccount(input: { kind: VENDOR, name: \"Karoo Plant Hire\", vatNumber: \"4320456781\" }) { id } }",
            json!({}),
        )
        .await
        .data()["createAccount"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let steps = [
        ("mutation($id: ID!) { updateAccountDetails(id: $id, input: { name: \"Karoo Plant Hire (Pty) Ltd\", registrationNumber: \"2005/334455/07\" }) { id } }", json!({ "id": id })),
        ("mutation($id: ID!) { changeAccountStatus(id: $id, status: ON_HOLD) { id } }", json!({ "id": id })),
    ];
    for (query, vars) in steps {
        app.graphql(&token, query, vars).await.data();
    }
    let contact = app
        .graphql(
            &token,
            "mutation($id: ID!) { createContact(input: { accountId: $id, firstName: \"Anele\", lastName: \"Mokoena\" }) { id } }",
            json!({ "id": id }),
        )
        .await
        .data()["createContact"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    app.graphql(
        &token,
        "mutation($id: ID!) { updateContactDetails(id: $id, input: { firstName: \"Anele\", lastName: \"Mokoena\", jobTitle: \"Hire Controller\" }) { id } }",
        json!({ "id": contact }),
    )
    .await
    .data();

    // The user events: first sign-in (already happened), a changed name, link, assign.
    let renamed = app
        .issuer
        .mint(&constructos_infra::auth::TokenRequest {
            subject: "contracts".into(),
            name: Some("Contracts Tester".into()),
            roles: vec!["Admin".into()],
            ttl: std::time::Duration::from_secs(600),
        })
        .expect("token");
    // A fresh gateway process would refresh on first sight; this one has seen the user,
    // so refresh through the service directly, as a new process would.
    let user_id = app
        .graphql(&renamed, "{ me { objectId } }", json!({}))
        .await
        .data()["me"]["objectId"]
        .as_str()
        .expect("oid")
        .to_string();
    let service = constructos_services::identity::IdentityService::new(app.env.identity.clone());
    let caller = constructos_infra::auth::Caller {
        subject: "contracts".into(),
        object_id: Some(user_id.clone()),
        tenant_id: None,
        name: Some("Contracts Tester".into()),
        username: None,
        roles: vec![],
    };
    let call = constructos_services::Call {
        context: constructos_commands::CommandContext::new(caller, "contracts"),
        token: renamed.clone(),
    };
    constructos_services::identity::IdentityClient::local(service)
        .call(&call, constructos_services::identity::ProvisionSelf)
        .await
        .expect("refresh");
    // A link and an assignment name a real employee and project, once identity knows them.
    let employee = app
        .graphql(
            &token,
            "mutation { hireEmployee(input: { employeeNumber: \"EMP-0007\", firstName: \"Sam\", lastName: \"Ndlovu\", jobTitle: \"Foreman\", hiredOn: \"2025-02-01\" }) { id } }",
            json!({}),
        )
        .await
        .data()["hireEmployee"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let project = app
        .graphql(
            &token,
            "mutation { createProject(input: { code: \"PRJ-CONTRACT-1\", name: \"Contracts\", siteId: \"S-1\", siteName: \"Site 1\" }) { id } }",
            json!({}),
        )
        .await
        .data()["createProject"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    app.until_known(&app.env.identity, "known_employees", &employee)
        .await;
    app.until_known(&app.env.identity, "known_projects", &project)
        .await;
    app.graphql(
        &token,
        "mutation($id: ID!) { linkUser(id: $id, employeeId: \"EMP-0007\") { id } }",
        json!({ "id": user_id }),
    )
    .await
    .data();
    app.graphql(
        &token,
        "mutation($id: ID!, $p: String!) { assignUser(id: $id, projects: [$p], sites: [\"S-1\"]) { id } }",
        json!({ "id": user_id, "p": project }),
    )
    .await
    .data();

    emit_the_further_identity_events(&app, &token, &id, &contact).await;

    let all_types = account_samples().len()
        + contact_samples().len()
        + user_samples().len()
        + lead_samples().len();
    let messages = read_messages(&reader, |seen| {
        seen.iter()
            .map(|(_, b)| b["type"].to_string())
            .collect::<BTreeSet<_>>()
            .len()
            >= all_types
    })
    .await;
    let types: BTreeSet<&str> = messages
        .iter()
        .map(|(_, b)| b["type"].as_str().expect("type"))
        .collect();
    assert_eq!(
        types.len(),
        all_types,
        "every event type was emitted: {types:?}"
    );
    for (_, body) in &messages {
        assert_valid(body);
    }
    app.stop().await;
}

/// Account and contact facts beyond the first ones, a subcontractor's grading, and a
/// lead's whole life: one of every remaining event type, through the gateway.
async fn emit_the_further_identity_events(
    app: &crate::harness::TestApp,
    token: &str,
    vendor: &str,
    contact: &str,
) {
    let subcontractor = app
        .graphql(
            token,
            "mutation { createAccount(input: { kind: SUBCONTRACTOR, name: \"Mzansi Electrical\" }) { id } }",
            json!({}),
        )
        .await
        .data()["createAccount"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let steps = [
        ("mutation($id: ID!) { changeAccountTradingName(id: $id, tradingName: \"Karoo Hire\") { id } }", vendor),
        ("mutation($id: ID!) { changeAccountTaxReference(id: $id, taxReference: \"9123456789\") { id } }", vendor),
        ("mutation($id: ID!) { certifyBbbee(id: $id, level: LEVEL_2, certificateExpiresOn: \"2026-02-28\") { id } }", vendor),
        ("mutation($id: ID!) { changeAccountAddress(id: $id, type: PHYSICAL, address: { lines: [\"3 Kerk Street\"], city: \"Beaufort West\", province: WESTERN_CAPE, postalCode: \"6970\" }) { id } }", vendor),
        ("mutation($id: ID!) { changeAccountPaymentTerms(id: $id, days: 60, basis: FROM_INVOICE) { id } }", vendor),
        ("mutation($id: ID!) { gradeCidb(id: $id, designation: \"6EB\") { id } }", subcontractor.as_str()),
        ("mutation($id: ID!) { changeContactRoles(id: $id, roles: [SITE_AGENT]) { id } }", contact),
        ("mutation($id: ID!) { changeContactPreferences(id: $id, input: { email: true, phone: true, sms: false, whatsapp: false, preferredChannel: PHONE }) { id } }", contact),
        ("mutation($id: ID!) { recordPopiaConsent(id: $id, given: true, on: \"2025-01-15\") { id } }", contact),
        ("mutation($id: ID!) { recordPopiaConsent(id: $id, given: false, on: \"2025-02-01\") { id } }", contact),
    ];
    for (query, id) in steps {
        app.graphql(token, query, json!({ "id": id })).await.data();
    }
    let mut leads = Vec::new();
    for company in ["Sibanye Homes", "Tshwane Clinics"] {
        let r = app
            .graphql(
                token,
                "mutation($c: String!) { captureLead(input: { companyName: $c, contactFirstName: \"Bongani\", contactLastName: \"Zulu\", email: \"bongani@example.co.za\", source: WEBSITE, estimatedValue: \"850000\" }) { id } }",
                json!({ "c": company }),
            )
            .await;
        leads.push(
            r.data()["captureLead"]["id"]
                .as_str()
                .expect("id")
                .to_string(),
        );
    }
    let steps = [
        ("mutation($id: ID!) { qualifyLead(id: $id) { id } }", leads[0].as_str()),
        ("mutation($id: ID!) { convertLead(id: $id) { accountId } }", leads[0].as_str()),
        ("mutation($id: ID!) { disqualifyLead(id: $id, reason: \"went with another contractor\") { id } }", leads[1].as_str()),
    ];
    for (query, id) in steps {
        app.graphql(token, query, json!({ "id": id })).await.data();
    }
}

#[test]
fn an_amount_as_a_number_or_with_three_places_breaks_the_contract() {
    let event = envelope("finance.journal", &journal_samples()[0]);
    let schema = load("events/finance/JournalPosted.v1.json");
    assert!(jsonschema::is_valid(&schema, &event["data"]));
    for bad in [json!(11500.0), json!("11500.005"), json!("0")] {
        let mut data = event["data"].clone();
        data["lines"][0]["amount"] = bad.clone();
        assert!(!jsonschema::is_valid(&schema, &data), "{bad}");
    }
}

/// Every finance event type, emitted through the gateway, validates on the topic.
#[tokio::test]
async fn every_finance_event_the_system_emits_validates_against_its_schema() {
    use rdkafka::consumer::Consumer;
    let app = spawn_app().await;
    let group = format!(
        "{}reader.finance.{}",
        app.env.config.topic_namespace,
        Uuid::new_v4().simple()
    );
    let reader = constructos_infra::kafka::consumer(&app.env.config, &group).expect("consumer");
    reader
        .subscribe(&[&app.env.config.topic(constructos_infra::Domain::Finance)])
        .expect("subscribe");
    let token = app.token("contracts", &["Admin"]);
    // The accounts and project the documents name, as identity's and orders' topics
    // tell finance of them.
    app.account_event_known_to_finance("acc-1", "CUSTOMER", "Msunduzi Developments", None)
        .await;
    app.account_event_known_to_finance("sup-1", "SUBCONTRACTOR", "Umgeni Formwork", None)
        .await;
    app.project_event_known_to_finance("PRJ-1", "PRJ-1", "site-1")
        .await;
    let steps = [
        "mutation { openLedgerAccount(input: { code: \"1000\", name: \"Bank\", accountType: ASSET }) { id } }",
        "mutation { openLedgerAccount(input: { code: \"5200\", name: \"Plant\", accountType: EXPENSE, costType: PLANT }) { id } }",
        "mutation { openLedgerAccount(input: { code: \"6999\", name: \"Suspense\", accountType: EXPENSE }) { id } }",
        "mutation { renameLedgerAccount(code: \"6999\", name: \"Old suspense\") { id } }",
        "mutation { closeLedgerAccount(code: \"6999\") { id } }",
        "mutation { closePeriod(period: \"2026-02\") { id } }",
        "mutation { reopenPeriod(period: \"2026-02\", reason: \"Audit adjustments\") { id } }",
        "mutation { openLedgerAccount(input: { code: \"1100\", name: \"Trade debtors\", accountType: ASSET }) { id } }",
        "mutation { openLedgerAccount(input: { code: \"1150\", name: \"Retention receivable\", accountType: ASSET }) { id } }",
        "mutation { openLedgerAccount(input: { code: \"2100\", name: \"VAT output\", accountType: LIABILITY }) { id } }",
        "mutation { openLedgerAccount(input: { code: \"4000\", name: \"Contract revenue\", accountType: INCOME }) { id } }",
        "mutation { raiseInvoice(input: { customerAccountId: \"acc-1\", date: \"2026-03-14\", retentionPercent: \"10\", lines: [{ description: \"Concrete 30MPa\", quantity: \"2.5\", unitPrice: \"1899.00\", vatTreatment: STANDARD, projectId: \"PRJ-1\" }] }) { id number } }",
        "mutation { setBudget(input: { projectId: \"PRJ-1\", costCode: \"CC-100\", period: \"2026-03\", amount: \"50000.00\" }) { id } }",
    ];
    for query in steps {
        app.graphql(&token, query, json!({})).await.data();
    }
    let id = app
        .graphql(
            &token,
            "mutation { postJournal(input: { date: \"2026-03-12\", narrative: \"Excavator hire\", lines: [{ accountCode: \"5200\", side: DEBIT, amount: \"8200.00\", projectId: \"PRJ-1\" }, { accountCode: \"1000\", side: CREDIT, amount: \"8200.00\" }] }) { id } }",
            json!({}),
        )
        .await
        .data()["postJournal"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    app.graphql(
        &token,
        "mutation($id: ID!) { reverseJournal(id: $id, date: \"2026-03-13\") { id } }",
        json!({ "id": id }),
    )
    .await
    .data();
    // Receivables, payables and the bank: every settlement event type.
    for query in [
        "mutation { openLedgerAccount(input: { code: \"1200\", name: \"VAT input\", accountType: ASSET }) { id } }",
        "mutation { openLedgerAccount(input: { code: \"2000\", name: \"Trade creditors\", accountType: LIABILITY }) { id } }",
        "mutation { openLedgerAccount(input: { code: \"2050\", name: \"Retention payable\", accountType: LIABILITY }) { id } }",
        "mutation { openLedgerAccount(input: { code: \"5300\", name: \"Subcontractors\", accountType: EXPENSE, costType: SUBCONTRACTORS }) { id } }",
    ] {
        app.graphql(&token, query, json!({})).await.data();
    }
    let raised = app
        .graphql(&token, "mutation { raiseInvoice(input: { customerAccountId: \"acc-1\", date: \"2026-03-20\", retentionPercent: \"10\", lines: [{ description: \"Slab\", quantity: \"1\", unitPrice: \"1000.00\", vatTreatment: STANDARD }] }) { id } }", json!({}))
        .await;
    let invoice = raised.data()["raiseInvoice"]["id"].clone();
    let bill = app
        .graphql(&token, "mutation { recordBill(input: { supplierAccountId: \"sup-1\", supplierReference: \"UF-1\", date: \"2026-03-21\", retentionPercent: \"5\", lines: [{ accountCode: \"5300\", description: \"Shuttering\", quantity: \"1\", unitPrice: \"2000.00\", vatTreatment: STANDARD }] }) { id } }", json!({}))
        .await
        .data()["recordBill"]["id"]
        .clone();
    for (query, variables) in [
        ("mutation($d: ID!) { recordPayment(input: { direction: RECEIVED, counterpartyId: \"acc-1\", date: \"2026-03-25\", amount: \"100.00\", reference: \"EFT 1\", allocations: [{ documentId: $d, amount: \"100.00\" }] }) { id } }", json!({ "d": invoice })),
        ("mutation($d: ID!) { recordPayment(input: { direction: MADE, counterpartyId: \"sup-1\", date: \"2026-03-26\", amount: \"200.00\", allocations: [{ documentId: $d, amount: \"200.00\" }] }) { id } }", json!({ "d": bill })),
        ("mutation($d: ID!) { issueCreditNote(input: { invoiceId: $d, date: \"2026-03-27\", reason: \"Snag\", lines: [{ description: \"Snag\", quantity: \"1\", unitPrice: \"10.00\", vatTreatment: STANDARD }] }) { id } }", json!({ "d": invoice })),
        ("mutation($d: ID!) { releaseRetention(documentId: $d, amount: \"1.00\", date: \"2026-03-28\") { id } }", json!({ "d": invoice })),
        ("mutation($d: ID!) { releaseRetention(documentId: $d, amount: \"1.00\", date: \"2026-03-28\") { id } }", json!({ "d": bill })),
    ] {
        app.graphql(&token, query, variables).await.data();
    }
    eventually("both payments reach the read model", || async {
        let r = app.graphql(&token, "{ payments { id } }", json!({})).await;
        (r.data()["payments"].as_array().map_or(0, Vec::len) == 2).then_some(())
    })
    .await;
    let import = app
        .graphql(&token, "mutation { importBankStatement(csv: \"date,description,amount\\n2026-03-25,EFT 1,100.00\\n\") { reconciled } }", json!({}))
        .await;
    assert_eq!(import.data()["importBankStatement"]["reconciled"], 1);
    let line = eventually("the bank line reaches the read model", || async {
        let r = app
            .graphql(&token, "{ bankLines { id method } }", json!({}))
            .await;
        let line = r.data()["bankLines"][0].clone();
        (line["method"] == "AUTO").then_some(line)
    })
    .await;
    app.graphql(
        &token,
        "mutation($l: ID!) { unreconcileBankLine(lineId: $l, reason: \"contract test\") { id } }",
        json!({ "l": line["id"] }),
    )
    .await
    .data();
    // Every finance event type so far: those above and BudgetSet.
    const ALL_TYPES: usize = 23;
    let messages = read_messages(&reader, |seen| {
        seen.iter()
            .map(|(_, b)| b["type"].to_string())
            .collect::<BTreeSet<_>>()
            .len()
            >= ALL_TYPES
    })
    .await;
    for (_, body) in &messages {
        assert_valid(body);
    }
    app.stop().await;
}

#[test]
fn the_checked_in_rbac_document_matches_the_matrix() {
    let path = schemas_dir().join("..").join("docs").join("rbac.md");
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == constructos_gateway::rbac_markdown(),
        "docs/rbac.md is out of date: run `make rbac`"
    );
}

/// Walks the schema: every field of the root types has a declared rule, and every
/// declared rule names a field that exists.
#[test]
fn every_root_field_is_guarded_and_no_rule_is_stale() {
    use async_graphql::parser::types::{TypeKind, TypeSystemDefinition};
    let document =
        async_graphql::parser::parse_schema(constructos_gateway::sdl()).expect("SDL parses");
    let mut fields = BTreeSet::new();
    let mut root_fields = BTreeSet::new();
    for definition in &document.definitions {
        let TypeSystemDefinition::Type(ty) = definition else {
            continue;
        };
        let type_name = ty.node.name.node.to_string();
        if let TypeKind::Object(object) = &ty.node.kind {
            for field in &object.fields {
                let name = format!("{type_name}.{}", field.node.name.node);
                if constructos_gateway::graphql::ROOT_TYPES.contains(&type_name.as_str()) {
                    root_fields.insert(name.clone());
                }
                fields.insert(name);
            }
        }
    }
    assert!(!root_fields.is_empty(), "the walk found the root fields");
    let unguarded: Vec<_> = root_fields
        .iter()
        .filter(|f| {
            let (t, n) = f.split_once('.').expect("Type.field");
            constructos_gateway::graphql::rule_for(t, n).is_none()
        })
        .collect();
    assert!(
        unguarded.is_empty(),
        "root fields without a rule in any domain's RULES: {unguarded:?}"
    );
    let stale: Vec<_> = constructos_gateway::graphql::field_rules()
        .map(|(name, _)| *name)
        .filter(|name| !fields.contains(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "rules for fields that do not exist: {stale:?}"
    );
}
