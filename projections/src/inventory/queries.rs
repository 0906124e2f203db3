//! Reads of the inventory read models.

use chrono::{DateTime, Utc};
use constructos_infra::{read, ReadError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

/// A product's stock at a location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct StockLevelRow {
    pub id: String,
    pub product: String,
    pub location: String,
    pub on_hand: Decimal,
    pub reserved: Decimal,
    pub available: Decimal,
    /// Rand and cents.
    pub value: Decimal,
    /// The weighted average unit cost; `None` while nothing is on hand.
    pub average_cost: Option<Decimal>,
    pub updated_at: DateTime<Utc>,
}

/// One line of a position's stock card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct StockMovementRow {
    pub sequence: i64,
    pub kind: String,
    /// Signed: receipts in, issues out.
    pub quantity: Decimal,
    pub value: Decimal,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
    pub reference: Option<String>,
    pub occurred_at: DateTime<Utc>,
}

/// Reads of the inventory database's read models.
#[derive(Clone)]
pub struct InventoryQueries {
    pool: PgPool,
}

impl InventoryQueries {
    /// Queries over the inventory database.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Stock levels by location and product, optionally of one location or product.
    pub async fn stock_levels(
        &self,
        location: Option<&str>,
        product: Option<&str>,
    ) -> Result<Vec<StockLevelRow>, ReadError> {
        sqlx::query_as(
            "SELECT id, product, location, on_hand, reserved, on_hand - reserved AS available,
                    value,
                    CASE WHEN on_hand > 0 THEN round(value / on_hand, 4) END AS average_cost,
                    updated_at
               FROM read_model.stock_levels
              WHERE ($1::text IS NULL OR location = $1)
                AND ($2::text IS NULL OR product = $2)
              ORDER BY location, product
              LIMIT 500",
        )
        .bind(location)
        .bind(product)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read stock levels"))
    }

    /// The stock card of `product` at `location`, oldest first (the latest 500).
    pub async fn stock_movements(
        &self,
        product: &str,
        location: &str,
    ) -> Result<Vec<StockMovementRow>, ReadError> {
        sqlx::query_as(
            "SELECT * FROM (
                 SELECT sequence, kind, quantity, value, project_id, cost_code, reference,
                        occurred_at
                   FROM read_model.stock_movements
                  WHERE product = $1 AND location = $2
                  ORDER BY sequence DESC
                  LIMIT 500) latest
              ORDER BY sequence",
        )
        .bind(product)
        .bind(location)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read stock movements"))
    }
}
