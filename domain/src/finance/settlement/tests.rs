//! Settling invoices and bills: payments, allocations, credit notes and retention
//! releases, a refusal per rule, and the property that allocations never exceed what
//! is open on the document nor what is unallocated on the payment.

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use proptest::prelude::*;
use rust_decimal_macros::dec;

use crate::finance::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
}

fn r(text: &str) -> Rand {
    text.parse().expect("amount")
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
        // The sink applies each event to the aggregate as it is written.
        Ok(sink.collect().await)
    })
}

/// An issued invoice of R1 150.00 incl. VAT (R1 000 + 15%), 10% retention excl. VAT
/// (R100, deferring R15 of VAT): R1 035 due.
fn issued_invoice() -> Invoice {
    let mut invoice = Invoice::default();
    run(
        &mut invoice,
        InvoiceCommand::RaiseInvoice {
            customer: Customer {
                account_id: "acc-1".into(),
                name: "Msunduzi Developments".into(),
                vat_number: None,
                address: None,
            },
            supplier: Supplier::default(),
            date: day(1),
            lines: vec![InvoiceLineInput {
                description: "Slab".into(),
                quantity: dec!(1),
                unit_price: r("1000.00"),
                vat_treatment: VatTreatment::Standard,
                project_id: None,
                cost_code: None,
            }],
            retention_percent: Some(dec!(10)),
            retention_amount: None,
        },
    )
    .expect("raised");
    run(
        &mut invoice,
        InvoiceCommand::IssueInvoice {
            number: "INV-000001".into(),
            journal_id: "j".into(),
        },
    )
    .expect("issued");
    invoice
}

fn allocate(amount: &str, date: NaiveDate) -> InvoiceCommand {
    InvoiceCommand::AllocatePayment {
        payment_id: "p".into(),
        amount: r(amount),
        date,
    }
}

#[test]
fn an_issued_invoice_is_open_for_what_is_due_now() {
    let invoice = issued_invoice();
    assert_eq!(invoice.balance().open(), r("1035.00"));
    assert_eq!(invoice.balance().retention_held(), r("100.00"));
    assert_eq!(invoice.vat_deferred(), r("15.00"));
}

#[test]
fn part_payments_reduce_what_is_open_until_nothing_is() {
    let mut invoice = issued_invoice();
    run(&mut invoice, allocate("35.00", day(2))).expect("part");
    run(&mut invoice, allocate("1000.00", day(3))).expect("rest");
    assert!(invoice.balance().open().is_zero());
}

#[test]
fn over_allocation_is_refused() {
    let mut invoice = issued_invoice();
    let refused = run(&mut invoice, allocate("1035.01", day(2)));
    assert_eq!(
        refused,
        Err(FinanceError::OverAllocation {
            open: r("1035.00"),
            asked: r("1035.01")
        })
    );
}

#[test]
fn a_settlement_cannot_predate_the_invoice() {
    let mut invoice = issued_invoice();
    let early = NaiveDate::from_ymd_opt(2026, 2, 28).expect("date");
    assert!(matches!(
        run(&mut invoice, allocate("1.00", early)),
        Err(FinanceError::DatedBeforeDocument { .. })
    ));
}

#[test]
fn a_draft_invoice_cannot_be_settled() {
    let mut invoice = Invoice::default();
    assert_eq!(
        run(&mut invoice, allocate("1.00", day(2))),
        Err(FinanceError::InvoiceNotFound)
    );
}

#[test]
fn released_retention_falls_due_and_cannot_exceed_what_is_withheld() {
    let mut invoice = issued_invoice();
    let release = |amount: &str| InvoiceCommand::ReleaseRetention {
        amount: r(amount),
        date: day(20),
        journal_id: "jr".into(),
        tax_invoice: Some(ReleaseNumber {
            release_id: "rel".into(),
            number: "INV-000002".into(),
        }),
    };
    // 90 of the 100 held falls due with 15 × 90 / 100 = 13.50 of VAT.
    run(&mut invoice, release("90.00")).expect("released");
    assert_eq!(invoice.balance().open(), r("1138.50"));
    assert!(matches!(
        run(&mut invoice, release("10.01")),
        Err(FinanceError::OverRelease { .. })
    ));
    run(&mut invoice, release("10.00")).expect("the rest");
    assert!(invoice.balance().retention_held().is_zero());
    assert!(invoice.vat_deferred().is_zero());
    assert_eq!(invoice.balance().open(), r("1150.00"));
}

