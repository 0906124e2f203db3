//! The sales order aggregate: goods and services sold to a customer for a project.
//! Placed → confirmed → part shipped → shipped (in full; nothing more ships), or
//! cancelled while nothing is shipped. Each shipment ships at most what is still open
//! per line and emits `ShipmentCompleted` (finance invoices it) and, for products,
//! `StockShipped` (inventory's stock movement).

mod commands;
mod events;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use commands::SalesOrderCommand;
pub use events::{CustomerSnapshot, SalesOrderEvent, ShipmentLine, ShippedLine, StockLine};

use super::lines::{check_delivery, fully_delivered, total_excl_vat, OrderLine, OverDelivery};
use super::TradeError;
use crate::finance::MAX_RETENTION_PERCENT;
use crate::values::Code;

/// The aggregate type of sales orders; unique across the system.
pub const SALES_ORDER_AGGREGATE: &str = "orders.sales_order";

/// Where a sales order stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SalesOrderStatus {
    #[default]
    Placed,
    Confirmed,
    PartShipped,
    Shipped,
    Cancelled,
}

impl SalesOrderStatus {
    /// Every status, in life-cycle order.
    pub const ALL: [SalesOrderStatus; 5] = [
        SalesOrderStatus::Placed,
        SalesOrderStatus::Confirmed,
        SalesOrderStatus::PartShipped,
        SalesOrderStatus::Shipped,
        SalesOrderStatus::Cancelled,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            SalesOrderStatus::Placed => "PLACED",
            SalesOrderStatus::Confirmed => "CONFIRMED",
            SalesOrderStatus::PartShipped => "PART_SHIPPED",
            SalesOrderStatus::Shipped => "SHIPPED",
            SalesOrderStatus::Cancelled => "CANCELLED",
        }
    }
}

/// A shipment as the order remembers it, to answer a resent one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Shipment {
    date: NaiveDate,
    lines: Vec<ShippedLine>,
}

/// The state a sales order's decisions need.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct SalesOrder {
    id: Option<String>,
    #[serde(default)]
    number: String,
    #[serde(default)]
    ship_from: Option<String>,
    status: SalesOrderStatus,
    customer_account_id: String,
    project_id: String,
    lines: Vec<OrderLine>,
    retention_percent: Option<Decimal>,
    shipped: BTreeMap<u32, Decimal>,
    shipments: BTreeMap<String, Shipment>,
}

impl SalesOrder {
    /// Where it stands.
    pub fn status(&self) -> SalesOrderStatus {
        self.status
    }

    /// Its number (`SO-2026-00042`), once placed.
    pub fn number(&self) -> Option<&str> {
        self.id.as_ref().map(|_| self.number.as_str())
    }

    /// The customer's account, once placed.
    pub fn customer_account_id(&self) -> Option<&str> {
        self.id.as_ref().map(|_| self.customer_account_id.as_str())
    }

    /// Shipped to date per line number.
    pub fn shipped(&self) -> &BTreeMap<u32, Decimal> {
        &self.shipped
    }

    /// The order's lines.
    pub fn lines(&self) -> &[OrderLine] {
        &self.lines
    }

    fn not_now(&self, action: &'static str) -> TradeError {
        TradeError::NotNow {
            kind: "sales",
            status: self.status.as_str(),
            action,
        }
    }

    fn place(&self, command: SalesOrderCommand) -> Result<Vec<SalesOrderEvent>, TradeError> {
        let SalesOrderCommand::PlaceSalesOrder {
            sales_order_id,
            number,
            customer_account_id,
            project_id,
            date,
            lines,
            retention_percent,
            ship_from,
            quote_id,
        } = command
        else {
            return Ok(Vec::new());
        };
        if self.id.is_some() {
            return Err(TradeError::NumberTaken(number));
        }
        if lines.is_empty() {
            return Err(TradeError::NoLines);
        }
        if let Some(percent) = retention_percent {
            if percent < Decimal::ZERO || percent > MAX_RETENTION_PERCENT {
                return Err(TradeError::RetentionOutOfRange(percent.to_string()));
            }
        }
        let lines = OrderLine::numbered(lines);
        let total = total_excl_vat(&lines).ok_or(TradeError::TotalTooLarge)?;
        Ok(vec![SalesOrderEvent::SalesOrderPlaced {
            sales_order_id,
            number,
            customer_account_id: customer_account_id.into(),
            project_id: project_id.into(),
            date: date.date(),
            lines,
            retention_percent: retention_percent.map(|p| p.normalize()),
            total_excl_vat: total,
            ship_from: ship_from.map(Code::into_string),
            quote_id,
        }])
    }

