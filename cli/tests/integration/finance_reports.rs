//! The financial reports and budgets end to end: each report through the gateway with
//! real tokens on a worked example (who may read, who may set budgets), and the
//! property the issue asks for — every report as at a past date equals what a replay of
//! the events up to that date gives, on random histories.

use chrono::{Days, NaiveDate};
use constructos_domain::finance::{
    vat_return, Books, FinancialCalendar, JournalEvent, LedgerAccountEvent, Rand,
    JOURNAL_AGGREGATE, LEDGER_ACCOUNT_AGGREGATE,
};
use constructos_projections::finance::{FinanceQueries, FinanceReports};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config as ProptestConfig, TestRunner};
use serde_json::{json, Value};
use sqlx::{PgPool, Row};

use crate::finance::{post, seeded, trial_balance};
use crate::harness::{eventually, spawn_app, TestApp};

fn line(code: &str, side: &str, amount: &str, project: Option<&str>, cost: Option<&str>) -> Value {
    json!({ "accountCode": code, "side": side, "amount": amount, "projectId": project, "costCode": cost })
}

const SET_BUDGET: &str = "mutation($input: SetBudgetInput!) { setBudget(input: $input) { id } }";

async fn set_budget(
    app: &TestApp,
    token: &str,
    cost_code: &str,
    period: &str,
    amount: &str,
) -> Value {
    let input =
        json!({ "projectId": "PRJ-A", "costCode": cost_code, "period": period, "amount": amount });
    app.graphql(token, SET_BUDGET, json!({ "input": input }))
        .await
        .body
}

const INCOME: &str = "query($f: NaiveDate!, $t: NaiveDate!) { incomeStatement(from: $f, to: $t) {
    totalIncome totalCostOfSales grossProfit totalExpenses netProfit
    costOfSalesByType { costType amount } income { code amount } expenses { code name amount } } }";
const BALANCE: &str = "query($d: NaiveDate!) { balanceSheet(asAt: $d) {
    financialYear financialYearStart totalAssets totalLiabilities totalEquity
    retainedProfitEarlierYears currentYearProfit totalLiabilitiesAndEquity difference balances
    assets { code amount } equity { code amount } } }";
const VAT: &str = "query($f: NaiveDate!, $t: NaiveDate!) { vatReturn(from: $f, to: $t) {
    outputVat inputVat netPayable refundDue supplies { treatment valueExclVat vat } } }";
const COSTS: &str = "query($d: NaiveDate!) { projectCostReport(asAt: $d, projectId: \"PRJ-A\") {
    totalBudget totalActual totalCommitted totalVariance revenue
    lines { costCode budget actual committed variance actualByCostType { costType amount } } } }";

