use super::*;
use crate::inventory::{stock_id, AdjustmentReason};
use cqrs_es::test::TestFramework;
use proptest::prelude::*;
use rust_decimal_macros::dec;

fn receive(quantity: Decimal, unit_cost: Decimal) -> StockChange {
    StockChange::ReceiveStock {
        quantity,
        unit_cost,
        reference: "GRN-0001".into(),
    }
}

fn issue(quantity: Decimal, reservation: Option<Uuid>, allow_negative: bool) -> StockChange {
    StockChange::IssueStock {
        quantity,
        project_id: "PRJ-001".into(),
        cost_code: "03-CONC".into(),
        reservation,
        allow_negative,
    }
}

/// A change at the position `given` opens.
fn at(change: StockChange) -> StockCommand {
    StockCommand {
        product: "CEM-42".into(),
        location: "WH-JHB".into(),
        change,
        source: None,
    }
}

fn opened() -> StockEvent {
    StockEvent::StockPositionOpened {
        product: "CEM-42".into(),
        location: "WH-JHB".into(),
    }
}

fn received(quantity: Decimal, unit_cost: Decimal) -> StockEvent {
    StockEvent::StockReceived {
        quantity,
        unit_cost,
        value: round_cents(quantity * unit_cost),
        reference: "GRN-0001".into(),
        source: None,
    }
}

fn folded(events: &[StockEvent]) -> Stock {
    let mut stock = Stock::default();
    for event in events {
        stock.apply(event.clone());
    }
    stock
}

#[test]
fn issues_at_the_weighted_average_and_the_last_unit_takes_what_is_left() {
    // 10 bags at R100 and 20 at R85: 30 bags worth R2,700, R90 each.
    let given = vec![
        opened(),
        received(dec!(10), dec!(100)),
        received(dec!(20), dec!(85)),
    ];
    assert_eq!(folded(&given).average_cost(), dec!(90));
    TestFramework::<Stock>::with(())
        .given(given.clone())
        .when(at(issue(dec!(7), None, false)))
        .then_expect_events(vec![StockEvent::StockIssued {
            quantity: dec!(7),
            value: dec!(630.00),
            project_id: "PRJ-001".into(),
            cost_code: "03-CONC".into(),
            reservation: None,
            source: None,
        }]);
    // Three at R10 for R10 in total (3.3333… each): 1 + 1 + 1 moves 3.33, 3.34, 3.33.
    let mut stock = folded(&[StockEvent::StockReceived {
        quantity: dec!(3),
        unit_cost: dec!(3.3333),
        value: dec!(10.00),
        reference: "GRN-0002".into(),
        source: None,
    }]);
    let mut values = Vec::new();
    for _ in 0..3 {
        let event = stock.decide(issue(dec!(1), None, false)).expect("issued");
        if let StockEvent::StockIssued { value, .. } = &event {
            values.push(*value);
        }
        stock.apply(event);
    }
    assert_eq!(values.iter().copied().sum::<Decimal>(), dec!(10.00));
    assert_eq!(
        (stock.on_hand(), stock.value()),
        (Decimal::ZERO, Decimal::ZERO)
    );
}

#[test]
fn the_first_movement_opens_the_position_under_its_names() {
    TestFramework::<Stock>::with(())
        .given_no_previous_events()
        .when(at(receive(dec!(2), dec!(1.5))))
        .then_expect_events(vec![opened(), received(dec!(2), dec!(1.5))]);
    assert_ne!(stock_id("CEM-42", "WH-JHB"), stock_id("CEM-4", "2WH-JHB"));
    assert_eq!(stock_id("CEM-42", "WH-JHB"), stock_id("CEM-42", "WH-JHB"));
}

#[test]
fn stock_never_goes_negative_unless_the_location_allows_it() {
    TestFramework::<Stock>::with(())
        .given(vec![opened(), received(dec!(5), dec!(12))])
        .when(at(issue(dec!(6), None, false)))
        .then_expect_error(InventoryError::NotEnoughStock {
            available: dec!(5),
            wanted: dec!(6),
        });
    TestFramework::<Stock>::with(())
        .given(vec![opened(), received(dec!(5), dec!(12))])
        .when(at(issue(dec!(6), None, true)))
        .then_expect_events(vec![StockEvent::StockIssued {
            quantity: dec!(6),
            value: dec!(72.00),
            project_id: "PRJ-001".into(),
            cost_code: "03-CONC".into(),
            reservation: None,
            source: None,
        }]);
}

