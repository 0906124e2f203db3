//! Reads of an account's addresses and status history.

use constructos_infra::{read, ReadError};

use super::rows::{AddressRow, StatusChangeRow};
use super::IdentityQueries;

impl IdentityQueries {
    /// The account's addresses: physical, postal, billing (those it has).
    pub async fn addresses_of(&self, account_id: &str) -> Result<Vec<AddressRow>, ReadError> {
        sqlx::query_as(
            "SELECT address_type, lines, city, province, postal_code, updated_at
               FROM read_model.account_addresses WHERE account_id = $1
              ORDER BY array_position(ARRAY['PHYSICAL', 'POSTAL', 'BILLING'], address_type)",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to list addresses"))
    }

    /// The account's status changes, oldest first.
    pub async fn status_history_of(
        &self,
        account_id: &str,
    ) -> Result<Vec<StatusChangeRow>, ReadError> {
        sqlx::query_as(
            "SELECT from_status, to_status, reason, changed_by, changed_at
               FROM read_model.account_status_history WHERE account_id = $1
              ORDER BY sequence
              LIMIT 1000",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to list status changes"))
    }
}