    fn ship(
        &self,
        id: &str,
        command: SalesOrderCommand,
    ) -> Result<Vec<SalesOrderEvent>, TradeError> {
        let SalesOrderCommand::ShipSalesOrder {
            shipment_id,
            delivery_note,
            date,
            lines,
            customer,
        } = command
        else {
            return Ok(Vec::new());
        };
        let asked: Vec<ShippedLine> = lines
            .iter()
            .map(|(line_no, q)| ShippedLine {
                line_no: *line_no,
                quantity: q.value(),
            })
            .collect();
        // A resent shipment is answered by the first: nothing more is appended.
        if let Some(done) = self.shipments.get(&shipment_id) {
            return if done.date == date.date() && done.lines == asked {
                Ok(Vec::new())
            } else {
                Err(TradeError::ShipmentDiffers(delivery_note.to_string()))
            };
        }
        if !matches!(
            self.status,
            SalesOrderStatus::Confirmed | SalesOrderStatus::PartShipped
        ) {
            return Err(self.not_now("shipped"));
        }
        if lines.is_empty() {
            return Err(TradeError::NoLines);
        }
        check_delivery(&self.lines, &self.shipped, &lines).map_err(|e| over("lines", e))?;
        let mut after = self.shipped.clone();
        for (line_no, q) in &lines {
            *after.entry(*line_no).or_default() += q.value();
        }
        let shipped_lines: Vec<(&OrderLine, Decimal)> = asked
            .iter()
            .filter_map(|s| {
                let line = self.lines.iter().find(|l| l.line_no == s.line_no)?;
                Some((line, s.quantity))
            })
            .collect();
        let mut events = vec![
            SalesOrderEvent::SalesOrderShipped {
                sales_order_id: id.to_string(),
                shipment_id: shipment_id.clone(),
                delivery_note: delivery_note.into(),
                date: date.date(),
                lines: asked,
                fully_shipped: fully_delivered(&self.lines, &after),
            },
            SalesOrderEvent::ShipmentCompleted {
                shipment_id: shipment_id.clone(),
                project_id: self.project_id.clone(),
                customer,
                date: date.date(),
                lines: shipped_lines
                    .iter()
                    .map(|(line, quantity)| ShipmentLine {
                        description: line.description.clone(),
                        quantity: *quantity,
                        unit_price: line.unit_price,
                        vat_treatment: line.vat_treatment,
                        project_id: None,
                        cost_code: None,
                    })
                    .collect(),
                retention_percent: self.retention_percent,
            },
        ];
        let stock: Vec<StockLine> = shipped_lines
            .iter()
            .filter_map(|(line, quantity)| {
                Some(StockLine {
                    sku: line.sku.clone()?,
                    quantity: *quantity,
                })
            })
            .collect();
        if !stock.is_empty() {
            events.push(SalesOrderEvent::StockShipped {
                shipment_id,
                sales_order_id: id.to_string(),
                project_id: self.project_id.clone(),
                date: date.date(),
                lines: stock,
                location: self.ship_from.clone(),
            });
        }
        Ok(events)
    }

    /// What the order decides on `command`.
    pub fn decide(&self, command: SalesOrderCommand) -> Result<Vec<SalesOrderEvent>, TradeError> {
        if matches!(command, SalesOrderCommand::PlaceSalesOrder { .. }) {
            return self.place(command);
        }
        let Some(id) = self.id.clone() else {
            return Err(TradeError::SalesOrderNotFound);
        };
        match command {
            SalesOrderCommand::PlaceSalesOrder { .. } => Ok(Vec::new()),
            SalesOrderCommand::ConfirmSalesOrder => {
                if self.status != SalesOrderStatus::Placed {
                    return Err(self.not_now("confirmed"));
                }
                Ok(vec![SalesOrderEvent::SalesOrderConfirmed {
                    sales_order_id: id,
                }])
            }
            SalesOrderCommand::CancelSalesOrder { reason } => {
                if !matches!(
                    self.status,
                    SalesOrderStatus::Placed | SalesOrderStatus::Confirmed
                ) {
                    return Err(self.not_now("cancelled"));
                }
                Ok(vec![SalesOrderEvent::SalesOrderCancelled {
                    sales_order_id: id,
                    reason: reason.into(),
                }])
            }
            ship @ SalesOrderCommand::ShipSalesOrder { .. } => self.ship(&id, ship),
        }
    }
}

/// An over-delivery as the caller is told of it.
pub(crate) fn over(field: &str, error: OverDelivery) -> TradeError {
    match error {
        OverDelivery::UnknownLine(line_no) => TradeError::UnknownLine {
            field: field.to_string(),
            line_no,
        },
        OverDelivery::TooMuch {
            line_no,
            open,
            asked,
        } => TradeError::MoreThanOrdered {
            field: field.to_string(),
            line_no,
            open: open.to_string(),
            asked: asked.to_string(),
        },
    }
}

impl Aggregate for SalesOrder {
    const TYPE: &'static str = SALES_ORDER_AGGREGATE;
    type Command = SalesOrderCommand;
    type Event = SalesOrderEvent;
    type Error = TradeError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        for event in self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            SalesOrderEvent::SalesOrderPlaced {
                sales_order_id,
                number,
                customer_account_id,
                project_id,
                lines,
                retention_percent,
                ship_from,
                ..
            } => {
                self.id = Some(sales_order_id);
                self.number = number;
                self.ship_from = ship_from;
                self.customer_account_id = customer_account_id;
                self.status = SalesOrderStatus::Placed;
                self.project_id = project_id;
                self.lines = lines;
                self.retention_percent = retention_percent;
            }
            SalesOrderEvent::SalesOrderConfirmed { .. } => {
                self.status = SalesOrderStatus::Confirmed;
            }
            SalesOrderEvent::SalesOrderCancelled { .. } => {
                self.status = SalesOrderStatus::Cancelled;
            }
            SalesOrderEvent::SalesOrderShipped {
                shipment_id,
                date,
                lines,
                fully_shipped,
                ..
            } => {
                for line in &lines {
                    *self.shipped.entry(line.line_no).or_default() += line.quantity;
                }
                self.shipments.insert(shipment_id, Shipment { date, lines });
                self.status = if fully_shipped {
                    SalesOrderStatus::Shipped
                } else {
                    SalesOrderStatus::PartShipped
                };
            }
            SalesOrderEvent::ShipmentCompleted { .. } | SalesOrderEvent::StockShipped { .. } => {}
        }
    }
}

impl crate::stored::Stored for SalesOrder {}
