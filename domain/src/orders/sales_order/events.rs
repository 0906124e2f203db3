//! Events of the sales order aggregate (`orders.sales_order`); schemas in
//! `schemas/events/orders/`. A shipment appends three at once: the order's own record
//! (`SalesOrderShipped`), finance's `ShipmentCompleted` and inventory's `StockShipped`.

use chrono::NaiveDate;
use cqrs_es::DomainEvent;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::finance::{Rand, VatTreatment};
use crate::orders::lines::OrderLine;

/// The customer as the tax invoice must show them (one type for every orders event
/// that carries one).
pub use crate::orders::project::CustomerSnapshot;

/// A quantity shipped of one order line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShippedLine {
    pub line_no: u32,
    pub quantity: Decimal,
}

/// A shipped line priced for the invoice (`ShipmentCompleted` v1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipmentLine {
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
}

/// A product that left the store (`StockShipped` v1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockLine {
    pub sku: String,
    pub quantity: Decimal,
}

/// Events of the sales order aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SalesOrderEvent {
    SalesOrderPlaced {
        sales_order_id: String,
        number: String,
        customer_account_id: String,
        project_id: String,
        date: NaiveDate,
        lines: Vec<OrderLine>,
        retention_percent: Option<Decimal>,
        total_excl_vat: Rand,
        /// The stock location (its code) the products are supplied from; inventory
        /// reserves them there at confirmation and issues them there at shipment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ship_from: Option<String>,
        /// The sales quote it was placed from, when an accepted quote placed it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quote_id: Option<String>,
    },
    SalesOrderConfirmed {
        sales_order_id: String,
    },
    SalesOrderCancelled {
        sales_order_id: String,
        reason: String,
    },
    /// The order's record of a shipment: what left, per line.
    SalesOrderShipped {
        sales_order_id: String,
        shipment_id: String,
        delivery_note: String,
        date: NaiveDate,
        lines: Vec<ShippedLine>,
        fully_shipped: bool,
    },
    /// Finance's contract: invoice this shipment, exactly once.
    ShipmentCompleted {
        shipment_id: String,
        project_id: String,
        customer: CustomerSnapshot,
        date: NaiveDate,
        lines: Vec<ShipmentLine>,
        retention_percent: Option<Decimal>,
    },
    /// Inventory's stock movement: the products (lines with a SKU) that left.
    StockShipped {
        shipment_id: String,
        sales_order_id: String,
        project_id: String,
        date: NaiveDate,
        lines: Vec<StockLine>,
        /// The location (its code) the goods left from: the order's `ship_from`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<String>,
    },
}

impl DomainEvent for SalesOrderEvent {
    fn event_type(&self) -> String {
        match self {
            SalesOrderEvent::SalesOrderPlaced { .. } => "SalesOrderPlaced",
            SalesOrderEvent::SalesOrderConfirmed { .. } => "SalesOrderConfirmed",
            SalesOrderEvent::SalesOrderCancelled { .. } => "SalesOrderCancelled",
            SalesOrderEvent::SalesOrderShipped { .. } => "SalesOrderShipped",
            SalesOrderEvent::ShipmentCompleted { .. } => "ShipmentCompleted",
            SalesOrderEvent::StockShipped { .. } => "StockShipped",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}
