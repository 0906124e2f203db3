//! Retention under SARS's rule and under the gross rule of old events: the figures of
//! each, and the properties that hold for any invoice and any split of its releases.

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::json;

use crate::finance::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
}

fn r(text: &str) -> Rand {
    text.parse().expect("rand")
}

fn run<A: Aggregate>(aggregate: &mut A, command: A::Command) -> Result<Vec<A::Event>, A::Error>
where
    A::Services: Default,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let sink = EventSink::default();
        aggregate
            .handle(command, &A::Services::default(), &sink)
            .await?;
        Ok(sink.collect().await)
    })
}

fn line(cents: i64, vat_treatment: VatTreatment) -> InvoiceLineInput {
    InvoiceLineInput {
        description: "Progress".into(),
        quantity: dec!(1),
        unit_price: Rand::cents(cents),
        vat_treatment,
        project_id: None,
        cost_code: None,
    }
}

fn raise(
    lines: Vec<InvoiceLineInput>,
    percent: Option<Decimal>,
    amount: Option<Rand>,
) -> InvoiceCommand {
    InvoiceCommand::RaiseInvoice {
        customer: Customer {
            account_id: "acc-1".into(),
            name: "Msunduzi Developments".into(),
            vat_number: None,
            address: None,
        },
        supplier: Supplier::default(),
        date: day(1),
        lines,
        retention_percent: percent,
        retention_amount: amount,
    }
}

fn issued(command: InvoiceCommand) -> Result<(Invoice, Vec<InvoiceEvent>), FinanceError> {
    let mut invoice = Invoice::default();
    let mut events = run(&mut invoice, command)?;
    events.extend(run(
        &mut invoice,
        InvoiceCommand::IssueInvoice {
            number: "INV-000001".into(),
            journal_id: "j".into(),
        },
    )?);
    Ok((invoice, events))
}

fn release(amount: Rand) -> InvoiceCommand {
    InvoiceCommand::ReleaseRetention {
        amount,
        date: day(20),
        journal_id: "jr".into(),
        tax_invoice: Some(ReleaseNumber {
            release_id: "rel".into(),
            number: "INV-000002".into(),
        }),
    }
}

fn posted(lines: &[JournalLine], code: &str) -> Rand {
    lines
        .iter()
        .filter(|l| l.account_code == code)
        .map(|l| l.amount)
        .sum()
}

fn balances(lines: &[JournalLine]) -> bool {
    lines
        .iter()
        .map(JournalLine::signed)
        .sum::<Rand>()
        .is_zero()
}

#[test]
fn sars_rule_withholds_excl_vat_and_defers_its_vat_to_the_release() {
    // R100 000 excl. VAT, 10% retention: R10 000 withheld, R1 500 of VAT deferred.
    let (invoice, events) = issued(raise(
        vec![line(10_000_000, VatTreatment::Standard)],
        Some(dec!(10)),
        None,
    ))
    .expect("issued");
    assert_eq!(events[0].event_version(), "2");
    let t = invoice.totals();
    assert_eq!(t.retention, r("10000.00"));
    assert_eq!(invoice.vat_deferred(), r("1500.00"));
    assert_eq!(t.due, r("103500.00"));
    let journal = invoice.journal_lines();
    assert!(balances(&journal));
    assert_eq!(posted(&journal, TRADE_DEBTORS), r("103500.00"));
    assert_eq!(posted(&journal, RETENTION_RECEIVABLE), r("10000.00"));
    assert_eq!(posted(&journal, VAT_OUTPUT), r("13500.00"));
    assert_eq!(posted(&journal, CONTRACT_REVENUE), r("100000.00"));

    let mut invoice = invoice;
    let released = run(&mut invoice, release(r("10000.00"))).expect("released");
    let InvoiceEvent::InvoiceRetentionReleased {
        tax_invoice: Some(tax_invoice),
        ..
    } = &released[0]
    else {
        panic!("a release with its tax invoice");
    };
    assert_eq!(released[0].event_version(), "2");
    assert_eq!(tax_invoice.vat, r("1500.00"));
    assert_eq!(tax_invoice.number, "INV-000002");
    let journal = Invoice::retention_release_lines(r("10000.00"), tax_invoice.vat);
    assert!(balances(&journal));
    assert_eq!(posted(&journal, TRADE_DEBTORS), r("11500.00"));
    assert_eq!(posted(&journal, VAT_OUTPUT), r("1500.00"));
    assert_eq!(invoice.balance().open(), r("115000.00"));
}

