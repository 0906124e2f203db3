//! Why the inventory domain refuses a command.

use rust_decimal::Decimal;
use uuid::Uuid;

/// A business refusal; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InventoryError {
    #[error("quantity: {0} is not a positive quantity of at most 3 decimal places")]
    InvalidQuantity(Decimal),
    #[error("unitCost: {0} is not a cost of zero or more with at most 4 decimal places")]
    InvalidUnitCost(Decimal),
    #[error(
        "quantity: only {available} is available (on hand less reserved); {wanted} was asked for"
    )]
    NotEnoughStock { available: Decimal, wanted: Decimal },
    #[error("the reservation {0} is already held")]
    ReservationExists(Uuid),
    #[error("the reservation {0} does not exist or has been used up")]
    ReservationNotFound(Uuid),
    #[error("delta: an adjustment must change the quantity")]
    EmptyAdjustment,
    #[error("the location {0} already exists")]
    LocationExists(String),
    #[error("location: {0} is not a known location")]
    LocationNotFound(String),
    #[error("location: {0} is closed")]
    LocationClosed(String),
    #[error("projectId: a site store belongs to a project")]
    SiteStoreNeedsProject,
    #[error("projectId: a warehouse does not belong to a project")]
    WarehouseHasNoProject,
    #[error("the product {0} already exists")]
    ProductExists(String),
    #[error("product: {0} is not in the product catalogue")]
    ProductNotFound(String),
    #[error("product: {0} is discontinued")]
    ProductDiscontinued(String),
    #[error("{0}: {1} is not an amount of zero or more with at most 4 decimal places")]
    InvalidPrice(&'static str, Decimal),
    #[error("{0}: {1} is not a quantity of zero or more with at most 3 decimal places")]
    InvalidLevel(&'static str, Decimal),
    #[error("conversions: the factor of {0} must be positive with at most 6 decimal places")]
    InvalidConversion(String),
    #[error("conversions: the unit {0} is named twice")]
    DuplicateUnit(String),
    #[error("unit: the product {product} does not come in {unit}")]
    UnknownUnit { product: String, unit: String },
    #[error("projectId: the site store {location} holds stock for project {project} only")]
    SiteStoreOfAnotherProject { location: String, project: String },
    #[error("the equipment does not exist")]
    EquipmentNotFound,
    #[error("the equipment {0} is already in the register")]
    EquipmentExists(String),
    #[error("{0} is out on project {1}; check it in first")]
    EquipmentOut(String, String),
    #[error("{0} is in the yard, not checked out")]
    EquipmentInYard(String),
    #[error("on: it was checked out on {0}; it cannot come back before")]
    CheckInBeforeCheckOut(chrono::NaiveDate),
    #[error("meter: {0} is not a reading of nought or more with at most 1 decimal place")]
    InvalidMeter(Decimal),
    #[error("meter: {reading} is below the last reading of {last}")]
    MeterBackwards { reading: Decimal, last: Decimal },
    #[error("on: {0} is before the last meter reading")]
    DateBeforeLastReading(chrono::NaiveDate),
    #[error("serviceEvery: a service plan is every so many units or days, more than nought")]
    InvalidServicePlan,
    #[error("the stock count does not exist")]
    CountNotFound,
    #[error("the stock count already exists")]
    CountExists,
    #[error("the stock count has been posted and can no longer change")]
    CountPosted,
    #[error("counted: {0} is not a quantity of nought or more with at most 3 decimal places")]
    InvalidCount(Decimal),
    #[error("nothing has been counted yet")]
    NothingCounted,
    #[error("toLocation: a transfer goes to another location")]
    TransferToSameLocation,
    #[error("the transfer {0} does not exist")]
    TransferNotFound(String),
    #[error("the transfer has already been dispatched")]
    TransferAlreadyDispatched,
    #[error("the transfer {0} has already been received")]
    TransferAlreadyReceived(String),
}

impl crate::refusal::Refusal for InventoryError {
    fn kind(&self) -> crate::refusal::RefusalKind {
        use crate::refusal::RefusalKind;
        match self {
            InventoryError::ReservationNotFound(_)
            | InventoryError::LocationNotFound(_)
            | InventoryError::ProductNotFound(_)
            | InventoryError::TransferNotFound(_)
            | InventoryError::CountNotFound
            | InventoryError::EquipmentNotFound => RefusalKind::NotFound,
            _ => RefusalKind::Rejected,
        }
    }
}
