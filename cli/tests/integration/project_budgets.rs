//! Orders' work breakdown budgets and approved variations → finance's budgets, exactly
//! once (`services/src/finance/project_budgets.rs`), through the gateway with real
//! tokens: each task's budget lands on its cost code phased over its planned months,
//! adding to a budget set by hand and to other tasks of the same cost code and month; an
//! approved addition lands in the month it was approved, an omission takes from the
//! cost code's latest month; uncoded work and variations add nothing. The budgets and
//! the project cost report show it, and the same orders event delivered again — as the
//! same message or republished under a new id — changes nothing.

use constructos_commands::finance::FinanceCommands;
use constructos_domain::finance::{period_of, FinancialCalendar};
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use constructos_projections::{apply_message, Applied};
use constructos_services::finance::ProjectBudgeting;
use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, TestApp, FINANCE};

const BUDGETS: &str =
    "query($p: String) { budgets(projectId: $p) { costCode period amount updatedBy } }";
const COSTS: &str =
    "query($d: NaiveDate!, $p: String) { projectCostReport(asAt: $d, projectId: $p) {
    totalBudget lines { costCode budget } } }";
const BUDGET_EVENTS: &str =
    "SELECT count(*) FROM events WHERE aggregate_type = 'finance.budget' AND aggregate_id = $1";

/// The project's budgets as `(cost code, period, amount)`, once there are `rows` of them
/// and they add up to `total`.
async fn budgets(app: &TestApp, token: &str, project: &str, rows: usize, total: &str) -> Value {
    eventually(
        &format!("{rows} budget lines adding up to {total}"),
        || async {
            let r = app.graphql(token, BUDGETS, json!({ "p": project })).await;
            let lines = r.data()["budgets"].clone();
            let sum: rust_decimal::Decimal = lines
                .as_array()?
                .iter()
                .filter_map(|l| l["amount"].as_str()?.parse::<rust_decimal::Decimal>().ok())
                .sum();
            (lines.as_array().map(Vec::len) == Some(rows) && sum.to_string() == total)
                .then_some(lines)
        },
    )
    .await
}

fn line<'a>(lines: &'a Value, cost_code: &str, period: &str) -> &'a Value {
    lines
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|l| l["costCode"] == cost_code && l["period"] == period)
        })
        .unwrap_or_else(|| panic!("no budget line {cost_code} {period} in {lines}"))
}

/// An event as the events table stores it.
type EventRow = (
    uuid::Uuid,
    String,
    String,
    i64,
    String,
    String,
    Value,
    Value,
    chrono::DateTime<chrono::Utc>,
);

/// Orders' `WorkItemAdded` and `VariationApproved` of `project`, as orders' topic
/// delivers them.
async fn orders_events(app: &TestApp, project: &str) -> Vec<CloudEvent> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT event_id, aggregate_type, aggregate_id, sequence, event_type, event_version,
                    payload::jsonb, metadata::jsonb, recorded_at
               FROM events
              WHERE aggregate_id = $1 AND event_type IN ('WorkItemAdded', 'VariationApproved')
              ORDER BY sequence",
    )
    .bind(project)
    .fetch_all(&app.env.orders)
    .await
    .expect("orders' events");
    rows.into_iter()
        .map(
            |(
                event_id,
                aggregate_type,
                aggregate_id,
                sequence,
                event_type,
                event_version,
                payload,
                metadata,
                recorded_at,
            )| {
                CloudEvent::from_stored(
                    "orders",
                    StoredEvent {
                        event_id,
                        aggregate_type,
                        aggregate_id,
                        sequence,
                        event_type,
                        event_version,
                        payload,
                        metadata,
                        recorded_at,
                    },
                )
            },
        )
        .collect()
}

