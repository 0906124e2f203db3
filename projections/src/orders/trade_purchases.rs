//! The purchase order part of the trade projection: orders, lines with received to
//! date, goods receipts, and each order's **committed** value — its total once
//! approved, nought when cancelled, the value of what was received when closed
//! (Σ per line of round(received × unit price)). A project's committed figure is the
//! sum over its orders (`projectCommitments`).

use constructos_domain::orders::purchase_order::PurchaseOrderEvent;
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use super::trade::{advance, insert_lines};
use crate::{database, ApplyError};

pub(super) async fn apply_purchase(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    change: PurchaseOrderEvent,
) -> Result<(), ApplyError> {
    let table = "purchase_orders";
    match change {
        PurchaseOrderEvent::PurchaseOrderRaised {
            purchase_order_id,
            number,
            vendor_account_id,
            project_id,
            cost_code,
            date,
            lines,
            total_excl_vat,
            raised_by,
        } => {
            sqlx::query(
                "INSERT INTO read_model.purchase_orders
                     (id, number, vendor_account_id, project_id, cost_code, date, status,
                      total_excl_vat, raised_by, created_at, updated_at, last_sequence)
                 VALUES ($1, $2, $3, $4, $5, $6, 'RAISED', $7, $8, $9, $9, $10)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&purchase_order_id)
            .bind(number)
            .bind(vendor_account_id)
            .bind(project_id)
            .bind(cost_code)
            .bind(date)
            .bind(total_excl_vat.as_decimal())
            .bind(raised_by)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to insert a purchase order"))?;
            insert_lines(
                tx,
                "purchase_order_lines",
                "purchase_order_id",
                &purchase_order_id,
                &lines,
            )
            .await
        }
        PurchaseOrderEvent::PurchaseOrderApproved {
            total_excl_vat,
            approved_by,
            approver_role,
            ..
        } => {
            let set = "status = 'APPROVED', committed = $3, approved_by = $4, approver_role = $5";
            advance(tx, event, table, set, |q| {
                q.bind(total_excl_vat.as_decimal())
                    .bind(approved_by)
                    .bind(approver_role)
            })
            .await?;
            Ok(())
        }
        PurchaseOrderEvent::PurchaseOrderRejected { reason, .. } => {
            let set = "status = 'REJECTED', reason = $3";
            advance(tx, event, table, set, |q| q.bind(reason)).await?;
            Ok(())
        }
        PurchaseOrderEvent::PurchaseOrderCancelled { reason, .. } => {
            let set = "status = 'CANCELLED', committed = 0, reason = $3";
            advance(tx, event, table, set, |q| q.bind(reason)).await?;
            Ok(())
        }
        PurchaseOrderEvent::PurchaseOrderClosed { reason, .. } => {
            let set = "status = 'CLOSED', reason = $3,
                       committed = (SELECT coalesce(sum(round(l.received * l.unit_price, 2)), 0)
                                      FROM read_model.purchase_order_lines l
                                     WHERE l.purchase_order_id = $1)";
            advance(tx, event, table, set, |q| q.bind(reason)).await?;
            Ok(())
        }
        PurchaseOrderEvent::GoodsReceived {
            purchase_order_id,
            receipt_id,
            receipt_number,
            date,
            lines,
            received_by,
        } => {
            if !advance(tx, event, table, "status = status", |q| q).await? {
                return Ok(());
            }
            for line in &lines {
                sqlx::query(
                    "UPDATE read_model.purchase_order_lines SET received = received + $3
                      WHERE purchase_order_id = $1 AND line_no = $2",
                )
                .bind(&purchase_order_id)
                .bind(i32::try_from(line.line_no).unwrap_or(i32::MAX))
                .bind(line.quantity)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to update received quantities"))?;
            }
            sqlx::query(
                "UPDATE read_model.purchase_orders p
                    SET status = CASE WHEN EXISTS (
                            SELECT 1 FROM read_model.purchase_order_lines l
                             WHERE l.purchase_order_id = p.id AND l.received < l.quantity)
                        THEN 'PART_RECEIVED' ELSE 'RECEIVED' END
                  WHERE p.id = $1",
            )
            .bind(&purchase_order_id)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to update a purchase order's status"))?;
            sqlx::query(
                "INSERT INTO read_model.goods_receipts
                     (receipt_id, purchase_order_id, number, date, received_by, lines, recorded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (receipt_id) DO NOTHING",
            )
            .bind(receipt_id)
            .bind(purchase_order_id)
            .bind(receipt_number)
            .bind(date)
            .bind(received_by)
            .bind(
                serde_json::to_value(&lines).map_err(|source| ApplyError::Event {
                    what: "Failed to encode received lines".into(),
                    source,
                })?,
            )
            .bind(event.time)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to insert a goods receipt"))?;
            Ok(())
        }
        // Inventory's movement; the note itself is `GoodsReceived`.
        PurchaseOrderEvent::GoodsIntoStock { .. } => Ok(()),
    }
}
