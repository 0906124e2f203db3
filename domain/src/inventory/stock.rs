//! The stock aggregate: on hand, reserved and value of one product at one location.
//!
//! Valuation is weighted average cost kept as a total: the position holds its quantity
//! and its value in cents, the average is their quotient, and every movement carries
//! the cents it moved. Taking `q` of `n` units out moves `q/n` of the value rounded to
//! the cent (never more than is left), taking all of it moves all of it; so the value is
//! exactly the sum of the movements and a position emptied to zero is worth zero. Where
//! a location allows negative stock, units issued beyond what is on hand are valued at
//! the last average cost (the position is then only as right as that estimate).

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    checked_quantity, checked_unit_cost, round_cents, InventoryError, ReservationShare,
    StockChange, StockCommand, StockEvent, STOCK_AGGREGATE, UNIT_COST_SCALE,
};

/// The state of one stock position, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stock {
    /// The SKU and location code, once the position is open.
    position: Option<(String, String)>,
    on_hand: Decimal,
    value: Decimal,
    last_average: Decimal,
    /// Open reservations in the order they were made.
    reservations: Vec<(Uuid, Decimal)>,
    /// The sources of the receipts and issues other domains' events caused.
    #[serde(default)]
    sources: std::collections::BTreeSet<String>,
}

impl Stock {
    /// The quantity on hand (below zero only where the location allows it).
    pub fn on_hand(&self) -> Decimal {
        self.on_hand
    }

    /// The value of what is on hand, in rand and cents.
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The quantity held by open reservations.
    pub fn reserved(&self) -> Decimal {
        self.reservations.iter().map(|(_, q)| *q).sum()
    }

    /// On hand less reserved: what a new reservation or an unreserved issue may take.
    pub fn available(&self) -> Decimal {
        self.on_hand - self.reserved()
    }

    /// The weighted average unit cost (the last known one while nothing is on hand).
    pub fn average_cost(&self) -> Decimal {
        if self.on_hand > Decimal::ZERO {
            (self.value / self.on_hand).round_dp(UNIT_COST_SCALE)
        } else {
            self.last_average
        }
    }

    fn reservation(&self, id: Uuid) -> Option<Decimal> {
        self.reservations
            .iter()
            .find(|(r, _)| *r == id)
            .map(|(_, q)| *q)
    }

    /// The value that leaves with `quantity` units.
    fn value_out(&self, quantity: Decimal) -> Decimal {
        if self.on_hand <= Decimal::ZERO {
            return round_cents(quantity * self.last_average);
        }
        if quantity >= self.on_hand {
            let beyond = quantity - self.on_hand;
            return self.value + round_cents(beyond * self.average_cost());
        }
        let share = round_cents(quantity * self.value / self.on_hand);
        if self.value >= Decimal::ZERO {
            share.min(self.value)
        } else {
            share
        }
    }

    fn decide(&self, command: StockChange) -> Result<StockEvent, InventoryError> {
        match command {
            StockChange::ReceiveStock {
                quantity,
                unit_cost,
                reference,
            } => {
                let quantity = checked_quantity(quantity)?;
                let unit_cost = checked_unit_cost(unit_cost)?;
                Ok(StockEvent::StockReceived {
                    quantity,
                    unit_cost,
                    value: round_cents(quantity * unit_cost),
                    reference,
                    source: None,
                })
            }
            StockChange::IssueStock {
                quantity,
                project_id,
                cost_code,
                reservation,
                allow_negative,
            } => {
                let quantity = checked_quantity(quantity)?;
                let drawn = match reservation {
                    Some(id) => {
                        let held = self
                            .reservation(id)
                            .ok_or(InventoryError::ReservationNotFound(id))?;
                        Some(ReservationShare {
                            reservation: id,
                            quantity: held.min(quantity),
                        })
                    }
                    None => None,
                };
                let unreserved = quantity - drawn.map_or(Decimal::ZERO, |d| d.quantity);
                let available = self.available().max(Decimal::ZERO);
                if unreserved > available && !allow_negative {
                    return Err(InventoryError::NotEnoughStock {
                        available: available + drawn.map_or(Decimal::ZERO, |d| d.quantity),
                        wanted: quantity,
                    });
                }
                Ok(StockEvent::StockIssued {
                    quantity,
                    value: self.value_out(quantity),
                    project_id,
                    cost_code,
                    reservation: drawn,
                    source: None,
                })
            }
            StockChange::ReserveStock {
                reservation,
                quantity,
                purpose,
            } => {
                let quantity = checked_quantity(quantity)?;
                if self.reservation(reservation).is_some() {
                    return Err(InventoryError::ReservationExists(reservation));
                }
                let available = self.available().max(Decimal::ZERO);
                if quantity > available {
                    return Err(InventoryError::NotEnoughStock {
                        available,
                        wanted: quantity,
                    });
                }
                Ok(StockEvent::StockReserved {
                    reservation,
                    quantity,
                    purpose,
                })
            }
            StockChange::ReleaseReservation { reservation } => {
                let quantity = self
                    .reservation(reservation)
                    .ok_or(InventoryError::ReservationNotFound(reservation))?;
                Ok(StockEvent::ReservationReleased {
                    reservation,
                    quantity,
                })
            }
            StockChange::TransferOut {
                transfer,
                to,
                quantity,
                allow_negative,
            } => {
                let quantity = checked_quantity(quantity)?;
                let available = self.available().max(Decimal::ZERO);
                if quantity > available && !allow_negative {
                    return Err(InventoryError::NotEnoughStock {
                        available,
                        wanted: quantity,
                    });
                }
                Ok(StockEvent::StockTransferredOut {
                    transfer,
                    to,
                    quantity,
                    value: self.value_out(quantity),
                })
            }
            StockChange::TransferIn {
                transfer,
                from,
                quantity,
                value,
            } => Ok(StockEvent::StockTransferredIn {
                transfer,
                from,
                quantity: checked_quantity(quantity)?,
                value: round_cents(value),
            }),
            StockChange::AdjustStock {
                delta,
                reason,
                note,
                allow_negative,
            } => {
                if delta.is_zero() {
                    return Err(InventoryError::EmptyAdjustment);
                }
                let size = checked_quantity(delta.abs())?;
                let (delta, value) = if delta > Decimal::ZERO {
                    (size, round_cents(size * self.average_cost()))
                } else {
                    if size > self.on_hand.max(Decimal::ZERO) && !allow_negative {
                        return Err(InventoryError::NotEnoughStock {
                            available: self.on_hand.max(Decimal::ZERO),
                            wanted: size,
                        });
                    }
                    (-size, -self.value_out(size))
                };
                Ok(StockEvent::StockAdjusted {
                    delta,
                    value,
                    reason,
                    note,
                    trimmed: self.trimmed_by(self.on_hand + delta),
                })
            }
        }
    }

