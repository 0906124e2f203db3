//! The purchase order aggregate: goods or a subcontractor's work bought for a project
//! and cost code. Raised → approved (within the approver's limit) or rejected;
//! approved → part received → received; cancelled while nothing is received, closed
//! once something is. Received to date never exceeds ordered per line.
//!
//! **Committed** is the open value of an approved order: its total once approved;
//! nought when cancelled; the value of what was received when closed (what will
//! never come is no longer committed). A project's committed figure is the sum.

mod commands;
mod events;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use commands::PurchaseOrderCommand;
pub use events::{PurchaseOrderEvent, ReceivedLine, StockReceiptLine};

use super::lines::{check_delivery, fully_delivered, total_excl_vat, OrderLine};
use super::sales_order::over;
use super::TradeError;
use crate::finance::Rand;

/// The aggregate type of purchase orders; unique across the system.
pub const PURCHASE_ORDER_AGGREGATE: &str = "orders.purchase_order";

/// Where a purchase order stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PurchaseOrderStatus {
    #[default]
    Raised,
    Approved,
    Rejected,
    PartReceived,
    Received,
    Cancelled,
    Closed,
}

impl PurchaseOrderStatus {
    /// Every status, in life-cycle order.
    pub const ALL: [PurchaseOrderStatus; 7] = [
        PurchaseOrderStatus::Raised,
        PurchaseOrderStatus::Approved,
        PurchaseOrderStatus::Rejected,
        PurchaseOrderStatus::PartReceived,
        PurchaseOrderStatus::Received,
        PurchaseOrderStatus::Cancelled,
        PurchaseOrderStatus::Closed,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            PurchaseOrderStatus::Raised => "RAISED",
            PurchaseOrderStatus::Approved => "APPROVED",
            PurchaseOrderStatus::Rejected => "REJECTED",
            PurchaseOrderStatus::PartReceived => "PART_RECEIVED",
            PurchaseOrderStatus::Received => "RECEIVED",
            PurchaseOrderStatus::Cancelled => "CANCELLED",
            PurchaseOrderStatus::Closed => "CLOSED",
        }
    }
}

/// What approval needs of the raised order, kept to repeat it whole in the event.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
struct Raised {
    id: String,
    number: String,
    vendor_account_id: String,
    project_id: String,
    cost_code: String,
    total_excl_vat: Rand,
}

/// The state a purchase order's decisions need.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct PurchaseOrder {
    raised: Option<Raised>,
    status: PurchaseOrderStatus,
    lines: Vec<OrderLine>,
    received: BTreeMap<u32, Decimal>,
}

impl PurchaseOrder {
    /// Where it stands.
    pub fn status(&self) -> PurchaseOrderStatus {
        self.status
    }

    /// Received to date per line number.
    pub fn received(&self) -> &BTreeMap<u32, Decimal> {
        &self.received
    }

    /// The order's lines.
    pub fn lines(&self) -> &[OrderLine] {
        &self.lines
    }

    /// The project it is for, once raised.
    pub fn project_id(&self) -> Option<&str> {
        self.raised.as_ref().map(|r| r.project_id.as_str())
    }

    /// The value of what was received to date, line by line rounded to the cent.
    pub fn received_value(&self) -> Rand {
        self.lines
            .iter()
            .filter_map(|l| l.value_of(self.received.get(&l.line_no).copied()?))
            .sum()
    }

    /// Its open committed value (see the module docs).
    pub fn committed(&self) -> Rand {
        let total = self
            .raised
            .as_ref()
            .map_or(Rand::ZERO, |r| r.total_excl_vat);
        match self.status {
            PurchaseOrderStatus::Raised
            | PurchaseOrderStatus::Rejected
            | PurchaseOrderStatus::Cancelled => Rand::ZERO,
            PurchaseOrderStatus::Approved
            | PurchaseOrderStatus::PartReceived
            | PurchaseOrderStatus::Received => total,
            PurchaseOrderStatus::Closed => self.received_value(),
        }
    }

    fn not_now(&self, action: &'static str) -> TradeError {
        TradeError::NotNow {
            kind: "purchase",
            status: self.status.as_str(),
            action,
        }
    }

    fn raise(&self, command: PurchaseOrderCommand) -> Result<Vec<PurchaseOrderEvent>, TradeError> {
        let PurchaseOrderCommand::RaisePurchaseOrder {
            purchase_order_id,
            number,
            vendor_account_id,
            project_id,
            cost_code,
            date,
            lines,
            raised_by,
        } = command
        else {
            return Ok(Vec::new());
        };
        if self.raised.is_some() {
            return Err(TradeError::NumberTaken(number));
        }
        if lines.is_empty() {
            return Err(TradeError::NoLines);
        }
        let lines = OrderLine::numbered(lines);
        let total = total_excl_vat(&lines).ok_or(TradeError::TotalTooLarge)?;
        Ok(vec![PurchaseOrderEvent::PurchaseOrderRaised {
            purchase_order_id,
            number,
            vendor_account_id: vendor_account_id.into(),
            project_id: project_id.into(),
            cost_code: cost_code.into(),
            date: date.date(),
            lines,
            total_excl_vat: total,
            raised_by,
        }])
    }

