//! The hash chain that makes finance events tamper-evident.
//!
//! Every finance event's metadata carries `event_hash`: the SHA-256 of its canonical
//! content, which includes `previous_hash`, the hash of the event before it in the same
//! stream (64 zeros for the first). Changing, removing or inserting an event anywhere
//! but at the very end of a stream breaks a link the verifier finds. The exact form is
//! documented in `docs/finance.md`; change it only with a new version of the chain.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The `previous_hash` of a stream's first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// JSON with object keys sorted by their UTF-8 bytes and no insignificant whitespace;
/// strings, numbers and literals as `serde_json` writes them.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// What one event's hash is computed over.
#[derive(Debug, Clone, Copy)]
pub struct ChainLink<'a> {
    pub aggregate_type: &'a str,
    pub aggregate_id: &'a str,
    pub sequence: i64,
    pub event_type: &'a str,
    pub event_version: &'a str,
    /// The payload as stored: `{"<EventType>": {...}}`.
    pub payload: &'a Value,
    pub previous_hash: &'a str,
}

impl ChainLink<'_> {
    /// The canonical content: a JSON array of the seven parts, in canonical JSON.
    pub fn canonical(&self) -> String {
        canonical_json(&Value::Array(vec![
            Value::from(self.aggregate_type),
            Value::from(self.aggregate_id),
            Value::from(self.sequence),
            Value::from(self.event_type),
            Value::from(self.event_version),
            self.payload.clone(),
            Value::from(self.previous_hash),
        ]))
    }

    /// The lowercase hex SHA-256 of the canonical content.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.canonical().as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let value = json!({ "b": 1, "a": { "d": [true, null], "c": "x\"y" } });
        assert_eq!(
            canonical_json(&value),
            r#"{"a":{"c":"x\"y","d":[true,null]},"b":1}"#
        );
    }

    fn link<'a>(payload: &'a Value, previous: &'a str) -> ChainLink<'a> {
        ChainLink {
            aggregate_type: "finance.journal",
            aggregate_id: "j-1",
            sequence: 1,
            event_type: "JournalReversed",
            event_version: "1",
            payload,
            previous_hash: previous,
        }
    }

    #[test]
    fn the_documented_form() {
        let payload = json!({ "JournalReversed": { "reversal_id": "j-2", "date": "2026-03-20" } });
        assert_eq!(
            link(&payload, GENESIS).canonical(),
            format!(
                r#"["finance.journal","j-1",1,"JournalReversed","1",{{"JournalReversed":{{"date":"2026-03-20","reversal_id":"j-2"}}}},"{GENESIS}"]"#
            )
        );
        assert_eq!(link(&payload, GENESIS).hash().len(), 64);
    }

    #[test]
    fn any_change_changes_the_hash() {
        let payload = json!({ "JournalReversed": { "reversal_id": "j-2", "date": "2026-03-20" } });
        let edited = json!({ "JournalReversed": { "reversal_id": "j-3", "date": "2026-03-20" } });
        let base = link(&payload, GENESIS).hash();
        assert_ne!(base, link(&edited, GENESIS).hash());
        assert_ne!(base, link(&payload, &base).hash());
        // Key order in the stored text does not matter.
        let reordered: Value = serde_json::from_str(
            r#"{"JournalReversed":{"date":"2026-03-20","reversal_id":"j-2"}}"#,
        )
        .expect("json");
        assert_eq!(base, link(&reordered, GENESIS).hash());
    }
}
