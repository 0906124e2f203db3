//! Orders' copy of identity's accounts (id, kind, name, status, VAT number, addresses),
//! from identity's topic: what `createProject` checks its customer against, what a
//! purchase order's vendor must be, and the customer snapshot a shipment carries to
//! finance — without a read of identity's database.

use async_trait::async_trait;
use constructos_domain::identity::{AccountEvent, ACCOUNT_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError, Projection};

/// Keeps `read_model.known_accounts` in the orders database.
#[derive(Debug, Clone, Copy, Default)]
pub struct KnownAccountsProjection;

/// The account events that change what orders knows; the rest are not even decoded.
const RELEVANT: [&str; 4] = [
    "AccountCreated",
    "AccountDetailsUpdated",
    "AccountStatusChanged",
    "AccountAddressChanged",
];

#[async_trait]
impl Projection for KnownAccountsProjection {
    fn name(&self) -> &'static str {
        "orders.known_accounts"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.aggregatetype != ACCOUNT_AGGREGATE || !RELEVANT.contains(&event.short_type()) {
            return Ok(());
        }
        let query = match domain_event::<AccountEvent>(event)? {
            AccountEvent::AccountCreated {
                kind,
                name,
                vat_number,
                ..
            } => sqlx::query(
                "INSERT INTO read_model.known_accounts
                     (id, kind, name, status, last_sequence, updated_at, vat_number)
                 VALUES ($1, $2, $3, 'ACTIVE', $4, $5, $6)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&event.subject)
            .bind(kind.as_str())
            .bind(name)
            .bind(event.sequence)
            .bind(event.time)
            .bind(vat_number),
            AccountEvent::AccountDetailsUpdated {
                name, vat_number, ..
            } => sqlx::query(
                "UPDATE read_model.known_accounts
                    SET name = $2, vat_number = $5, last_sequence = $3, updated_at = $4
                  WHERE id = $1 AND last_sequence < $3",
            )
            .bind(&event.subject)
            .bind(name)
            .bind(event.sequence)
            .bind(event.time)
            .bind(vat_number),
            AccountEvent::AccountAddressChanged {
                address_type,
                address,
            } => sqlx::query(
                "UPDATE read_model.known_accounts
                    SET addresses = addresses || jsonb_build_object($2::text, $5::jsonb),
                        last_sequence = $3, updated_at = $4
                  WHERE id = $1 AND last_sequence < $3",
            )
            .bind(&event.subject)
            .bind(address_type.as_str())
            .bind(event.sequence)
            .bind(event.time)
            .bind(
                serde_json::to_value(address).map_err(|source| ApplyError::Event {
                    what: "Failed to encode an address".into(),
                    source,
                })?,
            ),
            AccountEvent::AccountStatusChanged { to, .. } => sqlx::query(
                "UPDATE read_model.known_accounts
                    SET status = $2, last_sequence = $3, updated_at = $4
                  WHERE id = $1 AND last_sequence < $3",
            )
            .bind(&event.subject)
            .bind(to.as_str())
            .bind(event.sequence)
            .bind(event.time),
            _ => return Ok(()),
        };
        query
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to update the known accounts"))?;
        Ok(())
    }
}
