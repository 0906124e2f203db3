//! The stock count aggregate: a count sheet for one location. Counted quantities are
//! recorded product by product (a recount replaces the figure); posting compares each
//! with the book quantity at that moment and writes the variances — the count stream's
//! `StockCountPosted` and one `StockAdjusted` (reason COUNT) per position that differs,
//! in one unit of work. A posted count is final.

use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{InventoryError, QUANTITY_SCALE};

/// The aggregate type of stock counts in the event store.
pub const COUNT_AGGREGATE: &str = "inventory.count";

/// One product's book and counted quantity when the count was posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountVariance {
    pub product: String,
    pub book: Decimal,
    pub counted: Decimal,
    /// Counted less book: what the adjustment moves.
    pub delta: Decimal,
}

/// What can be asked of a count.
#[derive(Debug, Clone, PartialEq)]
pub enum CountCommand {
    OpenCount {
        location: String,
        reference: String,
    },
    /// Records (or corrects) what was counted of a product.
    RecordCount {
        product: String,
        counted: Decimal,
    },
    /// Posts the count; `book` is each counted product's quantity on hand now.
    PostCount {
        book: Vec<(String, Decimal)>,
    },
}

/// Events of a count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CountEvent {
    StockCountOpened { location: String, reference: String },
    StockCounted { product: String, counted: Decimal },
    StockCountPosted { variances: Vec<CountVariance> },
}

impl DomainEvent for CountEvent {
    fn event_type(&self) -> String {
        match self {
            CountEvent::StockCountOpened { .. } => "StockCountOpened",
            CountEvent::StockCounted { .. } => "StockCounted",
            CountEvent::StockCountPosted { .. } => "StockCountPosted",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// The state of one count.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockCount {
    location: Option<String>,
    /// Counted quantities in the order first counted.
    counted: Vec<(String, Decimal)>,
    posted: bool,
}

impl StockCount {
    /// The location counted, once opened.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// The products counted so far and their quantities.
    pub fn counted(&self) -> &[(String, Decimal)] {
        &self.counted
    }

    /// The variances of posting against `book` (products missing from it have none on
    /// hand).
    pub fn variances(&self, book: &[(String, Decimal)]) -> Vec<CountVariance> {
        self.counted
            .iter()
            .map(|(product, counted)| {
                let on_book = book
                    .iter()
                    .find(|(p, _)| p == product)
                    .map_or(Decimal::ZERO, |(_, q)| *q);
                CountVariance {
                    product: product.clone(),
                    book: on_book,
                    counted: *counted,
                    delta: (*counted - on_book).normalize(),
                }
            })
            .collect()
    }

    fn open(&self) -> Result<(), InventoryError> {
        match (&self.location, self.posted) {
            (None, _) => Err(InventoryError::CountNotFound),
            (Some(_), true) => Err(InventoryError::CountPosted),
            _ => Ok(()),
        }
    }

    fn decide(&self, command: CountCommand) -> Result<Option<CountEvent>, InventoryError> {
        match command {
            CountCommand::OpenCount {
                location,
                reference,
            } => {
                if self.location.is_some() {
                    return Err(InventoryError::CountExists);
                }
                Ok(Some(CountEvent::StockCountOpened {
                    location,
                    reference,
                }))
            }
            CountCommand::RecordCount { product, counted } => {
                self.open()?;
                let counted = counted.normalize();
                if counted.is_sign_negative() || counted.scale() > QUANTITY_SCALE {
                    return Err(InventoryError::InvalidCount(counted));
                }
                let same = self
                    .counted
                    .iter()
                    .any(|(p, q)| *p == product && *q == counted);
                Ok((!same).then_some(CountEvent::StockCounted { product, counted }))
            }
            CountCommand::PostCount { book } => {
                self.open()?;
                if self.counted.is_empty() {
                    return Err(InventoryError::NothingCounted);
                }
                Ok(Some(CountEvent::StockCountPosted {
                    variances: self.variances(&book),
                }))
            }
        }
    }
}

impl Aggregate for StockCount {
    const TYPE: &'static str = COUNT_AGGREGATE;
    type Command = CountCommand;
    type Event = CountEvent;
    type Error = InventoryError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        if let Some(event) = self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            CountEvent::StockCountOpened { location, .. } => self.location = Some(location),
            CountEvent::StockCounted { product, counted } => {
                match self.counted.iter_mut().find(|(p, _)| *p == product) {
                    Some(line) => line.1 = counted,
                    None => self.counted.push((product, counted)),
                }
            }
            CountEvent::StockCountPosted { .. } => self.posted = true,
        }
    }
}

impl crate::stored::Stored for StockCount {}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn run(
        count: &mut StockCount,
        command: CountCommand,
    ) -> Result<Option<CountEvent>, InventoryError> {
        let event = count.decide(command)?;
        if let Some(event) = &event {
            count.apply(event.clone());
        }
        Ok(event)
    }

    fn counted(product: &str, quantity: Decimal) -> CountCommand {
        CountCommand::RecordCount {
            product: product.into(),
            counted: quantity,
        }
    }

    #[test]
    fn a_count_posts_what_differs_from_the_book_at_posting() {
        let mut count = StockCount::default();
        assert_eq!(
            run(&mut count, counted("CEM", dec!(1))),
            Err(InventoryError::CountNotFound)
        );
        run(
            &mut count,
            CountCommand::OpenCount {
                location: "WH".into(),
                reference: "CNT-1".into(),
            },
        )
        .expect("opened");
        assert_eq!(
            run(&mut count, CountCommand::PostCount { book: vec![] }),
            Err(InventoryError::NothingCounted)
        );
        run(&mut count, counted("CEM", dec!(95))).expect("counted");
        run(&mut count, counted("SAND", dec!(3.5))).expect("counted");
        run(&mut count, counted("CEM", dec!(97))).expect("recounted");
        assert_eq!(
            run(&mut count, counted("CEM", dec!(97))),
            Ok(None),
            "the same figure again"
        );
        assert!(run(&mut count, counted("CEM", dec!(-1))).is_err());
        let posted = run(
            &mut count,
            CountCommand::PostCount {
                book: vec![("CEM".into(), dec!(100)), ("SAND".into(), dec!(3.5))],
            },
        )
        .expect("posted");
        assert_eq!(
            posted,
            Some(CountEvent::StockCountPosted {
                variances: vec![
                    CountVariance {
                        product: "CEM".into(),
                        book: dec!(100),
                        counted: dec!(97),
                        delta: dec!(-3)
                    },
                    CountVariance {
                        product: "SAND".into(),
                        book: dec!(3.5),
                        counted: dec!(3.5),
                        delta: dec!(0)
                    },
                ]
            })
        );
        assert_eq!(
            run(&mut count, counted("CEM", dec!(1))),
            Err(InventoryError::CountPosted)
        );
    }
}
