//! Finance's commands against bad input (issue 9, findings 5 and 8): dates outside the
//! business calendar, unbounded text, control characters and bidirectional overrides
//! are refused naming the field; a reversal cannot predate its journal. And the
//! properties: any text or any date in each field gives either a valid value or a
//! refusal naming that field — never a panic.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{Datelike, NaiveDate};
use cqrs_es::test::TestFramework;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::values::{business_date_range, Narrative};

struct OpenLedger;

#[async_trait]
impl Ledger for OpenLedger {
    async fn account_status(&self, _code: &str) -> Result<Option<AccountStatus>, String> {
        Ok(Some(AccountStatus::Open))
    }

    async fn period_closed(&self, _period: &str) -> Result<bool, String> {
        Ok(false)
    }
}

fn services() -> JournalServices {
    JournalServices::new(Arc::new(OpenLedger))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn journal_line(side: Side) -> JournalLine {
    JournalLine {
        account_code: "1000".into(),
        side,
        amount: Rand::cents(100),
        project_id: None,
        cost_code: None,
        site_id: None,
    }
}

fn post(date: NaiveDate, narrative: &str, first: JournalLine) -> JournalCommand {
    JournalCommand::PostJournal {
        date,
        narrative: narrative.into(),
        source: JournalSource::Manual,
        lines: vec![first, journal_line(Side::Credit)],
        reverses: None,
    }
}

fn post_journal(command: JournalCommand) -> Result<Vec<JournalEvent>, FinanceError> {
    TestFramework::<Journal>::with(services())
        .given_no_previous_events()
        .when(command)
        .inspect_result()
}

/// The field a refusal names, when it is a value refusal.
fn field_of(error: &FinanceError) -> Option<&str> {
    match error {
        FinanceError::Invalid(v) => Some(v.field.as_str()),
        _ => None,
    }
}

#[test]
fn journals_outside_the_business_calendar_are_refused_by_name() {
    for date in [
        day(0, 1, 1),
        day(-1, 1, 1),
        day(10000, 1, 1),
        day(1899, 12, 31),
    ] {
        let refused = post_journal(post(date, "Opening", journal_line(Side::Debit)))
            .expect_err("outside the calendar");
        assert_eq!(field_of(&refused), Some("date"), "{date}: {refused}");
        assert!(refused
            .to_string()
            .contains("outside the business calendar"));
    }
    assert!(post_journal(post(day(1900, 1, 1), "Opening", journal_line(Side::Debit))).is_ok());
}

#[test]
fn unbounded_or_lying_text_is_refused_by_name() {
    let long = "x".repeat(9 * 1024);
    let with = |f: fn(&mut JournalLine, String), value: &str| {
        let mut line = journal_line(Side::Debit);
        f(&mut line, value.to_string());
        post(day(2026, 3, 1), "Cement", line)
    };
    let cases = [
        (
            post(day(2026, 3, 1), &long, journal_line(Side::Debit)),
            "narrative",
        ),
        (
            post(day(2026, 3, 1), "a\u{202E}b", journal_line(Side::Debit)),
            "narrative",
        ),
        (
            post(day(2026, 3, 1), "a\u{1b}[2Jb", journal_line(Side::Debit)),
            "narrative",
        ),
        (
            post(day(2026, 3, 1), "a\0b", journal_line(Side::Debit)),
            "narrative",
        ),
        (
            with(|l, v| l.cost_code = Some(v), &long),
            "lines[0].costCode",
        ),
        (
            with(|l, v| l.cost_code = Some(v), "03\n100"),
            "lines[0].costCode",
        ),
        (
            with(|l, v| l.site_id = Some(v), "SITE\u{7}"),
            "lines[0].siteId",
        ),
        (
            with(|l, v| l.project_id = Some(v), "PRJ 1"),
            "lines[0].projectId",
        ),
    ];
    for (command, field) in cases {
        let refused = post_journal(command).expect_err("refused");
        assert_eq!(field_of(&refused), Some(field), "{refused}");
    }
}

#[test]
fn a_reversal_dated_before_its_journal_is_refused() {
    let posted = JournalEvent::JournalPosted {
        date: day(2026, 3, 10),
        period: "2026-03".into(),
        narrative: "Cement".into(),
        source: JournalSource::Manual,
        lines: vec![journal_line(Side::Debit), journal_line(Side::Credit)],
        reverses: None,
    };
    let reverse = |date| JournalCommand::ReverseJournal {
        reversal_id: "r-1".into(),
        date,
    };
    TestFramework::<Journal>::with(services())
        .given(vec![posted.clone()])
        .when(reverse(day(2026, 3, 9)))
        .then_expect_error_message(
            "dated 2026-03-09, before the date of the journal it reverses 2026-03-10",
        );
    TestFramework::<Journal>::with(services())
        .given(vec![posted.clone()])
        .when(reverse(day(10000, 1, 1)))
        .then_expect_error_message(
            "date: +10000-01-01 is outside the business calendar (1900-01-01 to 2199-12-31)",
        );
    TestFramework::<Journal>::with(services())
        .given(vec![posted])
        .when(reverse(day(2026, 3, 10)))
        .then_expect_events(vec![JournalEvent::JournalReversed {
            reversal_id: "r-1".into(),
            date: day(2026, 3, 10),
        }]);
}

#[test]
fn a_reversal_copies_lines_posted_before_the_rules() {
    // A journal stored before the rules, with a cost code the rules now refuse, can still
    // be reversed: the reversing journal's lines are copies, not new input.
    let mut old = journal_line(Side::Debit);
    old.cost_code = Some("x".repeat(9 * 1024));
    let command = JournalCommand::PostJournal {
        date: day(2026, 3, 10),
        narrative: "Reversal of: Cement".into(),
        source: JournalSource::Manual,
        lines: vec![old, journal_line(Side::Credit)],
        reverses: Some("j-1".into()),
    };
    assert!(post_journal(command).is_ok());
}

fn invoice_line(description: &str, cost_code: Option<String>) -> InvoiceLineInput {
    InvoiceLineInput {
        description: description.into(),
        quantity: Decimal::ONE,
        unit_price: Rand::cents(10_000),
        vat_treatment: VatTreatment::Standard,
        project_id: None,
        cost_code,
    }
}

fn raise(date: NaiveDate, lines: Vec<InvoiceLineInput>) -> Result<Vec<InvoiceEvent>, FinanceError> {
    TestFramework::<Invoice>::with(())
        .given_no_previous_events()
        .when(InvoiceCommand::RaiseInvoice {
            customer: Customer {
                account_id: "acc-1".into(),
                name: "Msunduzi Developments".into(),
                vat_number: None,
                address: None,
            },
            supplier: Supplier::default(),
            date,
            lines,
            retention_percent: None,
            retention_amount: None,
        })
        .inspect_result()
}

#[test]
fn invoice_lines_and_dates_are_checked_by_name() {
    let long = "x".repeat(9 * 1024);
    let cases = [
        (
            raise(day(0, 1, 1), vec![invoice_line("Slab", None)]),
            "date",
        ),
        (
            raise(day(2026, 3, 1), vec![invoice_line(&long, None)]),
            "lines[0].description",
        ),
        (
            raise(
                day(2026, 3, 1),
                vec![
                    invoice_line("Slab", None),
                    invoice_line("Roof", Some(long.clone())),
                ],
            ),
            "lines[1].costCode",
        ),
    ];
    for (result, field) in cases {
        let refused = result.expect_err("refused");
        assert_eq!(field_of(&refused), Some(field), "{refused}");
    }
}

#[test]
fn an_overflowing_line_says_which_and_why() {
    let mut line = invoice_line("Slab", None);
    line.quantity = Decimal::from(1_000_000_000i64);
    line.unit_price = Rand::LARGEST;
    let refused = raise(day(2026, 3, 1), vec![line]).expect_err("too large");
    assert_eq!(
        refused.to_string(),
        "lines[0]: quantity × unit price comes to more than the largest amount accepted (999999999999999.99)"
    );
    // Each line fits, the total does not: refused before a read model could choke on it.
    let mut big = invoice_line("Slab", None);
    big.unit_price = Rand::LARGEST;
    let refused = raise(day(2026, 3, 1), vec![big.clone(), big]).expect_err("too large");
    assert!(
        refused.to_string().starts_with("the total incl. VAT"),
        "{refused}"
    );
}

#[test]
fn bills_payments_credit_notes_banks_and_budgets_check_their_text() {
    let long = "x".repeat(9 * 1024);
    let bill = TestFramework::<Bill>::with(())
        .given_no_previous_events()
        .when(BillCommand::RecordBill {
            supplier: BillSupplier {
                account_id: "sup-1".into(),
                name: "Umgeni Formwork".into(),
                vat_number: None,
                address: None,
            },
            supplier_reference: long.clone(),
            date: day(2026, 3, 1),
            lines: vec![],
            retention_percent: None,
            retention_amount: None,
            journal_id: "j".into(),
            purchase_order_id: None,
            matching: Vec::new(),
        })
        .inspect_result()
        .expect_err("refused");
    assert_eq!(field_of(&bill), Some("supplierReference"), "{bill}");

    let payment = TestFramework::<Payment>::with(())
        .given_no_previous_events()
        .when(PaymentCommand::RecordPayment {
            direction: PaymentDirection::Received,
            counterparty_id: "acc-1".into(),
            counterparty_name: "Msunduzi".into(),
            date: day(2026, 3, 1),
            amount: Rand::cents(100),
            reference: "EFT\u{202E}1".into(),
            journal_id: "j".into(),
        })
        .inspect_result()
        .expect_err("refused");
    assert_eq!(field_of(&payment), Some("reference"), "{payment}");

    let budget = TestFramework::<Budget>::with(())
        .given_no_previous_events()
        .when(BudgetCommand::SetBudget {
            project_id: "PRJ-1".into(),
            cost_code: long.clone(),
            period: "2026-03".into(),
            amount: Rand::cents(100),
        })
        .inspect_result()
        .expect_err("refused");
    assert_eq!(field_of(&budget), Some("costCode"), "{budget}");

    let budget_period = TestFramework::<Budget>::with(())
        .given_no_previous_events()
        .when(BudgetCommand::SetBudget {
            project_id: "PRJ-1".into(),
            cost_code: "03-100".into(),
            period: "0000-01".into(),
            amount: Rand::cents(100),
        })
        .inspect_result()
        .expect_err("refused");
    assert!(matches!(
        budget_period,
        FinanceError::PeriodOutsideCalendar { .. }
    ));

    let import = TestFramework::<BankAccount>::with(())
        .given_no_previous_events()
        .when(BankCommand::ImportStatement {
            statement_id: "s".into(),
            file_name: "may\u{202E}vsc.exe".into(),
            lines: vec![BankLine {
                id: "l".into(),
                date: day(2026, 3, 1),
                description: "Deposit".into(),
                amount: Rand::cents(100),
                reference: String::new(),
            }],
        })
        .inspect_result()
        .expect_err("refused");
    assert_eq!(field_of(&import), Some("fileName"), "{import}");

    let credit = TestFramework::<CreditNote>::with(())
        .given_no_previous_events()
        .when(CreditNoteCommand::IssueCreditNote {
            invoice_id: "i".into(),
            invoice_number: "INV-000001".into(),
            number: "CN-000001".into(),
            customer: Customer::default(),
            supplier: Supplier::default(),
            date: day(2026, 3, 1),
            reason: long,
            lines: vec![invoice_line("Slab", None)],
            journal_id: "j".into(),
        })
        .inspect_result()
        .expect_err("refused");
    assert_eq!(field_of(&credit), Some("reason"), "{credit}");
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
        .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).expect("in chrono's range"))
}

