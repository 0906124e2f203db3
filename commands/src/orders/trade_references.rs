//! The accounts a sales or purchase order names, as orders' own copy of identity's
//! accounts knows them (`read_model.known_accounts`, kept from identity's topic): the
//! checks' input and the customer snapshot a shipment carries to finance.

use std::collections::BTreeMap;

use constructos_domain::finance::address_text;
use constructos_domain::identity::{Address, AddressType};
use constructos_domain::orders::sales_order::CustomerSnapshot;
use constructos_domain::orders::KnownAccount;
use sqlx::PgPool;

use super::references::{kind, status};
use crate::CommandError;

/// An account as orders knows it, with what a tax invoice shows of it.
pub(super) struct AccountFacts {
    pub account: KnownAccount,
    pub vat_number: Option<String>,
    pub addresses: BTreeMap<String, Address>,
}

impl AccountFacts {
    /// The snapshot a shipment carries: registered name, VAT number, and the billing
    /// address, else the physical, else the postal one.
    pub fn snapshot(&self) -> CustomerSnapshot {
        let address = [
            AddressType::Billing,
            AddressType::Physical,
            AddressType::Postal,
        ]
        .iter()
        .find_map(|t| self.addresses.get(t.as_str()))
        .map(address_text);
        CustomerSnapshot {
            account_id: self.account.id.clone(),
            name: self.account.name.clone(),
            vat_number: self.vat_number.clone(),
            address,
        }
    }
}

type Row = (
    String,
    String,
    String,
    String,
    Option<String>,
    serde_json::Value,
);

/// The account `id` in orders' copy, if it is there.
pub(super) async fn account_facts(
    pool: &PgPool,
    id: &str,
) -> Result<Option<AccountFacts>, CommandError> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, kind, name, status, vat_number, addresses
           FROM read_model.known_accounts WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
    .map_err(|e| CommandError::Internal(format!("Failed to read the known accounts: {e}")))?;
    let Some((id, kind_name, name, status_name, vat_number, addresses)) = row else {
        return Ok(None);
    };
    let (Some(kind), Some(status)) = (kind(&kind_name), status(&status_name)) else {
        return Err(CommandError::Internal(format!(
            "the known account {id} has kind {kind_name:?} and status {status_name:?}"
        )));
    };
    let addresses = serde_json::from_value(addresses)
        .map_err(|e| CommandError::Internal(format!("the known account {id}'s addresses: {e}")))?;
    Ok(Some(AccountFacts {
        account: KnownAccount {
            id,
            kind,
            name,
            status,
        },
        vat_number,
        addresses,
    }))
}
