//! Keeps `read_model.accounts`, `read_model.account_addresses` and
//! `read_model.account_status_history` from account events.

use constructos_domain::identity::AccountEvent;
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, ApplyError};

/// The account row's columns an event sets, after `id = $1`; the caller binds their
/// values as `$2…`, then `updated_at` and `last_sequence` follow.
fn set_columns(columns: &[&str]) -> String {
    let mut sql = String::from("UPDATE read_model.accounts SET ");
    for (i, column) in columns.iter().enumerate() {
        sql.push_str(&format!("{column} = ${}, ", i + 2));
    }
    let (at, seq) = (columns.len() + 2, columns.len() + 3);
    sql.push_str(&format!(
        "updated_at = ${at}, last_sequence = ${seq} WHERE id = $1 AND last_sequence < ${seq}"
    ));
    sql
}

pub(super) async fn apply_account(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    account: AccountEvent,
) -> Result<(), ApplyError> {
    let id = &event.subject;
    let sql;
    let query = match account {
        AccountEvent::AccountCreated {
            kind,
            name,
            registration_number,
            vat_number,
        } => {
            return sqlx::query(
                "INSERT INTO read_model.accounts
                     (id, kind, name, registration_number, vat_number, status, created_at, updated_at, last_sequence)
                 VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, $6, $7)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(id)
            .bind(kind.as_str())
            .bind(name)
            .bind(registration_number)
            .bind(vat_number)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map(|_| ())
            .map_err(database("Failed to insert an account"));
        }
        AccountEvent::AccountDetailsUpdated {
            name,
            registration_number,
            vat_number,
        } => {
            sql = set_columns(&["name", "registration_number", "vat_number"]);
            sqlx::query(&sql)
                .bind(id)
                .bind(name)
                .bind(registration_number)
                .bind(vat_number)
        }
        AccountEvent::AccountStatusChanged { from, to, reason } => {
            sqlx::query(
                "INSERT INTO read_model.account_status_history
                     (account_id, sequence, from_status, to_status, reason, changed_by, changed_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(event.sequence)
            .bind(from.as_str())
            .bind(to.as_str())
            .bind(reason)
            .bind(&event.actor)
            .bind(event.time)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to record a status change"))?;
            sql = set_columns(&["status"]);
            sqlx::query(&sql).bind(id).bind(to.as_str())
        }
        AccountEvent::AccountTradingNameChanged { trading_name } => {
            sql = set_columns(&["trading_name"]);
            sqlx::query(&sql).bind(id).bind(trading_name)
        }
        AccountEvent::AccountTaxReferenceChanged { tax_reference } => {
            sql = set_columns(&["tax_reference"]);
            sqlx::query(&sql).bind(id).bind(tax_reference)
        }
        AccountEvent::VendorBbbeeCertified {
            level,
            certificate_expires_on,
        } => {
            sql = set_columns(&["bbbee_level", "bbbee_certificate_expires_on"]);
            sqlx::query(&sql)
                .bind(id)
                .bind(level.as_str())
                .bind(certificate_expires_on)
        }
        AccountEvent::SubcontractorCidbGraded {
            grade,
            class_of_works,
        } => {
            // The new grade replaces the one in the same class of works (the letters
            // after the single-digit grade); the array stays sorted.
            sqlx::query(
                "UPDATE read_model.accounts
                    SET cidb_gradings = ARRAY(SELECT g FROM unnest(cidb_gradings) AS g
                                               WHERE substr(g, 2) <> substr($2::text, 2)
                                              UNION SELECT $2::text ORDER BY 1),
                        updated_at = $3, last_sequence = $4
                  WHERE id = $1 AND last_sequence < $4",
            )
            .bind(id)
            .bind(format!("{grade}{}", class_of_works.as_str()))
        }
        AccountEvent::AccountAddressChanged {
            address_type,
            address,
        } => {
            sqlx::query(
                "INSERT INTO read_model.account_addresses
                     (account_id, address_type, lines, city, province, postal_code, updated_at, last_sequence)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (account_id, address_type) DO UPDATE
                    SET lines = EXCLUDED.lines, city = EXCLUDED.city, province = EXCLUDED.province,
                        postal_code = EXCLUDED.postal_code, updated_at = EXCLUDED.updated_at,
                        last_sequence = EXCLUDED.last_sequence
                  WHERE account_addresses.last_sequence < EXCLUDED.last_sequence",
            )
            .bind(id)
            .bind(address_type.as_str())
            .bind(address.lines)
            .bind(address.city)
            .bind(address.province.as_str())
            .bind(address.postal_code)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to update an address"))?;
            sql = set_columns(&[]);
            sqlx::query(&sql).bind(id)
        }
        AccountEvent::AccountPaymentTermsChanged { days, basis } => {
            sql = set_columns(&["payment_terms_days", "payment_terms_basis"]);
            sqlx::query(&sql)
                .bind(id)
                .bind(i32::from(days))
                .bind(basis.as_str())
        }
    };
    query
        .bind(event.time)
        .bind(event.sequence)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update accounts"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_number_their_parameters_after_the_id() {
        assert_eq!(
            set_columns(&["a", "b"]),
            "UPDATE read_model.accounts SET a = $2, b = $3, updated_at = $4, last_sequence = $5 \
             WHERE id = $1 AND last_sequence < $5"
        );
        assert_eq!(
            set_columns(&[]),
            "UPDATE read_model.accounts SET updated_at = $2, last_sequence = $3 \
             WHERE id = $1 AND last_sequence < $3"
        );
    }
}