    /// The reservations to cut back, latest first, so that they fit in `on_hand`.
    fn trimmed_by(&self, on_hand: Decimal) -> Vec<ReservationShare> {
        let mut excess = self.reserved() - on_hand.max(Decimal::ZERO);
        let mut trimmed = Vec::new();
        for (id, held) in self.reservations.iter().rev() {
            if excess <= Decimal::ZERO {
                break;
            }
            let cut = (*held).min(excess);
            trimmed.push(ReservationShare {
                reservation: *id,
                quantity: cut,
            });
            excess -= cut;
        }
        trimmed
    }

    fn take_from_reservation(&mut self, id: Uuid, quantity: Decimal) {
        if let Some(held) = self.reservations.iter_mut().find(|(r, _)| *r == id) {
            held.1 -= quantity;
        }
        self.reservations.retain(|(_, q)| *q > Decimal::ZERO);
    }

    fn moved(&mut self, quantity: Decimal, value: Decimal) {
        self.on_hand += quantity;
        self.value += value;
        if self.on_hand > Decimal::ZERO {
            self.last_average = (self.value / self.on_hand).round_dp(UNIT_COST_SCALE);
        }
    }
}

impl Aggregate for Stock {
    const TYPE: &'static str = STOCK_AGGREGATE;
    type Command = StockCommand;
    type Event = StockEvent;
    type Error = InventoryError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let StockCommand {
            product,
            location,
            change,
            source,
        } = command;
        if source.as_ref().is_some_and(|s| self.sources.contains(s)) {
            return Ok(());
        }
        let event = self.decide(change)?.with_source(source);
        if self.position.is_none() {
            let opened = StockEvent::StockPositionOpened { product, location };
            sink.write(opened, self).await;
        }
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            StockEvent::StockPositionOpened { product, location } => {
                self.position = Some((product, location))
            }
            StockEvent::StockReceived {
                quantity,
                unit_cost,
                value,
                source,
                ..
            } => {
                self.sources.extend(source);
                if self.on_hand <= Decimal::ZERO && self.on_hand + quantity <= Decimal::ZERO {
                    self.last_average = unit_cost;
                }
                self.moved(quantity, value);
            }
            StockEvent::StockIssued {
                quantity,
                value,
                reservation,
                source,
                ..
            } => {
                self.sources.extend(source);
                if let Some(drawn) = reservation {
                    self.take_from_reservation(drawn.reservation, drawn.quantity);
                }
                self.moved(-quantity, -value);
            }
            StockEvent::StockTransferredOut {
                quantity, value, ..
            } => self.moved(-quantity, -value),
            StockEvent::StockTransferredIn {
                quantity, value, ..
            } => {
                if self.on_hand <= Decimal::ZERO && self.on_hand + quantity <= Decimal::ZERO {
                    self.last_average = (value / quantity).round_dp(UNIT_COST_SCALE);
                }
                self.moved(quantity, value)
            }
            StockEvent::StockReserved {
                reservation,
                quantity,
                ..
            } => self.reservations.push((reservation, quantity)),
            StockEvent::ReservationReleased { reservation, .. } => {
                self.reservations.retain(|(r, _)| *r != reservation)
            }
            StockEvent::StockAdjusted {
                delta,
                value,
                trimmed,
                ..
            } => {
                for cut in trimmed {
                    self.take_from_reservation(cut.reservation, cut.quantity);
                }
                self.moved(delta, value);
            }
        }
    }
}

impl crate::stored::Stored for Stock {}

#[cfg(test)]
#[path = "stock_tests.rs"]
mod tests;
