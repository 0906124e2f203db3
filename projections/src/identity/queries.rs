//! Reads of the identity read models, with keyset (cursor) pagination.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use constructos_infra::{read, ReadError};
use sqlx::PgPool;

use super::rows::{AccountFilter, AccountRow, ContactRow, Page, UserRow};
use crate::like_pattern;

/// The most rows one page returns.
pub const MAX_PAGE: i64 = 100;

/// Reads of the identity database's read models.
#[derive(Clone)]
pub struct IdentityQueries {
    pub(super) pool: PgPool,
}

const ACCOUNT_COLUMNS: &str = "id, kind, name, registration_number, vat_number, status, \
     trading_name, tax_reference, bbbee_level, bbbee_certificate_expires_on, cidb_gradings, \
     payment_terms_days, payment_terms_basis, created_at, updated_at";

const CONTACT_COLUMNS: &str = "id, account_id, first_name, last_name, email, phone, job_title, \
     roles, allow_email, allow_phone, allow_sms, allow_whatsapp, preferred_channel, \
     popia_consent, popia_consent_on, created_at, updated_at";

pub(super) fn encode_cursor(sort_key: &str, id: &str) -> String {
    let json = serde_json::json!([sort_key, id]).to_string();
    URL_SAFE_NO_PAD.encode(json)
}

pub(super) fn decode_cursor(cursor: &str) -> Result<(String, String), ReadError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| ReadError::InvalidCursor)?;
    serde_json::from_slice::<(String, String)>(&bytes).map_err(|_| ReadError::InvalidCursor)
}

/// The keyset position after `cursor`: `(sort key, id)`, both `None` for the first page.
pub(super) fn keyset_after(
    cursor: Option<&str>,
) -> Result<(Option<String>, Option<String>), ReadError> {
    match cursor {
        Some(cursor) => decode_cursor(cursor).map(|(key, id)| (Some(key), Some(id))),
        None => Ok((None, None)),
    }
}

/// A page from `rows` fetched with `LIMIT first + 1`: the extra row only says that more
/// follow; the cursor is the last kept row's `(sort key, id)`.
pub(super) fn page_of<T>(
    mut rows: Vec<T>,
    first: i64,
    key: impl Fn(&T) -> (String, String),
) -> Page<T> {
    let keep = usize::try_from(first).unwrap_or(0);
    let has_next_page = rows.len() > keep;
    rows.truncate(keep);
    let end_cursor = rows.last().map(|r| {
        let (sort_key, id) = key(r);
        encode_cursor(&sort_key, &id)
    });
    Page {
        items: rows,
        end_cursor,
        has_next_page,
    }
}

impl IdentityQueries {
    /// Queries over the identity database.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Accounts ordered by name, `first` at a time after `after`.
    pub async fn accounts(
        &self,
        filter: &AccountFilter,
        first: i64,
        after: Option<&str>,
    ) -> Result<Page<AccountRow>, ReadError> {
        let first = first.clamp(1, MAX_PAGE);
        let (after_key, after_id) = keyset_after(after)?;
        let rows: Vec<AccountRow> = sqlx::query_as(&format!(
            "SELECT {ACCOUNT_COLUMNS}
               FROM read_model.accounts
              WHERE ($1::text IS NULL OR name ILIKE $1)
                AND ($2::text IS NULL OR kind = $2)
                AND ($3::text IS NULL OR status = $3)
                AND ($4::text IS NULL OR (lower(name), id) > ($4, $5))
              ORDER BY lower(name), id
              LIMIT $6"
        ))
        .bind(filter.name_contains.as_deref().map(like_pattern))
        .bind(&filter.kind)
        .bind(&filter.status)
        .bind(after_key)
        .bind(after_id)
        .bind(first + 1)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to list accounts"))?;
        Ok(page_of(rows, first, |r| {
            (r.name.to_lowercase(), r.id.clone())
        }))
    }

    /// One account by id.
    pub async fn account(&self, id: &str) -> Result<Option<AccountRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM read_model.accounts WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read an account"))
    }

    /// The contacts at an account, by last then first name.
    pub async fn contacts_of(&self, account_id: &str) -> Result<Vec<ContactRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT {CONTACT_COLUMNS}
               FROM read_model.contacts WHERE account_id = $1
              ORDER BY lower(last_name), lower(first_name), id
              LIMIT 500"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to list contacts"))
    }

    /// One contact by id.
    pub async fn contact(&self, id: &str) -> Result<Option<ContactRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT {CONTACT_COLUMNS} FROM read_model.contacts WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read a contact"))
    }
}

const USER_COLUMNS: &str = "id, subject, tenant_id, name, username, employee_id, contact_id, \
                            projects, sites, created_at, updated_at";

impl IdentityQueries {
    /// Users by name; `only` restricts the list to one user id (row-level filtering).
    pub async fn users(&self, only: Option<&str>) -> Result<Vec<UserRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM read_model.users
              WHERE ($1::text IS NULL OR id = $1)
              ORDER BY lower(coalesce(name, subject)), id
              LIMIT 500"
        ))
        .bind(only)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to list users"))
    }

    /// One user by id.
    pub async fn user(&self, id: &str) -> Result<Option<UserRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM read_model.users WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read a user"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = encode_cursor("ubuntu \"builders\"", "id-1");
        assert_eq!(
            decode_cursor(&c).ok(),
            Some(("ubuntu \"builders\"".into(), "id-1".into()))
        );
        assert!(decode_cursor("not a cursor").is_err());
    }

    #[test]
    fn like_patterns_match_literally() {
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