#[test]
fn reserved_stock_is_not_available_to_others_but_is_to_its_holder() {
    let order = Uuid::from_u128(7);
    let given = vec![
        opened(),
        received(dec!(10), dec!(50)),
        StockEvent::StockReserved {
            reservation: order,
            quantity: dec!(8),
            purpose: "SO-0001".into(),
        },
    ];
    TestFramework::<Stock>::with(())
        .given(given.clone())
        .when(at(issue(dec!(3), None, false)))
        .then_expect_error(InventoryError::NotEnoughStock {
            available: dec!(2),
            wanted: dec!(3),
        });
    TestFramework::<Stock>::with(())
        .given(given.clone())
        .when(at(StockChange::ReserveStock {
            reservation: Uuid::from_u128(8),
            quantity: dec!(3),
            purpose: "REQ-0009".into(),
        }))
        .then_expect_error(InventoryError::NotEnoughStock {
            available: dec!(2),
            wanted: dec!(3),
        });
    // The holder draws its 8 and 2 unreserved units.
    TestFramework::<Stock>::with(())
        .given(given)
        .when(at(issue(dec!(10), Some(order), false)))
        .then_expect_events(vec![StockEvent::StockIssued {
            quantity: dec!(10),
            value: dec!(500.00),
            project_id: "PRJ-001".into(),
            cost_code: "03-CONC".into(),
            reservation: Some(ReservationShare {
                reservation: order,
                quantity: dec!(8),
            }),
            source: None,
        }]);
}

#[test]
fn a_count_below_the_reserved_quantity_cuts_the_latest_reservations() {
    let (first, second) = (Uuid::from_u128(1), Uuid::from_u128(2));
    let given = vec![
        opened(),
        received(dec!(10), dec!(20)),
        StockEvent::StockReserved {
            reservation: first,
            quantity: dec!(4),
            purpose: "SO-1".into(),
        },
        StockEvent::StockReserved {
            reservation: second,
            quantity: dec!(4),
            purpose: "SO-2".into(),
        },
    ];
    TestFramework::<Stock>::with(())
        .given(given)
        .when(at(StockChange::AdjustStock {
            delta: dec!(-5),
            reason: AdjustmentReason::Damage,
            note: "pallet dropped".into(),
            allow_negative: false,
        }))
        .then_expect_events(vec![StockEvent::StockAdjusted {
            delta: dec!(-5),
            value: dec!(-100.00),
            reason: AdjustmentReason::Damage,
            note: "pallet dropped".into(),
            trimmed: vec![ReservationShare {
                reservation: second,
                quantity: dec!(3),
            }],
        }]);
}

#[test]
fn a_movement_caused_by_an_event_is_recorded_once() {
    let caused = |change: StockChange| StockCommand {
        source: Some("shipment:s-1".into()),
        ..at(change)
    };
    let given = vec![opened(), received(dec!(10), dec!(90))];
    let issued = StockEvent::StockIssued {
        quantity: dec!(4),
        value: dec!(360.00),
        project_id: "PRJ-001".into(),
        cost_code: "03-CONC".into(),
        reservation: None,
        source: Some("shipment:s-1".into()),
    };
    TestFramework::<Stock>::with(())
        .given(given.clone())
        .when(caused(issue(dec!(4), None, false)))
        .then_expect_events(vec![issued.clone()]);
    // The same shipment again: nothing more leaves.
    let mut again = given;
    again.push(issued);
    TestFramework::<Stock>::with(())
        .given(again)
        .when(caused(issue(dec!(4), None, false)))
        .then_expect_events(vec![]);
}

#[test]
fn refuses_malformed_quantities_and_costs() {
    let stock = Stock::default();
    for quantity in [dec!(0), dec!(-1), dec!(1.0001)] {
        assert_eq!(
            stock.decide(receive(quantity, dec!(1))),
            Err(InventoryError::InvalidQuantity(quantity))
        );
    }
    assert_eq!(
        stock.decide(receive(dec!(1), dec!(0.00001))),
        Err(InventoryError::InvalidUnitCost(dec!(0.00001)))
    );
    assert_eq!(
        stock.decide(StockChange::ReleaseReservation {
            reservation: Uuid::nil()
        }),
        Err(InventoryError::ReservationNotFound(Uuid::nil()))
    );
}

/// Commands over a few reservation ids, with quantities to the litre.
fn command(allow_negative: bool, up_adjustments: bool) -> impl Strategy<Value = StockChange> {
    let quantity = (1i64..5_000).prop_map(|milli| Decimal::new(milli, 3));
    let cost = (0i64..2_000_000).prop_map(|c| Decimal::new(c, 4));
    let id = (0u128..3).prop_map(Uuid::from_u128);
    prop_oneof![
        (quantity.clone(), cost).prop_map(|(q, c)| receive(q, c)),
        (quantity.clone(), proptest::option::of(id.clone())).prop_map(move |(q, r)| issue(
            q,
            r,
            allow_negative
        )),
        (quantity.clone(), id.clone()).prop_map(|(q, r)| StockChange::ReserveStock {
            reservation: r,
            quantity: q,
            purpose: "p".into(),
        }),
        id.clone()
            .prop_map(|r| StockChange::ReleaseReservation { reservation: r }),
        (quantity.clone(), id).prop_map(move |(q, t)| StockChange::TransferOut {
            transfer: t,
            to: "SITE".into(),
            quantity: q,
            allow_negative,
        }),
        (quantity, any::<bool>()).prop_map(move |(q, up)| StockChange::AdjustStock {
            delta: if up && up_adjustments { q } else { -q },
            reason: AdjustmentReason::Count,
            note: "n".into(),
            allow_negative,
        }),
    ]
}

