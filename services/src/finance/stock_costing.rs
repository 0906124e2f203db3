//! Costing what inventory moves: a worker on the **inventory** topic
//! (`finance.stock_costing`) that posts one journal per stock movement with a value (and
//! per item of plant back from a project, its internal hire, dated the day it came back),
//! exactly once, on the mechanism of `parking.rs` (a movement finance cannot post yet —
//! an account not open, a project it has not heard of — is parked and retried). The
//! journal's id derives from the event's id, so a redelivery or a retry posts nothing
//! again. Its date is the movement's (UTC).
//!
//! | movement | debit | credit |
//! |---|---|---|
//! | `StockReceived` | 1300 Inventory | 2010 Goods received not invoiced |
//! | `StockIssued` | 5100 Cost of sales: materials (project, cost code) | 1300 Inventory |
//! | `StockAdjusted` up | 1300 Inventory | 6050 Stock adjustments |
//! | `StockAdjusted` down | 6050 Stock adjustments | 1300 Inventory |
//! | `EquipmentCheckedIn` | 5200 Cost of sales: plant (project) | 4900 Internal plant hire recovered |
//!
//! Transfers move value between two of inventory's own locations (and in transit) and
//! post nothing: account 1300 holds the value of every position plus what is in transit,
//! which is what the inventory value report adds up (the reconciliation test).

use async_trait::async_trait;
use constructos_commands::finance::{FinanceCommands, PostJournalInput};
use constructos_domain::finance::{JournalLine, JournalSource, Rand, Side};
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::ApplyError;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::parking::{system_context, Attempt, Parkable, Parking};

/// The CloudEvent type of goods received into a location.
pub const STOCK_RECEIVED: &str = "constructos.inventory.StockReceived.v1";
/// The CloudEvent type of goods issued to a project's cost code.
pub const STOCK_ISSUED: &str = "constructos.inventory.StockIssued.v1";
/// The CloudEvent type of a correction of the quantity on hand.
pub const STOCK_ADJUSTED: &str = "constructos.inventory.StockAdjusted.v1";
/// The CloudEvent type of plant back from a project, charged its internal hire.
pub const EQUIPMENT_CHECKED_IN: &str = "constructos.inventory.EquipmentCheckedIn.v1";

/// The inventory asset account.
pub const INVENTORY_ACCOUNT: &str = "1300";
pub use constructos_domain::finance::chart::GOODS_RECEIVED_NOT_INVOICED;
/// Materials issued to a project.
pub const MATERIALS_COST: &str = "5100";
/// Count differences, damage and theft.
pub const STOCK_ADJUSTMENTS: &str = "6050";
/// Plant hired to projects.
pub const PLANT_COST: &str = "5200";
/// The company's own plant hire charged to its projects.
pub const PLANT_HIRE_RECOVERED: &str = "4900";

#[derive(Debug, Deserialize)]
struct Received {
    value: Decimal,
    reference: String,
}

#[derive(Debug, Deserialize)]
struct Issued {
    value: Decimal,
    project_id: String,
    cost_code: String,
}

#[derive(Debug, Deserialize)]
struct CheckedIn {
    project_id: String,
    on: chrono::NaiveDate,
    days: u32,
    charge: Decimal,
}

#[derive(Debug, Deserialize)]
struct Adjusted {
    value: Decimal,
    reason: String,
}