#[test]
fn an_explicit_retention_amount_is_withheld_as_given() {
    let (invoice, _) = issued(raise(
        vec![line(5_000_000, VatTreatment::Standard)],
        None,
        Some(r("1234.56")),
    ))
    .expect("issued");
    assert_eq!(invoice.totals().retention, r("1234.56"));
    // 7 500 × 1 234.56 / 50 000 = 185.184 → 185.18
    assert_eq!(invoice.vat_deferred(), r("185.18"));
}

#[test]
fn a_retention_amount_outside_nought_to_the_value_or_asked_twice_is_refused() {
    let lines = || vec![line(10_000, VatTreatment::Standard)];
    assert_eq!(
        issued(raise(lines(), None, Some(r("100.01")))).map(|_| ()),
        Err(FinanceError::RetentionAmountOutOfRange {
            asked: r("100.01"),
            subtotal: r("100.00")
        })
    );
    assert!(matches!(
        issued(raise(lines(), None, Some(r("-0.01")))),
        Err(FinanceError::RetentionAmountOutOfRange { .. })
    ));
    assert_eq!(
        issued(raise(lines(), Some(dec!(5)), Some(r("1.00")))).map(|_| ()),
        Err(FinanceError::RetentionAskedTwice)
    );
}

#[test]
fn mixed_treatments_defer_vat_only_on_the_standard_rated_share() {
    // 600 standard (VAT 90) + 400 zero-rated; 10% = 100 retained: 60 standard deferring
    // 9.00, 40 zero-rated deferring nothing.
    let (invoice, events) = issued(raise(
        vec![
            line(60_000, VatTreatment::Standard),
            line(40_000, VatTreatment::ZeroRated),
        ],
        Some(dec!(10)),
        None,
    ))
    .expect("issued");
    let InvoiceEvent::InvoiceRaised { retained, .. } = &events[0] else {
        panic!("raised");
    };
    assert_eq!(
        retained,
        &vec![
            VatPart {
                treatment: VatTreatment::Standard,
                value_excl_vat: r("60.00"),
                vat: r("9.00")
            },
            VatPart {
                treatment: VatTreatment::ZeroRated,
                value_excl_vat: r("40.00"),
                vat: r("0.00")
            },
        ]
    );
    assert_eq!(invoice.vat_deferred(), r("9.00"));
}

#[test]
fn a_release_under_sars_rule_needs_its_tax_invoice_number() {
    let (mut invoice, _) = issued(raise(
        vec![line(10_000, VatTreatment::Standard)],
        Some(dec!(10)),
        None,
    ))
    .expect("issued");
    let refused = run(
        &mut invoice,
        InvoiceCommand::ReleaseRetention {
            amount: r("1.00"),
            date: day(20),
            journal_id: "jr".into(),
            tax_invoice: None,
        },
    );
    assert_eq!(
        refused,
        Err(FinanceError::Required("the release's tax invoice number"))
    );
}

/// An invoice raised, issued and part-released before SARS's rule, as its v1 events were
/// stored: 10% retention on R1 150 incl. VAT.
fn old_rule_events() -> Vec<InvoiceEvent> {
    let raised = json!({"InvoiceRaised": {
        "customer": {"account_id": "acc-1", "name": "Msunduzi", "vat_number": null, "address": null},
        "supplier": {"name": "ConstructOS", "vat_number": "4000000000", "address": "Durban"},
        "date": "2026-03-01",
        "lines": [{"description": "Slab", "quantity": "1", "unit_price": "1000.00",
                   "vat_treatment": "STANDARD", "value_excl_vat": "1000.00", "vat": "150.00",
                   "total": "1150.00", "project_id": null, "cost_code": null}],
        "retention_percent": "10",
        "totals": {"excl_vat": "1000.00", "vat": "150.00", "incl_vat": "1150.00",
                   "retention": "115.00", "due": "1035.00"}
    }});
    let issued = json!({"InvoiceIssued": {"number": "INV-000001", "journal_id": "j"}});
    let released = json!({"InvoiceRetentionReleased": {
        "amount": "15.00", "date": "2026-03-20", "journal_id": "jr"
    }});
    [raised, issued, released]
        .into_iter()
        .map(|e| serde_json::from_value(e).expect("a v1 event"))
        .collect()
}