#[test]
fn a_credit_note_is_limited_to_what_is_open() {
    let mut invoice = issued_invoice();
    run(&mut invoice, allocate("1000.00", day(2))).expect("paid");
    let credit = |amount: &str| InvoiceCommand::ApplyCreditNote {
        credit_note_id: "cn".into(),
        number: "CN-000001".into(),
        amount: r(amount),
        date: day(3),
    };
    assert!(matches!(
        run(&mut invoice, credit("35.01")),
        Err(FinanceError::OverAllocation { .. })
    ));
    run(&mut invoice, credit("35.00")).expect("credited");
    assert!(invoice.balance().open().is_zero());
}

fn record_payment(amount: &str) -> PaymentCommand {
    PaymentCommand::RecordPayment {
        direction: PaymentDirection::Received,
        counterparty_id: "acc-1".into(),
        counterparty_name: "Msunduzi Developments".into(),
        date: day(5),
        amount: r(amount),
        reference: "EFT 991".into(),
        journal_id: "jp".into(),
    }
}

fn pay(document: &str, amount: &str) -> PaymentCommand {
    PaymentCommand::AllocatePayment {
        document_id: document.into(),
        document_number: document.to_uppercase(),
        amount: r(amount),
        date: day(5),
    }
}

#[test]
fn an_overpayment_is_held_on_account_and_allocated_later() {
    let mut payment = Payment::default();
    run(&mut payment, record_payment("1500.00")).expect("recorded");
    run(&mut payment, pay("inv-1", "1035.00")).expect("allocated");
    assert_eq!(payment.unallocated(), r("465.00"));
    run(&mut payment, pay("inv-2", "465.00")).expect("later");
    assert!(payment.unallocated().is_zero());
    assert!(matches!(
        run(&mut payment, pay("inv-3", "0.01")),
        Err(FinanceError::OverAllocation { .. })
    ));
}

#[test]
fn a_payment_must_be_positive_and_recorded_once() {
    let mut payment = Payment::default();
    assert_eq!(
        run(&mut payment, record_payment("0.00")),
        Err(FinanceError::NotPositive("a payment"))
    );
    run(&mut payment, record_payment("1.00")).expect("recorded");
    assert_eq!(
        run(&mut payment, record_payment("1.00")),
        Err(FinanceError::PaymentAlreadyRecorded)
    );
}

#[test]
fn payment_journals_balance_and_move_the_bank() {
    for direction in [PaymentDirection::Received, PaymentDirection::Made] {
        let lines = Payment::journal_lines(direction, r("250.00"));
        let signed: Rand = lines.iter().map(JournalLine::signed).sum();
        assert!(signed.is_zero());
        let bank = lines.iter().find(|l| l.account_code == BANK).expect("bank");
        assert_eq!(bank.signed(), direction.signed(r("250.00")));
    }
}

fn bill_command(reference: &str) -> BillCommand {
    BillCommand::RecordBill {
        supplier: BillSupplier {
            account_id: "sup-1".into(),
            name: "Afrisam".into(),
            vat_number: Some("4111111111".into()),
            address: None,
        },
        supplier_reference: reference.into(),
        date: day(4),
        lines: vec![BillLineInput {
            account_code: "5100".into(),
            description: "Cement 50kg".into(),
            quantity: dec!(100),
            unit_price: r("95.50"),
            vat_treatment: VatTreatment::Standard,
            project_id: Some("PRJ-1".into()),
            cost_code: Some("03-300".into()),
            purchase_order_line_no: None,
        }],
        retention_percent: Some(dec!(5)),
        retention_amount: None,
        journal_id: "jb".into(),
        purchase_order_id: None,
        matching: Vec::new(),
    }
}

#[test]
fn a_bill_posts_cost_input_vat_creditors_and_retention_in_balance() {
    let mut bill = Bill::default();
    let events = run(&mut bill, bill_command("AF 1001")).expect("recorded");
    let Some(BillEvent::BillRecorded { lines, totals, .. }) = events.first() else {
        panic!("recorded");
    };
    assert_eq!(totals.excl_vat, r("9550.00"));
    assert_eq!(totals.vat, r("1432.50"));
    // SARS's rule: 5% of 9 550 = 477.50, deferring 1 432.50 × 5% = 71.625 → 71.63
    // of input VAT until the release.
    assert_eq!(totals.retention, r("477.50"));
    assert_eq!(bill.vat_deferred(), r("71.63"));
    assert_eq!(totals.due, r("10433.37"));
    let journal = Bill::journal_lines(lines, *totals, bill.vat_deferred());
    let signed: Rand = journal.iter().map(JournalLine::signed).sum();
    assert!(signed.is_zero());
    assert!(journal
        .iter()
        .any(|l| l.account_code == VAT_INPUT && l.amount == r("1360.87")));
    assert!(journal
        .iter()
        .any(|l| l.account_code == RETENTION_PAYABLE && l.amount == r("477.50")));
    assert!(journal.iter().any(|l| l.account_code == "5100"
        && l.project_id.as_deref() == Some("PRJ-1")
        && l.cost_code.as_deref() == Some("03-300")));
}

