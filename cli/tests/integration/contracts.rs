//! The public contracts in `schemas/` match the code: the GraphQL SDL, and one JSON
//! Schema per event type and version that every emitted event validates against.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::Utc;
use constructos_domain::identity::{AccountEvent, AccountKind, AccountStatus, ContactEvent};
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use cqrs_es::DomainEvent;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::harness::{read_messages, spawn_app};

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
fn assert_valid(event: &Value) {
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

/// One sample of every account event; the match fails to compile when a variant is added.
fn account_samples() -> Vec<AccountEvent> {
    let samples = vec![
        AccountEvent::AccountCreated {
            kind: AccountKind::Subcontractor,
            name: "Mzansi Electrical".into(),
            registration_number: Some("2009/087654/23".into()),
            vat_number: Some("4870098712".into()),
        },
        AccountEvent::AccountDetailsUpdated {
            name: "Mzansi Electrical CC".into(),
            registration_number: None,
            vat_number: None,
        },
        AccountEvent::AccountStatusChanged {
            from: AccountStatus::Active,
            to: AccountStatus::Archived,
            reason: Some("closed".into()),
        },
    ];
    for sample in &samples {
        match sample {
            AccountEvent::AccountCreated { .. }
            | AccountEvent::AccountDetailsUpdated { .. }
            | AccountEvent::AccountStatusChanged { .. } => {}
        }
    }
    samples
}

/// One sample of every contact event.
fn contact_samples() -> Vec<ContactEvent> {
    let samples = vec![
        ContactEvent::ContactCreated {
            account_id: "acc-1".into(),
            first_name: "Lerato".into(),
            last_name: "Molefe".into(),
            email: Some("lerato@mzansi.co.za".into()),
            phone: None,
            job_title: None,
        },
        ContactEvent::ContactDetailsUpdated {
            first_name: "Lerato".into(),
            last_name: "Molefe".into(),
            email: None,
            phone: Some("+27 11 555 0100".into()),
            job_title: Some("Contracts Manager".into()),
        },
    ];
    for sample in &samples {
        match sample {
            ContactEvent::ContactCreated { .. } | ContactEvent::ContactDetailsUpdated { .. } => {}
        }
    }
    samples
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
    serde_json::to_value(CloudEvent::from_stored("identity", stored)).expect("envelope")
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
    let on_disk: BTreeSet<String> = std::fs::read_dir(schemas_dir().join("events/identity"))
        .expect("schema folder")
        .map(|f| {
            format!(
                "events/identity/{}",
                f.expect("entry").file_name().to_string_lossy()
            )
        })
        .collect();
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

    let messages = read_messages(&reader, |seen| seen.len() >= 5).await;
    let types: BTreeSet<&str> = messages
        .iter()
        .map(|(_, b)| b["type"].as_str().expect("type"))
        .collect();
    assert_eq!(
        types.len(),
        5,
        "all five event types were emitted: {types:?}"
    );
    for (_, body) in &messages {
        assert_valid(body);
    }
    app.stop().await;
}