/// The journal a stock movement posts, or `None` when it moves no value (a contract
/// breach is an error).
pub fn journal_of(event: &CloudEvent) -> Result<Option<PostJournalInput>, serde_json::Error> {
    let data = || event.data.clone();
    let mut date = event.time.date_naive();
    let (value, narrative, debit, credit) = match event.event_type.as_str() {
        EQUIPMENT_CHECKED_IN => {
            let c: CheckedIn = serde_json::from_value(data())?;
            date = c.on;
            let narrative = format!("Plant hire, {} days", c.days);
            let mut cost = line(PLANT_COST);
            cost.project_id = Some(c.project_id);
            (c.charge, narrative, cost, line(PLANT_HIRE_RECOVERED))
        }
        STOCK_RECEIVED => {
            let r: Received = serde_json::from_value(data())?;
            let narrative = format!("Stock received ({})", r.reference);
            (
                r.value,
                narrative,
                line(INVENTORY_ACCOUNT),
                line(GOODS_RECEIVED_NOT_INVOICED),
            )
        }
        STOCK_ISSUED => {
            let i: Issued = serde_json::from_value(data())?;
            let narrative = format!("Stock issued to cost code {}", i.cost_code);
            let mut cost = line(MATERIALS_COST);
            cost.project_id = Some(i.project_id);
            cost.cost_code = Some(i.cost_code);
            (i.value, narrative, cost, line(INVENTORY_ACCOUNT))
        }
        STOCK_ADJUSTED => {
            let a: Adjusted = serde_json::from_value(data())?;
            let narrative = format!("Stock adjusted ({})", a.reason.to_lowercase());
            if a.value >= Decimal::ZERO {
                (
                    a.value,
                    narrative,
                    line(INVENTORY_ACCOUNT),
                    line(STOCK_ADJUSTMENTS),
                )
            } else {
                (
                    -a.value,
                    narrative,
                    line(STOCK_ADJUSTMENTS),
                    line(INVENTORY_ACCOUNT),
                )
            }
        }
        _ => return Ok(None),
    };
    let amount = match Rand::from_decimal(value) {
        Ok(amount) if amount.is_positive() => amount,
        Ok(_) => return Ok(None),
        Err(e) => return Err(serde::de::Error::custom(format!("value: {e}"))),
    };
    let sided = |mut line: JournalLine, side| {
        line.side = side;
        line.amount = amount;
        line
    };
    Ok(Some(PostJournalInput {
        date,
        narrative: format!("{narrative} — {} {}", what(event), event.subject),
        source: JournalSource::System,
        lines: vec![sided(debit, Side::Debit), sided(credit, Side::Credit)],
    }))
}

/// What the event's subject is, for the narrative.
fn what(event: &CloudEvent) -> &'static str {
    if event.event_type == EQUIPMENT_CHECKED_IN {
        "equipment"
    } else {
        "stock position"
    }
}

fn line(account_code: &str) -> JournalLine {
    JournalLine {
        account_code: account_code.to_string(),
        side: Side::Debit,
        amount: Rand::cents(0),
        project_id: None,
        cost_code: None,
        site_id: None,
    }
}

/// The journal id of a stock movement's event: the same event, the same journal.
pub fn journal_id_for_movement(event_id: &uuid::Uuid) -> String {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x51a7_93c2_6e0d_4b1f_a8e4_0c37_d2b6_19f5);
    uuid::Uuid::new_v5(&NAMESPACE, event_id.as_bytes()).to_string()
}

/// Posts stock movements to the ledger (see the module docs).
#[derive(Clone)]
pub struct StockCosts {
    commands: FinanceCommands,
}

/// The stock costing worker: [`StockCosts`] parked and retried.
pub type StockCosting = Parking<StockCosts>;

impl Parking<StockCosts> {
    /// The worker posting inventory's movements through `commands`.
    pub fn stock_costs(commands: FinanceCommands) -> Self {
        let pool = commands.pool().clone();
        Parking::new(StockCosts { commands }, pool)
    }
}

impl StockCosts {
    /// The journal `event` posts, or `None` when none or it breaks its contract (logged).
    fn asked(event: &CloudEvent) -> Option<PostJournalInput> {
        journal_of(event)
            .map_err(|e| {
                tracing::error!(event_id = %event.id, event_type = %event.event_type, error = %e, "skipping a stock movement that breaks its contract");
            })
            .ok()
            .flatten()
    }
}