proptest! {
    /// Any narrative, dimensions and date: a journal whose every field is a valid value,
    /// or a refusal naming one of those fields — never a panic.
    #[test]
    fn any_journal_input_is_posted_clean_or_refused_by_name(
        date in any_date(),
        narrative in any::<String>(),
        cost_code in proptest::option::of(any::<String>()),
        site_id in proptest::option::of(any::<String>()),
        project_id in proptest::option::of(any::<String>()),
    ) {
        let mut first = journal_line(Side::Debit);
        first.cost_code = cost_code;
        first.site_id = site_id;
        first.project_id = project_id;
        match post_journal(post(date, &narrative, first)) {
            Ok(events) => {
                let JournalEvent::JournalPosted { date, period, narrative, lines, .. } = &events[0] else {
                    return Err(TestCaseError::fail("not a posting"));
                };
                prop_assert!(business_date_range().contains(*date));
                prop_assert_eq!(period, &period_of(*date));
                prop_assert!(Narrative::parse("narrative", narrative).is_ok());
                for text in lines.iter().flat_map(|l| [&l.cost_code, &l.site_id, &l.project_id]).flatten() {
                    prop_assert!(crate::values::Code::parse("x", text).is_ok() || crate::values::Identifier::parse("x", text).is_ok());
                }
            }
            Err(e) => {
                let field = field_of(&e);
                prop_assert!(
                    matches!(field, Some("date" | "narrative" | "lines[0].costCode" | "lines[0].siteId" | "lines[0].projectId")),
                    "{}", e
                );
            }
        }
    }

    /// Any line description and cost code and any date on an invoice: raised clean, or
    /// refused naming the field.
    #[test]
    fn any_invoice_input_is_raised_clean_or_refused_by_name(
        date in any_date(),
        description in any::<String>(),
        cost_code in proptest::option::of(any::<String>()),
    ) {
        match raise(date, vec![invoice_line(&description, cost_code)]) {
            Ok(_) => prop_assert!(business_date_range().contains(date)),
            Err(e) => prop_assert!(
                matches!(field_of(&e), Some("date" | "lines[0].description" | "lines[0].costCode")),
                "{}", e
            ),
        }
    }

    /// Any date a settlement is dated: inside the calendar and not before the document,
    /// or refused.
    #[test]
    fn any_settlement_date_is_checked(date in any_date()) {
        let document_date = day(2026, 3, 1);
        match check_not_before(date, document_date) {
            Ok(()) => prop_assert!(business_date_range().contains(date) && date >= document_date),
            Err(FinanceError::Invalid(v)) => prop_assert_eq!(v.field, "date"),
            Err(FinanceError::DatedBeforeDocument { .. }) => prop_assert!(date < document_date),
            Err(other) => prop_assert!(false, "unexpected {}", other),
        }
    }

    /// Any reason to reopen a period: kept trimmed, or refused naming `reason`.
    #[test]
    fn any_reopening_reason_is_a_reason_or_refused(reason in any::<String>()) {
        let result = TestFramework::<Period>::with(())
            .given(vec![PeriodEvent::PeriodClosed { financial_year: 2027, period_number: 1 }])
            .when(PeriodCommand::ReopenPeriod { reason: reason.clone() })
            .inspect_result();
        match result {
            Ok(events) => prop_assert_eq!(events, vec![PeriodEvent::PeriodReopened { reason: reason.trim().to_string() }]),
            Err(e) => prop_assert!(matches!(field_of(&e), Some("reason")), "{}", e),
        }
    }

    /// Any account name: opened with it trimmed, or refused naming `name`.
    #[test]
    fn any_account_name_is_a_name_or_refused(name in any::<String>()) {
        let result = TestFramework::<LedgerAccount>::with(())
            .given_no_previous_events()
            .when(LedgerAccountCommand::OpenLedgerAccount {
                code: "1000".into(),
                name: name.clone(),
                account_type: AccountType::Asset,
                cost_type: None,
            })
            .inspect_result();
        match result {
            Ok(events) => {
                let opened_as = match &events[0] {
                    LedgerAccountEvent::LedgerAccountOpened { name, .. } => Some(name.clone()),
                    _ => None,
                };
                prop_assert_eq!(opened_as.as_deref(), Some(name.trim()));
            }
            Err(e) => prop_assert!(matches!(field_of(&e), Some("name")), "{}", e),
        }
    }
}

#[test]
fn the_calendar_years_are_what_the_tests_assume() {
    let range = business_date_range();
    assert_eq!((range.earliest.year(), range.latest.year()), (1900, 2199));
}
