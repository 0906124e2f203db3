//! The finance domain as one registration.

use constructos_commands::finance::FinanceCommands;
use constructos_domain::finance::{FinancialCalendar, Supplier};
use constructos_infra::{db, Config, Domain};
use constructos_projections::finance::{
    FinanceProjection, IdentityFactsProjection, ProjectFactsProjection,
    PurchaseOrderFactsProjection,
};
use sqlx::PgPool;

use super::{
    endpoint, ClaimInvoicing, FinanceClient, FinanceService, PayrollCosting, ProjectBudgeting,
    ShipmentInvoicing, StockCosting,
};
use crate::module::{DomainModule, Location, Subscription, Task};

/// The financial calendar of `config` (year end month already validated there).
pub fn calendar(config: &Config) -> FinancialCalendar {
    FinancialCalendar::ending_in(config.finance_year_end_month).unwrap_or_default()
}

/// The supplier on tax invoices: the configured company (`CONSTRUCTOS_COMPANY_NAME`,
/// `_VAT_NUMBER`, `_ADDRESS`); an error naming what is not configured. Finance does not
/// start without it (the `constructos` binary checks this as a process starts and, in
/// development mode only, fills in the seed's demo company first).
pub fn supplier(config: &Config) -> anyhow::Result<Supplier> {
    let company = &config.company;
    let part = |value: &Option<String>, variable: &'static str| match value {
        Some(value) if !value.trim().is_empty() => Ok(value.clone()),
        _ => Err(variable),
    };
    let parts = [
        part(&company.name, "CONSTRUCTOS_COMPANY_NAME"),
        part(&company.vat_number, "CONSTRUCTOS_COMPANY_VAT_NUMBER"),
        part(&company.address, "CONSTRUCTOS_COMPANY_ADDRESS"),
    ];
    let missing: Vec<&str> = parts
        .iter()
        .filter_map(|p| p.as_ref().err().copied())
        .collect();
    match parts {
        [Ok(name), Ok(vat_number), Ok(address)] => Ok(Supplier {
            name,
            vat_number,
            address,
        }),
        _ => anyhow::bail!(
            "finance needs the company its tax invoices show: set {} (CONSTRUCTOS_DEV=true \
             fills in demo values)",
            missing.join(", ")
        ),
    }
}

/// The supplier of a process that runs finance: checked when it started (see
/// [`supplier`]), so a missing company here is a wiring fault.
fn configured_supplier(config: &Config) -> Supplier {
    supplier(config).unwrap_or_else(|e| panic!("{e:#} (not checked when the process started)"))
}

/// The finance service in-process, as configured.
pub fn service(config: &Config, pool: PgPool) -> FinanceService {
    FinanceService::new(pool, calendar(config), configured_supplier(config))
        .with_match_tolerance(config.match_tolerance)
}

fn commands(config: &Config, pool: &PgPool) -> FinanceCommands {
    FinanceCommands::new(pool.clone(), calendar(config), configured_supplier(config))
        .with_match_tolerance(config.match_tolerance)
}

fn invoicing(config: &Config, pool: &PgPool) -> ShipmentInvoicing {
    ShipmentInvoicing::shipments(commands(config, pool))
}

fn claim_invoicing(config: &Config, pool: &PgPool) -> ClaimInvoicing {
    ClaimInvoicing::claims(commands(config, pool))
}

fn stock_costing(config: &Config, pool: &PgPool) -> StockCosting {
    StockCosting::stock_costs(commands(config, pool))
}

fn payroll_costing(config: &Config, pool: &PgPool) -> PayrollCosting {
    PayrollCosting::payroll_costs(commands(config, pool))
}

fn project_budgeting(config: &Config, pool: &PgPool) -> ProjectBudgeting {
    ProjectBudgeting::project_budgets(commands(config, pool))
}

/// The finance domain: its migrations, read models, process managers, tasks, service and
/// client.
pub const MODULE: DomainModule = DomainModule {
    domain: Domain::Finance,
    migrations: db::migrations::finance,
    subscriptions: |config, pool| {
        vec![
            Subscription::new(Domain::Finance, FinanceProjection),
            // Finance keeps its own copy of the accounts and projects its documents name,
            // from identity's and orders' topics (docs/finance.md "References").
            Subscription::new(Domain::Identity, IdentityFactsProjection),
            Subscription::new(Domain::Orders, ProjectFactsProjection),
            // …and of orders' approved purchase orders, which make the commitments
            // (docs/finance.md "What committed means").
            Subscription::new(Domain::Orders, PurchaseOrderFactsProjection),
            // Finance invoices every completed shipment, from the orders topic; one it
            // cannot invoice yet is parked and retried (shipments.rs).
            Subscription::new(Domain::Orders, invoicing(config, pool)),
            // Finance invoices every approved progress claim and project retention
            // release, from the orders topic, parked and retried the same way (claims.rs).
            Subscription::new(Domain::Orders, claim_invoicing(config, pool)),
            // Finance adds orders' task budgets and approved variations to the project's
            // budget, parked and retried the same way (project_budgets.rs).
            Subscription::new(Domain::Orders, project_budgeting(config, pool)),
            // Finance posts every stock movement with a value, from the inventory topic,
            // parked and retried the same way (stock_costing.rs).
            Subscription::new(Domain::Inventory, stock_costing(config, pool)),
            // Finance posts approved timesheets, pay runs, their payment and reversal,
            // from the HR topic, parked and retried the same way (payroll_costing.rs).
            Subscription::new(Domain::Hr, payroll_costing(config, pool)),
        ]
    },
    tasks: |config, pool, shutdown| {
        vec![
            // Finance anchors every completed UTC day of its ledger (docs/finance.md).
            Box::pin(super::anchoring::run_daily(pool.clone(), shutdown.clone())) as Task,
            Box::pin(invoicing(config, pool).run_parked(shutdown.clone())),
            Box::pin(claim_invoicing(config, pool).run_parked(shutdown.clone())),
            Box::pin(project_budgeting(config, pool).run_parked(shutdown.clone())),
            Box::pin(stock_costing(config, pool).run_parked(shutdown.clone())),
            Box::pin(payroll_costing(config, pool).run_parked(shutdown.clone())),
        ]
    },
    router: |config, pool, validator| endpoint(service(config, pool)).router(validator),
    connect: |config, location, clients| {
        clients.insert(match location {
            Location::Local(pool) => FinanceClient::local(service(config, pool)),
            Location::Remote(url) => FinanceClient::remote(&url),
        })
    },
};
