//! Orders moving stock: a process manager on the **orders** topic
//! (`inventory.order_stock`).
//!
//! **Goods received into stock.** A goods received note that names a stock location
//! (`GoodsIntoStock`) books each product line in there at the purchase order's unit
//! price, with the note's number as the reference; finance costs the receipt
//! (Dr 1300 inventory, Cr 2010 goods received not invoiced) and the supplier's bill
//! later clears 2010.
//!
//! **Sales orders.** A sales order that names the location it ships from
//! (`ship_from`) reserves its products there when it is confirmed, releases them when
//! it is cancelled, and each shipment (`StockShipped`) issues what left, drawing on the
//! reservation first, to the order's project.
//!
//! Exactly once: a receipt line carries its note and line as its source
//! (`receipt:<id>:<line>`), a reservation's id derives from the order and the SKU
//! ([`reservation_for`]), so a second reservation is refused as existing; an issue
//! carries the shipment as its source (`shipment:<id>`), which the stock position
//! records, so a redelivered shipment issues nothing more.
//!
//! Refusals that waiting will not cure — a product not in the catalogue is one, as is
//! stock short — never stop the topic.
//! Stock short at confirmation leaves the line unreserved (`SHORT`, with inventory's
//! reason, in `read_model.sales_order_stock`); an issue inventory refuses (the goods
//! left without being on the books) or a receipt it refuses is recorded in
//! `read_model.order_stock_problems` for a person to put right. A project inventory has
//! not heard of yet (orders' topic is read by another worker too) is retried.

use std::collections::BTreeMap;

use async_trait::async_trait;
use constructos_commands::inventory::{
    InventoryCommands, IssueStockInput, ReceiveStockInput, ReleaseReservationInput,
    ReserveStockInput,
};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_domain::orders::purchase_order::{
    PurchaseOrderEvent, StockReceiptLine, PURCHASE_ORDER_AGGREGATE,
};
use constructos_domain::orders::sales_order::{SalesOrderEvent, StockLine, SALES_ORDER_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::{database, domain_event, ApplyError, Projection};
use rust_decimal::Decimal;
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

/// The subject the manager's commands are recorded under.
pub const SUBJECT: &str = "system:inventory.order_stock";

/// The cost code a shipment's issue is charged to on the order's project.
pub const SHIPMENT_COST_CODE: &str = "SALES";

/// The namespace of the reservations sales orders make (UUID v5).
const RESERVATION_NAMESPACE: Uuid = Uuid::from_u128(0x3b8e_1f44_9a0c_4e27_b5d1_6c0f_2a9e_7d13);

/// The reservation sales order `sales_order_id` holds of `sku`.
pub fn reservation_for(sales_order_id: &str, sku: &str) -> Uuid {
    Uuid::new_v5(
        &RESERVATION_NAMESPACE,
        format!("{sales_order_id}:{sku}").as_bytes(),
    )
}

/// The worker's handler (see the module docs).
#[derive(Clone)]
pub struct OrderStock {
    commands: InventoryCommands,
}

impl OrderStock {
    /// Moves stock through `commands`.
    pub fn new(commands: InventoryCommands) -> Self {
        Self { commands }
    }

    fn context(event: &CloudEvent) -> CommandContext {
        crate::acting_on(
            event,
            SUBJECT.to_string(),
            "Order stock",
            Role::InventoryClerk,
        )
    }
}

/// Quantities per SKU, lines of one SKU added up.
fn per_sku(lines: impl IntoIterator<Item = (String, Decimal)>) -> BTreeMap<String, Decimal> {
    let mut by = BTreeMap::new();
    for (sku, quantity) in lines {
        *by.entry(sku).or_insert(Decimal::ZERO) += quantity;
    }
    by
}

/// A refusal that waiting will not cure (stock short, a product not in the catalogue
/// or discontinued, a location closed), as against a project inventory has not heard
/// of yet, or a failure.
fn for_good(error: &CommandError) -> Option<String> {
    match error {
        CommandError::Rejected(reason) => Some(reason.clone()),
        CommandError::NotFound(reason) if !reason.contains("is not a known project") => {
            Some(reason.clone())
        }
        _ => None,
    }
}

#[async_trait]
impl Projection for OrderStock {
    fn name(&self) -> &'static str {
        "inventory.order_stock"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.aggregatetype == PURCHASE_ORDER_AGGREGATE {
            if let PurchaseOrderEvent::GoodsIntoStock {
                purchase_order_id,
                receipt_id,
                receipt_number,
                location,
                lines,
                ..
            } = domain_event::<PurchaseOrderEvent>(event)?
            {
                let receipt = Receipt {
                    purchase_order_id: &purchase_order_id,
                    receipt_id: &receipt_id,
                    number: &receipt_number,
                    location: &location,
                };
                return self.receive(tx, event, receipt, lines).await;
            }
            return Ok(());
        }
        if event.aggregatetype != SALES_ORDER_AGGREGATE {
            return Ok(());
        }
        match domain_event::<SalesOrderEvent>(event)? {
            SalesOrderEvent::SalesOrderPlaced {
                sales_order_id,
                number,
                lines,
                ship_from: Some(location),
                ..
            } => {
                let stocked = lines.into_iter().filter_map(|l| Some((l.sku?, l.quantity)));
                for (sku, quantity) in per_sku(stocked) {
                    sqlx::query(
                        "INSERT INTO read_model.sales_order_stock
                             (sales_order_id, sku, number, location, quantity, status,
                              reservation_id, updated_at)
                         VALUES ($1, $2, $3, $4, $5, 'PLACED', $6, $7)
                         ON CONFLICT DO NOTHING",
                    )
                    .bind(&sales_order_id)
                    .bind(&sku)
                    .bind(&number)
                    .bind(&location)
                    .bind(quantity)
                    .bind(reservation_for(&sales_order_id, &sku).to_string())
                    .bind(event.time)
                    .execute(&mut **tx)
                    .await
                    .map_err(database("Failed to note a sales order's stock"))?;
                }
                Ok(())
            }
            SalesOrderEvent::SalesOrderConfirmed { sales_order_id } => {
                self.reserve(tx, event, &sales_order_id).await
            }
            SalesOrderEvent::SalesOrderCancelled { sales_order_id, .. } => {
                self.release(tx, event, &sales_order_id).await
            }
            SalesOrderEvent::StockShipped {
                shipment_id,
                sales_order_id,
                project_id,
                lines,
                location,
                ..
            } => {
                self.issue(
                    tx,
                    event,
                    &shipment_id,
                    &sales_order_id,
                    &project_id,
                    lines,
                    location,
                )
                .await
            }
            _ => Ok(()),
        }
    }
}

