//! The PAYE calculator through the gateway with real signed tokens: a payroll officer
//! checks a month's PAYE, UIF and SDL against SARS's table for the pay date's tax year;
//! a pay date whose year has no table is refused with the reason; an employee may not
//! use it.

use constructos_infra::Domain;
use serde_json::json;

use crate::harness::spawn_domains;

const PAYE: &str = "query($d: NaiveDate!, $r: Rand!, $a: Int!, $m: Int! = 0) {
  payeCalculation(payDate: $d, monthlyRemuneration: $r, age: $a, medicalMembers: $m) {
    taxYear tableSource annualEquivalent annualTax medicalCredits paye uifEmployee uifEmployer sdl } }";

#[tokio::test]
async fn a_payroll_officer_checks_a_months_paye_uif_and_sdl() {
    let app = spawn_domains(&[Domain::Identity, Domain::Hr]).await;
    let officer = app.token("payroll-lerato", &["Payroll_Officer"]);
    let r = app
        .graphql(
            &officer,
            PAYE,
            json!({ "d": "2025-11-25", "r": "30000", "a": 40, "m": 3 }),
        )
        .await;
    let answer = r.data()["payeCalculation"].clone();
    assert_eq!(answer["taxYear"], 2026);
    assert!(answer["tableSource"]
        .as_str()
        .unwrap_or_default()
        .contains("sars.gov.za"));
    assert_eq!(answer["annualEquivalent"], "360000.00");
    assert_eq!(answer["annualTax"], "57397.00");
    assert_eq!(answer["medicalCredits"], "974.00");
    assert_eq!(answer["paye"], "3809.08");
    assert_eq!(answer["uifEmployee"], "177.12");
    assert_eq!(answer["uifEmployer"], "177.12");
    assert_eq!(answer["sdl"], "300.00");

    let r = app
        .graphql(
            &officer,
            PAYE,
            json!({ "d": "2019-06-25", "r": "30000", "a": 40 }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("no SARS tax table for the 2020 tax year"),
        "{}",
        r.body
    );
    let r = app
        .graphql(
            &officer,
            PAYE,
            json!({ "d": "2025-11-25", "r": "30000", "a": -1 }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);

    let employee = app.token("emp-sipho", &["Employee"]);
    let r = app
        .graphql(
            &employee,
            PAYE,
            json!({ "d": "2025-11-25", "r": "30000", "a": 40 }),
        )
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
}

#[tokio::test]
async fn anyone_signed_in_sees_the_public_holidays_with_observed_mondays() {
    let app = spawn_domains(&[Domain::Identity, Domain::Hr]).await;
    let employee = app.token("emp-sipho", &["Employee"]);
    let r = app
        .graphql(
            &employee,
            "{ publicHolidays(year: 2026) { date name observed } }",
            json!({}),
        )
        .await;
    let days = r.data()["publicHolidays"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(days.len(), 13);
    assert!(days.contains(&json!({ "date": "2026-08-10", "name": "National Women's Day (observed)", "observed": true })));
    assert!(
        days.contains(&json!({ "date": "2026-04-03", "name": "Good Friday", "observed": false }))
    );
    let r = app
        .graphql(
            &employee,
            "{ publicHolidays(year: 1900) { date } }",
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
}
