//! Given/when/then for every sales order transition and refusal, and the property that
//! no sequence of shipments ships more than ordered on any line.

use chrono::NaiveDate;
use cqrs_es::test::TestFramework;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::finance::{Rand, VatTreatment};
use crate::orders::lines::{LineInput, LineQuantities, Quantity, Sku};
use crate::values::{BusinessDate, Code, Identifier, Name, Reason};

const ID: &str = "so-1";

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
}

fn q(n: i64) -> Quantity {
    Quantity::from_decimal("q", Decimal::from(n)).expect("quantity")
}

fn place() -> SalesOrderCommand {
    SalesOrderCommand::PlaceSalesOrder {
        sales_order_id: ID.into(),
        number: "SO-2026-00001".into(),
        customer_account_id: Identifier::parse("c", "acc-1").expect("id"),
        project_id: Identifier::parse("p", "prj-1").expect("id"),
        date: BusinessDate::parse("date", day()).expect("date"),
        lines: vec![
            LineInput {
                sku: Some(Sku::parse("sku", "CEM-50KG").expect("sku")),
                description: Name::parse("d", "Cement 50 kg").expect("name"),
                quantity: q(10),
                unit_price: Rand::cents(9_500),
                vat_treatment: VatTreatment::Standard,
            },
            LineInput {
                sku: None,
                description: Name::parse("d", "Delivery").expect("name"),
                quantity: q(1),
                unit_price: Rand::cents(45_000),
                vat_treatment: VatTreatment::Standard,
            },
        ],
        retention_percent: Some(Decimal::from(5)),
        ship_from: Some(Code::parse("shipFrom", "WH-JHB").expect("code")),
        quote_id: None,
    }
}

fn placed() -> SalesOrderEvent {
    let SalesOrderCommand::PlaceSalesOrder { lines, .. } = place() else {
        unreachable!()
    };
    SalesOrderEvent::SalesOrderPlaced {
        sales_order_id: ID.into(),
        number: "SO-2026-00001".into(),
        customer_account_id: "acc-1".into(),
        project_id: "prj-1".into(),
        date: day(),
        lines: crate::orders::lines::OrderLine::numbered(lines),
        retention_percent: Some(Decimal::from(5)),
        total_excl_vat: Rand::cents(140_000),
        ship_from: Some("WH-JHB".into()),
        quote_id: None,
    }
}

fn confirmed() -> SalesOrderEvent {
    SalesOrderEvent::SalesOrderConfirmed {
        sales_order_id: ID.into(),
    }
}

fn customer() -> CustomerSnapshot {
    CustomerSnapshot {
        account_id: "acc-1".into(),
        name: "Msunduzi Developments (Pty) Ltd".into(),
        vat_number: Some("4123456789".into()),
        address: None,
    }
}

fn ship(note: &str, lines: &[(u32, i64)]) -> SalesOrderCommand {
    SalesOrderCommand::ShipSalesOrder {
        shipment_id: format!("shp-{note}"),
        delivery_note: Code::parse("deliveryNote", note).expect("code"),
        date: BusinessDate::parse("date", day()).expect("date"),
        lines: lines.iter().map(|(l, n)| (*l, q(*n))).collect(),
        customer: customer(),
    }
}

fn shipped_events(note: &str, lines: &[(u32, i64)]) -> Vec<SalesOrderEvent> {
    let mut state = SalesOrder::default();
    state.apply(placed());
    state.apply(confirmed());
    state.decide(ship(note, lines)).expect("ships")
}

fn framework() -> TestFramework<SalesOrder> {
    TestFramework::<SalesOrder>::with(())
}

#[test]
fn places_an_order_with_numbered_lines_and_its_total() {
    framework()
        .given_no_previous_events()
        .when(place())
        .then_expect_events(vec![placed()]);
}

#[test]
fn refuses_a_number_taken_no_lines_and_retention_above_twenty() {
    framework()
        .given(vec![placed()])
        .when(place())
        .then_expect_error(TradeError::NumberTaken("SO-2026-00001".into()));
    let mut empty = place();
    if let SalesOrderCommand::PlaceSalesOrder { lines, .. } = &mut empty {
        lines.clear();
    }
    framework()
        .given_no_previous_events()
        .when(empty)
        .then_expect_error(TradeError::NoLines);
    let mut greedy = place();
    if let SalesOrderCommand::PlaceSalesOrder {
        retention_percent, ..
    } = &mut greedy
    {
        *retention_percent = Some(Decimal::from(21));
    }
    framework()
        .given_no_previous_events()
        .when(greedy)
        .then_expect_error(TradeError::RetentionOutOfRange("21".into()));
}

#[test]
fn confirms_once_and_not_an_unknown_order() {
    framework()
        .given(vec![placed()])
        .when(SalesOrderCommand::ConfirmSalesOrder)
        .then_expect_events(vec![confirmed()]);
    framework()
        .given(vec![placed(), confirmed()])
        .when(SalesOrderCommand::ConfirmSalesOrder)
        .then_expect_error(TradeError::NotNow {
            kind: "sales",
            status: "CONFIRMED",
            action: "confirmed",
        });
    framework()
        .given_no_previous_events()
        .when(SalesOrderCommand::ConfirmSalesOrder)
        .then_expect_error(TradeError::SalesOrderNotFound);
}

