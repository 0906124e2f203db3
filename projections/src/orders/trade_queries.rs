//! Reads of the trade read models, under the projects' row-level rule: with
//! `assigned_to`, only orders of projects that user is assigned to (directly, by code,
//! or through the project's site), exactly as `projects` filters.

use chrono::{DateTime, NaiveDate, Utc};
use constructos_infra::{read, ReadError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

/// An order line with what was delivered of it to date (shipped or received).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct OrderLineRow {
    pub order_id: String,
    pub line_no: i32,
    pub sku: Option<String>,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub vat_treatment: String,
    pub delivered: Decimal,
}

/// A shipment or a goods receipt: its note and the quantities per line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct DeliveryRow {
    pub id: String,
    pub order_id: String,
    /// The delivery note of a shipment, the GRN number of a goods receipt.
    pub number: String,
    pub date: NaiveDate,
    /// `[{line_no, quantity}]`.
    pub lines: serde_json::Value,
}

/// A sales or purchase order as the read model holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct TradeOrderRow {
    pub id: String,
    pub number: String,
    /// The customer (sales) or the vendor (purchase).
    pub account_id: String,
    pub project_id: String,
    pub cost_code: Option<String>,
    pub date: NaiveDate,
    pub status: String,
    pub retention_percent: Option<Decimal>,
    pub total_excl_vat: Decimal,
    /// Purchase orders: the open committed value.
    pub committed: Option<Decimal>,
    pub approved_by: Option<String>,
    pub approver_role: Option<String>,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[sqlx(skip)]
    pub lines: Vec<OrderLineRow>,
    /// Shipments (sales) or goods receipts (purchase).
    #[sqlx(skip)]
    pub deliveries: Vec<DeliveryRow>,
}

/// Which kind of order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trade {
    Sales,
    Purchase,
}

impl Trade {
    fn header(self) -> &'static str {
        match self {
            Trade::Sales => "SELECT o.id, o.number, o.customer_account_id AS account_id, o.project_id,
                    NULL::text AS cost_code, o.date, o.status, o.retention_percent, o.total_excl_vat,
                    NULL::numeric AS committed, NULL::text AS approved_by, NULL::text AS approver_role,
                    o.cancel_reason AS reason, o.created_at, o.updated_at
               FROM read_model.sales_orders o",
            Trade::Purchase => "SELECT o.id, o.number, o.vendor_account_id AS account_id, o.project_id,
                    o.cost_code, o.date, o.status, NULL::numeric AS retention_percent, o.total_excl_vat,
                    greatest(o.committed - coalesce(b.billed, 0), 0)::numeric(18,2) AS committed,
                    o.approved_by, o.approver_role, o.reason, o.created_at, o.updated_at
               FROM read_model.purchase_orders o
               LEFT JOIN (SELECT purchase_order_id, sum(billed) AS billed
                            FROM read_model.billed_purchase_orders GROUP BY purchase_order_id) b
                 ON b.purchase_order_id = o.id",
        }
    }

    fn lines(self) -> &'static str {
        match self {
            Trade::Sales => {
                "SELECT sales_order_id AS order_id, line_no, sku, description, quantity,
                    unit_price, vat_treatment, shipped AS delivered
               FROM read_model.sales_order_lines WHERE sales_order_id = ANY($1)
              ORDER BY sales_order_id, line_no"
            }
            Trade::Purchase => {
                "SELECT purchase_order_id AS order_id, line_no, sku, description,
                    quantity, unit_price, vat_treatment, received AS delivered
               FROM read_model.purchase_order_lines WHERE purchase_order_id = ANY($1)
              ORDER BY purchase_order_id, line_no"
            }
        }
    }

    fn deliveries(self) -> &'static str {
        match self {
            Trade::Sales => {
                "SELECT shipment_id AS id, sales_order_id AS order_id,
                    delivery_note AS number, date, lines
               FROM read_model.shipments WHERE sales_order_id = ANY($1)
              ORDER BY date, recorded_at"
            }
            Trade::Purchase => {
                "SELECT receipt_id AS id, purchase_order_id AS order_id, number, date, lines
               FROM read_model.goods_receipts WHERE purchase_order_id = ANY($1)
              ORDER BY number"
            }
        }
    }
}

