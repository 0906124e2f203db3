//! Quantities and unit costs as exact decimals, and the rounding of values to cents.

use rust_decimal::{Decimal, RoundingStrategy};

use super::InventoryError;

/// Decimal places a quantity may carry (m³ and tonnes to the litre and kilogram).
pub const QUANTITY_SCALE: u32 = 3;
/// Decimal places a unit cost may carry (rand to a hundredth of a cent).
pub const UNIT_COST_SCALE: u32 = 4;

/// A positive quantity of at most [`QUANTITY_SCALE`] decimal places.
pub fn checked_quantity(quantity: Decimal) -> Result<Decimal, InventoryError> {
    if quantity <= Decimal::ZERO || quantity.normalize().scale() > QUANTITY_SCALE {
        return Err(InventoryError::InvalidQuantity(quantity));
    }
    Ok(quantity.normalize())
}

/// A unit cost of zero or more, of at most [`UNIT_COST_SCALE`] decimal places.
pub fn checked_unit_cost(cost: Decimal) -> Result<Decimal, InventoryError> {
    if cost < Decimal::ZERO || cost.normalize().scale() > UNIT_COST_SCALE {
        return Err(InventoryError::InvalidUnitCost(cost));
    }
    Ok(cost.normalize())
}

/// Rounds a rand amount to cents, half away from zero (as the ledger rounds), always
/// written with two places.
pub fn round_cents(value: Decimal) -> Decimal {
    let mut cents = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    cents.rescale(2);
    cents
}
