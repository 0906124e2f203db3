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
    /// The catalogue's description and stock unit.
    pub description: Option<String>,
    pub unit: Option<String>,
    pub location: String,
    pub on_hand: Decimal,
    pub reserved: Decimal,
    pub available: Decimal,
    /// Rand and cents.
    pub value: Decimal,
    /// The weighted average unit cost; `None` while nothing is on hand.
    pub average_cost: Option<Decimal>,
    /// The product's reorder level (the rule applies to warehouses).
    pub reorder_level: Option<Decimal>,
    /// Whether this is a warehouse position at or below its product's reorder level.
    pub low: bool,
    pub updated_at: DateTime<Utc>,
}

/// A product of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ProductRow {
    pub sku: String,
    pub description: String,
    pub category: String,
    pub unit: String,
    /// `[{"unit": "pallet", "factor": "40"}]`: one of `unit` is `factor` stock units.
    pub conversions: serde_json::Value,
    pub standard_cost: Decimal,
    pub sell_price: Decimal,
    pub vat: String,
    pub reorder_level: Decimal,
    pub reorder_quantity: Decimal,
    pub preferred_vendor: Option<String>,
    pub discontinued: bool,
    pub updated_at: DateTime<Utc>,
}

/// A warehouse or site store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct LocationRow {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub project_id: Option<String>,
    pub allow_negative: bool,
    pub closed: bool,
    pub opened_at: DateTime<Utc>,
}

/// A product whose available stock in the warehouses is at or below its reorder level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct LowStockRow {
    pub sku: String,
    pub description: String,
    pub unit: String,
    /// On hand less reserved, over every warehouse.
    pub available: Decimal,
    /// On its way to a warehouse.
    pub in_transit: Decimal,
    pub reorder_level: Decimal,
    pub reorder_quantity: Decimal,
    pub preferred_vendor: Option<String>,
}

/// An item of the equipment register, with where it is and when its service is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct EquipmentRow {
    pub code: String,
    pub description: String,
    pub category: String,
    pub serial_number: String,
    pub ownership: String,
    pub meter_kind: String,
    pub daily_rate: Decimal,
    pub meter: Decimal,
    pub meter_read_on: chrono::NaiveDate,
    /// The project it is out on; `None` in the yard.
    pub project_id: Option<String>,
    pub out_since: Option<chrono::NaiveDate>,
    pub last_service_on: chrono::NaiveDate,
    /// The meter reading at which the next service is due, if the plan counts units.
    pub service_due_meter: Option<Decimal>,
    /// The date by which the next service is due, if the plan counts days.
    pub service_due_on: Option<chrono::NaiveDate>,
    /// Past either limit as at the date asked about.
    pub service_overdue: bool,
}

/// What an item cost a project: its spells out and their charges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct HireRow {
    pub code: String,
    pub project_id: String,
    pub spells: i64,
    pub days: i64,
    pub charge: Decimal,
}

/// A stock count sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct CountRow {
    pub id: String,
    pub location: String,
    pub reference: String,
    /// `OPEN` or `POSTED`.
    pub status: String,
    pub opened_at: DateTime<Utc>,
    pub posted_at: Option<DateTime<Utc>>,
}

/// One product on a count sheet: the book quantity (on hand now while open, as posted
/// once posted) and the variance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct CountLineRow {
    pub product: String,
    pub counted: Decimal,
    pub book: Decimal,
    /// Counted less book.
    pub variance: Decimal,
}