#[test]
fn old_rule_events_still_fold_to_the_old_figures() {
    let events = old_rule_events();
    assert!(events.iter().all(|e| e.event_version() == "1"));
    let mut invoice = Invoice::default();
    for event in events.clone() {
        invoice.apply(event);
    }
    assert_eq!(invoice.basis(), RetentionBasis::Gross);
    // All the VAT was declared at issue; retention is the gross 115.00.
    let journal = invoice.journal_lines();
    assert!(balances(&journal));
    assert_eq!(posted(&journal, VAT_OUTPUT), r("150.00"));
    assert_eq!(posted(&journal, RETENTION_RECEIVABLE), r("115.00"));
    assert_eq!(posted(&journal, TRADE_DEBTORS), r("1035.00"));
    assert!(invoice.vat_deferred().is_zero());
    assert_eq!(invoice.balance().retention_held(), r("100.00"));
    assert_eq!(invoice.balance().open(), r("1050.00"));
    // A later release of an old invoice stays a v1 release: no VAT, no number.
    let released = run(&mut invoice, release(r("100.00"))).expect("released");
    assert_eq!(
        released,
        vec![InvoiceEvent::InvoiceRetentionReleased {
            amount: r("100.00"),
            date: day(20),
            journal_id: "jr".into(),
            tax_invoice: None,
        }]
    );
    assert_eq!(released[0].event_version(), "1");
    assert_eq!(invoice.balance().open(), r("1150.00"));
    // An old event serializes exactly as it was stored (its hash stays valid).
    let stored = serde_json::to_value(&events[0]).expect("json");
    assert!(stored["InvoiceRaised"].get("retention_basis").is_none());
    assert!(stored["InvoiceRaised"].get("retained").is_none());
}

#[test]
fn old_rule_bill_events_keep_their_meaning() {
    let recorded = json!({"BillRecorded": {
        "supplier": {"account_id": "sup-1", "name": "Afrisam", "vat_number": null, "address": null},
        "supplier_reference": "AF1", "date": "2026-03-01",
        "lines": [{"account_code": "5300", "description": "Brickwork", "quantity": "1",
                   "unit_price": "1000.00", "vat_treatment": "STANDARD",
                   "value_excl_vat": "1000.00", "vat": "150.00", "total": "1150.00",
                   "project_id": null, "cost_code": null}],
        "retention_percent": "10",
        "totals": {"excl_vat": "1000.00", "vat": "150.00", "incl_vat": "1150.00",
                   "retention": "115.00", "due": "1035.00"},
        "journal_id": "jb"
    }});
    let event: BillEvent = serde_json::from_value(recorded).expect("a v1 bill");
    assert_eq!(event.event_version(), "1");
    let mut bill = Bill::default();
    bill.apply(event);
    assert_eq!(bill.basis(), RetentionBasis::Gross);
    let journal = bill.posting();
    assert_eq!(posted(&journal, VAT_INPUT), r("150.00"));
    assert_eq!(posted(&journal, RETENTION_PAYABLE), r("115.00"));
    assert_eq!(bill.release_vat(r("115.00")), Ok(Rand::ZERO));
}

fn treatment() -> impl Strategy<Value = VatTreatment> {
    prop_oneof![
        3 => Just(VatTreatment::Standard),
        1 => Just(VatTreatment::ZeroRated),
        1 => Just(VatTreatment::Exempt),
    ]
}

