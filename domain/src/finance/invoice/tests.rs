//! Given/when/then tests of the invoice and numbering aggregates (a refusal per rule),
//! and the properties: an invoice's VAT is the sum of its lines' rounded VAT, and
//! issued numbers are consecutive.

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::test::TestFramework;
use cqrs_es::Aggregate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::finance::*;

fn customer() -> Customer {
    Customer {
        account_id: "acc-1".into(),
        name: "Msunduzi Developments (Pty) Ltd".into(),
        vat_number: Some("4123456789".into()),
        address: Some("12 Church St, Pietermaritzburg".into()),
    }
}

fn line(quantity: Decimal, cents: i64, vat: VatTreatment) -> InvoiceLineInput {
    InvoiceLineInput {
        description: "Concrete 30MPa".into(),
        quantity,
        unit_price: Rand::cents(cents),
        vat_treatment: vat,
        project_id: Some("PRJ-1".into()),
        cost_code: None,
    }
}

fn raise(lines: Vec<InvoiceLineInput>, retention: Option<Decimal>) -> InvoiceCommand {
    InvoiceCommand::RaiseInvoice {
        customer: customer(),
        supplier: Supplier::default(),
        date: NaiveDate::from_ymd_opt(2026, 3, 10).expect("date"),
        lines,
        retention_percent: retention,
        retention_amount: None,
    }
}

fn raised(lines: Vec<InvoiceLineInput>, retention: Option<Decimal>) -> InvoiceEvent {
    let mut invoice = Invoice::default();
    let events = decide(&mut invoice, raise(lines, retention)).expect("raised");
    events.into_iter().next().expect("one event")
}

fn decide(
    invoice: &mut Invoice,
    command: InvoiceCommand,
) -> Result<Vec<InvoiceEvent>, FinanceError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let sink = EventSink::default();
        invoice.handle(command, &(), &sink).await?;
        Ok(sink.collect().await)
    })
}

type Framework = TestFramework<Invoice>;

#[test]
fn raising_prices_each_line_and_rounds_vat_per_line() {
    // 3 × R0.10 = R0.30 → VAT 0.045 → 0.05; 1 × R100 zero-rated → 0.
    let event = raised(
        vec![
            line(dec!(3), 10, VatTreatment::Standard),
            line(dec!(1), 10_000, VatTreatment::ZeroRated),
        ],
        Some(dec!(10)),
    );
    let InvoiceEvent::InvoiceRaised { lines, totals, .. } = event else {
        panic!("raised");
    };
    assert_eq!(lines[0].vat, Rand::cents(5));
    assert_eq!(lines[1].vat, Rand::ZERO);
    assert_eq!(totals.excl_vat, Rand::cents(10_030));
    assert_eq!(totals.vat, Rand::cents(5));
    assert_eq!(totals.incl_vat, Rand::cents(10_035));
    // SARS's rule: 10% of the value excl. VAT, 100.30 → 10.03; of it 0.03 is the
    // standard-rated share (0.30 / 100.30 of it) deferring 0.05 × 0.03 / 0.30 = 0.005
    // → 0.01 of VAT. Due now: 100.35 − 10.03 − 0.01 = 90.31.
    assert_eq!(totals.retention, Rand::cents(1_003));
    assert_eq!(totals.due, Rand::cents(9_031));
}

#[test]
fn an_invoice_without_lines_is_refused() {
    Framework::with(())
        .given_no_previous_events()
        .when(raise(vec![], None))
        .then_expect_error(FinanceError::NoInvoiceLines);
}

#[test]
fn a_nought_quantity_or_price_is_refused() {
    Framework::with(())
        .given_no_previous_events()
        .when(raise(
            vec![line(dec!(0), 100, VatTreatment::Standard)],
            None,
        ))
        .then_expect_error(FinanceError::NonPositiveQuantity { line: 1 });
    Framework::with(())
        .given_no_previous_events()
        .when(raise(
            vec![
                line(dec!(1), 100, VatTreatment::Standard),
                line(dec!(1), -100, VatTreatment::Exempt),
            ],
            None,
        ))
        .then_expect_error(FinanceError::NonPositivePrice { line: 2 });
}

#[test]
fn retention_outside_nought_to_twenty_percent_is_refused() {
    Framework::with(())
        .given_no_previous_events()
        .when(raise(
            vec![line(dec!(1), 100, VatTreatment::Standard)],
            Some(dec!(20.5)),
        ))
        .then_expect_error(FinanceError::RetentionOutOfRange("20.5".into()));
    Framework::with(())
        .given_no_previous_events()
        .when(raise(
            vec![line(dec!(1), 100, VatTreatment::Standard)],
            Some(dec!(-1)),
        ))
        .then_expect_error(FinanceError::RetentionOutOfRange("-1".into()));
}

#[test]
fn issuing_twice_is_refused() {
    let raised = raised(vec![line(dec!(1), 100, VatTreatment::Standard)], None);
    let issued = InvoiceEvent::InvoiceIssued {
        number: "INV-000001".into(),
        journal_id: "j-1".into(),
    };
    Framework::with(())
        .given(vec![raised.clone()])
        .when(InvoiceCommand::IssueInvoice {
            number: "INV-000001".into(),
            journal_id: "j-1".into(),
        })
        .then_expect_events(vec![issued.clone()]);
    Framework::with(())
        .given(vec![raised.clone(), issued])
        .when(InvoiceCommand::IssueInvoice {
            number: "INV-000002".into(),
            journal_id: "j-2".into(),
        })
        .then_expect_error(FinanceError::InvoiceAlreadyIssued);
    Framework::with(())
        .given(vec![raised])
        .when(raise(
            vec![line(dec!(1), 100, VatTreatment::Standard)],
            None,
        ))
        .then_expect_error(FinanceError::InvoiceAlreadyRaised);
}

