//! Demo data: a handful of South African customers, vendors and subcontractors with
//! contacts, a demo project, the default chart of accounts, and a few invoices, a bill
//! and payments, entered through the command side like any other change. Finance
//! names only accounts and projects it knows from identity's and orders' events, so
//! the finance part waits (bounded) until finance's copy knows them.

use std::time::Duration;

use chrono::NaiveDate;
use constructos_commands::finance::{
    AllocationInput, FinanceCommands, OpenLedgerAccountInput, RaiseInvoiceInput, RecordBillInput,
    RecordPaymentInput,
};
use constructos_commands::identity::{
    CaptureLeadInput, ContactDetailsInput, CreateAccountInput, CreateContactInput, IdentityCommands,
};
use constructos_commands::orders::{CreateProjectInput, OrdersCommands};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_domain::finance::chart::DEFAULT_CHART;
use constructos_domain::finance::{
    BillLineInput, FinanceError, FinancialCalendar, InvoiceLineInput, PaymentDirection, Rand,
    Supplier, VatTreatment, INVOICE_AGGREGATE,
};
use constructos_domain::identity::{AccountKind, LeadSource, ACCOUNT_AGGREGATE, LEAD_AGGREGATE};
use constructos_domain::orders::PROJECT_AGGREGATE;
use constructos_infra::auth::Caller;
use constructos_infra::config::CompanyConfig;
use rust_decimal::Decimal;
use sqlx::PgPool;

/// The demo company: the supplier on the demo data's tax invoices, and what
/// development mode shows where `CONSTRUCTOS_COMPANY_*` is not set
/// (`stack::settle_company`). Never used outside development mode.
pub const DEMO_COMPANY: DemoCompany = DemoCompany {
    name: "ConstructOS Demo Construction (Pty) Ltd",
    vat_number: "4000000000",
    address: "1 Demo Road, Midrand, 1685, South Africa",
};

/// A company as its tax invoices show it.
#[derive(Debug, Clone, Copy)]
pub struct DemoCompany {
    pub name: &'static str,
    pub vat_number: &'static str,
    pub address: &'static str,
}

impl DemoCompany {
    /// As the supplier on tax invoices.
    pub fn supplier(&self) -> Supplier {
        Supplier {
            name: self.name.to_string(),
            vat_number: self.vat_number.to_string(),
            address: self.address.to_string(),
        }
    }

    /// Fills each part of `company` not configured (unset or blank) with this one's.
    pub fn fill(&self, company: &mut CompanyConfig) {
        let fill = |part: &mut Option<String>, demo: &str| {
            if part.as_deref().is_none_or(|p| p.trim().is_empty()) {
                *part = Some(demo.to_string());
            }
        };
        fill(&mut company.name, self.name);
        fill(&mut company.vat_number, self.vat_number);
        fill(&mut company.address, self.address);
    }
}

struct DemoAccount {
    kind: AccountKind,
    name: &'static str,
    registration: Option<&'static str>,
    vat: Option<&'static str>,
    contact: (&'static str, &'static str, &'static str, &'static str),
}

const DEMO: &[DemoAccount] = &[
    DemoAccount {
        kind: AccountKind::Customer,
        name: "Ubuntu Property Developers (Pty) Ltd",
        registration: Some("2011/004512/07"),
        vat: Some("4750261839"),
        contact: (
            "Thandi",
            "Nkosi",
            "thandi.nkosi@ubuntu-property.co.za",
            "Development Manager",
        ),
    },
    DemoAccount {
        kind: AccountKind::Customer,
        name: "City of Tshwane Metropolitan Municipality",
        registration: None,
        vat: Some("4600117349"),
        contact: (
            "Pieter",
            "van der Merwe",
            "pieter.vdm@tshwane.gov.za",
            "Project Engineer",
        ),
    },
    DemoAccount {
        kind: AccountKind::Vendor,
        name: "Highveld Cement & Aggregates",
        registration: Some("1998/012233/07"),
        vat: Some("4180223345"),
        contact: (
            "Sipho",
            "Dlamini",
            "orders@highveld-cement.co.za",
            "Sales Desk",
        ),
    },
    DemoAccount {
        kind: AccountKind::Vendor,
        name: "Karoo Plant Hire",
        registration: Some("2005/334455/07"),
        vat: Some("4320456781"),
        contact: (
            "Anele",
            "Mokoena",
            "anele@karooplant.co.za",
            "Hire Controller",
        ),
    },
    DemoAccount {
        kind: AccountKind::Subcontractor,
        name: "Mzansi Electrical Contractors CC",
        registration: Some("2009/087654/23"),
        vat: Some("4870098712"),
        contact: (
            "Lerato",
            "Molefe",
            "lerato@mzansi-electrical.co.za",
            "Contracts Manager",
        ),
    },
];