/// One product of a sales order as inventory holds it.
#[derive(sqlx::FromRow)]
struct LineStock {
    sku: String,
    number: String,
    location: String,
    quantity: Decimal,
    status: String,
    reservation_id: String,
}

impl OrderStock {
    async fn lines(
        tx: &mut Transaction<'_, Postgres>,
        sales_order_id: &str,
    ) -> Result<Vec<LineStock>, ApplyError> {
        sqlx::query_as(
            "SELECT sku, number, location, quantity, status, reservation_id
               FROM read_model.sales_order_stock WHERE sales_order_id = $1 ORDER BY sku",
        )
        .bind(sales_order_id)
        .fetch_all(&mut **tx)
        .await
        .map_err(database("Failed to read a sales order's stock"))
    }

    async fn mark(
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
        sales_order_id: &str,
        sku: &str,
        status: &str,
        note: Option<&str>,
    ) -> Result<(), ApplyError> {
        sqlx::query(
            "UPDATE read_model.sales_order_stock SET status = $3, note = $4, updated_at = $5
              WHERE sales_order_id = $1 AND sku = $2",
        )
        .bind(sales_order_id)
        .bind(sku)
        .bind(status)
        .bind(note)
        .bind(event.time)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to note a sales order's reservation"))?;
        Ok(())
    }

    async fn reserve(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
        sales_order_id: &str,
    ) -> Result<(), ApplyError> {
        let ctx = Self::context(event);
        for line in Self::lines(tx, sales_order_id).await? {
            if line.status != "PLACED" {
                continue;
            }
            let input = ReserveStockInput {
                product: line.sku.clone(),
                location: line.location.clone(),
                quantity: line.quantity,
                purpose: line.number.clone(),
            };
            let reservation = reservation_for(sales_order_id, &line.sku);
            let (status, note) = match self.commands.reserve_as(&ctx, input, reservation).await {
                Ok(_) => ("RESERVED", None),
                Err(e) => match for_good(&e) {
                    // Made before, by a delivery of this event that did not finish.
                    Some(reason) if reason.contains(&reservation.to_string()) => ("RESERVED", None),
                    Some(reason) => {
                        tracing::warn!(sales_order_id, sku = %line.sku, reason, "a confirmed sales order's stock could not be reserved");
                        ("SHORT", Some(reason))
                    }
                    None => {
                        return Err(ApplyError::Command {
                            what: format!(
                                "Failed to reserve stock for sales order {sales_order_id}"
                            ),
                            source: Box::new(e),
                        })
                    }
                },
            };
            Self::mark(
                tx,
                event,
                sales_order_id,
                &line.sku,
                status,
                note.as_deref(),
            )
            .await?;
        }
        Ok(())
    }

