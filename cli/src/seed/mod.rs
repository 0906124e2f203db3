//! Demo data, entered through the command side like any other change: a handful of
//! South African customers, vendors and subcontractors with contacts and leads
//! (`identity.rs`), the demo company on the tax invoices (`company.rs`), the demo project
//! with its contract, bill, work breakdown, variation and claim (`project.rs`,
//! `work.rs`) and its trade — a sales order shipped in two parts, a purchase order part
//! received (`trade.rs`) — and the books: the chart of accounts, a few invoices, bills
//! and payments, and the supplier's bill for the purchase order, matched to it and its
//! receipt (`finance.rs`); and the stores' stock (`stock.rs`). Finance names only
//! accounts, projects and orders it knows from identity's and orders' events, so the
//! finance part waits (bounded) until finance's copy knows them; the work breakdown's budgets reach finance's budgets by
//! themselves (`finance.project_budgets`). HR's staff, a pending leave request and an
//! approved pay run (`hr.rs`), whose journal finance posts from HR's topic.

#![allow(clippy::inconsistent_digit_grouping)] // amounts read as rand_cents

mod company;
mod finance;
mod hr;
mod identity;
mod marketing;
mod project;
mod stock;
mod trade;
mod work;

use std::time::Duration;

use chrono::NaiveDate;
use constructos_commands::CommandContext;
use constructos_domain::access::Role;
use constructos_domain::finance::Rand;
use constructos_domain::identity::ACCOUNT_AGGREGATE;
use constructos_infra::auth::Caller;
use sqlx::PgPool;

pub use company::{DemoCompany, DEMO_COMPANY};
pub use finance::{seed_chart, seed_finance, seed_matched_bill, DEMO_BILL_REFERENCE};
pub use hr::seed_hr;
pub use identity::{seed, seed_leads, DEMO_SALES_REP};
pub use marketing::seed_marketing;
pub use project::{seed_project, DEMO_PROJECT_CODE};
pub use stock::seed_stock;

/// The seed's caller: the system, as an administrator.
fn seed_context() -> CommandContext {
    acting_as("system:seed", "Demo data", Role::Admin)
}

/// The seed acting as `subject` (named `name`) with one role, in a request of its own.
fn acting_as(subject: &str, name: &str, role: Role) -> CommandContext {
    CommandContext::new(
        Caller {
            subject: subject.to_string(),
            object_id: None,
            tenant_id: None,
            name: Some(name.to_string()),
            username: None,
            roles: vec![role],
        },
        uuid::Uuid::new_v4().to_string(),
    )
}

/// The id of the first account of `kind` (`CUSTOMER`, `SUBCONTRACTOR`) created in
/// identity.
async fn first_party(identity: &PgPool, kind: &str) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT aggregate_id FROM events
          WHERE aggregate_type = $1 AND event_type = 'AccountCreated'
            AND payload::jsonb #>> '{AccountCreated,kind}' = $2
          ORDER BY global_id LIMIT 1",
    )
    .bind(ACCOUNT_AGGREGATE)
    .bind(kind)
    .fetch_optional(identity)
    .await?)
}

fn day(y: i32, m: u32, d: u32) -> anyhow::Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| anyhow::anyhow!("no date {y}-{m}-{d}"))
}

fn rand(cents: i64) -> Rand {
    Rand::cents(cents)
}

/// Seeds every domain's demo data, in dependency order: the accounts, the chart of
/// accounts, (when `wait` is given: the relays and workers run) the demo project once
/// orders knows its customer, then the demo receivables and payables and (with the
/// project) the bill matched to its purchase order. Says what it did.
pub async fn seed_all(
    config: &constructos_infra::Config,
    pools: &crate::stack::Pools,
    wait: Option<Duration>,
) -> anyhow::Result<String> {
    use anyhow::Context;
    use constructos_infra::Domain;
    let pool = |domain: Domain| {
        pools
            .get(&domain)
            .with_context(|| format!("the {domain} database was not prepared"))
    };
    let (identity, orders, finance) = (
        pool(Domain::Identity)?,
        pool(Domain::Orders)?,
        pool(Domain::Finance)?,
    );
    let calendar = constructos_services::finance::calendar(config);
    let accounts = seed(identity).await?;
    tracing::info!(accounts, "demo accounts seeded");
    let leads = seed_leads(identity).await?;
    tracing::info!(leads, "demo leads seeded");
    // The chart first: the demo project's claim and shipments become invoices in
    // finance, which posts them only to accounts that are open.
    let opened = seed_chart(finance, calendar).await?;
    tracing::info!(ledger_accounts = opened, "chart of accounts seeded");
    let project = match wait {
        Some(wait) => seed_project(identity, orders, wait).await?,
        None => None,
    };
    tracing::info!(project = ?project, "demo project seeded");
    let today = chrono::Utc::now().date_naive();
    let supplier = constructos_services::finance::supplier(config)?;
    let documents =
        seed_finance(identity, orders, finance, calendar, supplier.clone(), today).await?;
    tracing::info!(documents, "demo invoices, bills and payments seeded");
    // The supplier's bill for the demo purchase order, matched to it and its receipt.
    let matched = match project {
        Some(_) => {
            let commands = constructos_commands::finance::FinanceCommands::new(
                finance.clone(),
                calendar,
                supplier,
            )
            .with_match_tolerance(config.match_tolerance);
            seed_matched_bill(identity, orders, finance, commands).await?
        }
        None => 0,
    };
    tracing::info!(
        bills = matched,
        "demo bill matched to the demo purchase order"
    );
    // The stores, where inventory runs in this process.
    let movements = match pools.get(&Domain::Inventory) {
        Some(inventory) => seed_stock(inventory, project.as_deref()).await?,
        None => 0,
    };
    tracing::info!(movements, "demo stock seeded");
    // The campaign and lead profiles, where sales runs in this process.
    let responses = match pools.get(&Domain::Sales) {
        Some(sales) => seed_marketing(identity, sales, today).await?,
        None => 0,
    };
    tracing::info!(responses, "demo campaign seeded");
    // The staff and a pay run, where HR runs in this process.
    let payslips = match pools.get(&Domain::Hr) {
        Some(hr) => seed_hr(hr).await?,
        None => 0,
    };
    tracing::info!(payslips, "demo staff and pay run seeded");
    Ok(format!(
        "seeded {accounts} accounts, {opened} ledger accounts, {documents} invoices and bills, \
         {matched} matched bill, {movements} stock movements, {responses} campaign responses, \
         {payslips} payslips"
    ))
}
