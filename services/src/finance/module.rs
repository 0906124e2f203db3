//! The finance domain as one registration.

use std::sync::Arc;

use constructos_commands::finance::{demo_supplier, FinanceCommands};
use constructos_domain::finance::{FinancialCalendar, Supplier};
use constructos_infra::{db, Config, Domain};
use constructos_projections::finance::{
    FinanceProjection, IdentityFactsProjection, ProjectFactsProjection,
};

use super::{router, FinanceApi, FinanceClient, LocalFinance, RemoteFinance, ShipmentInvoicing};
use crate::module::{DomainModule, Location, Subscription, Task};

/// The financial calendar of `config` (year end month already validated there).
pub fn calendar(config: &Config) -> FinancialCalendar {
    FinancialCalendar::ending_in(config.finance_year_end_month).unwrap_or_default()
}

/// The supplier on tax invoices: the configured company, demo data where unset.
pub fn supplier(config: &Config) -> Supplier {
    let demo = demo_supplier();
    let company = &config.company;
    Supplier {
        name: company.name.clone().unwrap_or(demo.name),
        vat_number: company.vat_number.clone().unwrap_or(demo.vat_number),
        address: company.address.clone().unwrap_or(demo.address),
    }
}

/// The finance service in-process, as configured.
pub fn local_finance(config: &Config, pool: sqlx::PgPool) -> LocalFinance {
    LocalFinance::new(pool, calendar(config)).with_supplier(supplier(config))
}

fn invoicing(config: &Config, pool: &sqlx::PgPool) -> ShipmentInvoicing {
    let commands =
        FinanceCommands::new(pool.clone(), calendar(config)).with_supplier(supplier(config));
    ShipmentInvoicing::new(commands)
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
            // Finance invoices every completed shipment, from the orders topic; one it
            // cannot invoice yet is parked and retried (shipments.rs).
            Subscription::new(Domain::Orders, invoicing(config, pool)),
        ]
    },
    tasks: |config, pool, shutdown| {
        vec![
            // Finance anchors every completed UTC day of its ledger (docs/finance.md).
            Box::pin(super::anchoring::run_daily(pool.clone(), shutdown.clone())) as Task,
            Box::pin(invoicing(config, pool).run_parked(shutdown.clone())),
        ]
    },
    router: |config, pool, validator| router(local_finance(config, pool), validator),
    connect: |config, location, clients| {
        let api: Arc<dyn FinanceApi> = match location {
            Location::Local(pool) => Arc::new(local_finance(config, pool)),
            Location::Remote(url) => Arc::new(RemoteFinance::new(&url)),
        };
        clients.insert_value(FinanceClient::new(api));
    },
};
