//! The CloudEvents 1.0 envelope (structured JSON mode) in which every domain event
//! travels on Kafka.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The media type of a structured-mode CloudEvent.
pub const CONTENT_TYPE: &str = "application/cloudevents+json; charset=utf-8";

/// A CloudEvent as published by the relay. Extension attributes are lower-case
/// alphanumeric, as the specification requires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CloudEvent {
    pub specversion: String,
    /// The event's id in the event store; consumers deduplicate on it.
    pub id: Uuid,
    /// `urn:constructos:<domain>`.
    pub source: String,
    /// `constructos.<domain>.<EventType>.v<version>`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// The aggregate id.
    pub subject: String,
    pub time: DateTime<Utc>,
    pub datacontenttype: String,
    /// Names the JSON Schema in `schemas/events/` that `data` validates against.
    pub dataschema: String,
    /// The aggregate type, e.g. `identity.account`.
    pub aggregatetype: String,
    /// The event's position in its aggregate's stream (1-based).
    pub sequence: i64,
    /// The request that started the work, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlationid: Option<String>,
    /// The message that directly caused the event: the request, or the event a
    /// handler reacted to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub causationid: Option<String>,
    /// The subject who issued the command, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    pub data: serde_json::Value,
}

/// The parts of a stored event that the envelope is made from.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub event_id: Uuid,
    pub aggregate_type: String,
    pub aggregate_id: String,
    pub sequence: i64,
    pub event_type: String,
    pub event_version: String,
    /// The payload as postgres-es stores it: `{"<EventType>": { ...fields }}`.
    pub payload: serde_json::Value,
    pub metadata: serde_json::Value,
    pub recorded_at: DateTime<Utc>,
}

/// The schema file of an event type and version, relative to `schemas/`.
pub fn schema_path(domain: &str, event_type: &str, version: &str) -> String {
    format!("events/{domain}/{event_type}.v{version}.json")
}

impl CloudEvent {
    /// Wraps a stored event of `domain`.
    pub fn from_stored(domain: &str, event: StoredEvent) -> Self {
        // postgres-es stores enums externally tagged; the CloudEvent carries the fields.
        let data = match event.payload {
            serde_json::Value::Object(mut tagged) if tagged.len() == 1 => tagged
                .remove(&event.event_type)
                .unwrap_or(serde_json::Value::Object(tagged)),
            other => other,
        };
        let meta = |key: &str| {
            event
                .metadata
                .get(key)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        Self {
            specversion: "1.0".to_string(),
            id: event.event_id,
            source: format!("urn:constructos:{domain}"),
            event_type: format!(
                "constructos.{domain}.{}.v{}",
                event.event_type, event.event_version
            ),
            subject: event.aggregate_id.clone(),
            time: event.recorded_at,
            datacontenttype: "application/json".to_string(),
            dataschema: format!(
                "urn:constructos:schemas:{}",
                schema_path(domain, &event.event_type, &event.event_version)
            ),
            aggregatetype: event.aggregate_type,
            sequence: event.sequence,
            correlationid: meta(constructos_domain::metadata::CORRELATION_ID),
            causationid: meta(constructos_domain::metadata::CAUSATION_ID),
            actor: meta(constructos_domain::metadata::SUBJECT),
            data,
        }
    }

    /// The bare event type name, e.g. `AccountCreated` from `constructos.identity.AccountCreated.v1`.
    pub fn short_type(&self) -> &str {
        let without_version = self
            .event_type
            .rsplit_once(".v")
            .map_or(self.event_type.as_str(), |(head, _)| head);
        without_version
            .rsplit_once('.')
            .map_or(without_version, |(_, name)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unwraps_the_tagged_payload_and_names_the_schema() {
        let event = CloudEvent::from_stored(
            "identity",
            StoredEvent {
                event_id: Uuid::nil(),
                aggregate_type: "identity.account".into(),
                aggregate_id: "a-1".into(),
                sequence: 1,
                event_type: "AccountCreated".into(),
                event_version: "1".into(),
                payload: json!({"AccountCreated": {"name": "X"}}),
                metadata: json!({"correlation_id": "req-1", "subject": "alice"}),
                recorded_at: Utc::now(),
            },
        );
        assert_eq!(event.data, json!({"name": "X"}));
        assert_eq!(event.event_type, "constructos.identity.AccountCreated.v1");
        assert_eq!(event.short_type(), "AccountCreated");
        assert_eq!(
            event.dataschema,
            "urn:constructos:schemas:events/identity/AccountCreated.v1.json"
        );
        assert_eq!(event.correlationid.as_deref(), Some("req-1"));
        assert_eq!(event.actor.as_deref(), Some("alice"));
    }
}
