//! Answers the contact aggregate's questions about accounts from the event store itself
//! (the source of truth), not from a read model that may lag.

use async_trait::async_trait;
use constructos_domain::identity::{Account, AccountDirectory, AccountStatus};
use cqrs_es::persist::PersistedEventStore;
use cqrs_es::{AggregateContext, EventStore};
use postgres_es::PostgresEventRepository;
use sqlx::PgPool;

/// An [`AccountDirectory`] that replays the account's events.
pub struct EventStoreDirectory {
    store: PersistedEventStore<PostgresEventRepository, Account>,
}

impl EventStoreDirectory {
    /// A directory over the identity database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            store: PersistedEventStore::new_event_store(PostgresEventRepository::new(pool)),
        }
    }
}

#[async_trait]
impl AccountDirectory for EventStoreDirectory {
    async fn account_status(&self, account_id: &str) -> Result<Option<AccountStatus>, String> {
        let mut context = self
            .store
            .load_aggregate(account_id)
            .await
            .map_err(|e| e.to_string())?;
        let account = context.aggregate();
        Ok(account.exists().then(|| account.status()))
    }
}