proptest! {
    /// For any invoice, any retention (a percentage or an amount) and any split of its
    /// releases: VAT at issue + VAT at the releases = the invoice's VAT to the cent;
    /// retention is never negative nor more than the value excl. VAT; due + retention +
    /// deferred VAT = total incl. VAT; every journal balances.
    #[test]
    fn vat_at_issue_and_at_release_add_up_to_the_invoice_vat(
        lines in prop::collection::vec((1i64..50_000_000, treatment()), 1..6),
        percent in 0u32..=20,
        amount_share in prop::option::of(0u32..=1_000),
        splits in prop::collection::vec(1u32..=1_000, 0..5),
    ) {
        let inputs: Vec<_> = lines.iter().map(|(c, t)| line(*c, *t)).collect();
        let subtotal: Rand = inputs.iter().map(|l| l.unit_price).sum();
        let command = match amount_share {
            Some(share) => {
                let amount = round_to_cent(
                    subtotal.as_decimal() * Decimal::from(share) / Decimal::from(1_000),
                ).expect("amount");
                raise(inputs, None, Some(amount))
            }
            None => raise(inputs, Some(Decimal::from(percent)), None),
        };
        let (mut invoice, _) = issued(command).expect("issued");
        let t = invoice.totals();
        prop_assert!(t.retention >= Rand::ZERO && t.retention <= t.excl_vat);
        let deferred = invoice.vat_deferred();
        prop_assert!(deferred >= Rand::ZERO);
        prop_assert_eq!(t.due + t.retention + deferred, t.incl_vat);
        let journal = invoice.journal_lines();
        prop_assert!(balances(&journal));
        let mut vat = posted(&journal, VAT_OUTPUT);
        // Release in the given proportions of what is held, then the rest.
        for split in splits {
            let held = invoice.balance().retention_held();
            let part = round_to_cent(
                held.as_decimal() * Decimal::from(split) / Decimal::from(1_000),
            ).expect("part");
            if !part.is_positive() {
                continue;
            }
            let events = run(&mut invoice, release(part)).expect("a part released");
            let InvoiceEvent::InvoiceRetentionReleased { tax_invoice: Some(ti), .. } = &events[0]
            else { panic!("released under SARS's rule") };
            prop_assert!(ti.vat >= Rand::ZERO);
            prop_assert!(balances(&Invoice::retention_release_lines(part, ti.vat)));
            vat = vat + ti.vat;
            prop_assert!(invoice.vat_deferred() >= Rand::ZERO);
            prop_assert!(invoice.balance().retention_held() >= Rand::ZERO);
        }
        let held = invoice.balance().retention_held();
        if held.is_positive() {
            let events = run(&mut invoice, release(held)).expect("the rest released");
            let InvoiceEvent::InvoiceRetentionReleased { tax_invoice: Some(ti), .. } = &events[0]
            else { panic!("released under SARS's rule") };
            vat = vat + ti.vat;
        }
        prop_assert!(invoice.vat_deferred().is_zero());
        prop_assert_eq!(vat, t.vat);
        prop_assert_eq!(invoice.balance().open(), t.incl_vat);
        // Nothing more can be released.
        prop_assert!(run(&mut invoice, release(Rand::cents(1))).is_err());
    }

    /// A bill mirrors it: input VAT at recording + at the releases = the bill's VAT.
    #[test]
    fn input_vat_at_recording_and_release_add_up_to_the_bill_vat(
        cents in prop::collection::vec((1i64..50_000_000, treatment()), 1..5),
        percent in 0u32..=20,
        split in 1u32..1_000,
    ) {
        let lines = cents.iter().map(|(c, t)| BillLineInput {
            account_code: "5300".into(),
            description: "Work".into(),
            quantity: dec!(1),
            unit_price: Rand::cents(*c),
            vat_treatment: *t,
            project_id: None,
            cost_code: None,
            purchase_order_line_no: None,
        }).collect();
        let mut bill = Bill::default();
        run(&mut bill, BillCommand::RecordBill {
            supplier: BillSupplier { account_id: "s".into(), name: "Sub".into(), vat_number: None, address: None },
            supplier_reference: "B1".into(),
            date: day(1),
            lines,
            retention_percent: Some(Decimal::from(percent)),
            retention_amount: None,
            journal_id: "jb".into(),
            purchase_order_id: None,
            matching: Vec::new(),
        }).expect("recorded");
        let t = bill.totals();
        let journal = bill.posting();
        prop_assert!(balances(&journal));
        prop_assert_eq!(t.due + t.retention + bill.vat_deferred(), t.incl_vat);
        let mut vat = posted(&journal, VAT_INPUT);
        let part = round_to_cent(t.retention.as_decimal() * Decimal::from(split) / Decimal::from(1_000)).expect("part");
        for amount in [part, t.retention - part] {
            if !amount.is_positive() { continue; }
            let released = bill.release_vat(amount).expect("vat");
            prop_assert!(balances(&Bill::retention_release_lines(amount, released)));
            run(&mut bill, BillCommand::ReleaseRetention { amount, date: day(9), journal_id: "jr".into() })
                .expect("released");
            vat = vat + released;
        }
        prop_assert_eq!(vat, t.vat);
        prop_assert!(bill.vat_deferred().is_zero());
    }
}
