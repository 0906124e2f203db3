//! Tests of the statements and the pure fold: a worked example across a financial year
//! end, the VAT return, and the properties — any balanced history gives a balance
//! sheet that balances, whose current-year profit is the income statement's.

use chrono::NaiveDate;
use proptest::prelude::*;

use crate::finance::chart::DEFAULT_CHART;
use crate::finance::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn chart() -> Books {
    let mut books = Books::new();
    for e in DEFAULT_CHART {
        books.apply_account(
            e.code,
            &LedgerAccountEvent::LedgerAccountOpened {
                code: e.code.into(),
                name: e.name.into(),
                account_type: e.account_type,
                cost_type: e.cost_type,
            },
        );
    }
    books
}

fn line(code: &str, side: Side, cents: i64) -> JournalLine {
    JournalLine {
        account_code: code.into(),
        side,
        amount: Rand::cents(cents),
        project_id: None,
        cost_code: None,
        site_id: None,
    }
}

fn posted(date: NaiveDate, lines: Vec<JournalLine>) -> JournalEvent {
    JournalEvent::JournalPosted {
        date,
        period: period_of(date),
        narrative: "test".into(),
        source: JournalSource::Manual,
        lines,
        reverses: None,
    }
}

/// Capital in; February (FY2026) a claim and materials; March (FY2027) labour and an
/// overhead, VAT on both sides.
fn example() -> Books {
    let mut books = chart();
    for event in [
        posted(
            day(2025, 12, 1),
            vec![
                line("1000", Side::Debit, 1_000_000),
                line("3000", Side::Credit, 1_000_000),
            ],
        ),
        posted(
            day(2026, 2, 10),
            vec![
                line("1100", Side::Debit, 1_150_000),
                line("4000", Side::Credit, 1_000_000),
                line("2100", Side::Credit, 150_000),
            ],
        ),
        posted(
            day(2026, 2, 20),
            vec![
                line("5100", Side::Debit, 400_000),
                line("1200", Side::Debit, 60_000),
                line("2000", Side::Credit, 460_000),
            ],
        ),
        posted(
            day(2026, 3, 5),
            vec![
                line("5000", Side::Debit, 200_000),
                line("1000", Side::Credit, 200_000),
            ],
        ),
        posted(
            day(2026, 3, 6),
            vec![
                line("6000", Side::Debit, 50_000),
                line("1200", Side::Debit, 7_500),
                line("1000", Side::Credit, 57_500),
            ],
        ),
    ] {
        books.apply_journal(&event);
    }
    books
}

#[test]
fn the_income_statement_groups_cost_of_sales_by_type() {
    let is = example().income_statement(day(2026, 2, 1), day(2026, 3, 31));
    assert_eq!(is.total_income, Rand::cents(1_000_000));
    assert_eq!(is.total_cost_of_sales, Rand::cents(600_000));
    assert_eq!(is.cost_of_sales_by_type.len(), 4);
    assert_eq!(is.cost_of_sales_by_type[0].amount, Rand::cents(200_000));
    assert_eq!(is.cost_of_sales_by_type[1].amount, Rand::cents(400_000));
    assert_eq!(is.cost_of_sales_by_type[2].amount, Rand::ZERO);
    assert_eq!(is.gross_profit, Rand::cents(400_000));
    assert_eq!(is.total_expenses, Rand::cents(50_000));
    assert_eq!(is.net_profit, Rand::cents(350_000));
    let march = example().income_statement(day(2026, 3, 1), day(2026, 3, 31));
    assert_eq!(march.total_income, Rand::ZERO);
    assert!(march.income.is_empty());
    assert_eq!(march.net_profit, Rand::cents(-250_000));
}

#[test]
fn the_balance_sheet_splits_profit_at_the_year_end_and_balances() {
    let calendar = FinancialCalendar::default();
    let bs = example().balance_sheet(day(2026, 3, 31), calendar);
    assert_eq!(bs.financial_year, 2027);
    assert_eq!(bs.financial_year_start, day(2026, 3, 1));
    assert_eq!(bs.retained_profit_earlier_years, Rand::cents(600_000));
    assert_eq!(bs.current_year_profit, Rand::cents(-250_000));
    // Bank 10 000 − 2 000 − 575 = 7 425; debtors 11 500; VAT input 675.
    assert_eq!(bs.total_assets, Rand::cents(742_500 + 1_150_000 + 67_500));
    assert_eq!(bs.total_liabilities, Rand::cents(460_000 + 150_000));
    assert_eq!(bs.total_equity, Rand::cents(1_000_000 + 600_000 - 250_000));
    assert_eq!(bs.difference, Rand::ZERO);
    assert!(bs.balances);
    let february = example().balance_sheet(day(2026, 2, 28), calendar);
    assert_eq!(february.financial_year, 2026);
    assert_eq!(february.retained_profit_earlier_years, Rand::ZERO);
    assert_eq!(february.current_year_profit, Rand::cents(600_000));
    assert!(february.balances);
}

#[test]
fn the_financial_year_starts_after_the_year_end_month() {
    let june = FinancialCalendar::ending_in(6).expect("month");
    assert_eq!(
        financial_year_start(june, day(2026, 6, 30)),
        day(2025, 7, 1)
    );
    assert_eq!(financial_year_start(june, day(2026, 7, 1)), day(2026, 7, 1));
    let december = FinancialCalendar::ending_in(12).expect("month");
    assert_eq!(
        financial_year_start(december, day(2026, 12, 31)),
        day(2026, 1, 1)
    );
    let february = FinancialCalendar::default();
    assert_eq!(
        financial_year_start(february, day(2027, 2, 28)),
        day(2026, 3, 1)
    );
    assert_eq!(
        financial_year_start(february, day(2026, 1, 15)),
        day(2025, 3, 1)
    );
}

