//! The development identity provider: an RSA key pair kept under the data directory,
//! its JWKS served over HTTP, and tokens shaped like Entra ID v2 access tokens.
//! Production points the gateway at Entra ID instead, by configuration alone.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use axum::routing::get;
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};
use uuid::Uuid;

use super::Claims;

/// The tenant id the development issuer puts in `tid`.
pub const DEV_TENANT_ID: &str = "00000000-0000-4000-8000-00000000c0de";

/// What to put in a development token.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    pub subject: String,
    pub name: Option<String>,
    pub roles: Vec<String>,
    pub ttl: Duration,
}

/// A local token issuer with one signing key.
#[derive(Clone)]
pub struct DevIssuer {
    issuer: String,
    audience: String,
    kid: String,
    encoding_key: EncodingKey,
    jwk: Value,
}

impl DevIssuer {
    /// Loads the key pair from `<data_dir>/dev-issuer/signing-key.pem`, generating and
    /// saving a new 2048-bit key the first time.
    pub fn load_or_create(data_dir: &Path, issuer: &str, audience: &str) -> anyhow::Result<Self> {
        let path = key_path(data_dir);
        let key = if path.exists() {
            let pem = std::fs::read_to_string(&path)
                .with_context(|| format!("Failed to read {}", path.display()))?;
            RsaPrivateKey::from_pkcs8_pem(&pem)
                .with_context(|| format!("{} is not a PKCS#8 RSA key", path.display()))?
        } else {
            let key = RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048)
                .context("Failed to generate an RSA key")?;
            save_private(&path, &key)?;
            key
        };
        Self::from_key(&key, issuer, audience)
    }

    fn from_key(key: &RsaPrivateKey, issuer: &str, audience: &str) -> anyhow::Result<Self> {
        let pem = key
            .to_pkcs8_pem(LineEnding::LF)
            .context("Failed to encode the key")?;
        let encoding_key =
            EncodingKey::from_rsa_pem(pem.as_bytes()).context("Failed to load the signing key")?;
        let n = URL_SAFE_NO_PAD.encode(key.n().to_bytes_be());
        let e = URL_SAFE_NO_PAD.encode(key.e().to_bytes_be());
        // A stable key id derived from the public key.
        let kid = Uuid::new_v5(&Uuid::NAMESPACE_URL, n.as_bytes())
            .simple()
            .to_string();
        let jwk = json!({ "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": n, "e": e });
        Ok(Self {
            issuer: issuer.to_string(),
            audience: audience.to_string(),
            kid,
            encoding_key,
            jwk,
        })
    }

    /// The public keys, as a JWKS document.
    pub fn jwks(&self) -> Value {
        json!({ "keys": [self.jwk] })
    }

    /// The key id tokens are signed with.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The claims a token for `request` carries, valid from now for its ttl.
    pub fn claims(&self, request: &TokenRequest) -> Claims {
        let now = chrono::Utc::now().timestamp();
        let ttl = i64::try_from(request.ttl.as_secs()).unwrap_or(i64::MAX / 2);
        Claims {
            iss: self.issuer.clone(),
            aud: Value::String(self.audience.clone()),
            sub: request.subject.clone(),
            oid: Some(Uuid::new_v5(&Uuid::NAMESPACE_OID, request.subject.as_bytes()).to_string()),
            tid: Some(DEV_TENANT_ID.to_string()),
            name: Some(
                request
                    .name
                    .clone()
                    .unwrap_or_else(|| request.subject.clone()),
            ),
            preferred_username: Some(format!("{}@constructos.local", request.subject)),
            roles: request.roles.clone(),
            scp: Some("access_as_user".to_string()),
            exp: now.saturating_add(ttl),
            nbf: Some(now),
            iat: Some(now),
        }
    }

    /// Signs arbitrary claims with the issuer's key (RS256); tests use it to make
    /// expired or wrongly addressed tokens.
    pub fn sign(&self, claims: &Claims) -> anyhow::Result<String> {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        encode(&header, claims, &self.encoding_key).context("Failed to sign the token")
    }

    /// A signed access token for `request`.
    pub fn mint(&self, request: &TokenRequest) -> anyhow::Result<String> {
        self.sign(&self.claims(request))
    }

    /// The issuer's HTTP endpoints: OpenID discovery and the JWKS.
    pub fn router(&self) -> Router {
        let jwks = self.jwks();
        let discovery = json!({
            "issuer": self.issuer,
            "jwks_uri": format!("{}/.well-known/jwks.json", self.issuer),
            "id_token_signing_alg_values_supported": ["RS256"],
        });
        Router::new()
            .route(
                "/.well-known/jwks.json",
                get(move || async move { Json(jwks) }),
            )
            .route(
                "/.well-known/openid-configuration",
                get(move || async move { Json(discovery) }),
            )
    }
}

fn key_path(data_dir: &Path) -> PathBuf {
    data_dir.join("dev-issuer").join("signing-key.pem")
}

fn save_private(path: &Path, key: &RsaPrivateKey) -> anyhow::Result<()> {
    let dir = path.parent().context("the key path has no folder")?;
    std::fs::create_dir_all(dir).with_context(|| format!("Failed to create {}", dir.display()))?;
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .context("Failed to encode the key")?;
    // Write then rename, so two processes starting together never read half a key.
    let tmp = dir.join(format!(".signing-key.{}.tmp", Uuid::new_v4().simple()));
    std::fs::write(&tmp, pem.as_bytes())
        .with_context(|| format!("Failed to write {}", tmp.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))
            .context("Failed to restrict the key file")?;
    }
    std::fs::rename(&tmp, path).with_context(|| format!("Failed to save {}", path.display()))?;
    Ok(())
}
