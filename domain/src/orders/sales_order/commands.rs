//! Commands to the sales order aggregate, built from validated values.

use rust_decimal::Decimal;

use super::CustomerSnapshot;
use crate::orders::lines::{LineInput, LineQuantities};
use crate::values::{BusinessDate, Code, Identifier, Reason};

/// Commands to the sales order aggregate.
#[derive(Debug, Clone, PartialEq)]
pub enum SalesOrderCommand {
    /// Place an order numbered `number`, sent to the id the number derives.
    PlaceSalesOrder {
        sales_order_id: String,
        number: String,
        customer_account_id: Identifier,
        project_id: Identifier,
        date: BusinessDate,
        lines: Vec<LineInput>,
        retention_percent: Option<Decimal>,
        /// The stock location (its code) the products are supplied from.
        ship_from: Option<Code>,
        /// The accepted sales quote it is placed from.
        quote_id: Option<String>,
    },
    ConfirmSalesOrder,
    /// Only while nothing is shipped.
    CancelSalesOrder {
        reason: Reason,
    },
    /// Complete a shipment: what leaves, per line; `shipment_id` derives from the
    /// order and the delivery note, so a resent shipment is the same one.
    ShipSalesOrder {
        shipment_id: String,
        delivery_note: Code,
        date: BusinessDate,
        lines: LineQuantities,
        customer: CustomerSnapshot,
    },
}