#[test]
fn the_same_supplier_invoice_number_is_refused_the_second_time() {
    let mut bill = Bill::default();
    run(&mut bill, bill_command("AF 1001")).expect("recorded");
    assert_eq!(
        run(&mut bill, bill_command("AF 1001")),
        Err(FinanceError::DuplicateSupplierInvoice {
            reference: "AF 1001".into()
        })
    );
    assert_eq!(normalized_reference(" af 1001 "), "AF1001");
}

#[test]
fn a_bill_line_must_name_a_valid_account() {
    let mut bill = Bill::default();
    let BillCommand::RecordBill {
        supplier,
        supplier_reference,
        date,
        mut lines,
        retention_percent,
        retention_amount,
        journal_id,
        purchase_order_id,
        matching,
    } = bill_command("X1")
    else {
        unreachable!()
    };
    lines[0].account_code = "cement".into();
    let refused = run(
        &mut bill,
        BillCommand::RecordBill {
            supplier,
            supplier_reference,
            date,
            lines,
            retention_percent,
            retention_amount,
            journal_id,
            purchase_order_id,
            matching,
        },
    );
    assert!(matches!(refused, Err(FinanceError::InvalidAccountCode(_))));
}

#[test]
fn a_credit_note_posts_the_reverse_of_an_invoice() {
    let mut note = CreditNote::default();
    run(
        &mut note,
        CreditNoteCommand::IssueCreditNote {
            invoice_id: "inv".into(),
            invoice_number: "INV-000001".into(),
            number: "CN-000001".into(),
            customer: Customer::default(),
            supplier: Supplier::default(),
            date: day(9),
            reason: "Short delivery".into(),
            lines: vec![InvoiceLineInput {
                description: "Slab".into(),
                quantity: dec!(0.5),
                unit_price: r("99.99"),
                vat_treatment: VatTreatment::Standard,
                project_id: Some("PRJ-1".into()),
                cost_code: None,
            }],
            journal_id: "jc".into(),
        },
    )
    .expect("issued");
    let journal = note.journal_lines();
    let signed: Rand = journal.iter().map(JournalLine::signed).sum();
    assert!(signed.is_zero());
    let debtors = journal
        .iter()
        .find(|l| l.account_code == TRADE_DEBTORS)
        .expect("debtors");
    assert_eq!(debtors.side, Side::Credit);
    assert_eq!(debtors.amount, r("57.50")); // 50.00 (49.995 half up) + 7.50 VAT
}

#[derive(Debug, Clone)]
enum Step {
    Allocate(i64),
    Credit(i64),
    Release(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1i64..80_000).prop_map(Step::Allocate),
        (1i64..40_000).prop_map(Step::Credit),
        (1i64..20_000).prop_map(Step::Release),
    ]
}

proptest! {
    /// Whatever is asked, in whatever order: what is accepted never takes the invoice's
    /// open amount below nought, never releases more retention than was withheld, and
    /// never allocates more of a payment than it holds.
    #[test]
    fn allocations_never_exceed_the_open_amount(
        payment_cents in 1i64..200_000,
        steps in proptest::collection::vec(step(), 1..25),
    ) {
        let mut invoice = issued_invoice();
        let mut payment = Payment::default();
        run(&mut payment, record_payment(&Rand::cents(payment_cents).to_string())).expect("recorded");
        for s in steps {
            match s {
                Step::Allocate(cents) => {
                    let amount = Rand::cents(cents);
                    // Both sides must accept, as the write side requires.
                    let open = invoice.balance().open();
                    let on_payment = run(&mut payment.clone(), pay("inv-1", &amount.to_string()));
                    let on_invoice = run(&mut invoice.clone(), allocate(&amount.to_string(), day(6)));
                    prop_assert_eq!(on_invoice.is_ok(), amount <= open);
                    if on_payment.is_ok() && on_invoice.is_ok() {
                        run(&mut payment, pay("inv-1", &amount.to_string())).expect("payment side");
                        run(&mut invoice, allocate(&amount.to_string(), day(6))).expect("invoice side");
                    }
                }
                Step::Credit(cents) => {
                    let _ = run(&mut invoice, InvoiceCommand::ApplyCreditNote {
                        credit_note_id: "cn".into(),
                        number: "CN".into(),
                        amount: Rand::cents(cents),
                        date: day(7),
                    });
                }
                Step::Release(cents) => {
                    let _ = run(&mut invoice, InvoiceCommand::ReleaseRetention {
                        amount: Rand::cents(cents),
                        date: day(8),
                        journal_id: "jr".into(),
                        tax_invoice: Some(ReleaseNumber {
                            release_id: "rel".into(),
                            number: "INV-000009".into(),
                        }),
                    });
                }
            }
            let b = invoice.balance();
            prop_assert!(b.open() >= Rand::ZERO);
            prop_assert!(b.retention_held() >= Rand::ZERO);
            prop_assert!(b.allocated + b.credited <= b.due + b.released + b.released_vat);
            prop_assert!(payment.unallocated() >= Rand::ZERO);
            prop_assert!(payment.unallocated() <= payment.amount());
        }
    }
}

