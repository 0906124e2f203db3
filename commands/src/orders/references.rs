//! Looks up a project's customer in orders' own copy of identity's accounts (kept from
//! identity's topic). The rule that decides is pure
//! (`constructos_domain::orders::check_customer`).

use constructos_domain::identity::{AccountKind, AccountStatus};
use constructos_domain::orders::{CustomerSnapshot, KnownAccount};
use sqlx::PgPool;

use super::trade_references::account_facts;
use crate::CommandError;

/// Reads of orders' copy of the accounts.
#[derive(Clone)]
pub(super) struct KnownAccounts {
    pool: PgPool,
}

pub(super) fn kind(name: &str) -> Option<AccountKind> {
    [
        AccountKind::Customer,
        AccountKind::Vendor,
        AccountKind::Subcontractor,
    ]
    .into_iter()
    .find(|k| k.as_str() == name)
}

pub(super) fn status(name: &str) -> Option<AccountStatus> {
    [
        AccountStatus::Active,
        AccountStatus::OnHold,
        AccountStatus::Archived,
    ]
    .into_iter()
    .find(|s| s.as_str() == name)
}

impl KnownAccounts {
    pub(super) fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// The account `id` as orders knows it, if at all.
    pub(super) async fn account(&self, id: &str) -> Result<Option<KnownAccount>, CommandError> {
        Ok(account_facts(&self.pool, id)
            .await?
            .map(|facts| facts.account))
    }

    /// The account `id` as a tax invoice shows it (registered name, VAT number, billing
    /// address), if orders knows it. Finance shows its own copy on the invoice; this
    /// snapshot records who orders meant.
    pub(super) async fn snapshot(
        &self,
        id: &str,
    ) -> Result<Option<CustomerSnapshot>, CommandError> {
        Ok(account_facts(&self.pool, id)
            .await?
            .map(|facts| facts.snapshot()))
    }
}
