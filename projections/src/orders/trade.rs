//! Keeps the trade read models from orders' own events: sales orders with their lines
//! (ordered, shipped to date) and shipments here; purchase orders, their lines
//! (ordered, received to date), goods receipts and the committed figure in
//! [`super::trade_purchases`].
//!
//! Every change to an order is guarded by its row's `last_sequence`, so a redelivered
//! event changes nothing even without its applied-event record; lines and notes change
//! only when the order's row moved.

use async_trait::async_trait;
use constructos_domain::orders::lines::OrderLine;
use constructos_domain::orders::purchase_order::{PurchaseOrderEvent, PURCHASE_ORDER_AGGREGATE};
use constructos_domain::orders::sales_order::{SalesOrderEvent, SALES_ORDER_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use super::trade_purchases::apply_purchase;
use crate::{database, domain_event, ApplyError, Projection};

/// The trade projection of the orders domain.
#[derive(Debug, Clone, Copy, Default)]
pub struct TradeProjection;

#[async_trait]
impl Projection for TradeProjection {
    fn name(&self) -> &'static str {
        "orders.trade"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        match event.aggregatetype.as_str() {
            SALES_ORDER_AGGREGATE => {
                apply_sale(tx, event, domain_event::<SalesOrderEvent>(event)?).await
            }
            PURCHASE_ORDER_AGGREGATE => {
                apply_purchase(tx, event, domain_event::<PurchaseOrderEvent>(event)?).await
            }
            _ => Ok(()),
        }
    }
}

/// Moves the order row `table`/`event.subject` to the event's sequence with `set`
/// (parameters from `$3`); whether it moved.
pub(super) async fn advance(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    table: &str,
    set: &str,
    bind: impl FnOnce(
        sqlx::query::Query<'_, Postgres, sqlx::postgres::PgArguments>,
    ) -> sqlx::query::Query<'_, Postgres, sqlx::postgres::PgArguments>,
) -> Result<bool, ApplyError> {
    let sql = format!(
        "UPDATE read_model.{table} SET {set}, last_sequence = $2, updated_at = now()
          WHERE id = $1 AND last_sequence < $2"
    );
    let query = bind(sqlx::query(&sql).bind(&event.subject).bind(event.sequence));
    let moved = query
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update an order"))?
        .rows_affected();
    Ok(moved == 1)
}

/// Inserts an order's lines (once).
pub(super) async fn insert_lines(
    tx: &mut Transaction<'_, Postgres>,
    table: &str,
    order_column: &str,
    order_id: &str,
    lines: &[OrderLine],
) -> Result<(), ApplyError> {
    for line in lines {
        sqlx::query(&format!(
            "INSERT INTO read_model.{table}
                 ({order_column}, line_no, sku, description, quantity, unit_price, vat_treatment)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT DO NOTHING"
        ))
        .bind(order_id)
        .bind(i32::try_from(line.line_no).unwrap_or(i32::MAX))
        .bind(&line.sku)
        .bind(&line.description)
        .bind(line.quantity)
        .bind(line.unit_price.as_decimal())
        .bind(line.vat_treatment.as_str())
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to insert order lines"))?;
    }
    Ok(())
}

async fn apply_sale(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    change: SalesOrderEvent,
) -> Result<(), ApplyError> {
    match change {
        SalesOrderEvent::SalesOrderPlaced {
            sales_order_id,
            number,
            customer_account_id,
            project_id,
            date,
            lines,
            retention_percent,
            total_excl_vat,
            ..
        } => {
            sqlx::query(
                "INSERT INTO read_model.sales_orders
                     (id, number, customer_account_id, project_id, date, status,
                      retention_percent, total_excl_vat, created_at, updated_at, last_sequence)
                 VALUES ($1, $2, $3, $4, $5, 'PLACED', $6, $7, $8, $8, $9)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&sales_order_id)
            .bind(number)
            .bind(customer_account_id)
            .bind(project_id)
            .bind(date)
            .bind(retention_percent)
            .bind(total_excl_vat.as_decimal())
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to insert a sales order"))?;
            insert_lines(
                tx,
                "sales_order_lines",
                "sales_order_id",
                &sales_order_id,
                &lines,
            )
            .await
        }
        SalesOrderEvent::SalesOrderConfirmed { .. } => {
            advance(tx, event, "sales_orders", "status = 'CONFIRMED'", |q| q).await?;
            Ok(())
        }
        SalesOrderEvent::SalesOrderCancelled { reason, .. } => {
            let set = "status = 'CANCELLED', cancel_reason = $3";
            advance(tx, event, "sales_orders", set, |q| q.bind(reason)).await?;
            Ok(())
        }
        SalesOrderEvent::SalesOrderShipped {
            sales_order_id,
            shipment_id,
            delivery_note,
            date,
            lines,
            fully_shipped,
        } => {
            let status = if fully_shipped {
                "SHIPPED"
            } else {
                "PART_SHIPPED"
            };
            if !advance(tx, event, "sales_orders", "status = $3", |q| q.bind(status)).await? {
                return Ok(());
            }
            for line in &lines {
                sqlx::query(
                    "UPDATE read_model.sales_order_lines SET shipped = shipped + $3
                      WHERE sales_order_id = $1 AND line_no = $2",
                )
                .bind(&sales_order_id)
                .bind(i32::try_from(line.line_no).unwrap_or(i32::MAX))
                .bind(line.quantity)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to update shipped quantities"))?;
            }
            sqlx::query(
                "INSERT INTO read_model.shipments
                     (shipment_id, sales_order_id, delivery_note, date, lines, recorded_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (shipment_id) DO NOTHING",
            )
            .bind(shipment_id)
            .bind(sales_order_id)
            .bind(delivery_note)
            .bind(date)
            .bind(
                serde_json::to_value(&lines).map_err(|source| ApplyError::Event {
                    what: "Failed to encode shipped lines".into(),
                    source,
                })?,
            )
            .bind(event.time)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to insert a shipment"))?;
            Ok(())
        }
        // Finance's and inventory's contracts: the order's own record is above.
        SalesOrderEvent::ShipmentCompleted { .. } | SalesOrderEvent::StockShipped { .. } => Ok(()),
    }
}
