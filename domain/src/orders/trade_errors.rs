//! Why a sales order, purchase order or number series refuses a command. Messages are
//! safe to show and name the argument first where one is to blame.

use crate::refusal::{Refusal, RefusalKind};

/// A refusal of the trade side of orders.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TradeError {
    #[error("the sales order does not exist")]
    SalesOrderNotFound,
    #[error("the purchase order does not exist")]
    PurchaseOrderNotFound,
    #[error("the order number {0} is already taken")]
    NumberTaken(String),
    #[error("the number series {0} is exhausted")]
    SeriesExhausted(String),
    #[error("lines: an order needs at least one line")]
    NoLines,
    #[error("lines: the order's total is more than the largest amount accepted")]
    TotalTooLarge,
    #[error("retentionPercent: {0} is outside 0 to 20")]
    RetentionOutOfRange(String),
    #[error("a {kind} order that is {status} cannot be {action}")]
    NotNow {
        kind: &'static str,
        status: &'static str,
        action: &'static str,
    },
    #[error("{field}: the order has no line {line_no}")]
    UnknownLine { field: String, line_no: u32 },
    #[error("{field}: line {line_no} is named twice")]
    LineTwice { field: String, line_no: u32 },
    #[error("{field}: line {line_no} has {open} still open, {asked} asked for")]
    MoreThanOrdered {
        field: String,
        line_no: u32,
        open: String,
        asked: String,
    },
    #[error("deliveryNote: {0} was already shipped on this order with other lines or date")]
    ShipmentDiffers(String),
    #[error("{role}s approve purchase orders up to R {limit}; this order's total is R {total} excl. VAT: it may be approved by {may}")]
    AboveApprovalLimit {
        role: String,
        limit: String,
        total: String,
        may: String,
    },
    #[error("you hold no role with a purchase order approval limit")]
    NoApprovalLimit,
    #[error("vendorAccountId: no vendor or subcontractor account {0} is known")]
    UnknownVendor(String),
    #[error("vendorAccountId: {account} is a {kind} account, not a vendor or subcontractor")]
    NotAVendor { account: String, kind: &'static str },
    #[error("vendorAccountId: the account {0} is archived")]
    VendorArchived(String),
}

impl Refusal for TradeError {
    fn kind(&self) -> RefusalKind {
        match self {
            TradeError::SalesOrderNotFound
            | TradeError::PurchaseOrderNotFound
            | TradeError::UnknownVendor(_) => RefusalKind::NotFound,
            _ => RefusalKind::Rejected,
        }
    }
}
