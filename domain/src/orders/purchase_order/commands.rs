//! Commands to the purchase order aggregate, built from validated values.

use crate::access::Role;
use crate::orders::approval::ApprovalLimits;
use crate::orders::lines::{LineInput, LineQuantities};
use crate::values::{BusinessDate, Code, Identifier, Reason};

/// Commands to the purchase order aggregate.
#[derive(Debug, Clone, PartialEq)]
pub enum PurchaseOrderCommand {
    /// Raise an order numbered `number`, sent to the id the number derives.
    RaisePurchaseOrder {
        purchase_order_id: String,
        number: String,
        vendor_account_id: Identifier,
        project_id: Identifier,
        cost_code: Code,
        date: BusinessDate,
        lines: Vec<LineInput>,
        raised_by: String,
    },
    /// Approve within the approver's highest limit among `roles`.
    ApprovePurchaseOrder {
        approved_by: String,
        roles: Vec<Role>,
        limits: ApprovalLimits,
        date: BusinessDate,
    },
    RejectPurchaseOrder {
        reason: Reason,
        rejected_by: String,
    },
    /// Only while nothing is received.
    CancelPurchaseOrder {
        reason: Reason,
    },
    /// Only after something is received: nothing more will come.
    ClosePurchaseOrder {
        reason: Option<Reason>,
    },
    /// A goods received note: part or all of what is still open per line.
    ReceiveGoods {
        receipt_id: String,
        receipt_number: String,
        date: BusinessDate,
        lines: LineQuantities,
        received_by: String,
        /// The stock location (its code) the goods go into; none when they go
        /// straight to the project.
        into_location: Option<Code>,
    },
}
