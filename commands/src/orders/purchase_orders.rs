//! The purchase order command service: permission, values, the vendor checked against
//! orders' copy of identity's accounts, then the purchase order decides. Raising
//! numbers the order (`PO-<year>-<5 digits>`), receiving numbers the goods received
//! note (`GRN-<5 digits>`), each in the same unit of work. Approval passes the caller's
//! roles and the configured limits in: the aggregate applies the pure rule.

use std::sync::Arc;

use chrono::{Datelike, Duration, Utc};
use constructos_domain::access::Permission;
use constructos_domain::orders::approval::ApprovalLimits;
use constructos_domain::orders::check_vendor;
use constructos_domain::orders::numbering::{
    id_for_number, purchase_order_series, GOODS_RECEIPT_SERIES,
};
use constructos_domain::orders::purchase_order::{PurchaseOrder, PurchaseOrderCommand};
use constructos_domain::values::BusinessDate;
use constructos_infra::event_store::Store;
use cqrs_es::AggregateError;
use sqlx::PgPool;

use super::numbered::{execute_numbered, Target};
use super::sales_orders::{require_project, Numbered};
use super::trade_inputs::{
    optional_reason, order_id, reason, RaisePurchaseOrderInput, ReceiveGoodsInput,
};
use super::trade_references::account_facts;
use crate::execute::{execute, Aggregates};
use crate::{CommandContext, CommandError};

/// Executes purchase order commands against the orders event store.
#[derive(Clone)]
pub struct PurchaseOrderCommands {
    store: Store,
    orders: Arc<Aggregates<PurchaseOrder>>,
    pool: PgPool,
    limits: ApprovalLimits,
}

/// Today in South Africa (UTC+2 all year): the approval date.
fn today() -> Result<BusinessDate, CommandError> {
    let date = (Utc::now() + Duration::hours(2)).date_naive();
    Ok(BusinessDate::parse("date", date)?)
}

impl PurchaseOrderCommands {
    /// Command handling over the orders database, approving within `limits`.
    pub fn new(pool: PgPool, limits: ApprovalLimits) -> Self {
        let store = Store::new(pool.clone());
        Self {
            orders: Arc::new(Aggregates::new(&store, ())),
            store,
            pool,
            limits,
        }
    }

    /// Raises a purchase order to a vendor or subcontractor account orders knows (not
    /// archived) for a project orders has opened; answers its id and number.
    pub async fn raise(
        &self,
        ctx: &CommandContext,
        input: RaisePurchaseOrderInput,
    ) -> Result<Numbered, CommandError> {
        ctx.require(Permission::PurchaseOrdersWrite)?;
        let (order, cost_code) = input.parse()?;
        let vendor = order.account_id.as_str();
        let facts = account_facts(&self.pool, vendor).await?;
        check_vendor(vendor, facts.as_ref().map(|f| &f.account))
            .map_err(|e| CommandError::from(AggregateError::UserError(e)))?;
        require_project(&self.store, order.project_id.as_str()).await?;
        let series = purchase_order_series(order.date.date().year());
        let raised_by = ctx.caller.subject.clone();
        let (number, id) = execute_numbered::<PurchaseOrder>(&self.store, ctx, &series, |number| {
            let id = id_for_number(number);
            Target {
                stream_id: id.clone(),
                assigned_to: id.clone(),
                command: PurchaseOrderCommand::RaisePurchaseOrder {
                    purchase_order_id: id,
                    number: number.to_string(),
                    vendor_account_id: order.account_id.clone(),
                    project_id: order.project_id.clone(),
                    cost_code: cost_code.clone(),
                    date: order.date,
                    lines: order.lines.clone(),
                    raised_by: raised_by.clone(),
                },
            }
        })
        .await?;
        Ok(Numbered { id, number })
    }

    /// Approves a raised order within the caller's highest approval limit.
    pub async fn approve(&self, ctx: &CommandContext, id: &str) -> Result<(), CommandError> {
        ctx.require(Permission::PurchaseOrdersApprove)?;
        let id = order_id(id)?;
        let command = PurchaseOrderCommand::ApprovePurchaseOrder {
            approved_by: ctx.caller.subject.clone(),
            roles: ctx.caller.roles.clone(),
            limits: self.limits.clone(),
            date: today()?,
        };
        execute(&self.orders, ctx, id.as_str(), command).await
    }

    /// Rejects a raised order.
    pub async fn reject(
        &self,
        ctx: &CommandContext,
        id: &str,
        why: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::PurchaseOrdersApprove)?;
        let id = order_id(id)?;
        let command = PurchaseOrderCommand::RejectPurchaseOrder {
            reason: reason(why)?,
            rejected_by: ctx.caller.subject.clone(),
        };
        execute(&self.orders, ctx, id.as_str(), command).await
    }

    /// Cancels an order nothing of which is received.
    pub async fn cancel(
        &self,
        ctx: &CommandContext,
        id: &str,
        why: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::PurchaseOrdersWrite)?;
        let id = order_id(id)?;
        let command = PurchaseOrderCommand::CancelPurchaseOrder {
            reason: reason(why)?,
        };
        execute(&self.orders, ctx, id.as_str(), command).await
    }

    /// Closes an order something of which is received: nothing more will come.
    pub async fn close(
        &self,
        ctx: &CommandContext,
        id: &str,
        why: Option<&str>,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::PurchaseOrdersWrite)?;
        let id = order_id(id)?;
        let command = PurchaseOrderCommand::ClosePurchaseOrder {
            reason: optional_reason(why)?,
        };
        execute(&self.orders, ctx, id.as_str(), command).await
    }

    /// Records a goods received note; answers its id and number.
    pub async fn receive(
        &self,
        ctx: &CommandContext,
        input: ReceiveGoodsInput,
    ) -> Result<Numbered, CommandError> {
        ctx.require(Permission::GoodsReceive)?;
        let receipt = input.parse()?;
        let (id, date, lines) = (receipt.order, receipt.date, receipt.lines);
        let received_by = ctx.caller.subject.clone();
        let (number, _) =
            execute_numbered::<PurchaseOrder>(&self.store, ctx, GOODS_RECEIPT_SERIES, |number| {
                let receipt_id = id_for_number(number);
                Target {
                    stream_id: id.to_string(),
                    assigned_to: receipt_id.clone(),
                    command: PurchaseOrderCommand::ReceiveGoods {
                        receipt_id,
                        receipt_number: number.to_string(),
                        date,
                        lines: lines.clone(),
                        received_by: received_by.clone(),
                        into_location: receipt.into_location.clone(),
                    },
                }
            })
            .await?;
        Ok(Numbered {
            id: id_for_number(&number),
            number,
        })
    }
}