/// The projects' row-level predicate on an order `o`'s project, for user `$1`.
const IN_SCOPE: &str = "($1::text IS NULL OR EXISTS (
        SELECT 1 FROM read_model.projects p
          JOIN read_model.user_assignments a ON a.user_id = $1
         WHERE p.id = o.project_id
           AND (p.id = ANY (a.projects) OR p.code = ANY (a.projects) OR p.site_id = ANY (a.sites))))";

/// Reads of the trade read models in the orders database.
#[derive(Clone)]
pub struct TradeQueries {
    pool: PgPool,
}

impl TradeQueries {
    /// Queries over the orders database.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Orders of `trade` by number, newest first (at most 500), optionally of one
    /// project and in one status, under the row-level rule.
    pub async fn trade_orders(
        &self,
        trade: Trade,
        assigned_to: Option<&str>,
        project_id: Option<&str>,
        status: Option<&str>,
    ) -> Result<Vec<TradeOrderRow>, ReadError> {
        self.select_orders(trade, assigned_to, None, project_id, status)
            .await
    }

    /// One order of `trade`, under the same rule.
    pub async fn trade_order(
        &self,
        trade: Trade,
        id: &str,
        assigned_to: Option<&str>,
    ) -> Result<Option<TradeOrderRow>, ReadError> {
        Ok(self
            .select_orders(trade, assigned_to, Some(id), None, None)
            .await?
            .pop())
    }

    /// Σ open commitment over the project's purchase orders — each order's committed
    /// value (see `trade_purchases`) less what finance billed against it, never below
    /// nought — and how many orders still commit anything.
    pub async fn project_commitments(&self, project_id: &str) -> Result<(Decimal, i64), ReadError> {
        sqlx::query_as(
            "SELECT coalesce(sum(open), 0)::numeric(18,2), count(*) FILTER (WHERE open > 0)
               FROM (SELECT greatest(o.committed - coalesce(
                              (SELECT sum(b.billed) FROM read_model.billed_purchase_orders b
                                WHERE b.purchase_order_id = o.id), 0), 0) AS open
                       FROM read_model.purchase_orders o WHERE o.project_id = $1) AS orders",
        )
        .bind(project_id)
        .fetch_one(&self.pool)
        .await
        .map_err(read("Failed to read commitments"))
    }

    async fn select_orders(
        &self,
        trade: Trade,
        assigned_to: Option<&str>,
        id: Option<&str>,
        project_id: Option<&str>,
        status: Option<&str>,
    ) -> Result<Vec<TradeOrderRow>, ReadError> {
        let sql = format!(
            "{} WHERE {IN_SCOPE}
                AND ($2::text IS NULL OR o.id = $2)
                AND ($3::text IS NULL OR o.project_id = $3)
                AND ($4::text IS NULL OR o.status = $4)
              ORDER BY o.number DESC LIMIT 500",
            trade.header()
        );
        // The orders, their lines and their deliveries from one snapshot: read apart, a
        // projection committing in between would show an order's receipts without the
        // status they moved it to.
        let mut tx = self
            .pool
            .begin()
            .await
            .map_err(read("Failed to begin reading orders"))?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await
            .map_err(read("Failed to begin reading orders"))?;
        let mut orders: Vec<TradeOrderRow> = sqlx::query_as(&sql)
            .bind(assigned_to)
            .bind(id)
            .bind(project_id)
            .bind(status)
            .fetch_all(&mut *tx)
            .await
            .map_err(read("Failed to read orders"))?;
        let ids: Vec<String> = orders.iter().map(|o| o.id.clone()).collect();
        let lines: Vec<OrderLineRow> = sqlx::query_as(trade.lines())
            .bind(&ids)
            .fetch_all(&mut *tx)
            .await
            .map_err(read("Failed to read order lines"))?;
        let deliveries: Vec<DeliveryRow> = sqlx::query_as(trade.deliveries())
            .bind(&ids)
            .fetch_all(&mut *tx)
            .await
            .map_err(read("Failed to read deliveries"))?;
        tx.commit()
            .await
            .map_err(read("Failed to finish reading orders"))?;
        for order in &mut orders {
            order.lines = lines
                .iter()
                .filter(|l| l.order_id == order.id)
                .cloned()
                .collect();
            order.deliveries = deliveries
                .iter()
                .filter(|d| d.order_id == order.id)
                .cloned()
                .collect();
        }
        Ok(orders)
    }
}