    async fn release(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
        sales_order_id: &str,
    ) -> Result<(), ApplyError> {
        let ctx = Self::context(event);
        for line in Self::lines(tx, sales_order_id).await? {
            if line.status == "RESERVED" {
                let input = ReleaseReservationInput {
                    product: line.sku.clone(),
                    location: line.location.clone(),
                    reservation_id: line.reservation_id.clone(),
                };
                match self.commands.release(&ctx, input).await {
                    // Released before, or used up by shipments: nothing is held.
                    Ok(_) | Err(CommandError::NotFound(_)) => {}
                    Err(e) => {
                        return Err(ApplyError::Command {
                            what: format!("Failed to release sales order {sales_order_id}'s stock"),
                            source: Box::new(e),
                        })
                    }
                }
            }
            Self::mark(tx, event, sales_order_id, &line.sku, "RELEASED", None).await?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn issue(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
        shipment_id: &str,
        sales_order_id: &str,
        project_id: &str,
        lines: Vec<StockLine>,
        location: Option<String>,
    ) -> Result<(), ApplyError> {
        let known = Self::lines(tx, sales_order_id).await?;
        let Some(location) = location.or_else(|| known.first().map(|l| l.location.clone())) else {
            tracing::info!(
                shipment_id,
                sales_order_id,
                "a shipment from no named location: inventory moves nothing"
            );
            return Ok(());
        };
        let ctx = Self::context(event);
        for (sku, quantity) in per_sku(lines.into_iter().map(|l| (l.sku, l.quantity))) {
            let reserved = known
                .iter()
                .find(|l| l.sku == sku && l.status == "RESERVED")
                .map(|l| l.reservation_id.clone());
            let input = IssueStockInput {
                product: sku.clone(),
                location: location.clone(),
                quantity,
                project_id: project_id.to_string(),
                cost_code: SHIPMENT_COST_CODE.to_string(),
                reservation_id: reserved,
                unit: None,
            };
            let source = format!("shipment:{shipment_id}");
            match self.commands.issue_caused_by(&ctx, input, source).await {
                Ok(_) => {}
                Err(e) => match for_good(&e) {
                    Some(reason) => {
                        tracing::error!(
                            shipment_id,
                            sku,
                            reason,
                            "inventory refused a shipment's issue; recorded for a person"
                        );
                        let problem = Problem {
                            movement: format!("shipment:{shipment_id}"),
                            order_id: sales_order_id,
                            sku: &sku,
                            location: &location,
                            quantity,
                            reason,
                        };
                        problem.record(tx, event).await?;
                    }
                    None => {
                        return Err(ApplyError::Command {
                            what: format!("Failed to issue shipment {shipment_id}'s stock"),
                            source: Box::new(e),
                        })
                    }
                },
            }
        }
        Ok(())
    }
}

/// A goods received note into a location.
struct Receipt<'a> {
    purchase_order_id: &'a str,
    receipt_id: &'a str,
    number: &'a str,
    location: &'a str,
}

/// A movement inventory refused although the goods moved.
struct Problem<'a> {
    movement: String,
    order_id: &'a str,
    sku: &'a str,
    location: &'a str,
    quantity: Decimal,
    reason: String,
}

impl Problem<'_> {
    async fn record(
        self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        sqlx::query(
            "INSERT INTO read_model.order_stock_problems
                 (movement, sku, order_id, location, quantity, reason, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT DO NOTHING",
        )
        .bind(&self.movement)
        .bind(self.sku)
        .bind(self.order_id)
        .bind(self.location)
        .bind(self.quantity)
        .bind(&self.reason)
        .bind(event.time)
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to record a refused stock movement"))?;
        Ok(())
    }
}

impl OrderStock {
    async fn receive(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
        receipt: Receipt<'_>,
        lines: Vec<StockReceiptLine>,
    ) -> Result<(), ApplyError> {
        let ctx = Self::context(event);
        for line in lines {
            let input = ReceiveStockInput {
                product: line.sku.clone(),
                location: receipt.location.to_string(),
                quantity: line.quantity,
                unit_cost: line.unit_cost.as_decimal(),
                reference: receipt.number.to_string(),
                unit: None,
            };
            let source = format!("receipt:{}:{}", receipt.receipt_id, line.line_no);
            match self
                .commands
                .receive_caused_by(&ctx, input, source.clone())
                .await
            {
                Ok(_) => {}
                Err(e) => match for_good(&e) {
                    Some(reason) => {
                        tracing::error!(receipt = receipt.number, sku = %line.sku, reason, "inventory refused a goods receipt's line; recorded for a person");
                        let problem = Problem {
                            movement: source,
                            order_id: receipt.purchase_order_id,
                            sku: &line.sku,
                            location: receipt.location,
                            quantity: line.quantity,
                            reason,
                        };
                        problem.record(tx, event).await?;
                    }
                    None => {
                        return Err(ApplyError::Command {
                            what: format!("Failed to receive {} into stock", receipt.number),
                            source: Box::new(e),
                        })
                    }
                },
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reservation_derives_from_the_order_and_the_sku() {
        assert_eq!(
            reservation_for("so-1", "CEM"),
            reservation_for("so-1", "CEM")
        );
        assert_ne!(
            reservation_for("so-1", "CEM"),
            reservation_for("so-1", "SAND")
        );
        assert_ne!(
            reservation_for("so-1", "CEM"),
            reservation_for("so-2", "CEM")
        );
    }

    #[test]
    fn lines_of_one_sku_add_up() {
        let by = per_sku([
            ("CEM".to_string(), Decimal::from(2)),
            ("SAND".to_string(), Decimal::from(1)),
            ("CEM".to_string(), Decimal::from(3)),
        ]);
        assert_eq!(by.get("CEM"), Some(&Decimal::from(5)));
        assert_eq!(by.len(), 2);
    }
}