#[tokio::test]
async fn finance_reports_through_the_gateway_and_who_may_read_them() {
    let app = spawn_app().await;
    seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let manager = app.token("mandla", &["Finance_Manager"]);
    let auditor = app.token("anele", &["Auditor"]);
    let site = app.token("sipho", &["Site_Manager"]);
    // February (FY2026): capital, and materials on credit for PRJ-A. March (FY2027):
    // labour for PRJ-A, an overhead, and a tax invoice to the customer.
    let a = Some("PRJ-A");
    post(
        &app,
        &user,
        "2026-02-15",
        "Share capital",
        vec![
            line("1000", "DEBIT", "100000.00", None, None),
            line("3000", "CREDIT", "100000.00", None, None),
        ],
    )
    .await;
    post(
        &app,
        &user,
        "2026-02-20",
        "Highveld Cement 4411",
        vec![
            line("5100", "DEBIT", "20000.00", a, Some("CC-100")),
            line("1200", "DEBIT", "3000.00", None, None),
            line("2000", "CREDIT", "23000.00", None, None),
        ],
    )
    .await;
    post(
        &app,
        &user,
        "2026-03-10",
        "Wages, shuttering gang",
        vec![
            line("5000", "DEBIT", "8000.00", a, Some("CC-200")),
            line("1000", "CREDIT", "8000.00", None, None),
        ],
    )
    .await;
    post(
        &app,
        &user,
        "2026-03-12",
        "Office rent",
        vec![
            line("6000", "DEBIT", "1000.00", None, None),
            line("1200", "DEBIT", "150.00", None, None),
            line("1000", "CREDIT", "1150.00", None, None),
        ],
    )
    .await;
    let invoice = json!({
        "customer": { "accountId": "acc-msunduzi", "name": "Msunduzi Developments (Pty) Ltd" },
        "date": "2026-03-14",
        "lines": [
            { "description": "Progress claim 1", "quantity": "1", "unitPrice": "50000.00", "vatTreatment": "STANDARD", "projectId": "PRJ-A" },
            { "description": "Export crating", "quantity": "1", "unitPrice": "2000.00", "vatTreatment": "ZERO_RATED", "projectId": "PRJ-A" }
        ]
    });
    let r = app
        .graphql(
            &user,
            "mutation($input: RaiseInvoiceInput!) { raiseInvoice(input: $input) { id } }",
            json!({ "input": invoice }),
        )
        .await;
    r.data();
    trial_balance(&app, &user, "2026-12-31", 5).await;
    eventually("the invoice is issued in the read model", || async {
        let r = app
            .graphql(&user, "{ invoices { status } }", json!({}))
            .await;
        (r.data()["invoices"][0]["status"] == "ISSUED").then_some(())
    })
    .await;

    // Income statements: March alone, and February to March.
    let r = app
        .graphql(
            &auditor,
            INCOME,
            json!({ "f": "2026-03-01", "t": "2026-03-31" }),
        )
        .await;
    let march = &r.data()["incomeStatement"];
    assert_eq!(march["totalIncome"], "52000.00");
    assert_eq!(march["totalCostOfSales"], "8000.00");
    assert_eq!(march["grossProfit"], "44000.00");
    assert_eq!(march["totalExpenses"], "1000.00");
    assert_eq!(march["netProfit"], "43000.00");
    assert_eq!(march["expenses"][0]["code"], "6000");
    let r = app
        .graphql(
            &user,
            INCOME,
            json!({ "f": "2026-02-01", "t": "2026-03-31" }),
        )
        .await;
    let both = &r.data()["incomeStatement"];
    assert_eq!(both["netProfit"], "23000.00");
    assert_eq!(
        both["costOfSalesByType"],
        json!([
            { "costType": "LABOUR", "amount": "8000.00" },
            { "costType": "MATERIALS", "amount": "20000.00" },
            { "costType": "PLANT", "amount": "0.00" },
            { "costType": "SUBCONTRACTORS", "amount": "0.00" }
        ])
    );

    // Balance sheets either side of the February year end.
    let r = app
        .graphql(&auditor, BALANCE, json!({ "d": "2026-03-31" }))
        .await;
    let bs = &r.data()["balanceSheet"];
    assert_eq!(bs["financialYear"], 2027);
    assert_eq!(bs["financialYearStart"], "2026-03-01");
    assert_eq!(bs["totalAssets"], "153500.00");
    assert_eq!(bs["totalLiabilities"], "30500.00");
    assert_eq!(bs["retainedProfitEarlierYears"], "-20000.00");
    assert_eq!(bs["currentYearProfit"], "43000.00");
    assert_eq!(bs["totalEquity"], "123000.00");
    assert_eq!(bs["totalLiabilitiesAndEquity"], "153500.00");
    assert_eq!(bs["difference"], "0.00");
    assert_eq!(bs["balances"], true);
    let r = app
        .graphql(&user, BALANCE, json!({ "d": "2026-02-28" }))
        .await;
    let feb = &r.data()["balanceSheet"];
    assert_eq!(feb["financialYear"], 2026);
    assert_eq!(feb["retainedProfitEarlierYears"], "0.00");
    assert_eq!(feb["currentYearProfit"], "-20000.00");
    assert_eq!(feb["totalAssets"], "103000.00");
    assert_eq!(feb["balances"], true);

    // VAT: March is payable, January–February a refund.
    let r = app
        .graphql(&user, VAT, json!({ "f": "2026-03-01", "t": "2026-03-31" }))
        .await;
    let vat = &r.data()["vatReturn"];
    assert_eq!(vat["outputVat"], "7500.00");
    assert_eq!(vat["inputVat"], "150.00");
    assert_eq!(vat["netPayable"], "7350.00");
    assert_eq!(vat["refundDue"], false);
    assert_eq!(
        vat["supplies"],
        json!([
            { "treatment": "STANDARD", "valueExclVat": "50000.00", "vat": "7500.00" },
            { "treatment": "ZERO_RATED", "valueExclVat": "2000.00", "vat": "0.00" },
            { "treatment": "EXEMPT", "valueExclVat": "0.00", "vat": "0.00" }
        ])
    );
    let r = app
        .graphql(&user, VAT, json!({ "f": "2026-01-01", "t": "2026-02-28" }))
        .await;
    assert_eq!(r.data()["vatReturn"]["netPayable"], "-3000.00");
    assert_eq!(r.data()["vatReturn"]["refundDue"], true);
    let r = app
        .graphql(&user, VAT, json!({ "f": "2026-03-31", "t": "2026-03-01" }))
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);

    // Budgets: a finance manager sets them; a finance user may not; bad input refused.
    for (code, period, amount) in [
        ("CC-100", "2026-02", "15000.00"),
        ("CC-100", "2026-03", "10000.00"),
        ("CC-200", "2026-03", "5000.00"),
        ("CC-200", "2026-04", "9999.00"),
        ("CC-100", "2026-03", "12000.00"),
    ] {
        let body = set_budget(&app, &manager, code, period, amount).await;
        assert_eq!(body["data"]["setBudget"]["id"], "PRJ-A", "{body}");
    }
    let body = set_budget(&app, &user, "CC-100", "2026-03", "1.00").await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
    for (period, amount) in [("2026-03", "-1.00"), ("2026-13", "1.00"), ("March", "1.00")] {
        let body = set_budget(&app, &manager, "CC-100", period, amount).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{body}"
        );
    }
    let budgets = eventually("the budgets reach the read model", || async {
        let r = app
            .graphql(
                &auditor,
                "{ budgets(projectId: \"PRJ-A\") { costCode period amount updatedBy } }",
                json!({}),
            )
            .await;
        let rows = r.data()["budgets"].clone();
        (rows.as_array().map(Vec::len) == Some(4) && rows[1]["amount"] == "12000.00")
            .then_some(rows)
    })
    .await;
    assert_eq!(
        budgets[0],
        json!({ "costCode": "CC-100", "period": "2026-02", "amount": "15000.00", "updatedBy": "mandla" })
    );
    // The revision kept the amount it replaced, in the event.
    let previous: String = sqlx::query_scalar(
        "SELECT payload::jsonb #>> '{BudgetSet,previous}' FROM events
          WHERE aggregate_type = 'finance.budget' AND aggregate_id = 'PRJ-A' ORDER BY sequence DESC LIMIT 1",
    )
    .fetch_one(&app.env.finance)
    .await
    .expect("the last BudgetSet");
    assert_eq!(previous, "10000.00");

    // Committed comes from purchase orders later; a row as they will write it.
    sqlx::query(
        "INSERT INTO read_model.commitments
             (source_id, line_no, project_id, cost_code, commitment_date, amount, description)
         VALUES ('PO-TEST-1', 1, 'PRJ-A', 'CC-200', '2026-03-20', 1500.00, 'Formwork hire')",
    )
    .execute(&app.env.finance)
    .await
    .expect("a commitment");
    let r = app
        .graphql(&user, COSTS, json!({ "d": "2026-03-31" }))
        .await;
    let costs = &r.data()["projectCostReport"];
    assert_eq!(costs["revenue"], "52000.00");
    assert_eq!(costs["lines"][0]["costCode"], "CC-100");
    assert_eq!(
        costs["lines"][0]["budget"], "27000.00",
        "periods up to March only"
    );
    assert_eq!(costs["lines"][0]["actual"], "20000.00");
    assert_eq!(
        costs["lines"][0]["actualByCostType"][1],
        json!({ "costType": "MATERIALS", "amount": "20000.00" })
    );
    assert_eq!(costs["lines"][0]["variance"], "7000.00");
    assert_eq!(costs["lines"][1]["costCode"], "CC-200");
    assert_eq!(costs["lines"][1]["committed"], "1500.00");
    assert_eq!(costs["lines"][1]["variance"], "-4500.00");
    assert_eq!(costs["totalBudget"], "32000.00");
    assert_eq!(costs["totalActual"], "28000.00");
    assert_eq!(costs["totalCommitted"], "1500.00");
    assert_eq!(costs["totalVariance"], "2500.00");
    let r = app
        .graphql(&user, COSTS, json!({ "d": "2026-02-28" }))
        .await;
    let feb = &r.data()["projectCostReport"];
    assert_eq!(feb["lines"].as_array().map(Vec::len), Some(1), "{feb}");
    assert_eq!(feb["lines"][0]["variance"], "-5000.00");
    assert_eq!(feb["revenue"], "0.00");

    // A site manager reads none of it and sets no budget.
    for (query, vars) in [
        (INCOME, json!({ "f": "2026-03-01", "t": "2026-03-31" })),
        (BALANCE, json!({ "d": "2026-03-31" })),
        (VAT, json!({ "f": "2026-03-01", "t": "2026-03-31" })),
        (COSTS, json!({ "d": "2026-03-31" })),
        ("{ budgets { amount } }", json!({})),
    ] {
        let r = app.graphql(&site, query, vars).await;
        assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
    }
    let body = set_budget(&app, &site, "CC-100", "2026-03", "1.00").await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
    app.stop().await;
}

