//! Finance's copy of orders' purchase orders, their goods received notes (for the
//! three-way match, `commands/src/finance/matching.rs`) and the commitments they make
//! (`finance.purchase_order_facts`, from orders' topic): an approved order commits its
//! value to its project and cost code (one movement per line, dated the approval), and
//! a cancelled or closed order stops committing whatever of it was still open (one
//! movement of minus the order's movements so far). What is billed against an order
//! is taken off when the project cost report reads the commitments (`reports.rs`): a
//! bill is finance's own event, an order orders'. Rows are inserted once (keyed by
//! order and line); updates of the copy are guarded by the order stream's sequence.
//! A note's lines received into a stock location (`GoodsIntoStock`, right after its
//! `GoodsReceived` on the same stream) are marked `into_stock`.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_domain::finance::{line_value, Rand};
use constructos_infra::cloudevents::CloudEvent;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{Postgres, Transaction};

use crate::{database, ApplyError, Projection};

type Tx<'a, 'b> = &'a mut Transaction<'b, Postgres>;

/// The aggregate type of orders' purchase orders.
pub const PURCHASE_ORDER_AGGREGATE: &str = "orders.purchase_order";

/// One line of an approved order (`PurchaseOrderApproved.v1.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PurchaseOrderLine {
    pub line_no: i32,
    #[serde(default)]
    pub sku: Option<String>,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: String,
}

/// The `data` of `PurchaseOrderApproved` v1.
#[derive(Debug, Clone, Deserialize)]
struct PurchaseOrderApproved {
    purchase_order_id: String,
    number: String,
    vendor_account_id: String,
    project_id: String,
    cost_code: String,
    date: NaiveDate,
    lines: Vec<PurchaseOrderLine>,
    total_excl_vat: Rand,
}

/// The `data` of `PurchaseOrderCancelled` / `PurchaseOrderClosed` v1.
#[derive(Debug, Clone, Deserialize)]
struct PurchaseOrderEnded {
    purchase_order_id: String,
}

/// One line of a goods received note.
#[derive(Debug, Clone, Deserialize)]
struct ReceivedLine {
    line_no: i32,
    quantity: Decimal,
}

/// The `data` of `GoodsReceived` v1.
#[derive(Debug, Clone, Deserialize)]
struct GoodsReceived {
    purchase_order_id: String,
    receipt_id: String,
    receipt_number: String,
    date: NaiveDate,
    lines: Vec<ReceivedLine>,
}

/// Finance's copy of purchase orders, and their commitments.
#[derive(Debug, Clone, Copy, Default)]
pub struct PurchaseOrderFactsProjection;

fn contract(event: &CloudEvent) -> impl FnOnce(serde_json::Error) -> ApplyError + '_ {
    move |source| ApplyError::Event {
        what: format!("{} does not match its event type", event.id),
        source,
    }
}

