//! Bearer tokens: validating Entra-ID-shaped JWTs against a JWKS, and the development
//! issuer that mints them locally.

mod caller;
mod dev_issuer;
mod validator;

pub use caller::{Caller, Claims};
pub use dev_issuer::{DevIssuer, TokenRequest, DEV_TENANT_ID};
pub use validator::{AuthError, TokenValidator};