#[test]
fn an_invoice_that_was_never_raised_cannot_be_issued() {
    Framework::with(())
        .given_no_previous_events()
        .when(InvoiceCommand::IssueInvoice {
            number: "INV-000001".into(),
            journal_id: "j-1".into(),
        })
        .then_expect_error(FinanceError::InvoiceNotFound);
}

#[test]
fn the_journal_balances_debtors_and_retention_against_revenue_and_vat() {
    let mut invoice = Invoice::default();
    let events = decide(
        &mut invoice,
        raise(
            vec![
                line(dec!(2), 50_000, VatTreatment::Standard),
                line(dec!(1), 10_000, VatTreatment::Exempt),
            ],
            Some(dec!(5)),
        ),
    )
    .expect("raised");
    assert_eq!(events.len(), 1);
    let lines = invoice.journal_lines();
    let debits: Rand = lines
        .iter()
        .filter(|l| l.side == Side::Debit)
        .map(|l| l.amount)
        .sum();
    let credits: Rand = lines
        .iter()
        .filter(|l| l.side == Side::Credit)
        .map(|l| l.amount)
        .sum();
    assert_eq!(debits, credits);
    // 1000 + 100 exempt = 1100 excl. VAT; retention 5% of it = 55.00, of which 50.00
    // standard-rated defers 7.50 of the 150 VAT: VAT now 142.50, due 1187.50.
    assert_eq!(debits, Rand::cents(124_250));
    let amount = |code: &str| {
        lines
            .iter()
            .find(|l| l.account_code == code)
            .map(|l| l.amount)
            .expect("line")
    };
    assert_eq!(amount(RETENTION_RECEIVABLE), Rand::cents(5_500));
    assert_eq!(amount(VAT_OUTPUT), Rand::cents(14_250));
    assert_eq!(amount(TRADE_DEBTORS), Rand::cents(118_750));
}

#[test]
fn numbers_follow_on_whatever_came_before() {
    TestFramework::<InvoiceNumbering>::with(())
        .given(vec![NumberingEvent::InvoiceNumberAssigned {
            number: 1,
            invoice_id: "a".into(),
        }])
        .when(NumberingCommand::AssignInvoiceNumber {
            invoice_id: "b".into(),
        })
        .then_expect_events(vec![NumberingEvent::InvoiceNumberAssigned {
            number: 2,
            invoice_id: "b".into(),
        }]);
    // The series keeps only its last number (its load stays O(1)); that an invoice is
    // issued once is the invoice's own rule, tested above.
    TestFramework::<InvoiceNumbering>::with(())
        .given(vec![NumberingEvent::InvoiceNumberAssigned {
            number: 41,
            invoice_id: "a".into(),
        }])
        .when(NumberingCommand::AssignInvoiceNumber {
            invoice_id: " c ".into(),
        })
        .then_expect_events(vec![NumberingEvent::InvoiceNumberAssigned {
            number: 42,
            invoice_id: "c".into(),
        }]);
    assert_eq!(invoice_number(INVOICE_SERIES, 42), "INV-000042");
}

fn treatment() -> impl Strategy<Value = VatTreatment> {
    prop_oneof![
        Just(VatTreatment::Standard),
        Just(VatTreatment::ZeroRated),
        Just(VatTreatment::Exempt),
    ]
}

proptest! {
    #[test]
    fn invoice_vat_is_the_sum_of_its_lines_rounded_vat(
        lines in prop::collection::vec(
            (1i64..10_000, 0u32..3, 1i64..10_000_000, treatment()), 1..8),
        retention_pct in 0u32..=20,
    ) {
        let inputs: Vec<InvoiceLineInput> = lines
            .iter()
            .map(|(q, scale, cents, vat)| line(Decimal::new(*q, *scale), *cents, *vat))
            .collect();
        let Ok(priced) = price_lines(inputs.clone()) else {
            // a line whose value rounds to nought is refused; nothing to check
            return Ok(());
        };
        let asked = Some(RetentionAsked::Percent(Decimal::from(retention_pct)));
        let (sums, retained) = totals(&priced, asked).expect("totals");
        let mut expected = Rand::ZERO;
        for input in &inputs {
            let value = line_value(input.quantity, input.unit_price).expect("value");
            let rate = input.vat_treatment.rate();
            let exact = value.as_decimal() * rate;
            let rounded = exact.round_dp_with_strategy(
                2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            // half up: never more than half a cent from the exact VAT
            prop_assert!((rounded - exact).abs() <= dec!(0.005));
            expected = expected + Rand::from_decimal(rounded).expect("rand");
        }
        prop_assert_eq!(sums.vat, expected);
        prop_assert_eq!(sums.incl_vat, sums.excl_vat + sums.vat);
        let deferred: Rand = retained.iter().map(|p| p.vat).sum();
        prop_assert_eq!(sums.due + sums.retention + deferred, sums.incl_vat);
    }

    #[test]
    fn issued_numbers_are_consecutive(count in 1usize..40) {
        let mut numbering = InvoiceNumbering::default();
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("rt");
        let mut numbers = Vec::new();
        for i in 0..count {
            let sink = EventSink::default();
            runtime.block_on(numbering.handle(
                NumberingCommand::AssignInvoiceNumber { invoice_id: format!("inv-{i}") },
                &(),
                &sink,
            )).expect("assigned");
            for event in runtime.block_on(sink.collect()) {
                let NumberingEvent::InvoiceNumberAssigned { number, .. } = event.clone();
                numbers.push(number);
                numbering.apply(event);
            }
        }
        prop_assert_eq!(numbers, (1..=count as u64).collect::<Vec<_>>());
    }
}
