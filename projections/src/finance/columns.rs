//! Reading finance read-model rows: columns, amounts from `numeric(18,2)` columns and
//! parts of the stored document (`jsonb`) of invoices, bills and credit notes. A value
//! that does not read is [`ReadError::Stored`].

use constructos_domain::finance::Rand;
use constructos_infra::{stored, ReadError};
use rust_decimal::Decimal;
use sqlx::postgres::PgRow;
use sqlx::Row;

/// The column `column` of `row` as `T`.
pub(super) fn get<'r, T>(row: &'r PgRow, column: &str) -> Result<T, ReadError>
where
    T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    row.try_get(column)
        .map_err(|e| stored(format!("{column}: {e}")))
}

/// A `numeric(18,2)` column as rand.
pub(super) fn rand(row: &PgRow, column: &str) -> Result<Rand, ReadError> {
    let value: Decimal = get(row, column)?;
    Rand::from_decimal(value).map_err(|e| stored(format!("{column} is not an amount: {e}")))
}

/// The part `key` of a stored document (null when absent).
pub(super) fn part<T: serde::de::DeserializeOwned>(
    document: &serde_json::Value,
    key: &str,
) -> Result<T, ReadError> {
    serde_json::from_value(document.get(key).cloned().unwrap_or_default())
        .map_err(|e| stored(format!("the stored document's {key}: {e}")))
}
