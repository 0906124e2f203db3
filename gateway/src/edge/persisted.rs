//! Persisted operations: when `CONSTRUCTOS_PERSISTED_QUERIES_FILE` names a JSON object
//! `{"<sha256 hex of the query text>": "<query text>", …}`, the gateway runs only those
//! operations. A client sends the full text (its SHA-256 must be listed) or only
//! `extensions.persistedQuery.sha256Hash` (the Apollo convention), and the gateway runs
//! the stored text. Anything else is refused with `FORBIDDEN`.
//!
//! The file is checked when the gateway starts: every key must be the SHA-256 of its
//! text, so a stale list fails loudly at deploy time instead of refusing clients.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use async_graphql::{ServerError, Value};
use sha2::{Digest, Sha256};

use crate::error_code::server_error;
use crate::error_code::ErrorCode;

/// The message of every refusal; it does not say whether the hash or the text was wrong.
pub const NOT_ALLOWED: &str = "operation not allow-listed";

/// The allow-list: lowercase hex SHA-256 → query text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersistedOperations {
    by_hash: HashMap<String, String>,
}

/// Why the allow-list file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PersistedError {
    #[error("CONSTRUCTOS_PERSISTED_QUERIES_FILE {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("CONSTRUCTOS_PERSISTED_QUERIES_FILE {path} is not a JSON object of strings: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("persisted operation {key}: the key is not the SHA-256 of its query ({actual})")]
    HashMismatch { key: String, actual: String },
}

/// Lowercase hex SHA-256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

impl PersistedOperations {
    /// Reads and checks the allow-list file.
    pub fn load(path: &Path) -> Result<Self, PersistedError> {
        let raw = std::fs::read(path).map_err(|source| PersistedError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let map: HashMap<String, String> =
            serde_json::from_slice(&raw).map_err(|source| PersistedError::Json {
                path: path.to_path_buf(),
                source,
            })?;
        Self::from_map(map)
    }

    /// Checks that every key is its query's SHA-256.
    pub fn from_map(map: HashMap<String, String>) -> Result<Self, PersistedError> {
        let mut by_hash = HashMap::with_capacity(map.len());
        for (key, query) in map {
            let actual = sha256_hex(&query);
            if !key.eq_ignore_ascii_case(&actual) {
                return Err(PersistedError::HashMismatch { key, actual });
            }
            by_hash.insert(actual, query);
        }
        Ok(Self { by_hash })
    }

    /// How many operations are allowed.
    pub fn len(&self) -> usize {
        self.by_hash.len()
    }

    /// Whether nothing is allowed.
    pub fn is_empty(&self) -> bool {
        self.by_hash.is_empty()
    }

    /// Admits `request` when its operation is listed, filling in the stored text when the
    /// client sent only the hash; refuses it with `FORBIDDEN` otherwise.
    pub fn admit(&self, request: &mut async_graphql::Request) -> Result<(), ServerError> {
        let refused = || server_error(ErrorCode::Forbidden, NOT_ALLOWED);
        let hash = match persisted_hash(request) {
            Some(hash) => hash.to_ascii_lowercase(),
            None => sha256_hex(&request.query),
        };
        let stored = self.by_hash.get(&hash).ok_or_else(refused)?;
        if request.query.is_empty() {
            request.query = stored.clone();
        } else if request.query != *stored {
            // A listed hash with some other text: run nothing that is not listed.
            return Err(refused());
        }
        Ok(())
    }
}

/// `extensions.persistedQuery.sha256Hash`, if the client sent it.
fn persisted_hash(request: &async_graphql::Request) -> Option<&str> {
    let Value::Object(persisted) = request.extensions.0.get("persistedQuery")? else {
        return None;
    };
    match persisted.get("sha256Hash")? {
        Value::String(hash) => Some(hash),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::Name;

    use super::*;

    const ME: &str = "{ me { subject } }";

    fn allow_me() -> PersistedOperations {
        PersistedOperations::from_map(HashMap::from([(sha256_hex(ME), ME.to_string())]))
            .expect("valid list")
    }

    fn with_hash(query: &str, hash: &str) -> async_graphql::Request {
        let mut request = async_graphql::Request::new(query);
        let mut persisted = async_graphql::indexmap::IndexMap::new();
        persisted.insert(Name::new("version"), Value::from(1));
        persisted.insert(Name::new("sha256Hash"), Value::from(hash));
        request
            .extensions
            .0
            .insert("persistedQuery".to_string(), Value::Object(persisted));
        request
    }

    #[test]
    fn listed_text_or_hash_is_admitted_and_anything_else_refused() {
        let list = allow_me();
        assert_eq!(list.len(), 1);
        assert!(list.admit(&mut async_graphql::Request::new(ME)).is_ok());

        let mut by_hash = with_hash("", &sha256_hex(ME).to_uppercase());
        assert!(list.admit(&mut by_hash).is_ok());
        assert_eq!(by_hash.query, ME, "the stored text is run");

        let refused = list
            .admit(&mut async_graphql::Request::new("{ me { roles } }"))
            .expect_err("not listed");
        assert_eq!(refused.message, NOT_ALLOWED);
        assert!(list
            .admit(&mut with_hash("", &sha256_hex("{ x }")))
            .is_err());
        assert!(
            list.admit(&mut with_hash("{ me { roles } }", &sha256_hex(ME)))
                .is_err(),
            "a listed hash does not admit other text"
        );
    }

    #[test]
    fn a_key_that_is_not_its_querys_hash_is_refused_at_load() {
        let wrong = PersistedOperations::from_map(HashMap::from([(
            sha256_hex("{ other }"),
            ME.to_string(),
        )]));
        assert!(matches!(wrong, Err(PersistedError::HashMismatch { .. })));
    }
}
