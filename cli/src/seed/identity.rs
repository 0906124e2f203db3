//! Identity's demo data: customers, vendors and subcontractors with a contact each, and
//! a sales rep's leads.

use constructos_commands::identity::{
    CaptureLeadInput, ContactDetailsInput, CreateAccountInput, CreateContactInput, IdentityCommands,
};
use constructos_domain::access::Role;
use constructos_domain::identity::{AccountKind, LeadSource, ACCOUNT_AGGREGATE, LEAD_AGGREGATE};
use rust_decimal::Decimal;
use sqlx::PgPool;

use super::{acting_as, seed_context};

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