    /// What the order decides on `command`.
    pub fn decide(
        &self,
        command: PurchaseOrderCommand,
    ) -> Result<Vec<PurchaseOrderEvent>, TradeError> {
        if matches!(command, PurchaseOrderCommand::RaisePurchaseOrder { .. }) {
            return self.raise(command);
        }
        let Some(raised) = self.raised.clone() else {
            return Err(TradeError::PurchaseOrderNotFound);
        };
        let id = raised.id.clone();
        use PurchaseOrderStatus::*;
        let event = match command {
            PurchaseOrderCommand::RaisePurchaseOrder { .. } => return Ok(Vec::new()),
            PurchaseOrderCommand::ApprovePurchaseOrder {
                approved_by,
                roles,
                limits,
                date,
            } => {
                if self.status != Raised {
                    return Err(self.not_now("approved"));
                }
                let role = limits.authorise(&roles, raised.total_excl_vat)?;
                PurchaseOrderEvent::PurchaseOrderApproved {
                    purchase_order_id: id,
                    number: raised.number,
                    vendor_account_id: raised.vendor_account_id,
                    project_id: raised.project_id,
                    cost_code: raised.cost_code,
                    date: date.date(),
                    lines: self.lines.clone(),
                    total_excl_vat: raised.total_excl_vat,
                    approved_by,
                    approver_role: role.to_string(),
                }
            }
            PurchaseOrderCommand::RejectPurchaseOrder {
                reason,
                rejected_by,
            } => {
                if self.status != Raised {
                    return Err(self.not_now("rejected"));
                }
                PurchaseOrderEvent::PurchaseOrderRejected {
                    purchase_order_id: id,
                    reason: reason.into(),
                    rejected_by,
                }
            }
            PurchaseOrderCommand::CancelPurchaseOrder { reason } => {
                if !matches!(self.status, Raised | Approved) {
                    return Err(self.not_now("cancelled"));
                }
                PurchaseOrderEvent::PurchaseOrderCancelled {
                    purchase_order_id: id,
                    reason: reason.into(),
                }
            }
            PurchaseOrderCommand::ClosePurchaseOrder { reason } => {
                if !matches!(self.status, PartReceived | Received) {
                    return Err(self.not_now("closed"));
                }
                PurchaseOrderEvent::PurchaseOrderClosed {
                    purchase_order_id: id,
                    reason: reason.map(String::from),
                }
            }
            PurchaseOrderCommand::ReceiveGoods {
                receipt_id,
                receipt_number,
                date,
                lines,
                received_by,
                into_location,
            } => {
                if !matches!(self.status, Approved | PartReceived) {
                    return Err(self.not_now("received against"));
                }
                if lines.is_empty() {
                    return Err(TradeError::NoLines);
                }
                check_delivery(&self.lines, &self.received, &lines)
                    .map_err(|e| over("lines", e))?;
                let stocked: Vec<StockReceiptLine> = lines
                    .iter()
                    .filter_map(|(line_no, q)| {
                        let line = self.lines.iter().find(|l| l.line_no == *line_no)?;
                        Some(StockReceiptLine {
                            line_no: *line_no,
                            sku: line.sku.clone()?,
                            quantity: q.value(),
                            unit_cost: line.unit_price,
                        })
                    })
                    .collect();
                let into_stock = match into_location {
                    Some(location) if !stocked.is_empty() => {
                        Some(PurchaseOrderEvent::GoodsIntoStock {
                            purchase_order_id: id.clone(),
                            receipt_id: receipt_id.clone(),
                            receipt_number: receipt_number.clone(),
                            project_id: self.project_id().unwrap_or_default().to_string(),
                            location: location.into_string(),
                            date: date.date(),
                            lines: stocked,
                        })
                    }
                    _ => None,
                };
                let received = PurchaseOrderEvent::GoodsReceived {
                    purchase_order_id: id,
                    receipt_id,
                    receipt_number,
                    date: date.date(),
                    lines: lines
                        .iter()
                        .map(|(line_no, q)| ReceivedLine {
                            line_no: *line_no,
                            quantity: q.value(),
                        })
                        .collect(),
                    received_by,
                };
                return Ok(std::iter::once(received).chain(into_stock).collect());
            }
        };
        Ok(vec![event])
    }
}

impl Aggregate for PurchaseOrder {
    const TYPE: &'static str = PURCHASE_ORDER_AGGREGATE;
    type Command = PurchaseOrderCommand;
    type Event = PurchaseOrderEvent;
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
            PurchaseOrderEvent::PurchaseOrderRaised {
                purchase_order_id,
                number,
                vendor_account_id,
                project_id,
                cost_code,
                lines,
                total_excl_vat,
                ..
            } => {
                self.raised = Some(Raised {
                    id: purchase_order_id,
                    number,
                    vendor_account_id,
                    project_id,
                    cost_code,
                    total_excl_vat,
                });
                self.lines = lines;
                self.status = PurchaseOrderStatus::Raised;
            }
            PurchaseOrderEvent::PurchaseOrderApproved { .. } => {
                self.status = PurchaseOrderStatus::Approved;
            }
            PurchaseOrderEvent::PurchaseOrderRejected { .. } => {
                self.status = PurchaseOrderStatus::Rejected;
            }
            PurchaseOrderEvent::PurchaseOrderCancelled { .. } => {
                self.status = PurchaseOrderStatus::Cancelled;
            }
            PurchaseOrderEvent::PurchaseOrderClosed { .. } => {
                self.status = PurchaseOrderStatus::Closed;
            }
            PurchaseOrderEvent::GoodsIntoStock { .. } => {}
            PurchaseOrderEvent::GoodsReceived { lines, .. } => {
                for line in lines {
                    *self.received.entry(line.line_no).or_default() += line.quantity;
                }
                self.status = if fully_delivered(&self.lines, &self.received) {
                    PurchaseOrderStatus::Received
                } else {
                    PurchaseOrderStatus::PartReceived
                };
            }
        }
    }
}

impl crate::stored::Stored for PurchaseOrder {}
