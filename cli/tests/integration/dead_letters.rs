//! An event a projection can never apply is dead-lettered, not retried for ever: the
//! events after it still reach the read model (issue 9, finding 5).

use chrono::Utc;
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use constructos_infra::{kafka, Domain};
use constructos_projections::dead_letters::{dead_letter_count, dead_letters};
use rdkafka::producer::FutureRecord;
use serde_json::{json, Value};
use uuid::Uuid;

use rdkafka::consumer::Consumer;

use crate::harness::{eventually, read_messages, spawn_app};

fn hired(employee: &str, data: Value) -> CloudEvent {
    CloudEvent::from_stored(
        "hr",
        StoredEvent {
            event_id: Uuid::new_v4(),
            aggregate_type: "hr.employee".to_string(),
            aggregate_id: employee.to_string(),
            sequence: 1,
            event_type: "EmployeeHired".to_string(),
            event_version: "1".to_string(),
            payload: json!({ "EmployeeHired": data }),
            metadata: json!({}),
            recorded_at: Utc::now(),
        },
    )
}

fn employee(number: &str, job_title: &str) -> Value {
    json!({ "employee_number": number, "first_name": "Sipho", "last_name": "Dlamini", "job_title": job_title, "hired_on": "2025-02-01", "site_id": null })
}

#[tokio::test]
async fn an_event_that_cannot_apply_is_dead_lettered_and_the_next_one_applied() {
    let app = spawn_app().await;
    let producer = kafka::producer(&app.env.config).expect("producer");
    let topic = app.env.config.topic(Domain::Hr);
    // One PostgreSQL refuses (NUL in text: SQLSTATE 22021), one that is not an
    // EmployeeHired at all, then a good one — all on one key, so in this order.
    let refused_by_postgres = hired("emp-dl", employee("EMP-7001", "Fore\u{0}man"));
    let not_an_event = hired("emp-dl", json!({ "employee_number": 42 }));
    let good = hired("emp-dl", employee("EMP-7002", "Foreman"));
    for event in [&refused_by_postgres, &not_an_event, &good] {
        let body = serde_json::to_vec(event).expect("json");
        producer
            .send(
                FutureRecord::to(&topic).key("emp-dl").payload(&body),
                std::time::Duration::from_secs(10),
            )
            .await
            .map_err(|(e, _)| e)
            .expect("delivered");
    }
    let hr = &app.env.hr;
    let number: String = eventually("the good event applied", || async {
        sqlx::query_scalar("SELECT employee_number FROM read_model.employees WHERE id = 'emp-dl'")
            .fetch_optional(hr)
            .await
            .expect("read")
    })
    .await;
    assert_eq!(number, "EMP-7002");
    let letters = dead_letters(hr, "hr.read_model")
        .await
        .expect("dead letters");
    let ids: Vec<Uuid> = letters.iter().map(|l| l.event_id).collect();
    assert_eq!(ids.len(), 2, "{letters:?}");
    assert!(ids.contains(&refused_by_postgres.id) && ids.contains(&not_an_event.id));
    assert!(
        letters
            .iter()
            .all(|l| l.event_type.ends_with("EmployeeHired.v1") || l.event_type == "EmployeeHired"),
        "{letters:?}"
    );
    assert!(letters.iter().all(|l| !l.error.is_empty()));
    assert_eq!(
        dead_letter_count(hr, "hr.read_model").await.expect("count"),
        2
    );
    let applied: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM read_model.applied_events WHERE projection = 'hr.read_model' AND event_id = ANY($1)",
    )
    .bind(vec![refused_by_postgres.id, not_an_event.id, good.id])
    .fetch_one(hr)
    .await
    .expect("count");
    assert_eq!(
        applied, 3,
        "dead letters are recorded as handled, so redelivery skips them"
    );

    // And they are on HR's dead-letter topic, as they arrived, with the reason.
    let group = format!("{}dead-letter-reader", app.env.config.topic_namespace);
    let reader = kafka::consumer(&app.env.config, &group).expect("consumer");
    reader
        .subscribe(&[&app.env.config.dead_letter_topic(Domain::Hr)])
        .expect("subscribe");
    let seen = read_messages(&reader, |seen| seen.len() >= 2).await;
    let header = |headers: &[(String, String)], name: &str| {
        headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    let mut published: Vec<String> = seen
        .iter()
        .map(|(_, body)| body["id"].as_str().unwrap_or_default().to_string())
        .collect();
    published.sort();
    let mut expected = vec![
        refused_by_postgres.id.to_string(),
        not_an_event.id.to_string(),
    ];
    expected.sort();
    assert_eq!(published, expected);
    for (headers, _) in &seen {
        assert_eq!(header(headers, "projection"), "hr.read_model");
        assert_eq!(
            header(headers, "source-topic"),
            app.env.config.topic(Domain::Hr)
        );
        assert!(!header(headers, "reason").is_empty(), "{headers:?}");
    }
    app.stop().await;
}
