//! The transfer aggregate: goods on their way from one location to another. Dispatch
//! takes them out of the source position at its average cost (one unit of work with
//! the source's `StockTransferredOut`); until received they are in transit, worth
//! exactly what left; receipt puts that same value into the destination position (one
//! unit with its `StockTransferredIn`), so a transfer never creates or loses value.

use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::InventoryError;

/// The aggregate type of transfers in the event store.
pub const TRANSFER_AGGREGATE: &str = "inventory.transfer";

/// What can be asked of a transfer.
#[derive(Debug, Clone, PartialEq)]
pub enum TransferCommand {
    /// Records goods sent; `value` is what left the source position.
    DispatchTransfer {
        product: String,
        from: String,
        to: String,
        quantity: Decimal,
        value: Decimal,
        reference: String,
    },
    /// Records the goods arrived at the destination.
    ReceiveTransfer,
}

/// Events of a transfer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TransferEvent {
    TransferDispatched {
        product: String,
        from: String,
        to: String,
        quantity: Decimal,
        value: Decimal,
        reference: String,
    },
    TransferReceived {
        quantity: Decimal,
        value: Decimal,
    },
}

impl DomainEvent for TransferEvent {
    fn event_type(&self) -> String {
        match self {
            TransferEvent::TransferDispatched { .. } => "TransferDispatched",
            TransferEvent::TransferReceived { .. } => "TransferReceived",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// What a dispatched transfer carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consignment {
    pub product: String,
    pub from: String,
    pub to: String,
    pub quantity: Decimal,
    pub value: Decimal,
}

/// The state of one transfer.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transfer {
    consignment: Option<Consignment>,
    received: bool,
}

impl Transfer {
    /// What is on its way, unless the transfer was never dispatched.
    pub fn consignment(&self) -> Option<&Consignment> {
        self.consignment.as_ref()
    }

    /// Whether the goods have arrived.
    pub fn is_received(&self) -> bool {
        self.received
    }

    /// The consignment of transfer `id` if it can still be received.
    pub fn in_transit(&self, id: &str) -> Result<&Consignment, InventoryError> {
        let consignment = self
            .consignment
            .as_ref()
            .ok_or_else(|| InventoryError::TransferNotFound(id.to_string()))?;
        if self.received {
            return Err(InventoryError::TransferAlreadyReceived(id.to_string()));
        }
        Ok(consignment)
    }

    fn decide(&self, command: TransferCommand) -> Result<TransferEvent, InventoryError> {
        match command {
            TransferCommand::DispatchTransfer {
                product,
                from,
                to,
                quantity,
                value,
                reference,
            } => {
                if self.consignment.is_some() {
                    return Err(InventoryError::TransferAlreadyDispatched);
                }
                if from == to {
                    return Err(InventoryError::TransferToSameLocation);
                }
                let quantity = super::checked_quantity(quantity)?;
                Ok(TransferEvent::TransferDispatched {
                    product,
                    from,
                    to,
                    quantity,
                    value,
                    reference,
                })
            }
            TransferCommand::ReceiveTransfer => {
                let consignment = self.in_transit("")?;
                Ok(TransferEvent::TransferReceived {
                    quantity: consignment.quantity,
                    value: consignment.value,
                })
            }
        }
    }
}

impl Aggregate for Transfer {
    const TYPE: &'static str = TRANSFER_AGGREGATE;
    type Command = TransferCommand;
    type Event = TransferEvent;
    type Error = InventoryError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command)?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            TransferEvent::TransferDispatched {
                product,
                from,
                to,
                quantity,
                value,
                ..
            } => {
                self.consignment = Some(Consignment {
                    product,
                    from,
                    to,
                    quantity,
                    value,
                })
            }
            TransferEvent::TransferReceived { .. } => self.received = true,
        }
    }
}

impl crate::stored::Stored for Transfer {}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn dispatch(from: &str, to: &str) -> TransferCommand {
        TransferCommand::DispatchTransfer {
            product: "CEM".into(),
            from: from.into(),
            to: to.into(),
            quantity: dec!(5),
            value: dec!(462.50),
            reference: "TRF-1".into(),
        }
    }

    fn run(
        transfer: &mut Transfer,
        command: TransferCommand,
    ) -> Result<TransferEvent, InventoryError> {
        let event = transfer.decide(command)?;
        transfer.apply(event.clone());
        Ok(event)
    }

    #[test]
    fn a_transfer_is_received_once_at_the_value_that_left() {
        let mut transfer = Transfer::default();
        assert_eq!(
            run(&mut transfer, TransferCommand::ReceiveTransfer),
            Err(InventoryError::TransferNotFound(String::new()))
        );
        run(&mut transfer, dispatch("WH", "SITE")).expect("dispatched");
        assert_eq!(
            run(&mut transfer, dispatch("WH", "SITE")),
            Err(InventoryError::TransferAlreadyDispatched)
        );
        assert_eq!(
            run(&mut transfer, TransferCommand::ReceiveTransfer),
            Ok(TransferEvent::TransferReceived {
                quantity: dec!(5),
                value: dec!(462.50)
            })
        );
        assert!(matches!(
            run(&mut transfer, TransferCommand::ReceiveTransfer),
            Err(InventoryError::TransferAlreadyReceived(_))
        ));
    }

    #[test]
    fn a_transfer_goes_somewhere_else() {
        assert_eq!(
            Transfer::default().decide(dispatch("WH", "WH")),
            Err(InventoryError::TransferToSameLocation)
        );
    }
}
