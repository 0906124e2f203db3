//! What sales and purchase orders share in the schema: order lines as asked for and as
//! kept (with what was delivered to date), quantities per line, and the answers of
//! their mutations.

use async_graphql::{InputObject, SimpleObject, ID};
use chrono::NaiveDate;
use constructos_commands::orders as commands;
use constructos_projections::orders::{DeliveryRow, OrderLineRow};
use serde::Deserialize;

use crate::graphql::errors::{error, ErrorCode};
use crate::graphql::finance::invoice_types::{Decimal, VatTreatment};
use crate::graphql::rand::Rand;

/// One order line: a product (with its SKU) or a service (without). Descriptions and
/// prices are the caller's: there is no product catalogue yet.
#[derive(InputObject)]
pub struct OrderLineInput {
    /// 2–40 capital letters, digits and `- . /`; leave out for a service line.
    pub sku: Option<String>,
    pub description: String,
    pub quantity: Decimal,
    /// Rand excl. VAT, more than nought.
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
}

impl From<OrderLineInput> for commands::OrderLineInput {
    fn from(l: OrderLineInput) -> Self {
        Self {
            sku: l.sku,
            description: l.description,
            quantity: l.quantity.0,
            unit_price: l.unit_price.0,
            vat_treatment: l.vat_treatment.into(),
        }
    }
}

/// A quantity of one order line (numbered from 1), on a shipment or a goods received
/// note.
#[derive(InputObject)]
pub struct LineQuantityInput {
    pub line_no: u32,
    pub quantity: Decimal,
}

/// A quantity of one order line, as shipped or received.
#[derive(SimpleObject)]
pub struct LineQuantity {
    pub line_no: u32,
    pub quantity: Decimal,
}

/// A line quantity as the read model stores it (`[{line_no, quantity}]`).
#[derive(Deserialize)]
struct StoredQuantity {
    line_no: u32,
    quantity: rust_decimal::Decimal,
}

/// A line of an order as kept, with what was delivered of it to date.
#[derive(SimpleObject)]
pub struct OrderLine {
    pub line_no: i32,
    pub sku: Option<String>,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
    /// Shipped (sales orders) or received (purchase orders) to date; never more than
    /// the quantity.
    pub delivered: Decimal,
    /// Still to ship or receive.
    pub open: Decimal,
}

impl OrderLine {
    pub fn from_row(row: OrderLineRow) -> async_graphql::Result<Self> {
        let vat_treatment = match row.vat_treatment.as_str() {
            "STANDARD" => VatTreatment::Standard,
            "ZERO_RATED" => VatTreatment::ZeroRated,
            "EXEMPT" => VatTreatment::Exempt,
            other => {
                return Err(error(
                    ErrorCode::Internal,
                    format!("unknown VAT treatment {other}"),
                ))
            }
        };
        Ok(Self {
            line_no: row.line_no,
            sku: row.sku,
            description: row.description,
            quantity: Decimal(row.quantity.normalize()),
            unit_price: Rand(row.unit_price),
            vat_treatment,
            delivered: Decimal(row.delivered.normalize()),
            open: Decimal((row.quantity - row.delivered).normalize()),
        })
    }
}

/// A shipment of a sales order, or a goods received note of a purchase order.
#[derive(SimpleObject)]
pub struct Delivery {
    pub id: ID,
    /// The delivery note of a shipment; the GRN number of a goods receipt.
    pub number: String,
    pub date: NaiveDate,
    pub lines: Vec<LineQuantity>,
    /// The tax invoice finance raises for a shipment (`invoice(id)`; null until
    /// finance has raised it there): its id derives from the shipment's, so orders
    /// names it without asking finance. Always null for a goods receipt.
    pub invoice_id: Option<ID>,
}

impl Delivery {
    pub fn from_row(row: DeliveryRow) -> async_graphql::Result<Self> {
        let lines: Vec<StoredQuantity> = serde_json::from_value(row.lines)
            .map_err(|e| error(ErrorCode::Internal, format!("stored lines: {e}")))?;
        Ok(Self {
            id: ID(row.id),
            number: row.number,
            date: row.date,
            lines: lines
                .into_iter()
                .map(|l| LineQuantity {
                    line_no: l.line_no,
                    quantity: Decimal(l.quantity.normalize()),
                })
                .collect(),
            invoice_id: None,
        })
    }
}

impl From<LineQuantityInput> for commands::LineQuantityInput {
    fn from(l: LineQuantityInput) -> Self {
        Self {
            line_no: l.line_no,
            quantity: l.quantity.0,
        }
    }
}

/// An order or goods received note was numbered.
#[derive(SimpleObject)]
pub struct OrderNumbered {
    pub id: ID,
    /// `SO-2026-00001`, `PO-2026-00001` or `GRN-00001`.
    pub number: String,
    pub correlation_id: String,
}

/// An order command was accepted.
#[derive(SimpleObject)]
pub struct OrderChanged {
    pub id: ID,
    pub correlation_id: String,
}
