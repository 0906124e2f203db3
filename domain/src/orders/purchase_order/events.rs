//! Events of the purchase order aggregate (`orders.purchase_order`); schemas in
//! `schemas/events/orders/`. `PurchaseOrderApproved`, `PurchaseOrderCancelled`,
//! `PurchaseOrderClosed` and `GoodsReceived` are finance's contract (commitments and
//! three-way match): their shape is fixed.

use chrono::NaiveDate;
use cqrs_es::DomainEvent;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::finance::Rand;
use crate::orders::lines::OrderLine;

/// A quantity received of one order line on a goods received note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceivedLine {
    pub line_no: u32,
    pub quantity: Decimal,
}

/// A product received into stock at the order's unit price (`GoodsIntoStock` v1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockReceiptLine {
    pub line_no: u32,
    pub sku: String,
    pub quantity: Decimal,
    /// The order line's unit price, rand excl. VAT.
    pub unit_cost: Rand,
}

/// Events of the purchase order aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PurchaseOrderEvent {
    PurchaseOrderRaised {
        purchase_order_id: String,
        number: String,
        vendor_account_id: String,
        project_id: String,
        cost_code: String,
        date: NaiveDate,
        lines: Vec<OrderLine>,
        total_excl_vat: Rand,
        raised_by: String,
    },
    /// Carries the whole order: from now on its value is committed.
    PurchaseOrderApproved {
        purchase_order_id: String,
        number: String,
        vendor_account_id: String,
        project_id: String,
        cost_code: String,
        date: NaiveDate,
        lines: Vec<OrderLine>,
        total_excl_vat: Rand,
        approved_by: String,
        approver_role: String,
    },
    PurchaseOrderRejected {
        purchase_order_id: String,
        reason: String,
        rejected_by: String,
    },
    PurchaseOrderCancelled {
        purchase_order_id: String,
        reason: String,
    },
    PurchaseOrderClosed {
        purchase_order_id: String,
        reason: Option<String>,
    },
    GoodsReceived {
        purchase_order_id: String,
        receipt_id: String,
        receipt_number: String,
        date: NaiveDate,
        lines: Vec<ReceivedLine>,
        received_by: String,
    },
    /// Inventory's stock movement: the products (lines with a SKU) of a goods received
    /// note that went into a stock location, appended with its `GoodsReceived`.
    GoodsIntoStock {
        purchase_order_id: String,
        receipt_id: String,
        receipt_number: String,
        project_id: String,
        location: String,
        date: NaiveDate,
        lines: Vec<StockReceiptLine>,
    },
}

impl DomainEvent for PurchaseOrderEvent {
    fn event_type(&self) -> String {
        match self {
            PurchaseOrderEvent::PurchaseOrderRaised { .. } => "PurchaseOrderRaised",
            PurchaseOrderEvent::PurchaseOrderApproved { .. } => "PurchaseOrderApproved",
            PurchaseOrderEvent::PurchaseOrderRejected { .. } => "PurchaseOrderRejected",
            PurchaseOrderEvent::PurchaseOrderCancelled { .. } => "PurchaseOrderCancelled",
            PurchaseOrderEvent::PurchaseOrderClosed { .. } => "PurchaseOrderClosed",
            PurchaseOrderEvent::GoodsReceived { .. } => "GoodsReceived",
            PurchaseOrderEvent::GoodsIntoStock { .. } => "GoodsIntoStock",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
