//! Validates bearer JWTs (RS256 only) against the issuer's published keys.
//!
//! Keys are found through a JWKS URL or OpenID Connect discovery and cached by `kid`.
//! An unknown `kid` triggers a refresh at most once per configured interval, so a
//! flood of made-up key ids cannot hammer the key endpoint; the cache is also refreshed
//! after its time to live. A refresh replaces the whole set, so keys that left the JWKS
//! stop validating. `iss`, `aud`, `exp`, `nbf`, and where configured `tid` and `scp`,
//! are checked.
//!
//! A token that passed is remembered (for at most [`ACCEPTED_TTL`], never past its
//! `exp`), so a client sending the same token with every request pays for one RSA
//! verification, not one per request. A remembered token is believed again only while
//! the key that signed it is still in a fresh key set, so a key leaving the JWKS ends
//! its tokens as before.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use tokio::sync::{Mutex, RwLock};

use super::{Caller, Claims};
use crate::config::{AuthConfig, KeySource};

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
    #[error("tenant {0:?} is not accepted")]
    Tenant(Option<String>),
    #[error("the token lacks the scope {0}")]
    Scope(String),
    #[error("the signing keys could not be fetched: {0}")]
    KeysUnavailable(String),
}

struct KeyCache {
    keys: HashMap<String, DecodingKey>,
    refreshed_at: Option<Instant>,
    /// The JWKS URL, once known (discovered or configured).
    jwks_url: Option<String>,
}

/// How long a validated token is believed without verifying its signature again.
pub const ACCEPTED_TTL: Duration = Duration::from_secs(60);
/// How many validated tokens are remembered.
const ACCEPTED_CAPACITY: u64 = 10_000;

/// A token that passed every check, as remembered.
#[derive(Clone)]
struct Accepted {
    caller: Caller,
    kid: String,
    exp: i64,
}

/// Checks tokens for the configured issuers, audiences and tenants.
pub struct TokenValidator {
    config: AuthConfig,
    /// Tokens that passed, by their full text.
    accepted: moka::sync::Cache<String, Accepted>,
    http: reqwest::Client,
    cache: RwLock<KeyCache>,
    refresh: Mutex<()>,
    /// How many times keys were fetched (observable for tests and metrics).
    fetches: std::sync::atomic::AtomicU64,
}

#[derive(Deserialize)]
struct Discovery {
    jwks_uri: String,
}

