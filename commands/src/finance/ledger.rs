//! Answers the journal aggregate's questions about accounts and periods from the event
//! store itself (the source of truth), not from a read model that may lag.

use async_trait::async_trait;
use constructos_domain::finance::{AccountStatus, Ledger, LedgerAccount, Period};

use super::store::ChainedStore;

/// A [`Ledger`] that replays the account's or period's events.
pub(crate) struct EventStoreLedger {
    pub store: ChainedStore,
}

#[async_trait]
impl Ledger for EventStoreLedger {
    async fn account_status(&self, code: &str) -> Result<Option<AccountStatus>, String> {
        let loaded = self
            .store
            .load::<LedgerAccount>(code)
            .await
            .map_err(|e| e.to_string())?;
        let account = loaded.aggregate;
        Ok(account.exists().then(|| account.status()))
    }

    async fn period_closed(&self, period: &str) -> Result<bool, String> {
        let loaded = self
            .store
            .load::<Period>(period)
            .await
            .map_err(|e| e.to_string())?;
        Ok(loaded.aggregate.is_closed())
    }
}
