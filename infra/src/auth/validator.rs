//! Validates bearer JWTs (RS256 only) against keys fetched from a JWKS URL.
//!
//! Keys are cached by `kid`. An unknown `kid` triggers one refresh, at most once per
//! [`MIN_REFRESH_INTERVAL`], so a flood of made-up key ids cannot hammer the key
//! endpoint. A refresh replaces the whole set: keys that left the JWKS stop validating.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use tokio::sync::{Mutex, RwLock};

use super::{Caller, Claims};
use crate::config::AuthConfig;

/// The least time between two key refreshes.
pub const MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(10);

/// Why a token was refused. Callers answer every variant with 401 and no detail; the
/// variant goes to the log.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("no bearer token")]
    Missing,
    #[error("the token is not a well-formed JWT: {0}")]
    Malformed(String),
    #[error("algorithm {0:?} is not accepted")]
    Algorithm(String),
    #[error("the token names no key id")]
    MissingKeyId,
    #[error("no signing key with id {0}")]
    UnknownKey(String),
    #[error("the token is not valid: {0}")]
    Invalid(String),
    #[error("the signing keys could not be fetched: {0}")]
    KeysUnavailable(String),
}

struct KeyCache {
    keys: HashMap<String, DecodingKey>,
    refreshed_at: Option<Instant>,
}

/// Checks tokens for one issuer and audience.
pub struct TokenValidator {
    config: AuthConfig,
    http: reqwest::Client,
    cache: RwLock<KeyCache>,
    refresh: Mutex<()>,
}

impl TokenValidator {
    /// A validator with an empty key cache; keys are fetched on first use.
    pub fn new(config: AuthConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap_or_default();
        Self {
            config,
            http,
            cache: RwLock::new(KeyCache {
                keys: HashMap::new(),
                refreshed_at: None,
            }),
            refresh: Mutex::new(()),
        }
    }

    /// Validates `token` and returns the caller it speaks for.
    pub async fn validate(&self, token: &str) -> Result<Caller, AuthError> {
        let header = decode_header(token).map_err(|e| AuthError::Malformed(e.to_string()))?;
        if header.alg != Algorithm::RS256 {
            return Err(AuthError::Algorithm(format!("{:?}", header.alg)));
        }
        let kid = header.kid.ok_or(AuthError::MissingKeyId)?;
        let key = self.key(&kid).await?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[&self.config.issuer]);
        validation.set_audience(&[&self.config.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = self.config.leeway_secs;
        let data = decode::<Claims>(token, &key, &validation)
            .map_err(|e| AuthError::Invalid(e.to_string()))?;
        Ok(Caller::from_claims(data.claims))
    }

    async fn key(&self, kid: &str) -> Result<DecodingKey, AuthError> {
        if let Some(key) = self.cache.read().await.keys.get(kid) {
            return Ok(key.clone());
        }
        // One refresh at a time; whoever waited re-checks the cache first.
        let _refreshing = self.refresh.lock().await;
        {
            let cache = self.cache.read().await;
            if let Some(key) = cache.keys.get(kid) {
                return Ok(key.clone());
            }
            let recently = cache
                .refreshed_at
                .is_some_and(|at| at.elapsed() < MIN_REFRESH_INTERVAL);
            if recently {
                return Err(AuthError::UnknownKey(kid.to_string()));
            }
        }
        let fetched = self.fetch_keys().await;
        let mut cache = self.cache.write().await;
        cache.refreshed_at = Some(Instant::now());
        cache.keys = fetched?;
        cache
            .keys
            .get(kid)
            .cloned()
            .ok_or_else(|| AuthError::UnknownKey(kid.to_string()))
    }

    async fn fetch_keys(&self) -> Result<HashMap<String, DecodingKey>, AuthError> {
        let unavailable = |e: reqwest::Error| AuthError::KeysUnavailable(e.to_string());
        let set: JwkSet = self
            .http
            .get(&self.config.jwks_url)
            .send()
            .await
            .map_err(unavailable)?
            .error_for_status()
            .map_err(unavailable)?
            .json()
            .await
            .map_err(unavailable)?;
        let mut keys = HashMap::new();
        for jwk in &set.keys {
            let (Some(kid), AlgorithmParameters::RSA(_)) = (&jwk.common.key_id, &jwk.algorithm)
            else {
                continue;
            };
            match DecodingKey::from_jwk(jwk) {
                Ok(key) => {
                    keys.insert(kid.clone(), key);
                }
                Err(e) => tracing::warn!(kid = %kid, error = %e, "skipping an unusable JWK"),
            }
        }
        tracing::info!(count = keys.len(), url = %self.config.jwks_url, "signing keys refreshed");
        Ok(keys)
    }
}
