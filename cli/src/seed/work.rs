//! The demo project's money: a JBCC contract of R 17.5 m with 10% retention capped at 5%, a bill of
//! quantities, a work breakdown with progress, dependencies and budgets per cost code
//! (which finance adds to the project's budgets), an approved variation and an approved
//! progress claim — what a newcomer opens first. Run once, right after the seed opens
//! the project; every step goes through the command side like a user's.

use chrono::NaiveDate;
use constructos_commands::orders::{
    BoqLineInput, ClaimLineInput, ContractInput, OrdersCommands, WorkItemInput,
};
use constructos_commands::CommandContext;
use constructos_domain::orders::{ContractType, ProjectStatus, WorkItemKind};
use rust_decimal::Decimal;

use super::{day, rand};

/// Gives project `id` its contract, bill, work breakdown, a variation and one approved
/// claim.
pub async fn fill(orders: &OrdersCommands, ctx: &CommandContext, id: &str) -> anyhow::Result<()> {
    let contract = ContractInput {
        contract_type: ContractType::JbccPba,
        contract_value: rand(1_750_000_000),
        retention_percent: Decimal::from(10),
        retention_cap_percent: Some(Decimal::from(5)),
        release_at_practical_percent: None,
        planned_completion_on: Some(day(2027, 2, 26)?),
    };
    orders.set_contract(ctx, id, contract).await?;
    let item =
        |item: &str, description: &str, unit: &str, qty: i64, rate_cents: i64, code: &str| {
            BoqLineInput {
                item: item.into(),
                description: description.into(),
                unit: unit.into(),
                quantity: Decimal::from(qty),
                rate: rand(rate_cents),
                cost_code: Some(code.into()),
            }
        };
    orders
        .set_bill_of_quantities(
            ctx,
            id,
            vec![
                item(
                    "1.1",
                    "Preliminaries and site establishment",
                    "sum",
                    1,
                    95_000_000,
                    "PRELIMS",
                ),
                item("2.1", "Bulk excavation", "m3", 4_800, 18_500, "EARTHWORKS"),
                item(
                    "3.1",
                    "Concrete 30 MPa in foundations and slabs",
                    "m3",
                    2_100,
                    245_000,
                    "CONCRETE",
                ),
                item(
                    "4.1",
                    "Structural steel, erected",
                    "t",
                    310,
                    1_420_000,
                    "STEEL",
                ),
                item("5.1", "Face brick walling", "m2", 9_600, 61_000, "MASONRY"),
            ],
        )
        .await?;
    let work = |code: &str,
                name: &str,
                parent: Option<&str>,
                start: NaiveDate,
                finish: NaiveDate,
                cost: Option<&str>,
                budget: i64| {
        WorkItemInput {
            code: code.into(),
            name: name.into(),
            kind: if parent.is_some() {
                WorkItemKind::Task
            } else {
                WorkItemKind::Phase
            },
            parent: parent.map(String::from),
            planned_start: Some(start),
            planned_finish: Some(finish),
            cost_code: cost.map(String::from),
            budget: (budget > 0).then(|| rand(budget)),
        }
    };
    let items = [
        work(
            "1",
            "Site establishment",
            None,
            day(2026, 3, 2)?,
            day(2026, 3, 27)?,
            None,
            0,
        ),
        work(
            "1.1",
            "Site camp, hoarding and services",
            Some("1"),
            day(2026, 3, 2)?,
            day(2026, 3, 27)?,
            Some("PRELIMS"),
            80_000_000,
        ),
        work(
            "2",
            "Substructure",
            None,
            day(2026, 3, 30)?,
            day(2026, 6, 26)?,
            None,
            0,
        ),
        work(
            "2.1",
            "Bulk excavation",
            Some("2"),
            day(2026, 3, 30)?,
            day(2026, 4, 30)?,
            Some("EARTHWORKS"),
            79_000_000,
        ),
        work(
            "2.2",
            "Foundations and ground slab",
            Some("2"),
            day(2026, 5, 4)?,
            day(2026, 6, 26)?,
            Some("CONCRETE"),
            440_000_000,
        ),
        work(
            "3",
            "Superstructure",
            None,
            day(2026, 6, 29)?,
            day(2027, 1, 29)?,
            None,
            0,
        ),
        work(
            "3.1",
            "Structural steel",
            Some("3"),
            day(2026, 6, 29)?,
            day(2026, 10, 30)?,
            Some("STEEL"),
            385_000_000,
        ),
        work(
            "3.2",
            "Brickwork",
            Some("3"),
            day(2026, 9, 1)?,
            day(2027, 1, 29)?,
            Some("MASONRY"),
            500_000_000,
        ),
    ];
    for item in items {
        orders.add_work_item(ctx, id, item).await?;
    }
    for (before, after) in [
        ("1.1", "2.1"),
        ("2.1", "2.2"),
        ("2.2", "3.1"),
        ("3.1", "3.2"),
    ] {
        orders.add_work_dependency(ctx, id, before, after).await?;
    }
    let progress = [
        ("1.1", 100, Some(day(2026, 3, 2)?), Some(day(2026, 3, 27)?)),
        ("2.1", 100, Some(day(2026, 3, 30)?), Some(day(2026, 5, 6)?)),
        ("2.2", 80, Some(day(2026, 5, 7)?), None),
    ];
    for (code, percent, started, finished) in progress {
        orders
            .record_work_progress(ctx, id, code, Decimal::from(percent), started, finished)
            .await?;
    }
    orders
        .change_project_status(ctx, id, ProjectStatus::InProgress, None, day(2026, 3, 2)?)
        .await?;
    orders
        .propose_variation(
            ctx,
            id,
            "Additional basement parking level",
            rand(62_500_000),
            Some("CONCRETE"),
        )
        .await?;
    orders.decide_variation(ctx, id, "VO-001", None).await?;
    let claim = |item: &str, percent: i64| ClaimLineInput {
        item: item.into(),
        percent_to_date: Decimal::from(percent),
    };
    let claim_id = orders
        .submit_claim(
            ctx,
            id,
            day(2026, 11, 30)?,
            vec![claim("1.1", 100), claim("2.1", 100), claim("3.1", 80)],
        )
        .await?;
    orders
        .approve_claim(ctx, id, &claim_id, day(2026, 12, 1)?)
        .await?;
    Ok(())
}
