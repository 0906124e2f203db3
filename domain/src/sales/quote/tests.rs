use super::*;
use crate::finance::VatTreatment;
use chrono::NaiveDate;
use rust_decimal_macros::dec;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).expect("a date")
}

fn cement(quantity: Decimal, discount: Decimal) -> QuoteLine {
    QuoteLine {
        product: Some("CEM-425-50KG".into()),
        description: "Cement 42.5N".into(),
        quantity,
        unit_price: dec!(119.00),
        discount_percent: discount,
        vat: VatTreatment::Standard,
        stock: LineStock::Available {
            available: dec!(600),
        },
    }
}

fn terms(lines: Vec<QuoteLine>) -> QuoteTerms {
    QuoteTerms {
        valid_until: day(31),
        location: Some("WH-JHB".into()),
        lines,
    }
}

fn draft(lines: Vec<QuoteLine>, limit: Decimal) -> QuoteCommand {
    QuoteCommand::DraftQuote {
        opportunity_id: "opp-1".into(),
        terms: terms(lines),
        today: day(2),
        discount_limit: limit,
    }
}

fn run(quote: &mut Quote, command: QuoteCommand) -> Result<QuoteEvent, SalesError> {
    let event = quote.decide(command)?;
    quote.apply(event.clone());
    Ok(event)
}

#[test]
fn lines_are_discounted_then_taxed_to_the_cent() {
    let labour = QuoteLine {
        product: None,
        description: "Site labour, day rate".into(),
        quantity: dec!(2.5),
        unit_price: dec!(1850.00),
        discount_percent: dec!(0),
        vat: VatTreatment::Standard,
        stock: LineStock::NotChecked,
    };
    let QuoteEvent::QuoteDrafted {
        lines,
        totals,
        version,
        ..
    } = Quote::default()
        .decide(draft(vec![cement(dec!(40), dec!(7.5)), labour], dec!(10)))
        .expect("drafted")
    else {
        panic!("not a draft");
    };
    assert_eq!(version, 1);
    // 40 × 119 = 4,760.00 less 7.5% = 4,403.00, VAT 660.45; 2.5 × 1,850 = 4,625.00, VAT 693.75.
    assert_eq!(
        (lines[0].net.to_string(), lines[0].vat.to_string()),
        ("4403.00".into(), "660.45".into())
    );
    assert_eq!(lines[1].vat.to_string(), "693.75");
    assert_eq!(
        (
            totals.net.to_string(),
            totals.vat.to_string(),
            totals.total.to_string()
        ),
        ("9028.00".into(), "1354.20".into(), "10382.20".into())
    );
}

#[test]
fn a_discount_above_the_callers_limit_is_refused_by_line() {
    assert_eq!(
        Quote::default().decide(draft(
            vec![cement(dec!(1), dec!(0)), cement(dec!(1), dec!(12))],
            dec!(10)
        )),
        Err(SalesError::DiscountAboveLimit {
            line: 2,
            discount: dec!(12),
            limit: dec!(10)
        })
    );
    assert!(Quote::default()
        .decide(draft(vec![cement(dec!(1), dec!(12))], dec!(25)))
        .is_ok());
    assert_eq!(discount_limit(&[Role::SalesRep]), dec!(10));
    assert_eq!(
        discount_limit(&[Role::SalesRep, Role::SalesManager]),
        dec!(25)
    );
    assert_eq!(discount_limit(&[Role::FinanceUser]), dec!(0));
}

#[test]
fn versions_count_up_and_an_accepted_quote_is_final() {
    let mut quote = Quote::default();
    run(&mut quote, draft(vec![cement(dec!(10), dec!(0))], dec!(10))).expect("drafted");
    let revised = run(
        &mut quote,
        QuoteCommand::ReviseQuote {
            terms: terms(vec![cement(dec!(12), dec!(5))]),
            today: day(3),
            discount_limit: dec!(10),
        },
    )
    .expect("revised");
    assert!(matches!(
        revised,
        QuoteEvent::QuoteRevised { version: 2, .. }
    ));
    assert_eq!(
        quote.decide(QuoteCommand::AcceptQuote {
            today: NaiveDate::from_ymd_opt(2027, 1, 1).expect("date")
        }),
        Err(SalesError::QuoteExpired(day(31)))
    );
    assert_eq!(
        run(&mut quote, QuoteCommand::AcceptQuote { today: day(4) }),
        Ok(QuoteEvent::QuoteAccepted { version: 2 })
    );
    assert_eq!(
        quote.decide(QuoteCommand::AcceptQuote { today: day(4) }),
        Err(SalesError::QuoteAccepted(2))
    );
    assert!(quote
        .decide(draft(vec![cement(dec!(1), dec!(0))], dec!(10)))
        .is_err());
}

#[test]
fn bad_lines_and_dates_are_named() {
    assert_eq!(
        Quote::default().decide(draft(vec![], dec!(10))),
        Err(SalesError::LineCount(0))
    );
    assert!(matches!(
        Quote::default().decide(draft(vec![cement(dec!(0.0001), dec!(0))], dec!(10))),
        Err(SalesError::InvalidLine(1, _))
    ));
    let mut past = draft(vec![cement(dec!(1), dec!(0))], dec!(10));
    if let QuoteCommand::DraftQuote { today, .. } = &mut past {
        *today = NaiveDate::from_ymd_opt(2027, 2, 1).expect("date");
    }
    assert_eq!(
        Quote::default().decide(past),
        Err(SalesError::ValidityInThePast(day(31)))
    );
    assert_eq!(
        Quote::default().decide(QuoteCommand::AcceptQuote { today: day(1) }),
        Err(SalesError::QuoteNotFound)
    );
}