#[test]
fn the_vat_return_nets_output_against_input() {
    let books = example();
    let supplies = [VatSupplies {
        treatment: VatTreatment::Standard,
        value_excl_vat: Rand::cents(1_000_000),
        vat: Rand::cents(150_000),
    }];
    let feb = vat_return(
        day(2026, 2, 1),
        day(2026, 2, 28),
        &books.balances(Some(day(2026, 2, 1)), day(2026, 2, 28)),
        &supplies,
    );
    assert_eq!(feb.output_vat, Rand::cents(150_000));
    assert_eq!(feb.input_vat, Rand::cents(60_000));
    assert_eq!(feb.net_payable, Rand::cents(90_000));
    assert!(!feb.refund_due);
    assert_eq!(feb.supplies.len(), 3);
    assert_eq!(feb.supplies[1].value_excl_vat, Rand::ZERO);
    let march = vat_return(
        day(2026, 3, 1),
        day(2026, 3, 31),
        &books.balances(Some(day(2026, 3, 1)), day(2026, 3, 31)),
        &[],
    );
    assert_eq!(march.net_payable, Rand::cents(-7_500));
    assert!(march.refund_due, "more input than output: a refund");
}

#[test]
fn a_reversal_event_changes_no_balance_by_itself() {
    let mut books = example();
    let before = books.trial_balance(day(2026, 12, 31));
    books.apply_journal(&JournalEvent::JournalReversed {
        reversal_id: "r".into(),
        date: day(2026, 3, 7),
    });
    assert_eq!(books.trial_balance(day(2026, 12, 31)), before);
}

const CODES: [&str; 19] = [
    "1000", "1100", "1150", "1200", "1500", "2000", "2050", "2100", "2200", "2210", "2220", "3000",
    "3100", "4000", "5000", "5100", "5200", "5300", "6000",
];

/// A balanced journal: random debits, one credit line per debit of the same amount,
/// on random accounts and dates across three financial years.
fn journal() -> impl Strategy<Value = JournalEvent> {
    (
        prop::collection::vec((0..CODES.len(), 0..CODES.len(), 1i64..5_000_000), 1..4),
        0i64..(3 * 365),
    )
        .prop_map(|(pairs, offset)| {
            let date = day(2025, 1, 1) + chrono::Days::new(offset as u64);
            let lines = pairs
                .into_iter()
                .flat_map(|(dr, cr, cents)| {
                    [
                        line(CODES[dr], Side::Debit, cents),
                        line(CODES[cr], Side::Credit, cents),
                    ]
                })
                .collect();
            posted(date, lines)
        })
}

proptest! {
    #[test]
    fn any_balanced_history_gives_a_balance_sheet_that_balances(
        journals in prop::collection::vec(journal(), 0..30),
        as_at_offset in 0u64..(3 * 365),
    ) {
        let mut books = chart();
        for j in &journals {
            books.apply_journal(j);
        }
        let as_at = day(2025, 1, 1) + chrono::Days::new(as_at_offset);
        let calendar = FinancialCalendar::default();
        let bs = books.balance_sheet(as_at, calendar);
        prop_assert!(bs.balances, "difference {}", bs.difference);
        let tb = books.trial_balance(as_at);
        let debits: Rand = tb.iter().map(|l| l.1).sum();
        let credits: Rand = tb.iter().map(|l| l.2).sum();
        prop_assert_eq!(debits, credits);
        let is = books.income_statement(bs.financial_year_start, as_at);
        prop_assert_eq!(is.net_profit, bs.current_year_profit);
    }
}

#[test]
fn the_fold_reports_project_costs_and_revenue() {
    let mut books = chart();
    let on = |code: &str, side, cents, project: &str, cost: Option<&str>| JournalLine {
        project_id: Some(project.into()),
        cost_code: cost.map(Into::into),
        ..line(code, side, cents)
    };
    books.apply_journal(&posted(
        day(2026, 3, 10),
        vec![
            on("5100", Side::Debit, 40_000, "PRJ-A", Some("CC-100")),
            on("6000", Side::Debit, 1_000, "PRJ-A", Some("CC-100")),
            on("5300", Side::Debit, 9_000, "PRJ-B", None),
            line("2000", Side::Credit, 50_000),
        ],
    ));
    books.apply_journal(&posted(
        day(2026, 3, 11),
        vec![
            line("1100", Side::Debit, 70_000),
            on("4000", Side::Credit, 70_000, "PRJ-A", None),
        ],
    ));
    let budget = CostFigure {
        project_id: "PRJ-A".into(),
        cost_code: Some("CC-100".into()),
        cost_type: None,
        amount: Rand::cents(50_000),
    };
    let a = books.project_cost_report(day(2026, 3, 31), Some("PRJ-A"), &[budget], &[]);
    assert_eq!(a.lines.len(), 1);
    assert_eq!(a.lines[0].actual, Rand::cents(41_000));
    assert_eq!(
        a.lines[0].actual_by_cost_type[1].amount,
        Rand::cents(40_000)
    );
    assert_eq!(a.lines[0].actual_by_cost_type[4].amount, Rand::cents(1_000));
    assert_eq!(a.lines[0].variance, Rand::cents(9_000));
    assert_eq!(a.revenue, Rand::cents(70_000));
    let all = books.project_cost_report(day(2026, 3, 31), None, &[], &[]);
    assert_eq!(all.lines.len(), 2);
    assert_eq!(all.total_actual, Rand::cents(50_000));
    let before = books.project_cost_report(day(2026, 3, 9), None, &[], &[]);
    assert!(before.lines.is_empty());
}