/// The seeded chart's codes, for random journals.
const CODES: [&str; 19] = [
    "1000", "1100", "1150", "1200", "1500", "2000", "2050", "2100", "2200", "2210", "2220", "3000",
    "3100", "4000", "5000", "5100", "5200", "5300", "6000",
];
const FIRST_DAY: (i32, u32, u32) = (2025, 1, 1);
/// Three years: across the February year ends of 2025, 2026 and 2027.
const SPAN_DAYS: u64 = 3 * 365;

fn day(offset: u64) -> NaiveDate {
    let (y, m, d) = FIRST_DAY;
    NaiveDate::from_ymd_opt(y, m, d).expect("date") + Days::new(offset)
}

/// A random balanced journal: pairs of equal debit and credit lines on random accounts,
/// some carrying a project and cost code; maybe reversed some days later.
#[derive(Debug, Clone)]
struct RandomJournal {
    day: u64,
    pairs: Vec<(usize, usize, i64, Option<u8>)>,
    reversed_after: Option<u64>,
}

#[derive(Debug, Clone)]
struct RandomCase {
    journals: Vec<RandomJournal>,
    /// (from, as at) offsets to ask the reports about.
    asks: Vec<(u64, u64)>,
}

fn random_case() -> impl Strategy<Value = RandomCase> {
    use proptest::prelude::*;
    let journal = (
        0..SPAN_DAYS,
        prop::collection::vec(
            (
                0..CODES.len(),
                0..CODES.len(),
                1i64..20_000_000,
                prop::option::of(0u8..3),
            ),
            1..4,
        ),
        prop::option::weighted(0.2, 0u64..90),
    )
        .prop_map(|(day, pairs, reversed_after)| RandomJournal {
            day,
            pairs,
            reversed_after,
        });
    // An end of a span is a random day, or a day a journal falls on, the day before
    // it, or its reversal's day: the boundaries where `<` and `<=` differ.
    let end = (
        0..SPAN_DAYS + 60,
        prop::option::of((any::<prop::sample::Index>(), 0u8..3)),
    );
    (
        prop::collection::vec(journal, 2..9),
        prop::collection::vec((end.clone(), end), 6),
    )
        .prop_map(|(journals, ends)| {
            let pick = |(random, on_journal): (u64, Option<(prop::sample::Index, u8)>)| {
                let Some((index, which)) = on_journal else {
                    return random;
                };
                let j = index.get(&journals);
                match which {
                    0 => j.day,
                    1 => j.day.saturating_sub(1),
                    _ => j.day + j.reversed_after.unwrap_or(0),
                }
            };
            let asks = ends
                .into_iter()
                .map(|(a, b)| {
                    let (a, b) = (pick(a), pick(b));
                    (a.min(b), a.max(b))
                })
                .collect();
            RandomCase { journals, asks }
        })
}