#[tokio::test]
async fn a_work_breakdown_and_its_variations_become_finance_budgets_once() {
    let app = spawn_domains(FINANCE).await;
    let admin = app.token("admin", &["Admin"]);
    let manager = app.token("mandla", &["Finance_Manager"]);
    let r = app
        .graphql(
            &admin,
            "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
            json!({ "input": {
                "code": "PRJ-BUDGET-1", "name": "Umhlanga Ridge Offices",
                "siteId": "SITE-DBN", "siteName": "Umhlanga", "startsOn": "2026-03-01",
                "contract": { "contractType": "GCC_2015", "contractValue": "2000000.00",
                              "retentionPercent": "10" } } }),
        )
        .await;
    let project = r.data()["createProject"]["id"]
        .as_str()
        .expect("project id")
        .to_string();
    app.until_known(&app.env.finance, "known_projects", &project)
        .await;

    // A finance manager has budgeted April's concrete by hand already.
    app.graphql(
        &manager,
        "mutation($p: ID!) { setBudget(input: { projectId: $p, costCode: \"CONCRETE\", period: \"2026-04\", amount: \"20000.00\" }) { id } }",
        json!({ "p": project }),
    )
    .await
    .data();

    let add = "mutation($p: ID!, $i: WorkItemIn!) { addWorkItem(projectId: $p, item: $i) { id } }";
    for item in [
        json!({ "code": "1", "name": "Substructure", "kind": "PHASE" }),
        // 61 days: 31 in March, 30 in April.
        json!({ "code": "1.1", "name": "Excavation", "kind": "TASK", "parent": "1", "budget": "100000.00",
                "costCode": "EARTHWORKS", "plannedStart": "2026-03-01", "plannedFinish": "2026-04-30" }),
        // Only a planned start: all of it in April; two tasks share CONCRETE in April.
        json!({ "code": "1.2", "name": "Foundations", "kind": "TASK", "parent": "1", "budget": "300000.00",
                "costCode": "CONCRETE", "plannedStart": "2026-04-01" }),
        json!({ "code": "1.3", "name": "Ground slab", "kind": "TASK", "parent": "1", "budget": "50000.00",
                "costCode": "CONCRETE", "plannedStart": "2026-04-01", "plannedFinish": "2026-04-30" }),
        // Without a cost code: nothing for finance to budget it against.
        json!({ "code": "1.4", "name": "Survey", "kind": "TASK", "parent": "1", "budget": "10000.00" }),
    ] {
        app.graphql(&admin, add, json!({ "p": project, "i": item }))
            .await
            .data();
    }
    for (description, amount, cost_code) in [
        ("Extra basement level", "150000.00", Some("CONCRETE")),
        (
            "Omit the second excavation bench",
            "-30000.00",
            Some("EARTHWORKS"),
        ),
        ("Signage", "5000.00", None),
    ] {
        app.graphql(
            &admin,
            "mutation($p: ID!, $d: String!, $a: Rand!, $c: String) { proposeVariation(projectId: $p, description: $d, amount: $a, costCode: $c) { id } }",
            json!({ "p": project, "d": description, "a": amount, "c": cost_code }),
        )
        .await
        .data();
    }
    for number in ["VO-001", "VO-002", "VO-003"] {
        app.graphql(
            &admin,
            "mutation($p: ID!, $n: String!) { approveVariation(projectId: $p, number: $n) { id } }",
            json!({ "p": project, "n": number }),
        )
        .await
        .data();
    }
    let approved_in = period_of(chrono::Utc::now().date_naive());

    // EARTHWORKS 100 000 − 30 000, CONCRETE 20 000 + 300 000 + 50 000 + 150 000.
    let lines = budgets(&app, &manager, &project, 4, "590000.00").await;
    assert_eq!(line(&lines, "EARTHWORKS", "2026-03")["amount"], "50819.67");
    // The omission took from EARTHWORKS' latest month.
    assert_eq!(line(&lines, "EARTHWORKS", "2026-04")["amount"], "19180.33");
    assert_eq!(line(&lines, "CONCRETE", "2026-04")["amount"], "370000.00");
    let varied = line(&lines, "CONCRETE", &approved_in);
    assert_eq!(varied["amount"], "150000.00");
    assert_eq!(varied["updatedBy"], "system:finance.project_budgets");

    let user = app.token("fiona", &["Finance_User"]);
    let r = app
        .graphql(&user, COSTS, json!({ "d": "2026-03-31", "p": project }))
        .await;
    let march = &r.data()["projectCostReport"];
    assert_eq!(march["totalBudget"], "50819.67", "{march}");
    let today = chrono::Utc::now().date_naive().to_string();
    let r = app
        .graphql(&user, COSTS, json!({ "d": today, "p": project }))
        .await;
    let now = &r.data()["projectCostReport"];
    assert_eq!(now["totalBudget"], "590000.00", "{now}");
    let concrete = now["lines"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["costCode"] == "CONCRETE"))
        .expect("a CONCRETE line");
    assert_eq!(concrete["budget"], "520000.00");

    // Delivered again: the same messages are duplicates; republished under new ids they
    // find every source budgeted. Nothing is appended, nothing moves.
    let appended = count(&app, &project).await;
    let events = orders_events(&app, &project).await;
    assert_eq!(events.len(), 8, "five work items and three approvals");
    // The budget lines are visible a moment before the live worker commits its own
    // record of the messages it handled: wait for all eight records first.
    let ids: Vec<uuid::Uuid> = events.iter().map(|e| e.id).collect();
    eventually("the live worker recorded every message", || async {
        let recorded: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM read_model.applied_events
              WHERE projection = 'finance.project_budgets' AND event_id = ANY($1)",
        )
        .bind(&ids)
        .fetch_one(&app.env.finance)
        .await
        .expect("count");
        (recorded == 8).then_some(())
    })
    .await;
    let worker = ProjectBudgeting::project_budgets(FinanceCommands::new(
        app.env.finance.clone(),
        FinancialCalendar::default(),
        constructos::seed::DEMO_COMPANY.supplier(),
    ));
    for event in &events {
        let body = serde_json::to_vec(event).expect("json");
        let applied = apply_message(&app.env.finance, &worker, &body)
            .await
            .expect("applied");
        assert_eq!(applied, Applied::Duplicate, "{}", event.event_type);
        let mut republished = event.clone();
        republished.id = uuid::Uuid::new_v4();
        let body = serde_json::to_vec(&republished).expect("json");
        apply_message(&app.env.finance, &worker, &body)
            .await
            .expect("applied");
    }
    assert_eq!(
        count(&app, &project).await,
        appended,
        "no budget event appended"
    );
    let again = budgets(&app, &manager, &project, 4, "590000.00").await;
    assert_eq!(again, lines);
    let parked: i64 = sqlx::query_scalar("SELECT count(*) FROM read_model.parked_events")
        .fetch_one(&app.env.finance)
        .await
        .expect("parked");
    assert_eq!(parked, 0, "nothing waits");
    app.stop().await;
}

async fn count(app: &TestApp, project: &str) -> i64 {
    sqlx::query_scalar(BUDGET_EVENTS)
        .bind(project)
        .fetch_one(&app.env.finance)
        .await
        .expect("count")
}
