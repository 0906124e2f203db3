//! Demo data: a handful of South African customers, vendors and subcontractors with
//! contacts, and the default chart of accounts, entered through the command side like
//! any other change.

use constructos_commands::finance::{FinanceCommands, OpenLedgerAccountInput};
use constructos_commands::identity::{
    ContactDetailsInput, CreateAccountInput, CreateContactInput, IdentityCommands,
};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_domain::finance::chart::DEFAULT_CHART;
use constructos_domain::finance::{FinanceError, FinancialCalendar};
use constructos_domain::identity::{AccountKind, ACCOUNT_AGGREGATE};
use constructos_infra::auth::Caller;
use sqlx::PgPool;

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
    CommandContext::new(
        Caller {
            subject: "system:seed".to_string(),
            object_id: None,
            tenant_id: None,
            name: Some("Demo data".to_string()),
            username: None,
            roles: vec![Role::Admin],
        },
        uuid::Uuid::new_v4().to_string(),
    )
}

/// Opens every account of the default South African construction chart that is not
/// open yet (idempotent: an existing code is left as it is). Returns how many opened.
pub async fn seed_chart(finance: &PgPool, calendar: FinancialCalendar) -> anyhow::Result<usize> {
    let commands = FinanceCommands::new(finance.clone(), calendar);
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
