//! The three-way match of a supplier bill against its purchase order and the goods
//! received (`domain/src/finance/matching.rs` decides): the facts come from finance's
//! copies of orders' purchase orders and receipts and from the bills already recorded
//! against the order (read models, so a bill recorded a moment ago may not count yet).
//! A finance manager releases a blocked bill with a reason (`BillMatchApproved`).

use std::collections::BTreeMap;

use constructos_domain::access::Permission;
use constructos_domain::finance::{
    match_lines, Bill, BillCommand, BillLineInput, BilledLine, FinanceError, LineMatch,
    OrderLineFacts, Rand,
};
use constructos_domain::values::Identifier;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::service::{FinanceCommands, CONFLICT_RETRIES};
use crate::{CommandContext, CommandError};

/// An order line as finance's copy keeps it.
#[derive(Deserialize)]
struct OrderLine {
    line_no: u32,
    quantity: Decimal,
    unit_price: Rand,
}

fn unreadable(what: &str, e: impl std::fmt::Display) -> CommandError {
    CommandError::Internal(format!("Failed to read {what}: {e}"))
}

impl FinanceCommands {
    /// The match of `lines` billed against the purchase order `order` (known to exist).
    pub(super) async fn match_bill(
        &self,
        order: &str,
        lines: &[BillLineInput],
    ) -> Result<Vec<LineMatch>, CommandError> {
        let ordered: serde_json::Value =
            sqlx::query_scalar("SELECT lines FROM read_model.known_purchase_orders WHERE id = $1")
                .bind(order)
                .fetch_one(self.pool())
                .await
                .map_err(|e| unreadable("the purchase order", e))?;
        let ordered: Vec<OrderLine> =
            serde_json::from_value(ordered).map_err(|e| unreadable("the order's lines", e))?;
        let received: BTreeMap<i32, Decimal> = sqlx::query_as(
            "SELECT line_no, SUM(quantity) FROM read_model.goods_receipts
              WHERE purchase_order_id = $1 GROUP BY line_no",
        )
        .bind(order)
        .fetch_all(self.pool())
        .await
        .map_err(|e| unreadable("the goods received", e))?
        .into_iter()
        .collect();
        let billed: BTreeMap<i32, Decimal> = sqlx::query_as(
            "SELECT (l->>'purchase_order_line_no')::int, SUM((l->>'quantity')::numeric)
               FROM read_model.bills b, jsonb_array_elements(b.document->'lines') l
              WHERE b.document->>'purchase_order_id' = $1
                AND l->>'purchase_order_line_no' IS NOT NULL
              GROUP BY 1",
        )
        .bind(order)
        .fetch_all(self.pool())
        .await
        .map_err(|e| unreadable("the bills of the order", e))?
        .into_iter()
        .collect();
        let at = |map: &BTreeMap<i32, Decimal>, no: u32| {
            i32::try_from(no)
                .ok()
                .and_then(|no| map.get(&no).copied())
                .unwrap_or_default()
        };
        let facts: Vec<OrderLineFacts> = ordered
            .iter()
            .map(|l| OrderLineFacts {
                line_no: l.line_no,
                ordered: l.quantity,
                unit_price: l.unit_price,
                received: at(&received, l.line_no),
                billed_before: at(&billed, l.line_no),
            })
            .collect();
        let billed_lines: Vec<BilledLine> = lines
            .iter()
            .map(|l| BilledLine {
                purchase_order_line_no: l.purchase_order_line_no,
                quantity: l.quantity,
                unit_price: l.unit_price,
            })
            .collect();
        Ok(match_lines(&billed_lines, &facts, self.tolerance))
    }

    /// Releases a bill its three-way match blocked, for payment, with `reason`. Needs
    /// `finance.accounts.manage` (a finance manager's decision, like a budget).
    pub async fn approve_bill_match(
        &self,
        ctx: &CommandContext,
        bill_id: &str,
        reason: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::AccountsManage)?;
        let bill_id = Identifier::parse("billId", bill_id)?;
        let bill_id = bill_id.as_str();
        self.retrying(ctx, "finance.bill", bill_id, CONFLICT_RETRIES, || async {
            let mut bill = self.store.load::<Bill>(bill_id).await?;
            if !bill.aggregate.exists() {
                return Err(cqrs_es::AggregateError::UserError(
                    FinanceError::BillNotFound,
                ));
            }
            let approve = BillCommand::ApproveMatch {
                reason: reason.to_string(),
            };
            let events = self
                .store
                .decide(&mut bill, approve, &(), &ctx.metadata())
                .await?;
            self.store.commit_all(&events).await
        })
        .await
    }
}
