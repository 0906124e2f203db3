//! Order numbers, unique by construction: one stream per series (`orders.numbering`,
//! id `PO-2026`, `SO-2026` or `GRN`) whose sequence is the number. The number is
//! appended in the same unit of work as the order (or goods receipt) it names, so two
//! orders racing for a number collide on the series' stream and the loser decides
//! again with the next one — finance's invoice numbering, for orders. The state is the
//! last number alone.

use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::TradeError;

/// The namespace of the ids the trade side derives (UUID v5).
const TRADE_NAMESPACE: Uuid = Uuid::from_u128(0x7c1f_52a8_0e34_4d9b_a6c2_91e5_3f08_b7d4);

/// The id of the order or goods received note numbered `number` (`PO-2026-00042`):
/// the same number always names the same stream.
pub fn id_for_number(number: &str) -> String {
    Uuid::new_v5(&TRADE_NAMESPACE, format!("number:{number}").as_bytes()).to_string()
}

/// The id of the sales order the accepted sales quote `quote_id` places: a quote
/// becomes at most one order.
pub fn quote_sales_order_id(quote_id: &str) -> String {
    Uuid::new_v5(&TRADE_NAMESPACE, format!("quote:{quote_id}").as_bytes()).to_string()
}

/// The id of the shipment of sales order `sales_order_id` under the caller's delivery
/// note `delivery_note` (normalised): a resent shipment names the same one.
pub fn shipment_id(sales_order_id: &str, delivery_note: &str) -> String {
    let note = delivery_note.trim().to_uppercase();
    Uuid::new_v5(
        &TRADE_NAMESPACE,
        format!("shipment:{sales_order_id}:{note}").as_bytes(),
    )
    .to_string()
}

/// The aggregate type of number series; unique across the system.
pub const NUMBERING_AGGREGATE: &str = "orders.numbering";

/// The largest number of a series (five digits).
pub const LAST_NUMBER: u32 = 99_999;

/// The series of purchase orders of `year`: `PO-2026`.
pub fn purchase_order_series(year: i32) -> String {
    format!("PO-{year}")
}

/// The series of sales orders of `year`: `SO-2026`.
pub fn sales_order_series(year: i32) -> String {
    format!("SO-{year}")
}

/// The one series of goods received notes.
pub const GOODS_RECEIPT_SERIES: &str = "GRN";

/// A number as printed: `PO-2026-00042`, `GRN-00017`.
pub fn order_number(series: &str, number: u32) -> String {
    format!("{series}-{number:05}")
}

/// Take the next number of the series for `assigned_to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignNumber {
    pub assigned_to: String,
}

/// Events of a number series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum NumberingEvent {
    /// `number` of the series (the stream's id) now names `assigned_to`.
    OrderNumberAssigned { number: u32, assigned_to: String },
}

impl DomainEvent for NumberingEvent {
    fn event_type(&self) -> String {
        match self {
            NumberingEvent::OrderNumberAssigned { .. } => "OrderNumberAssigned",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// Where a series stands: its last number.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderNumbering {
    last: u32,
}

impl OrderNumbering {
    /// The number the next assignment takes.
    pub fn next(&self) -> u32 {
        self.last + 1
    }
}

impl Aggregate for OrderNumbering {
    const TYPE: &'static str = NUMBERING_AGGREGATE;
    type Command = AssignNumber;
    type Event = NumberingEvent;
    type Error = TradeError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        if self.last >= LAST_NUMBER {
            return Err(TradeError::SeriesExhausted(format!("after {}", self.last)));
        }
        let event = NumberingEvent::OrderNumberAssigned {
            number: self.next(),
            assigned_to: command.assigned_to,
        };
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        let NumberingEvent::OrderNumberAssigned { number, .. } = event;
        self.last = number;
    }
}

impl crate::stored::Stored for OrderNumbering {}

#[cfg(test)]
mod tests {
    use cqrs_es::test::TestFramework;

    use super::*;

    #[test]
    fn numbers_follow_each_other_and_stop_at_five_digits() {
        TestFramework::<OrderNumbering>::with(())
            .given(vec![NumberingEvent::OrderNumberAssigned {
                number: 1,
                assigned_to: "po-1".into(),
            }])
            .when(AssignNumber {
                assigned_to: "po-2".into(),
            })
            .then_expect_events(vec![NumberingEvent::OrderNumberAssigned {
                number: 2,
                assigned_to: "po-2".into(),
            }]);
        TestFramework::<OrderNumbering>::with(())
            .given(vec![NumberingEvent::OrderNumberAssigned {
                number: LAST_NUMBER,
                assigned_to: "po-x".into(),
            }])
            .when(AssignNumber {
                assigned_to: "po-y".into(),
            })
            .then_expect_error(TradeError::SeriesExhausted("after 99999".into()));
        assert_eq!(order_number("PO-2026", 42), "PO-2026-00042");
        assert_eq!(order_number(GOODS_RECEIPT_SERIES, 17), "GRN-00017");
    }
}