/// The subject of the demo sales rep who owns the demo leads (and so their opportunities).
pub const DEMO_SALES_REP: &str = "demo.sales.rep";

/// Demo leads, unless identity holds leads: one new, one qualified, and one converted —
/// which sales opens as an opportunity from identity's topic once the workers run.
/// Returns how many leads it captured.
pub async fn seed_leads(identity: &PgPool) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1")
        .bind(LEAD_AGGREGATE)
        .fetch_one(identity)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let ctx = acting_as(
        DEMO_SALES_REP,
        "Thandi Nkosi (demo sales rep)",
        Role::SalesRep,
    );
    let commands = IdentityCommands::new(identity.clone());
    let lead = |company: &str, first: &str, last: &str, email: &str, source, value: i64| {
        CaptureLeadInput {
            company_name: company.to_string(),
            contact_first_name: first.to_string(),
            contact_last_name: last.to_string(),
            email: Some(email.to_string()),
            phone: None,
            source,
            estimated_value: Some(Decimal::from(value)),
        }
    };
    let converted = commands
        .capture_lead(
            &ctx,
            lead(
                "Mahlangu Developments",
                "Nomsa",
                "Mahlangu",
                "nomsa@mahlangu.co.za",
                LeadSource::TenderBulletin,
                12_500_000,
            ),
        )
        .await?;
    commands.qualify_lead(&ctx, &converted).await?;
    commands.convert_lead(&ctx, &converted).await?;
    let qualified = commands
        .capture_lead(
            &ctx,
            lead(
                "Ubuntu Schools Trust",
                "Bongani",
                "Zulu",
                "bongani@ubuntuschools.org.za",
                LeadSource::Referral,
                4_200_000,
            ),
        )
        .await?;
    commands.qualify_lead(&ctx, &qualified).await?;
    commands
        .capture_lead(
            &ctx,
            lead(
                "Cape Logistics Park",
                "Ayesha",
                "Davids",
                "ayesha@capelogistics.co.za",
                LeadSource::Website,
                28_000_000,
            ),
        )
        .await?;
    Ok(3)
}

/// Seeds the demo accounts unless the identity event store already holds accounts.
/// Returns how many accounts were created.
pub async fn seed(identity: &PgPool) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1")
        .bind(ACCOUNT_AGGREGATE)
        .fetch_one(identity)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let commands = IdentityCommands::new(identity.clone());
    let ctx = seed_context();
    for demo in DEMO {
        let account_id = commands
            .create_account(
                &ctx,
                CreateAccountInput {
                    kind: demo.kind,
                    name: demo.name.to_string(),
                    registration_number: demo.registration.map(str::to_string),
                    vat_number: demo.vat.map(str::to_string),
                },
            )
            .await?;
        let (first, last, email, title) = demo.contact;
        commands
            .create_contact(
                &ctx,
                CreateContactInput {
                    account_id,
                    details: ContactDetailsInput {
                        first_name: first.to_string(),
                        last_name: last.to_string(),
                        email: Some(email.to_string()),
                        phone: None,
                        job_title: Some(title.to_string()),
                    },
                },
            )
            .await?;
    }
    Ok(DEMO.len())
}

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