#[async_trait]
impl Parkable for StockCosts {
    const NAME: &'static str = "finance.stock_costing";
    const TYPES: &'static [&'static str] = &[
        STOCK_RECEIVED,
        STOCK_ISSUED,
        STOCK_ADJUSTED,
        EQUIPMENT_CHECKED_IN,
    ];

    fn source_id(event: &CloudEvent) -> Option<String> {
        Self::asked(event).map(|_| event.id.to_string())
    }

    async fn attempt(&self, event: &CloudEvent) -> Result<Attempt, ApplyError> {
        let Some(input) = Self::asked(event) else {
            return Ok(Attempt::Done);
        };
        let ctx = system_context(Self::NAME, event);
        let id = journal_id_for_movement(&event.id);
        let result = self.commands.post_journal_once(&ctx, &id, input).await;
        if let Ok(true) = result {
            tracing::info!(event_id = %event.id, journal_id = %id, "stock movement posted");
        }
        Attempt::of(
            result,
            format!("Failed to post stock movement {}", event.id),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(event_type: &str, data: serde_json::Value) -> CloudEvent {
        let mut event: CloudEvent = serde_json::from_value(json!({
            "specversion": "1.0", "id": "0190f0c8-0000-7000-8000-000000000001",
            "source": "urn:constructos:inventory", "type": event_type,
            "subject": "pos-1", "time": "2026-11-30T22:30:00Z",
            "datacontenttype": "application/json",
            "dataschema": "urn:constructos:schemas:events/inventory/x.json",
            "aggregatetype": "inventory.stock", "sequence": 2, "data": data
        }))
        .expect("a cloud event");
        event.event_type = event_type.to_string();
        event
    }

    fn sides(input: &PostJournalInput) -> Vec<(String, Side, String, Option<String>)> {
        input
            .lines
            .iter()
            .map(|l| {
                (
                    l.account_code.clone(),
                    l.side,
                    l.amount.to_string(),
                    l.cost_code.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn each_movement_posts_its_value_between_inventory_and_its_counterpart() {
        let issued = journal_of(&event(
            STOCK_ISSUED,
            json!({ "quantity": "7", "value": "630.00", "project_id": "p-1", "cost_code": "03", "reservation": null }),
        ))
        .expect("valid")
        .expect("a journal");
        assert_eq!(issued.date.to_string(), "2026-11-30");
        assert_eq!(
            sides(&issued),
            vec![
                (
                    "5100".into(),
                    Side::Debit,
                    "630.00".into(),
                    Some("03".into())
                ),
                ("1300".into(), Side::Credit, "630.00".into(), None),
            ]
        );
        assert_eq!(issued.lines[0].project_id.as_deref(), Some("p-1"));
        let lost = journal_of(&event(
            STOCK_ADJUSTED,
            json!({ "delta": "-2", "value": "-185.00", "reason": "THEFT", "note": "n", "trimmed": [] }),
        ))
        .expect("valid")
        .expect("a journal");
        assert_eq!(
            sides(&lost),
            vec![
                ("6050".into(), Side::Debit, "185.00".into(), None),
                ("1300".into(), Side::Credit, "185.00".into(), None),
            ]
        );
        let free = journal_of(&event(
            STOCK_RECEIVED,
            json!({ "quantity": "1", "unit_cost": "0", "value": "0.00", "reference": "GRN-1" }),
        ))
        .expect("valid");
        assert!(free.is_none(), "a receipt worth nothing posts nothing");
        assert!(journal_of(&event(STOCK_ISSUED, json!({ "value": "x" }))).is_err());
        let hire = journal_of(&event(
            EQUIPMENT_CHECKED_IN,
            json!({ "project_id": "p-1", "on": "2026-11-09", "days": 7, "daily_rate": "1850.00", "charge": "12950.00" }),
        ))
        .expect("valid")
        .expect("a journal");
        assert_eq!(hire.date.to_string(), "2026-11-09");
        assert_eq!(
            sides(&hire),
            vec![
                ("5200".into(), Side::Debit, "12950.00".into(), None),
                ("4900".into(), Side::Credit, "12950.00".into(), None),
            ]
        );
    }

    #[test]
    fn the_same_movement_names_the_same_journal() {
        let id = uuid::Uuid::now_v7();
        assert_eq!(journal_id_for_movement(&id), journal_id_for_movement(&id));
        assert_ne!(
            journal_id_for_movement(&id),
            journal_id_for_movement(&uuid::Uuid::now_v7())
        );
    }
}