/// A transfer between two locations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct TransferRow {
    pub id: String,
    pub product: String,
    pub from_location: String,
    pub to_location: String,
    pub quantity: Decimal,
    /// What left the source, rand and cents; the destination receives exactly this.
    pub value: Decimal,
    pub reference: String,
    pub dispatched_at: DateTime<Utc>,
    /// `None` while in transit.
    pub received_at: Option<DateTime<Utc>>,
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
            "SELECT s.id, s.product, p.description, p.unit, s.location, s.on_hand, s.reserved,
                    s.on_hand - s.reserved AS available, s.value,
                    CASE WHEN s.on_hand > 0 THEN round(s.value / s.on_hand, 4) END AS average_cost,
                    p.reorder_level,
                    coalesce(l.kind = 'WAREHOUSE' AND p.reorder_level > 0
                             AND s.on_hand - s.reserved <= p.reorder_level, false) AS low,
                    s.updated_at
               FROM read_model.stock_levels s
               LEFT JOIN read_model.products p ON p.sku = s.product
               LEFT JOIN read_model.locations l ON l.code = s.location
              WHERE ($1::text IS NULL OR s.location = $1)
                AND ($2::text IS NULL OR s.product = $2)
              ORDER BY s.location, s.product
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

    /// The catalogue, by SKU (at most 500), optionally only what matches `search` in the
    /// SKU or description, and without discontinued products unless asked.
    pub async fn products(
        &self,
        search: Option<&str>,
        include_discontinued: bool,
    ) -> Result<Vec<ProductRow>, ReadError> {
        let pattern = search.map(crate::like_pattern);
        sqlx::query_as(
            "SELECT sku, description, category, unit, conversions, standard_cost, sell_price,
                    vat, reorder_level, reorder_quantity, preferred_vendor, discontinued,
                    updated_at
               FROM read_model.products
              WHERE ($1::text IS NULL OR sku ILIKE $1 OR description ILIKE $1)
                AND ($2 OR NOT discontinued)
              ORDER BY sku
              LIMIT 500",
        )
        .bind(pattern)
        .bind(include_discontinued)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the product catalogue"))
    }

    /// One product by SKU.
    pub async fn product(&self, sku: &str) -> Result<Option<ProductRow>, ReadError> {
        sqlx::query_as(
            "SELECT sku, description, category, unit, conversions, standard_cost, sell_price,
                    vat, reorder_level, reorder_quantity, preferred_vendor, discontinued,
                    updated_at
               FROM read_model.products WHERE sku = $1",
        )
        .bind(sku)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read a product"))
    }

    /// The locations by code, closed ones too.
    pub async fn locations(&self) -> Result<Vec<LocationRow>, ReadError> {
        sqlx::query_as(
            "SELECT code, name, kind, project_id, allow_negative, closed, opened_at
               FROM read_model.locations ORDER BY code LIMIT 500",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the locations"))
    }

    /// Products at or below their reorder level over the warehouses (counting what is
    /// on its way to one), lowest cover first.
    pub async fn low_stock(&self) -> Result<Vec<LowStockRow>, ReadError> {
        sqlx::query_as(
            "WITH warehouses AS (
                 SELECT code FROM read_model.locations WHERE kind = 'WAREHOUSE' AND NOT closed),
             available AS (
                 SELECT s.product, sum(s.on_hand - s.reserved) AS available
                   FROM read_model.stock_levels s JOIN warehouses w ON w.code = s.location
                  GROUP BY s.product),
             coming AS (
                 SELECT t.product, sum(t.quantity) AS in_transit
                   FROM read_model.transfers t JOIN warehouses w ON w.code = t.to_location
                  WHERE t.received_at IS NULL
                  GROUP BY t.product)
             SELECT p.sku, p.description, p.unit,
                    coalesce(a.available, 0) AS available,
                    coalesce(c.in_transit, 0) AS in_transit,
                    p.reorder_level, p.reorder_quantity, p.preferred_vendor
               FROM read_model.products p
               LEFT JOIN available a ON a.product = p.sku
               LEFT JOIN coming c ON c.product = p.sku
              WHERE NOT p.discontinued AND p.reorder_level > 0
                AND coalesce(a.available, 0) + coalesce(c.in_transit, 0) <= p.reorder_level
              ORDER BY (coalesce(a.available, 0) + coalesce(c.in_transit, 0)) / p.reorder_level,
                       p.sku
              LIMIT 500",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the products low on stock"))
    }

    /// Transfers, latest first (at most 500); only those in transit when asked.
    pub async fn transfers(&self, in_transit_only: bool) -> Result<Vec<TransferRow>, ReadError> {
        sqlx::query_as(
            "SELECT id, product, from_location, to_location, quantity, value, reference,
                    dispatched_at, received_at
               FROM read_model.transfers
              WHERE NOT $1 OR received_at IS NULL
              ORDER BY dispatched_at DESC
              LIMIT 500",
        )
        .bind(in_transit_only)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the transfers"))
    }

    /// What `location` holds of `product` for a stock check: on hand, reserved, and what
    /// is on its way there; `None` when the catalogue has no such product or no such
    /// location.
    pub async fn holding(
        &self,
        product: &str,
        location: &str,
    ) -> Result<Option<(Decimal, Decimal, Decimal)>, ReadError> {
        sqlx::query_as(
            "SELECT coalesce(s.on_hand, 0), coalesce(s.reserved, 0),
                    coalesce((SELECT sum(t.quantity) FROM read_model.transfers t
                               WHERE t.product = p.sku AND t.to_location = l.code
                                 AND t.received_at IS NULL), 0)
               FROM read_model.products p
               CROSS JOIN read_model.locations l
               LEFT JOIN read_model.stock_levels s ON s.product = p.sku AND s.location = l.code
              WHERE p.sku = $1 AND l.code = $2",
        )
        .bind(product)
        .bind(location)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read a stock position"))
    }

    /// Count sheets, latest first (at most 200), optionally of one location.
    pub async fn counts(&self, location: Option<&str>) -> Result<Vec<CountRow>, ReadError> {
        sqlx::query_as(
            "SELECT id, location, reference, status, opened_at, posted_at
               FROM read_model.stock_counts
              WHERE $1::text IS NULL OR location = $1
              ORDER BY opened_at DESC LIMIT 200",
        )
        .bind(location)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the stock counts"))
    }

    /// One count sheet with its lines and variances.
    pub async fn count(
        &self,
        id: &str,
    ) -> Result<Option<(CountRow, Vec<CountLineRow>)>, ReadError> {
        let sheet: Option<CountRow> = sqlx::query_as(
            "SELECT id, location, reference, status, opened_at, posted_at
               FROM read_model.stock_counts WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read a stock count"))?;
        let Some(sheet) = sheet else {
            return Ok(None);
        };
        let lines = sqlx::query_as(
            "SELECT l.product, l.counted,
                    coalesce(l.book, s.on_hand, 0) AS book,
                    l.counted - coalesce(l.book, s.on_hand, 0) AS variance
               FROM read_model.stock_count_lines l
               LEFT JOIN read_model.stock_levels s ON s.product = l.product AND s.location = $2
              WHERE l.count_id = $1
              ORDER BY l.product",
        )
        .bind(id)
        .bind(&sheet.location)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read a stock count's lines"))?;
        Ok(Some((sheet, lines)))
    }

    /// The equipment register by code (at most 500), optionally only what is out on
    /// `project` or only what is overdue for service as at `today`.
    pub async fn equipment(
        &self,
        project: Option<&str>,
        overdue_only: bool,
        today: chrono::NaiveDate,
    ) -> Result<Vec<EquipmentRow>, ReadError> {
        sqlx::query_as(
            "SELECT * FROM (
                 SELECT code, description, category, serial_number, ownership, meter_kind,
                        daily_rate, meter, meter_read_on, project_id, out_since, last_service_on,
                        last_service_meter + service_every AS service_due_meter,
                        last_service_on + service_every_days AS service_due_on,
                        coalesce(meter >= last_service_meter + service_every, false)
                          OR coalesce($3 > last_service_on + service_every_days, false)
                          AS service_overdue
                   FROM read_model.equipment
                  WHERE $1::text IS NULL OR project_id = $1) register
              WHERE NOT $2 OR service_overdue
              ORDER BY code LIMIT 500",
        )
        .bind(project)
        .bind(overdue_only)
        .bind(today)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the equipment register"))
    }

    /// Utilisation: each item's spells out on `project` (or every project), days and
    /// charges, from the check-ins.
    pub async fn hire(&self, project: Option<&str>) -> Result<Vec<HireRow>, ReadError> {
        sqlx::query_as(
            "SELECT code, project_id, count(*) AS spells, sum(days)::bigint AS days,
                    sum(charge) AS charge
               FROM read_model.equipment_hire
              WHERE $1::text IS NULL OR project_id = $1
              GROUP BY code, project_id
              ORDER BY project_id, code LIMIT 500",
        )
        .bind(project)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read equipment hire"))
    }
}
