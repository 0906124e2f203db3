//! Given/when/then for every purchase order transition and refusal; properties:
//! received never exceeds ordered, and committed is the sum of open approved value.

use chrono::NaiveDate;
use cqrs_es::test::TestFramework;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::access::Role;
use crate::finance::VatTreatment;
use crate::orders::approval::ApprovalLimits;
use crate::orders::lines::{LineInput, Quantity};
use crate::values::{BusinessDate, Code, Identifier, Name, Reason};

const ID: &str = "po-1";

fn day() -> BusinessDate {
    BusinessDate::parse("date", NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")).expect("date")
}

fn q(n: i64) -> Quantity {
    Quantity::from_decimal("q", Decimal::from(n)).expect("quantity")
}

/// An order of 10 × R1 000 and 4 × R2 500: R20 000 excl. VAT.
fn raise_for(id: &str, rand_per_unit: i64) -> PurchaseOrderCommand {
    let line = |d: &str, n: i64, cents: i64| LineInput {
        sku: None,
        description: Name::parse("d", d).expect("name"),
        quantity: q(n),
        unit_price: Rand::cents(cents),
        vat_treatment: VatTreatment::Standard,
    };
    PurchaseOrderCommand::RaisePurchaseOrder {
        purchase_order_id: id.into(),
        number: format!("PO-2026-{id}"),
        vendor_account_id: Identifier::parse("v", "acc-v").expect("id"),
        project_id: Identifier::parse("p", "prj-1").expect("id"),
        cost_code: Code::parse("c", "CC-300").expect("code"),
        date: day(),
        lines: vec![
            line("Rebar Y12", 10, rand_per_unit * 100),
            line("Shuttering hire", 4, rand_per_unit * 250),
        ],
        raised_by: "sipho".into(),
    }
}

fn raised() -> PurchaseOrderEvent {
    PurchaseOrder::default()
        .decide(raise_for(ID, 1_000))
        .expect("raised")
        .remove(0)
}

fn approve(roles: &[Role]) -> PurchaseOrderCommand {
    PurchaseOrderCommand::ApprovePurchaseOrder {
        approved_by: "thandi".into(),
        roles: roles.to_vec(),
        limits: ApprovalLimits::default(),
        date: day(),
    }
}

fn receive(receipt: &str, lines: &[(u32, i64)]) -> PurchaseOrderCommand {
    PurchaseOrderCommand::ReceiveGoods {
        receipt_id: format!("grn-{receipt}"),
        receipt_number: receipt.into(),
        date: day(),
        lines: lines.iter().map(|(l, n)| (*l, q(*n))).collect(),
        received_by: "site".into(),
        into_location: None,
    }
}

fn state_after(commands: Vec<PurchaseOrderCommand>) -> PurchaseOrder {
    let mut state = PurchaseOrder::default();
    for command in commands {
        for event in state.decide(command).expect("accepted") {
            state.apply(event);
        }
    }
    state
}

fn events_after(commands: Vec<PurchaseOrderCommand>) -> Vec<PurchaseOrderEvent> {
    let mut state = PurchaseOrder::default();
    let mut all = Vec::new();
    for command in commands {
        for event in state.decide(command).expect("accepted") {
            state.apply(event.clone());
            all.push(event);
        }
    }
    all
}

fn framework() -> TestFramework<PurchaseOrder> {
    TestFramework::<PurchaseOrder>::with(())
}

#[test]
fn raises_with_its_total_and_refuses_a_number_taken() {
    let PurchaseOrderEvent::PurchaseOrderRaised {
        total_excl_vat,
        lines,
        ..
    } = raised()
    else {
        panic!()
    };
    assert_eq!(total_excl_vat, Rand::cents(2_000_000));
    assert_eq!(lines[1].line_no, 2);
    framework()
        .given(vec![raised()])
        .when(raise_for(ID, 1_000))
        .then_expect_error(TradeError::NumberTaken(format!("PO-2026-{ID}")));
    framework()
        .given_no_previous_events()
        .when(approve(&[Role::Admin]))
        .then_expect_error(TradeError::PurchaseOrderNotFound);
}

#[test]
fn approval_carries_the_whole_order_and_the_role_whose_limit_covered_it() {
    let events = events_after(vec![raise_for(ID, 1_000), approve(&[Role::SiteManager])]);
    let PurchaseOrderEvent::PurchaseOrderApproved {
        approver_role,
        total_excl_vat,
        lines,
        number,
        ..
    } = &events[1]
    else {
        panic!("{events:?}")
    };
    assert_eq!(approver_role, "Site_Manager");
    assert_eq!(*total_excl_vat, Rand::cents(2_000_000));
    assert_eq!(lines.len(), 2);
    assert_eq!(number, "PO-2026-po-1");
}

#[test]
fn above_the_limit_is_refused_naming_limit_total_and_who_may() {
    // 10 × R10 000 + 4 × R25 000 = R200 000: above a site manager's R50 000.
    let big = state_after(vec![raise_for(ID, 10_000)]);
    let refused = big
        .decide(approve(&[Role::SiteManager]))
        .expect_err("above");
    assert_eq!(
        refused.to_string(),
        "Site_Managers approve purchase orders up to R 50000.00; this order's total is R 200000.00 excl. VAT: it may be approved by Project_Manager, Finance_Manager, Admin"
    );
    assert!(big.decide(approve(&[Role::ProjectManager])).is_ok());
}

#[test]
fn rejects_cancels_and_closes_only_when_the_life_cycle_allows() {
    let reason = || Reason::parse("reason", "Wrong supplier").expect("reason");
    framework()
        .given(vec![raised()])
        .when(PurchaseOrderCommand::RejectPurchaseOrder {
            reason: reason(),
            rejected_by: "pm".into(),
        })
        .then_expect_events(vec![PurchaseOrderEvent::PurchaseOrderRejected {
            purchase_order_id: ID.into(),
            reason: "Wrong supplier".into(),
            rejected_by: "pm".into(),
        }]);
    let approved = events_after(vec![raise_for(ID, 1_000), approve(&[Role::Admin])]);
    framework()
        .given(approved.clone())
        .when(PurchaseOrderCommand::RejectPurchaseOrder {
            reason: reason(),
            rejected_by: "pm".into(),
        })
        .then_expect_error(TradeError::NotNow {
            kind: "purchase",
            status: "APPROVED",
            action: "rejected",
        });
    framework()
        .given(approved.clone())
        .when(PurchaseOrderCommand::CancelPurchaseOrder { reason: reason() })
        .then_expect_events(vec![PurchaseOrderEvent::PurchaseOrderCancelled {
            purchase_order_id: ID.into(),
            reason: "Wrong supplier".into(),
        }]);
    framework()
        .given(approved.clone())
        .when(PurchaseOrderCommand::ClosePurchaseOrder { reason: None })
        .then_expect_error(TradeError::NotNow {
            kind: "purchase",
            status: "APPROVED",
            action: "closed",
        });
    let mut part = approved;
    part.extend(
        events_after(vec![
            raise_for(ID, 1_000),
            approve(&[Role::Admin]),
            receive("GRN-00001", &[(1, 5)]),
        ])
        .into_iter()
        .skip(2),
    );
    framework()
        .given(part.clone())
        .when(PurchaseOrderCommand::CancelPurchaseOrder { reason: reason() })
        .then_expect_error(TradeError::NotNow {
            kind: "purchase",
            status: "PART_RECEIVED",
            action: "cancelled",
        });
    framework()
        .given(part)
        .when(PurchaseOrderCommand::ClosePurchaseOrder { reason: None })
        .then_expect_events(vec![PurchaseOrderEvent::PurchaseOrderClosed {
            purchase_order_id: ID.into(),
            reason: None,
        }]);
}

#[test]
fn goods_received_into_a_store_name_its_products_at_the_order_price() {
    let mut raise = raise_for(ID, 1_000);
    if let PurchaseOrderCommand::RaisePurchaseOrder { lines, .. } = &mut raise {
        lines[0].sku = Some(crate::orders::lines::Sku::parse("sku", "REBAR-Y12").expect("sku"));
    }
    let state = state_after(vec![raise, approve(&[Role::Admin])]);
    let into = |location: Option<&str>| match receive("GRN-00001", &[(1, 6), (2, 4)]) {
        PurchaseOrderCommand::ReceiveGoods {
            receipt_id,
            receipt_number,
            date,
            lines,
            received_by,
            ..
        } => PurchaseOrderCommand::ReceiveGoods {
            receipt_id,
            receipt_number,
            date,
            lines,
            received_by,
            into_location: location.map(|l| Code::parse("l", l).expect("code")),
        },
        other => other,
    };
    let events = state.decide(into(Some("SS-SANDTON"))).expect("received");
    assert_eq!(events.len(), 2);
    assert!(matches!(
        events[0],
        PurchaseOrderEvent::GoodsReceived { .. }
    ));
    let PurchaseOrderEvent::GoodsIntoStock {
        location,
        lines,
        project_id,
        ..
    } = &events[1]
    else {
        panic!("{events:?}")
    };
    assert_eq!(location, "SS-SANDTON");
    assert_eq!(project_id, "prj-1");
    // Only the line with a SKU is stock; the shuttering hire is not.
    assert_eq!(
        lines,
        &vec![StockReceiptLine {
            line_no: 1,
            sku: "REBAR-Y12".into(),
            quantity: Decimal::from(6),
            unit_cost: Rand::cents(100_000),
        }]
    );
    // Straight to the project: no stock movement.
    assert_eq!(state.decide(into(None)).expect("received").len(), 1);
}

#[test]
fn goods_are_received_in_parts_never_beyond_ordered() {
    let base = vec![raise_for(ID, 1_000), approve(&[Role::Admin])];
    let mut commands = base.clone();
    commands.push(receive("GRN-00001", &[(1, 6), (2, 4)]));
    let part = state_after(commands.clone());
    assert_eq!(part.status(), PurchaseOrderStatus::PartReceived);
    assert_eq!(
        part.decide(receive("GRN-00002", &[(1, 5)])),
        Err(TradeError::MoreThanOrdered {
            field: "lines".into(),
            line_no: 1,
            open: "4".into(),
            asked: "5".into()
        })
    );
    commands.push(receive("GRN-00002", &[(1, 4)]));
    let full = state_after(commands);
    assert_eq!(full.status(), PurchaseOrderStatus::Received);
    assert!(matches!(
        full.decide(receive("GRN-00003", &[(1, 1)])),
        Err(TradeError::NotNow {
            status: "RECEIVED",
            ..
        })
    ));
    // Not before approval.
    framework()
        .given(vec![raised()])
        .when(receive("GRN-00001", &[(1, 1)]))
        .then_expect_error(TradeError::NotNow {
            kind: "purchase",
            status: "RAISED",
            action: "received against",
        });
}

#[test]
fn committed_is_the_total_once_approved_and_what_was_received_once_closed() {
    let raised_only = state_after(vec![raise_for(ID, 1_000)]);
    assert_eq!(raised_only.committed(), Rand::ZERO);
    let mut commands = vec![raise_for(ID, 1_000), approve(&[Role::Admin])];
    assert_eq!(
        state_after(commands.clone()).committed(),
        Rand::cents(2_000_000)
    );
    commands.push(receive("GRN-00001", &[(1, 3)]));
    commands.push(PurchaseOrderCommand::ClosePurchaseOrder { reason: None });
    assert_eq!(state_after(commands).committed(), Rand::cents(300_000));
}

fn any_command() -> impl Strategy<Value = PurchaseOrderCommand> {
    let roles = proptest::sample::subsequence(
        vec![
            Role::SiteManager,
            Role::ProjectManager,
            Role::FinanceManager,
        ],
        0..2,
    );
    let reason = || Reason::parse("reason", "because").expect("reason");
    prop_oneof![
        roles.prop_map(|roles| approve(&roles)),
        Just(PurchaseOrderCommand::RejectPurchaseOrder {
            reason: reason(),
            rejected_by: "x".into()
        }),
        Just(PurchaseOrderCommand::CancelPurchaseOrder { reason: reason() }),
        Just(PurchaseOrderCommand::ClosePurchaseOrder { reason: None }),
        proptest::collection::btree_map(1u32..4, 1i64..8, 1..3).prop_map(|lines| {
            let lines: Vec<(u32, i64)> = lines.into_iter().collect();
            receive("GRN", &lines)
        }),
    ]
}

proptest! {
    /// Whatever is asked of several orders, received never exceeds ordered per line,
    /// and committed — folded from the events as the read model does: + total on
    /// approval, − total on cancellation, − (total − received value) on closing —
    /// equals the sum of each order's open approved value.
    #[test]
    fn received_stays_within_ordered_and_committed_is_the_open_approved_value(
        plan in proptest::collection::vec((0usize..3, any_command()), 0..40),
        prices in proptest::collection::vec(1i64..40_000, 3),
    ) {
        let ids = ["po-a", "po-b", "po-c"];
        let mut orders: Vec<PurchaseOrder> = ids.iter().zip(&prices).map(|(id, price)| state_after(vec![raise_for(id, *price)])).collect();
        let mut committed = Rand::ZERO;
        for (which, command) in plan {
            let order = &mut orders[which];
            let Ok(events) = order.decide(command) else { continue };
            for event in events {
                let before = order.clone();
                order.apply(event.clone());
                let total = before.raised.as_ref().map_or(Rand::ZERO, |r| r.total_excl_vat);
                match event {
                    PurchaseOrderEvent::PurchaseOrderApproved { total_excl_vat, .. } => committed = committed + total_excl_vat,
                    PurchaseOrderEvent::PurchaseOrderCancelled { .. } if before.status == PurchaseOrderStatus::Approved => committed = committed - total,
                    PurchaseOrderEvent::PurchaseOrderClosed { .. } => committed = committed - (total - before.received_value()),
                    _ => {}
                }
            }
        }
        for order in &orders {
            for line in order.lines() {
                prop_assert!(order.received().get(&line.line_no).copied().unwrap_or_default() <= line.quantity);
            }
        }
        let open: Rand = orders.iter().map(PurchaseOrder::committed).sum();
        prop_assert_eq!(committed, open);
    }
}

#[test]
fn refuses_an_order_without_lines_a_second_approval_and_an_empty_note() {
    let mut empty = raise_for(ID, 1_000);
    if let PurchaseOrderCommand::RaisePurchaseOrder { lines, .. } = &mut empty {
        lines.clear();
    }
    framework()
        .given_no_previous_events()
        .when(empty)
        .then_expect_error(TradeError::NoLines);
    let approved = events_after(vec![raise_for(ID, 1_000), approve(&[Role::Admin])]);
    framework()
        .given(approved.clone())
        .when(approve(&[Role::Admin]))
        .then_expect_error(TradeError::NotNow {
            kind: "purchase",
            status: "APPROVED",
            action: "approved",
        });
    framework()
        .given(approved)
        .when(receive("GRN-00001", &[]))
        .then_expect_error(TradeError::NoLines);
    // Without any role that has a limit, nothing is approved.
    framework()
        .given(vec![raised()])
        .when(approve(&[Role::ProcurementOfficer]))
        .then_expect_error(TradeError::NoApprovalLimit);
}

#[test]
fn a_total_beyond_what_rand_holds_is_refused() {
    let mut huge = raise_for(ID, 1_000);
    if let PurchaseOrderCommand::RaisePurchaseOrder { lines, .. } = &mut huge {
        for line in lines.iter_mut() {
            line.quantity = q(1_000_000_000);
            line.unit_price = Rand::cents(99_999_999_999_999);
        }
    }
    framework()
        .given_no_previous_events()
        .when(huge)
        .then_expect_error(TradeError::TotalTooLarge);
}