async fn post_case(app: &TestApp, token: &str, case: &RandomCase) {
    for (index, j) in case.journals.iter().enumerate() {
        let amount = |cents: i64| Rand::cents(cents).to_string();
        let lines: Vec<Value> = j
            .pairs
            .iter()
            .flat_map(|(dr, cr, cents, project)| {
                let project = project.map(|p| format!("PRJ-{p}"));
                let cost = project.as_ref().map(|_| "CC-100");
                [
                    line(
                        CODES[*dr],
                        "DEBIT",
                        &amount(*cents),
                        project.as_deref(),
                        cost,
                    ),
                    line(CODES[*cr], "CREDIT", &amount(*cents), None, None),
                ]
            })
            .collect();
        let date = day(j.day).to_string();
        let id = post(app, token, &date, &format!("Random journal {index}"), lines).await;
        if let Some(after) = j.reversed_after {
            let r = app
                .graphql(
                    token,
                    "mutation($id: ID!, $d: NaiveDate!) { reverseJournal(id: $id, date: $d) { id } }",
                    json!({ "id": id, "d": day(j.day + after).to_string() }),
                )
                .await;
            r.data();
        }
    }
}

/// Waits until every posted journal of the event store is in the read model.
async fn caught_up(pool: &PgPool) {
    eventually("the projection catches up with the event store", || async {
        let row = sqlx::query(
            "SELECT (SELECT count(*) FROM events WHERE event_type = 'JournalPosted') AS stored,
                    (SELECT count(*) FROM read_model.journals) AS projected",
        )
        .fetch_one(pool)
        .await
        .ok()?;
        let (stored, projected): (i64, i64) =
            (row.try_get("stored").ok()?, row.try_get("projected").ok()?);
        (stored == projected).then_some(())
    })
    .await;
}