/// Decides and applies each command in turn, keeping the events of those accepted.
fn run(commands: Vec<StockChange>) -> (Stock, Vec<StockEvent>) {
    let mut stock = Stock::default();
    let mut events = Vec::new();
    for command in commands {
        if let Ok(event) = stock.decide(command) {
            stock.apply(event.clone());
            events.push(event);
        }
    }
    (stock, events)
}

fn movement(event: &StockEvent) -> (Decimal, Decimal) {
    match event {
        StockEvent::StockReceived {
            quantity, value, ..
        } => (*quantity, *value),
        StockEvent::StockIssued {
            quantity, value, ..
        } => (-*quantity, -*value),
        StockEvent::StockAdjusted { delta, value, .. } => (*delta, *value),
        StockEvent::StockTransferredOut {
            quantity, value, ..
        } => (-*quantity, -*value),
        StockEvent::StockTransferredIn {
            quantity, value, ..
        } => (*quantity, *value),
        _ => (Decimal::ZERO, Decimal::ZERO),
    }
}

proptest! {
    #[test]
    fn without_negative_stock_nothing_goes_below_zero_and_empty_is_worth_nothing(
        commands in proptest::collection::vec(command(false, true), 0..60)
    ) {
        let mut stock = Stock::default();
        for command in commands {
            if let Ok(event) = stock.decide(command) {
                stock.apply(event);
                prop_assert!(stock.on_hand() >= Decimal::ZERO, "{stock:?}");
                prop_assert!(stock.value() >= Decimal::ZERO, "{stock:?}");
                prop_assert!(stock.reserved() <= stock.on_hand(), "{stock:?}");
                if stock.on_hand().is_zero() {
                    prop_assert!(stock.value().is_zero(), "{stock:?}");
                }
            }
        }
    }

    #[test]
    fn quantity_and_value_are_the_sums_of_the_movements(
        allow_negative in any::<bool>(),
        commands in proptest::collection::vec(command(true, true), 0..60)
    ) {
        let commands = commands.into_iter().map(|c| match c {
            StockChange::IssueStock { quantity, project_id, cost_code, reservation, .. } =>
                StockChange::IssueStock { quantity, project_id, cost_code, reservation, allow_negative },
            StockChange::TransferOut { transfer, to, quantity, .. } =>
                StockChange::TransferOut { transfer, to, quantity, allow_negative },
            other => other,
        }).collect();
        let (stock, events) = run(commands);
        let (quantity, value) = events.iter().map(movement)
            .fold((Decimal::ZERO, Decimal::ZERO), |(q, v), (dq, dv)| (q + dq, v + dv));
        prop_assert_eq!(stock.on_hand(), quantity);
        prop_assert_eq!(stock.value(), value);
        prop_assert_eq!(folded(&events), stock);
    }

    /// The average stays between the cheapest and the dearest receipt, give or take the
    /// half cent each rounded movement may move the value.
    #[test]
    fn the_average_stays_within_the_receipt_costs(
        commands in proptest::collection::vec(command(false, false), 0..60)
    ) {
        let (stock, events) = run(commands);
        let costs: Vec<Decimal> = events.iter().filter_map(|e| match e {
            StockEvent::StockReceived { unit_cost, .. } => Some(*unit_cost),
            _ => None,
        }).collect();
        if stock.on_hand() > Decimal::ZERO {
            let slack = dec!(0.005) * Decimal::from(events.len());
            let low = costs.iter().copied().min().unwrap_or_default() * stock.on_hand();
            let high = costs.iter().copied().max().unwrap_or_default() * stock.on_hand();
            prop_assert!(stock.value() >= low - slack && stock.value() <= high + slack,
                "{} not within {low}..{high} ± {slack}", stock.value());
        }
    }
}

#[test]
fn a_transfer_in_carries_the_value_that_left_and_sets_the_average_on_an_empty_position() {
    let mut source = Stock::default();
    for change in [receive(dec!(3), dec!(10)), receive(dec!(1), dec!(11))] {
        let event = source.decide(change).expect("receipt");
        source.apply(event);
    }
    let out = source
        .decide(StockChange::TransferOut {
            transfer: Uuid::nil(),
            to: "SITE".into(),
            quantity: dec!(3),
            allow_negative: false,
        })
        .expect("transfer out");
    let StockEvent::StockTransferredOut { value, .. } = out.clone() else {
        panic!("{out:?}");
    };
    assert_eq!(value, dec!(30.75));
    source.apply(out);
    let mut destination = Stock::default();
    let event = destination
        .decide(StockChange::TransferIn {
            transfer: Uuid::nil(),
            from: "WH".into(),
            quantity: dec!(3),
            value,
        })
        .expect("transfer in");
    destination.apply(event);
    assert_eq!(source.value() + destination.value(), dec!(41.00));
    assert_eq!(destination.average_cost(), dec!(10.25));
    assert_eq!(
        source.decide(StockChange::TransferOut {
            transfer: Uuid::nil(),
            to: "SITE".into(),
            quantity: dec!(2),
            allow_negative: false,
        }),
        Err(InventoryError::NotEnoughStock {
            available: dec!(1),
            wanted: dec!(2)
        })
    );
}
