//! Answers the contact aggregate's questions about accounts from the event store itself
//! (the source of truth), not from a read model that may lag.

use async_trait::async_trait;
use constructos_domain::identity::{Account, AccountDirectory, AccountStatus};
use constructos_infra::event_store::Store;

/// An [`AccountDirectory`] that reads the account's stream as stored (not a cached copy:
/// an account another request created a moment ago — the other half of a lead converted
/// twice at once — must count, and a refusal here is not re-decided).
pub struct EventStoreDirectory {
    store: Store,
}

impl EventStoreDirectory {
    /// A directory over the identity event store.
    pub fn new(store: Store) -> Self {
        Self { store }
    }
}

#[async_trait]
impl AccountDirectory for EventStoreDirectory {
    async fn account_status(&self, account_id: &str) -> Result<Option<AccountStatus>, String> {
        let account = self
            .store
            .load_stored::<Account>(account_id)
            .await
            .map_err(|e| e.to_string())?
            .aggregate;
        Ok(account.exists().then(|| account.status()))
    }
}