/// The open balance of one document, on its own.
mod open_balance {
    use super::super::*;

    fn r(text: &str) -> Rand {
        text.parse().expect("amount")
    }

    #[test]
    fn allocations_and_credits_reduce_what_is_open_and_releases_add_to_it() {
        let mut b = OpenBalance::new(r("1000.00"), r("100.00"));
        b.allocated = r("300.00");
        b.credited = r("200.00");
        b.released = r("40.00");
        assert_eq!(b.open(), r("540.00"));
        assert_eq!(b.retention_held(), r("60.00"));
    }

    #[test]
    fn over_allocation_is_refused_and_says_what_is_open() {
        let b = OpenBalance::new(r("100.00"), Rand::ZERO);
        assert_eq!(
            b.check_settlement(r("100.01")),
            Err(FinanceError::OverAllocation {
                open: r("100.00"),
                asked: r("100.01")
            })
        );
        assert!(b.check_settlement(r("100.00")).is_ok());
        assert!(b.check_settlement(Rand::ZERO).is_err());
    }

    #[test]
    fn release_is_limited_to_what_is_withheld() {
        let b = OpenBalance::new(r("900.00"), r("100.00"));
        assert!(b.check_release(r("100.00")).is_ok());
        assert!(matches!(
            b.check_release(r("100.01")),
            Err(FinanceError::OverRelease { .. })
        ));
    }
}

/// The three-way match: a blocked bill is recorded but refuses payment until approved.
mod matched_bills {
    use super::*;

    fn blocked_bill() -> Bill {
        let BillCommand::RecordBill {
            supplier,
            supplier_reference,
            date,
            lines,
            retention_percent,
            retention_amount,
            journal_id,
            purchase_order_id,
            ..
        } = bill_command("M1")
        else {
            unreachable!()
        };
        let facts = [OrderLineFacts {
            line_no: 1,
            ordered: dec!(100),
            unit_price: r("95.50"),
            received: dec!(80),
            billed_before: dec!(0),
        }];
        let billed = [BilledLine {
            purchase_order_line_no: Some(1),
            quantity: dec!(100),
            unit_price: r("95.50"),
        }];
        let mut bill = Bill::default();
        run(
            &mut bill,
            BillCommand::RecordBill {
                supplier,
                supplier_reference,
                date,
                lines,
                retention_percent,
                retention_amount,
                journal_id,
                purchase_order_id,
                matching: match_lines(&billed, &facts, MatchTolerance::default()),
            },
        )
        .expect("recorded");
        bill
    }

    #[test]
    fn a_blocked_bill_refuses_payment_until_a_manager_approves_it() {
        let mut bill = blocked_bill();
        assert_eq!(
            bill.blocked_for_payment(),
            ["line 1: billed 100 to date, received 80".to_string()]
        );
        let pay = || BillCommand::AllocatePayment {
            payment_id: "p".into(),
            amount: r("100.00"),
            date: day(5),
        };
        assert!(matches!(
            run(&mut bill, pay()),
            Err(FinanceError::BillBlocked(_))
        ));
        let approve = |reason: &str| BillCommand::ApproveMatch {
            reason: reason.into(),
        };
        assert!(matches!(
            run(&mut bill, approve("  ")),
            Err(FinanceError::Invalid(_))
        ));
        run(&mut bill, approve("Short delivery credited")).expect("approved");
        run(&mut bill, pay()).expect("payable now");
        assert_eq!(
            run(&mut bill, approve("again")),
            Err(FinanceError::BillNotBlocked)
        );
    }
}