/// The replay: the accounts, and the journals dated on or before `as_at`, folded from
/// the event store alone.
async fn replay_until(pool: &PgPool, as_at: NaiveDate) -> Books {
    let rows = sqlx::query(
        "SELECT aggregate_type, aggregate_id, payload::jsonb AS payload FROM events
          WHERE aggregate_type IN ($1, $2) ORDER BY tx_id, global_id",
    )
    .bind(LEDGER_ACCOUNT_AGGREGATE)
    .bind(JOURNAL_AGGREGATE)
    .fetch_all(pool)
    .await
    .expect("the finance events");
    let mut books = Books::new();
    for row in rows {
        let aggregate_type: String = row.get("aggregate_type");
        let id: String = row.get("aggregate_id");
        let payload: Value = row.get("payload");
        if aggregate_type == LEDGER_ACCOUNT_AGGREGATE {
            let event: LedgerAccountEvent =
                serde_json::from_value(payload).expect("an account event");
            books.apply_account(&id, &event);
        } else {
            let event: JournalEvent = serde_json::from_value(payload).expect("a journal event");
            if let JournalEvent::JournalPosted { date, .. } = &event {
                if *date <= as_at {
                    books.apply_journal(&event);
                }
            }
        }
    }
    books
}

#[tokio::test]
async fn finance_reports_as_at_any_date_equal_a_replay_of_the_events_up_to_it() {
    let app = spawn_app().await;
    seeded(&app).await;
    let user = app.token("fiona", &["Finance_User"]);
    let calendar = FinancialCalendar::default();
    let queries = FinanceQueries::new(app.env.finance.clone());
    let reports = FinanceReports::new(app.env.finance.clone(), calendar);
    // Each case adds its random history to the same books (the replay always folds the
    // whole store), so later cases check ever longer histories. Cases are drawn without
    // shrinking: each touches the database, and a failure prints its whole history.
    let cases = 6;
    let mut runner = TestRunner::new(ProptestConfig::with_cases(cases));
    for n in 0..cases {
        let case = random_case()
            .new_tree(&mut runner)
            .expect("a random case")
            .current();
        post_case(&app, &user, &case).await;
        caught_up(&app.env.finance).await;
        for (from, as_at) in &case.asks {
            let (from, as_at) = (day(*from), day(*as_at));
            let books = replay_until(&app.env.finance, as_at).await;
            let context = format!("case {n} as at {as_at} (from {from}): {case:?}");

            let tb = queries.trial_balance(as_at).await.expect("trial balance");
            let read: Vec<(String, Rand, Rand)> = tb
                .lines
                .into_iter()
                .map(|l| (l.code, l.debit, l.credit))
                .collect();
            assert_eq!(read, books.trial_balance(as_at), "trial balance, {context}");

            let is = reports
                .income_statement(from, as_at)
                .await
                .expect("income statement");
            assert_eq!(
                is,
                books.income_statement(from, as_at),
                "income statement, {context}"
            );

            let bs = reports.balance_sheet(as_at).await.expect("balance sheet");
            assert!(bs.balances, "the balance sheet balances, {context}");
            assert_eq!(
                bs,
                books.balance_sheet(as_at, calendar),
                "balance sheet, {context}"
            );

            let vat = reports.vat_return(from, as_at).await.expect("VAT return");
            let replayed = vat_return(from, as_at, &books.balances(Some(from), as_at), &[]);
            assert_eq!(vat, replayed, "VAT return, {context}");

            for project in [None, Some("PRJ-1")] {
                let costs = reports
                    .project_cost_report(as_at, project)
                    .await
                    .expect("project cost report");
                let replayed = books.project_cost_report(as_at, project, &[], &[]);
                assert_eq!(
                    costs, replayed,
                    "project cost report {project:?}, {context}"
                );
            }
        }
    }
    app.stop().await;
}