/// Opens every account of the default South African construction chart that is not
/// open yet (idempotent: an existing code is left as it is). Returns how many opened.
pub async fn seed_chart(finance: &PgPool, calendar: FinancialCalendar) -> anyhow::Result<usize> {
    // Opening accounts shows no supplier anywhere.
    let commands = FinanceCommands::new(finance.clone(), calendar, DEMO_COMPANY.supplier());
    let ctx = seed_context();
    let mut opened = 0;
    for entry in DEFAULT_CHART {
        let input = OpenLedgerAccountInput {
            code: entry.code.to_string(),
            name: entry.name.to_string(),
            account_type: entry.account_type,
            cost_type: entry.cost_type,
        };
        match commands.open_ledger_account(&ctx, input).await {
            Ok(_) => opened += 1,
            // Already in the chart (seeded before, or opened by hand): leave it.
            Err(CommandError::Rejected(m))
                if m == FinanceError::AccountAlreadyExists.to_string() => {}
            Err(e) => {
                return Err(anyhow::anyhow!(
                    "Failed to open ledger account {}: {e}",
                    entry.code
                ))
            }
        }
    }
    Ok(opened)
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

/// The demo project's id: the one opened before (by [`seed_project`], for the demo
/// customer, when `up` runs the workers), else a new one without a customer (`seed`
/// alone, where orders cannot yet know any customer).
async fn demo_project(orders: &PgPool) -> anyhow::Result<String> {
    let existing: Option<String> = sqlx::query_scalar(
        "SELECT aggregate_id FROM events
          WHERE aggregate_type = $1 AND event_type = 'ProjectCreated'
            AND payload::jsonb #>> '{ProjectCreated,code}' = $2
          ORDER BY global_id LIMIT 1",
    )
    .bind(PROJECT_AGGREGATE)
    .bind(DEMO_PROJECT_CODE)
    .fetch_optional(orders)
    .await?;
    if let Some(id) = existing {
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

/// How long the seed waits for finance to learn of the demo accounts and project.
const FACTS_WAIT: Duration = Duration::from_secs(60);

/// Waits until finance's copy knows every account and project named; `false` when the
/// wait ran out (the relays and finance's projection workers are not running).
async fn finance_knows(finance: &PgPool, accounts: &[&str], project: &str) -> anyhow::Result<bool> {
    let deadline = tokio::time::Instant::now() + FACTS_WAIT;
    let accounts: Vec<String> = accounts.iter().map(|a| a.to_string()).collect();
    loop {
        let (known_accounts, known_project): (i64, bool) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM read_model.known_accounts WHERE id = ANY ($1)),
                    EXISTS (SELECT 1 FROM read_model.known_projects WHERE id = $2)",
        )
        .bind(&accounts)
        .bind(project)
        .fetch_one(finance)
        .await?;
        if known_accounts == accounts.len() as i64 && known_project {
            return Ok(true);
        }
        if tokio::time::Instant::now() >= deadline {
            return Ok(false);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

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
    crate::demo_project::fill(&commands, &seed_context(), &id).await?;
    // The trade: a sales order to the same customer, a purchase order from the first
    // vendor (once orders knows it too).
    let vendor = first_party(identity, "VENDOR").await?;
    if let Some(vendor) = vendor {
        if orders_knows(orders, &vendor, deadline).await? {
            crate::demo_project::fill_trade(orders, &seed_context(), &id, &customer_id, &vendor)
                .await?;
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

fn line(description: &str, quantity: i64, cents: i64, project: &str) -> InvoiceLineInput {
    InvoiceLineInput {
        description: description.to_string(),
        quantity: Decimal::from(quantity),
        unit_price: Rand::cents(cents),
        vat_treatment: VatTreatment::Standard,
        project_id: Some(project.to_string()),
        cost_code: None,
    }
}

/// Demo receivables and payables, dated back from `today` so that the aged reports
/// have something in several buckets: two progress claims to the first demo customer
/// (the older one part-paid), and a subcontractor's bill, part-paid, all on the demo
/// project (created in orders when missing). Skipped when the finance event store
/// already holds an invoice, and — with a warning — when finance's copy has not learnt
/// of the demo accounts and project within a minute (the stack is not running).
/// Returns how many documents it made.
pub async fn seed_finance(
    identity: &PgPool,
    orders: &PgPool,
    finance: &PgPool,
    calendar: FinancialCalendar,
    supplier: Supplier,
    today: NaiveDate,
) -> anyhow::Result<usize> {
    let invoiced: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1")
        .bind(INVOICE_AGGREGATE)
        .fetch_one(finance)
        .await?;
    let (Some(customer), Some(sub)) = (
        first_party(identity, "CUSTOMER").await?,
        first_party(identity, "SUBCONTRACTOR").await?,
    ) else {
        return Ok(0);
    };
    if invoiced > 0 {
        return Ok(0);
    }
    let project_id = demo_project(orders).await?;
    if !finance_knows(finance, &[&customer, &sub], &project_id).await? {
        tracing::warn!(
            "finance has not learnt of the demo accounts and project from the topics; \
             demo invoices skipped (run the seed with the stack up)"
        );
        return Ok(0);
    }
    let commands = FinanceCommands::new(finance.clone(), calendar, supplier);
    let ctx = seed_context();
    let days_ago = |n: i64| today - chrono::Duration::days(n);
    let project = project_id.as_str();
    let claim = |date, lines| RaiseInvoiceInput {
        customer_account_id: customer.clone(),
        date,
        lines,
        retention_percent: Some(Decimal::from(10)),
        retention_amount: None,
    };
    let first = commands
        .raise_invoice(
            &ctx,
            claim(
                days_ago(75),
                vec![
                    line(
                        "Progress claim 1: earthworks and foundations",
                        1,
                        48_500_000,
                        project,
                    ),
                    line("Reinforcing steel, tonnes", 12, 1_895_000, project),
                ],
            ),
        )
        .await?;
    commands
        .raise_invoice(
            &ctx,
            claim(
                days_ago(20),
                vec![line(
                    "Progress claim 2: ground floor slab",
                    1,
                    62_000_000,
                    project,
                )],
            ),
        )
        .await?;
    commands
        .record_payment(
            &ctx,
            RecordPaymentInput {
                direction: PaymentDirection::Received,
                counterparty_id: customer.clone(),
                date: days_ago(40),
                amount: Rand::cents(30_000_000),
                reference: "EFT PROGRESS 1".to_string(),
                allocations: vec![AllocationInput {
                    document_id: first.id,
                    amount: Rand::cents(30_000_000),
                }],
            },
        )
        .await?;
    let bill = commands
        .record_bill(
            &ctx,
            RecordBillInput {
                supplier_account_id: sub.clone(),
                supplier_reference: "DEMO-SUB-001".to_string(),
                date: days_ago(30),
                lines: vec![BillLineInput {
                    account_code: "5300".to_string(),
                    description: "Formwork and shuttering, ground floor".to_string(),
                    quantity: Decimal::ONE,
                    unit_price: Rand::cents(18_400_000),
                    vat_treatment: VatTreatment::Standard,
                    project_id: Some(project.to_string()),
                    cost_code: Some("03-100".to_string()),
                    purchase_order_line_no: None,
                }],
                retention_percent: Some(Decimal::from(5)),
                retention_amount: None,
                purchase_order_id: None,
            },
        )
        .await?;
    commands
        .record_payment(
            &ctx,
            RecordPaymentInput {
                direction: PaymentDirection::Made,
                counterparty_id: sub,
                date: days_ago(10),
                amount: Rand::cents(10_000_000),
                reference: "DEMO SUB PART".to_string(),
                allocations: vec![AllocationInput {
                    document_id: bill,
                    amount: Rand::cents(10_000_000),
                }],
            },
        )
        .await?;
    Ok(3)
}

/// Seeds every domain's demo data, in dependency order: the accounts, (when `wait` is
/// given: the relays and workers run) the demo project once orders knows its customer,
/// the chart of accounts, then the demo receivables and payables. Says what it did.
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
    let documents = seed_finance(identity, orders, finance, calendar, supplier, today).await?;
    tracing::info!(documents, "demo invoices, bills and payments seeded");
    Ok(format!(
        "seeded {accounts} accounts, {opened} ledger accounts, {documents} invoices and bills"
    ))
}
