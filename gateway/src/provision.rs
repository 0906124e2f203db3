//! First sign-in: the caller's user record is created from their token's claims the
//! first time this gateway sees them (and refreshed when the claims change).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use constructos_services::identity::{IdentityClient, ProvisionSelf};
use constructos_services::Call;

/// Remembers which users this process has already provisioned.
#[derive(Clone)]
pub struct Provisioning {
    identity: IdentityClient,
    seen: Arc<Mutex<HashSet<String>>>,
}

impl Provisioning {
    /// Provisioning through the identity service.
    pub fn new(identity: IdentityClient) -> Self {
        Self {
            identity,
            seen: Arc::new(Mutex::new(HashSet::new())),
        }
    }

    /// Provisions the caller's user unless done already; failures are logged and retried
    /// on the caller's next request, never fail this one.
    pub async fn ensure_provisioned(&self, call: &Call) {
        let user_id = call.context.caller.user_id().to_string();
        let first_time = match self.seen.lock() {
            Ok(mut seen) => seen.insert(user_id.clone()),
            Err(poisoned) => poisoned.into_inner().insert(user_id.clone()),
        };
        if !first_time {
            return;
        }
        if let Err(e) = self.identity.call(call, ProvisionSelf).await {
            tracing::warn!(user = %user_id, error = %e, "could not provision the user; will retry");
            if let Ok(mut seen) = self.seen.lock() {
                seen.remove(&user_id);
            }
        }
    }
}
