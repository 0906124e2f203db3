//! Reading finance read-model rows: amounts from `numeric(18,2)` columns and parts of
//! the stored document (`jsonb`) of invoices, bills and credit notes.

use anyhow::Context;
use constructos_domain::finance::Rand;
use rust_decimal::Decimal;
use sqlx::postgres::PgRow;
use sqlx::Row;

/// A `numeric(18,2)` column as rand.
pub(super) fn rand(row: &PgRow, column: &str) -> anyhow::Result<Rand> {
    let value: Decimal = row.try_get(column)?;
    Rand::from_decimal(value).with_context(|| format!("{column} is not an amount"))
}

/// The part `key` of a stored document (null when absent).
pub(super) fn part<T: serde::de::DeserializeOwned>(
    document: &serde_json::Value,
    key: &str,
) -> anyhow::Result<T> {
    serde_json::from_value(document.get(key).cloned().unwrap_or_default())
        .with_context(|| format!("the stored document's {key}"))
}