impl TokenValidator {
    /// A validator with an empty key cache; keys are fetched on first use.
    pub fn new(config: AuthConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap_or_default();
        let jwks_url = match &config.keys {
            KeySource::Jwks(url) => Some(url.clone()),
            KeySource::Discovery(_) => None,
        };
        Self {
            config,
            accepted: moka::sync::Cache::builder()
                .max_capacity(ACCEPTED_CAPACITY)
                .time_to_live(ACCEPTED_TTL)
                .build(),
            http,
            cache: RwLock::new(KeyCache {
                keys: HashMap::new(),
                refreshed_at: None,
                jwks_url,
            }),
            refresh: Mutex::new(()),
            fetches: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// How many times the key set has been fetched so far.
    pub fn key_fetches(&self) -> u64 {
        self.fetches.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Validates `token` and returns the caller it speaks for.
    pub async fn validate(&self, token: &str) -> Result<Caller, AuthError> {
        if let Some(known) = self.accepted.get(token) {
            if self.still_accepted(&known).await {
                return Ok(known.caller);
            }
            self.accepted.invalidate(token);
        }
        let header = decode_header(token).map_err(|e| AuthError::Malformed(e.to_string()))?;
        if header.alg != Algorithm::RS256 {
            return Err(AuthError::Algorithm(format!("{:?}", header.alg)));
        }
        let kid = header.kid.ok_or(AuthError::MissingKeyId)?;
        let key = self.key(&kid).await?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&self.config.issuers);
        validation.set_audience(&self.config.audiences);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = self.config.leeway_secs;
        let claims = decode::<Claims>(token, &key, &validation)
            .map_err(|e| AuthError::Invalid(e.to_string()))?
            .claims;
        if !self.config.tenants.is_empty()
            && !claims
                .tid
                .as_ref()
                .is_some_and(|t| self.config.tenants.contains(t))
        {
            return Err(AuthError::Tenant(claims.tid));
        }
        if let Some(scope) = &self.config.required_scope {
            let granted = claims
                .scp
                .as_deref()
                .is_some_and(|scp| scp.split_whitespace().any(|s| s == scope));
            if !granted {
                return Err(AuthError::Scope(scope.clone()));
            }
        }
        let exp = claims.exp;
        let caller = Caller::from_claims(claims);
        self.accepted.insert(
            token.to_string(),
            Accepted {
                caller: caller.clone(),
                kid,
                exp,
            },
        );
        Ok(caller)
    }

    /// Whether a remembered token still passes: not expired (with the same leeway as
    /// [`decode`]) and its key still in a key set younger than its time to live.
    async fn still_accepted(&self, known: &Accepted) -> bool {
        let now = i64::try_from(jsonwebtoken::get_current_timestamp()).unwrap_or(i64::MAX);
        let leeway = i64::try_from(self.config.leeway_secs).unwrap_or(i64::MAX);
        if known.exp.saturating_add(leeway) < now {
            return false;
        }
        let ttl = Duration::from_secs(self.config.jwks_ttl_secs);
        let cache = self.cache.read().await;
        cache.refreshed_at.is_some_and(|at| at.elapsed() < ttl)
            && cache.keys.contains_key(&known.kid)
    }

    async fn key(&self, kid: &str) -> Result<DecodingKey, AuthError> {
        let ttl = Duration::from_secs(self.config.jwks_ttl_secs);
        let min_interval = Duration::from_secs(self.config.jwks_min_refresh_secs);
        {
            let cache = self.cache.read().await;
            let fresh = cache.refreshed_at.is_some_and(|at| at.elapsed() < ttl);
            if let (Some(key), true) = (cache.keys.get(kid), fresh) {
                return Ok(key.clone());
            }
        }
        // One refresh at a time; whoever waited re-checks the cache first.
        let _refreshing = self.refresh.lock().await;
        {
            let cache = self.cache.read().await;
            let recently = cache
                .refreshed_at
                .is_some_and(|at| at.elapsed() < min_interval);
            let known_and_fresh = cache.keys.contains_key(kid)
                && cache.refreshed_at.is_some_and(|at| at.elapsed() < ttl);
            if recently || known_and_fresh {
                return cache
                    .keys
                    .get(kid)
                    .cloned()
                    .ok_or_else(|| AuthError::UnknownKey(kid.to_string()));
            }
        }
        let fetched = self.fetch_keys().await;
        let mut cache = self.cache.write().await;
        cache.refreshed_at = Some(Instant::now());
        match fetched {
            Ok((url, keys)) => {
                cache.jwks_url = Some(url);
                cache.keys = keys;
            }
            // Keep serving the last good keys while the identity provider is away.
            Err(e) if !cache.keys.is_empty() => {
                tracing::warn!(error = %e, "key refresh failed; keeping the cached keys");
            }
            Err(e) => return Err(e),
        }
        cache
            .keys
            .get(kid)
            .cloned()
            .ok_or_else(|| AuthError::UnknownKey(kid.to_string()))
    }

    async fn jwks_url(&self) -> Result<String, AuthError> {
        if let Some(url) = &self.cache.read().await.jwks_url {
            return Ok(url.clone());
        }
        let KeySource::Discovery(discovery) = &self.config.keys else {
            return Err(AuthError::KeysUnavailable("no JWKS URL".into()));
        };
        let discovered: Discovery = self.get_json(discovery).await?;
        Ok(discovered.jwks_uri)
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, AuthError> {
        let unavailable = |e: reqwest::Error| AuthError::KeysUnavailable(format!("{url}: {e}"));
        self.http
            .get(url)
            .send()
            .await
            .map_err(unavailable)?
            .error_for_status()
            .map_err(unavailable)?
            .json()
            .await
            .map_err(unavailable)
    }

    async fn fetch_keys(&self) -> Result<(String, HashMap<String, DecodingKey>), AuthError> {
        self.fetches
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let url = self.jwks_url().await?;
        let set: JwkSet = self.get_json(&url).await?;
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
        tracing::info!(count = keys.len(), url = %url, "signing keys refreshed");
        Ok((url, keys))
    }
}
