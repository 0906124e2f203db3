//! Looks up a project's customer in orders' own copy of identity's accounts (kept from
//! identity's topic). The rule that decides is pure
//! (`constructos_domain::orders::check_customer`).

use constructos_domain::identity::{AccountKind, AccountStatus};
use constructos_domain::orders::{CustomerSnapshot, KnownAccount};
use sqlx::PgPool;

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
        let row: Option<(String, String, String, String)> = sqlx::query_as(
            "SELECT id, kind, name, status FROM read_model.known_accounts WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| {
            tracing::error!(cause = %e, "Failed to read the known accounts");
            CommandError::Internal(format!("Failed to read the known accounts: {e}"))
        })?;
        let Some((id, kind_name, name, status_name)) = row else {
            return Ok(None);
        };
        // The copy only ever holds the wire names the projection wrote.
        match (kind(&kind_name), status(&status_name)) {
            (Some(kind), Some(status)) => Ok(Some(KnownAccount {
                id,
                kind,
                name,
                status,
            })),
            _ => Err(CommandError::Internal(format!(
                "the known account {id} has kind {kind_name:?} and status {status_name:?}"
            ))),
        }
    }

    /// The account `id` as a tax invoice shows it, if orders knows it. (Finance shows
    /// its own copy on the invoice; this snapshot records who orders meant.)
    pub(super) async fn snapshot(
        &self,
        id: &str,
    ) -> Result<Option<CustomerSnapshot>, CommandError> {
        Ok(self.account(id).await?.map(|account| CustomerSnapshot {
            account_id: account.id,
            name: account.name,
            vat_number: None,
            address: None,
        }))
    }
}
