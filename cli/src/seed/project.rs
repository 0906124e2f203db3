//! The demo project: opened for the first demo customer once orders knows it, then
//! given its contract and work (`work.rs`) and its trade (`trade.rs`).

use chrono::NaiveDate;
use constructos_commands::orders::{CreateProjectInput, OrdersCommands};
use constructos_domain::orders::PROJECT_AGGREGATE;
use sqlx::PgPool;

use super::{first_party, seed_context};

/// The demo project the demo invoices and bill are for.
pub const DEMO_PROJECT_CODE: &str = "PRJ-2026-001";

/// Opens the demo project for the first demo customer, unless orders already holds a
/// project. Orders accepts only a customer it knows from identity's events, so this
/// waits (up to `wait`) until orders' copy of the accounts has the customer: the
/// projection workers must be running. Returns the project's id, or `None` when nothing
/// was opened (projects exist, no demo customer, or the customer did not arrive in time).
pub async fn seed_project(
    identity: &PgPool,
    orders: &PgPool,
    wait: std::time::Duration,
) -> anyhow::Result<Option<String>> {
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1")
        .bind(PROJECT_AGGREGATE)
        .fetch_one(orders)
        .await?;
    let Some(customer) = first_party(identity, "CUSTOMER").await? else {
        return Ok(None);
    };
    if existing > 0 {
        return Ok(None);
    }
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let known: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM read_model.known_accounts WHERE id = $1)",
        )
        .bind(&customer)
        .fetch_one(orders)
        .await?;
        if known {
            break;
        }
        if tokio::time::Instant::now() >= deadline {
            tracing::warn!(
                customer = %customer,
                "the demo customer has not reached orders yet; no demo project opened"
            );
            return Ok(None);
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let commands = OrdersCommands::new(orders.clone());
    let id = commands
        .create_project(
            &seed_context(),
            CreateProjectInput {
                code: DEMO_PROJECT_CODE.to_string(),
                name: "Menlyn Office Park Phase 2".to_string(),
                customer_account_id: Some(customer.clone()),
                site_id: "SITE-PTA-01".to_string(),
                site_name: "Menlyn, Pretoria".to_string(),
                starts_on: NaiveDate::from_ymd_opt(2026, 3, 2),
                status: None,
                contract: None,
            },
        )
        .await?;
    let customer_id = customer;
    super::work::fill(&commands, &seed_context(), &id).await?;
    // The trade: a sales order to the same customer, a purchase order from the first
    // vendor (once orders knows it too).
    let vendor = first_party(identity, "VENDOR").await?;
    if let Some(vendor) = vendor {
        if orders_knows(orders, &vendor, deadline).await? {
            super::trade::fill_trade(orders, &seed_context(), &id, &customer_id, &vendor).await?;
        } else {
            tracing::warn!(vendor = %vendor, "the demo vendor has not reached orders yet; no demo orders");
        }
    }
    Ok(Some(id))
}

/// Whether orders' copy of the accounts has `account` by `deadline`.
async fn orders_knows(
    orders: &PgPool,
    account: &str,
    deadline: tokio::time::Instant,
) -> anyhow::Result<bool> {
    loop {
        let known: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM read_model.known_accounts WHERE id = $1)",
        )
        .bind(account)
        .fetch_one(orders)
        .await?;
        if known {
            return Ok(true);
        }
        if tokio::time::Instant::now() >= deadline {
            return Ok(false);
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// The demo project's id: the one opened before (by [`seed_project`], for the demo
/// customer, when `up` runs the workers), else a new one without a customer (`seed`
/// alone, where orders cannot yet know any customer).
pub(super) async fn demo_project(orders: &PgPool) -> anyhow::Result<String> {
    if let Some(id) = existing_demo_project(orders).await? {
        return Ok(id);
    }
    Ok(OrdersCommands::new(orders.clone())
        .create_project(
            &seed_context(),
            CreateProjectInput {
                code: DEMO_PROJECT_CODE.to_string(),
                name: "Menlyn Office Park Phase 2".to_string(),
                customer_account_id: None,
                site_id: "SITE-PTA-01".to_string(),
                site_name: "Menlyn, Pretoria".to_string(),
                starts_on: NaiveDate::from_ymd_opt(2026, 3, 2),
                status: None,
                contract: None,
            },
        )
        .await?)
}

/// The demo project's id, when it has been opened.
pub(super) async fn existing_demo_project(orders: &PgPool) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT aggregate_id FROM events
          WHERE aggregate_type = $1 AND event_type = 'ProjectCreated'
            AND payload::jsonb #>> '{ProjectCreated,code}' = $2
          ORDER BY global_id LIMIT 1",
    )
    .bind(PROJECT_AGGREGATE)
    .bind(DEMO_PROJECT_CODE)
    .fetch_optional(orders)
    .await?)
}