#[test]
fn a_shipment_records_itself_invoices_and_moves_stock() {
    let events = shipped_events("DN-1", &[(1, 4), (2, 1)]);
    assert_eq!(events.len(), 3);
    let SalesOrderEvent::ShipmentCompleted {
        shipment_id,
        lines,
        retention_percent,
        customer: snapshot,
        ..
    } = &events[1]
    else {
        panic!("{events:?}")
    };
    assert_eq!(shipment_id, "shp-DN-1");
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].quantity, Decimal::from(4));
    assert_eq!(*retention_percent, Some(Decimal::from(5)));
    assert_eq!(*snapshot, customer());
    // The service line leaves no stock movement.
    let SalesOrderEvent::StockShipped { lines, .. } = &events[2] else {
        panic!("{events:?}")
    };
    assert_eq!(
        lines,
        &vec![StockLine {
            sku: "CEM-50KG".into(),
            quantity: Decimal::from(4)
        }]
    );
    // A service-only shipment moves no stock.
    assert_eq!(shipped_events("DN-2", &[(2, 1)]).len(), 2);
}

#[test]
fn the_last_shipment_ships_the_order_and_a_resent_one_changes_nothing() {
    let first = shipped_events("DN-1", &[(1, 4)]);
    let mut given = vec![placed(), confirmed()];
    given.extend(first);
    framework()
        .given(given.clone())
        .when(ship("DN-1", &[(1, 4)]))
        .then_expect_events(vec![]);
    framework()
        .given(given.clone())
        .when(ship("DN-1", &[(1, 5)]))
        .then_expect_error(TradeError::ShipmentDiffers("DN-1".into()));
    let mut state = SalesOrder::default();
    for e in given {
        state.apply(e);
    }
    for e in state
        .decide(ship("DN-2", &[(1, 6), (2, 1)]))
        .expect("ships the rest")
    {
        state.apply(e);
    }
    assert_eq!(state.status(), SalesOrderStatus::Shipped);
    assert!(matches!(
        state.decide(ship("DN-3", &[(1, 1)])),
        Err(TradeError::NotNow {
            status: "SHIPPED",
            ..
        })
    ));
}

#[test]
fn refuses_to_ship_more_than_ordered_an_unknown_line_or_before_confirmation() {
    framework()
        .given(vec![placed(), confirmed()])
        .when(ship("DN-1", &[(1, 11)]))
        .then_expect_error(TradeError::MoreThanOrdered {
            field: "lines".into(),
            line_no: 1,
            open: "10".into(),
            asked: "11".into(),
        });
    framework()
        .given(vec![placed(), confirmed()])
        .when(ship("DN-1", &[(3, 1)]))
        .then_expect_error(TradeError::UnknownLine {
            field: "lines".into(),
            line_no: 3,
        });
    framework()
        .given(vec![placed()])
        .when(ship("DN-1", &[(1, 1)]))
        .then_expect_error(TradeError::NotNow {
            kind: "sales",
            status: "PLACED",
            action: "shipped",
        });
    framework()
        .given(vec![placed(), confirmed()])
        .when(ship("DN-1", &[]))
        .then_expect_error(TradeError::NoLines);
}

#[test]
fn cancels_only_while_nothing_is_shipped() {
    let reason = || Reason::parse("reason", "Customer withdrew").expect("reason");
    framework()
        .given(vec![placed(), confirmed()])
        .when(SalesOrderCommand::CancelSalesOrder { reason: reason() })
        .then_expect_events(vec![SalesOrderEvent::SalesOrderCancelled {
            sales_order_id: ID.into(),
            reason: "Customer withdrew".into(),
        }]);
    let mut given = vec![placed(), confirmed()];
    given.extend(shipped_events("DN-1", &[(1, 1)]));
    framework()
        .given(given)
        .when(SalesOrderCommand::CancelSalesOrder { reason: reason() })
        .then_expect_error(TradeError::NotNow {
            kind: "sales",
            status: "PART_SHIPPED",
            action: "cancelled",
        });
}

proptest! {
    /// Under any sequence of shipments, shipped to date never exceeds ordered per line,
    /// and the order is SHIPPED exactly when every line is shipped in full.
    #[test]
    fn shipped_never_exceeds_ordered(asks in proptest::collection::vec(proptest::collection::vec((1u32..4, 1i64..6), 0..3), 0..12)) {
        let mut state = SalesOrder::default();
        state.apply(placed());
        state.apply(confirmed());
        for (n, lines) in asks.into_iter().enumerate() {
            let lines: LineQuantities = lines.iter().map(|(l, k)| (*l, q(*k))).collect();
            let command = SalesOrderCommand::ShipSalesOrder {
                shipment_id: format!("shp-{n}"),
                delivery_note: Code::parse("d", &format!("DN-{n}")).expect("code"),
                date: BusinessDate::parse("date", day()).expect("date"),
                lines,
                customer: customer(),
            };
            if let Ok(events) = state.decide(command) {
                for e in events {
                    state.apply(e);
                }
            }
        }
        for line in state.lines() {
            prop_assert!(state.shipped().get(&line.line_no).copied().unwrap_or_default() <= line.quantity);
        }
        let full = state.lines().iter().all(|l| state.shipped().get(&l.line_no) == Some(&l.quantity));
        prop_assert_eq!(full, state.status() == SalesOrderStatus::Shipped);
    }
}