async fn approved(tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
    let order: PurchaseOrderApproved =
        serde_json::from_value(event.data.clone()).map_err(contract(event))?;
    sqlx::query(
        "INSERT INTO read_model.known_purchase_orders
             (id, number, vendor_account_id, project_id, cost_code, approved_on, total_excl_vat,
              lines, status, last_sequence, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'APPROVED', $9, $10)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(&order.purchase_order_id)
    .bind(&order.number)
    .bind(&order.vendor_account_id)
    .bind(&order.project_id)
    .bind(&order.cost_code)
    .bind(order.date)
    .bind(order.total_excl_vat.as_decimal())
    .bind(json!(order.lines))
    .bind(event.sequence)
    .bind(event.time)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to copy a purchase order"))?;
    for line in &order.lines {
        // A line priced past the largest amount breaks orders' own rule; kept as 0.
        let value = line_value(line.quantity, line.unit_price).unwrap_or(Rand::ZERO);
        sqlx::query(
            "INSERT INTO read_model.commitments
                 (source_id, line_no, project_id, cost_code, commitment_date, amount, description,
                  last_sequence)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (source_id, line_no) DO NOTHING",
        )
        .bind(&order.purchase_order_id)
        .bind(line.line_no)
        .bind(&order.project_id)
        .bind(&order.cost_code)
        .bind(order.date)
        .bind(value.as_decimal())
        .bind(format!(
            "{} line {}: {}",
            order.number, line.line_no, line.description
        ))
        .bind(event.sequence)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to record a commitment"))?;
    }
    Ok(())
}

async fn ended(tx: Tx<'_, '_>, event: &CloudEvent, status: &str) -> Result<(), ApplyError> {
    let order: PurchaseOrderEnded =
        serde_json::from_value(event.data.clone()).map_err(contract(event))?;
    let on = event.time.date_naive();
    let updated = sqlx::query(
        "UPDATE read_model.known_purchase_orders
            SET status = $2, ended_on = $3, last_sequence = $4, updated_at = $5
          WHERE id = $1 AND status = 'APPROVED' AND last_sequence < $4",
    )
    .bind(&order.purchase_order_id)
    .bind(status)
    .bind(on)
    .bind(event.sequence)
    .bind(event.time)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to end a purchase order"))?;
    if updated.rows_affected() == 0 {
        // Not approved (a raised order cancelled) or ended before: nothing committed.
        return Ok(());
    }
    // Line 0: minus everything the order still commits, so it commits nothing from now
    // on (what was billed is taken off when reading, and never below nought).
    sqlx::query(
        "INSERT INTO read_model.commitments
             (source_id, line_no, project_id, cost_code, commitment_date, amount, description,
              last_sequence)
         SELECT o.id, 0, o.project_id, o.cost_code, $2,
                -COALESCE((SELECT SUM(c.amount) FROM read_model.commitments c
                            WHERE c.source_id = o.id), 0),
                o.number || ' ' || lower($3), $4
           FROM read_model.known_purchase_orders o
          WHERE o.id = $1
         ON CONFLICT (source_id, line_no) DO NOTHING",
    )
    .bind(&order.purchase_order_id)
    .bind(on)
    .bind(status)
    .bind(event.sequence)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to end a commitment"))?;
    Ok(())
}

async fn received(tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
    let note: GoodsReceived =
        serde_json::from_value(event.data.clone()).map_err(contract(event))?;
    for line in &note.lines {
        sqlx::query(
            "INSERT INTO read_model.goods_receipts
                 (receipt_id, line_no, purchase_order_id, receipt_number, receipt_date, quantity)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (receipt_id, line_no) DO NOTHING",
        )
        .bind(&note.receipt_id)
        .bind(line.line_no)
        .bind(&note.purchase_order_id)
        .bind(&note.receipt_number)
        .bind(note.date)
        .bind(line.quantity)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to copy a goods received note"))?;
    }
    Ok(())
}

/// The `data` of `GoodsIntoStock` v1, as far as finance reads it.
#[derive(Debug, Clone, Deserialize)]
struct GoodsIntoStock {
    receipt_id: String,
    lines: Vec<ReceivedLine>,
}

/// Marks the note's lines that went into stock: their bills clear goods received not
/// invoiced instead of costing the project (the issue from stock does that).
async fn into_stock(tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
    let note: GoodsIntoStock =
        serde_json::from_value(event.data.clone()).map_err(contract(event))?;
    let lines: Vec<i32> = note.lines.iter().map(|l| l.line_no).collect();
    sqlx::query(
        "UPDATE read_model.goods_receipts SET into_stock = true
          WHERE receipt_id = $1 AND line_no = ANY($2)",
    )
    .bind(&note.receipt_id)
    .bind(&lines)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to mark goods received into stock"))?;
    Ok(())
}

#[async_trait]
impl Projection for PurchaseOrderFactsProjection {
    fn name(&self) -> &'static str {
        "finance.purchase_order_facts"
    }

    async fn apply(&self, tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
        if event.aggregatetype != PURCHASE_ORDER_AGGREGATE {
            return Ok(());
        }
        match event.short_type() {
            "PurchaseOrderApproved" => approved(tx, event).await,
            "PurchaseOrderCancelled" => ended(tx, event, "CANCELLED").await,
            "PurchaseOrderClosed" => ended(tx, event, "CLOSED").await,
            "GoodsReceived" => received(tx, event).await,
            "GoodsIntoStock" => into_stock(tx, event).await,
            _ => Ok(()),
        }
    }
}
