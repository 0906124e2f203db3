//! The demo campaign and lead profiles: a trade show running this month with its
//! spend, responses from the demo sales rep's leads (one books a site visit), and the
//! profiles of two leads, so the campaigns and lead-score screens show real figures.
//! Seeded once, through the command side.

use chrono::{Days, NaiveDate};
use constructos_commands::sales::{
    CampaignResponseInput, CampaignSpendInput, PlanCampaignInput, ProfileLeadInput, SalesCommands,
    SegmentInput,
};
use constructos_domain::access::Role;
use constructos_domain::identity::LEAD_AGGREGATE;
use constructos_domain::sales::marketing::{
    Channel, Province, ResponseKind, Sector, CAMPAIGN_AGGREGATE,
};
use rust_decimal::Decimal;
use sqlx::PgPool;

use super::{acting_as, DEMO_SALES_REP};

/// Seeds the demo campaign unless sales has one; answers how many responses it recorded.
pub async fn seed_marketing(
    identity: &PgPool,
    sales: &PgPool,
    today: NaiveDate,
) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1")
        .bind(CAMPAIGN_AGGREGATE)
        .fetch_one(sales)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    // The demo rep's leads, oldest first.
    let leads: Vec<String> = sqlx::query_scalar(
        "SELECT aggregate_id FROM events
          WHERE aggregate_type = $1 AND event_type = 'LeadCaptured'
          ORDER BY global_id",
    )
    .bind(LEAD_AGGREGATE)
    .fetch_all(identity)
    .await?;
    let manager = acting_as(
        "demo-sales-manager",
        "Demo sales manager",
        Role::SalesManager,
    );
    let rep = acting_as(
        DEMO_SALES_REP,
        "Thandi Nkosi (demo sales rep)",
        Role::SalesRep,
    );
    let commands = SalesCommands::new(sales.clone());
    let starts_on = today.checked_sub_days(Days::new(14)).unwrap_or(today);
    let ends_on = today.checked_add_days(Days::new(14)).unwrap_or(today);
    let campaign = commands
        .plan_campaign(
            &manager,
            PlanCampaignInput {
                name: "Gauteng Build Expo".to_string(),
                channel: Channel::TradeShow,
                budget: Decimal::from(45_000),
                starts_on,
                ends_on,
                segment: SegmentInput {
                    sectors: vec![Sector::Commercial, Sector::Infrastructure],
                    provinces: vec![Province::Gauteng],
                    min_cidb_grade: Some(5),
                },
            },
        )
        .await?;
    commands
        .record_campaign_spend(
            &manager,
            CampaignSpendInput {
                campaign_id: campaign.clone(),
                amount: Decimal::from(32_000),
                note: "Stand hire and brochures".to_string(),
                on: starts_on,
            },
        )
        .await?;
    let mut responses = 0;
    for (i, lead) in leads.iter().take(2).enumerate() {
        let kinds: &[ResponseKind] = if i == 0 {
            &[ResponseKind::Responded, ResponseKind::SiteVisitBooked]
        } else {
            &[ResponseKind::Responded]
        };
        for kind in kinds {
            commands
                .record_campaign_response(
                    &rep,
                    CampaignResponseInput {
                        campaign_id: campaign.clone(),
                        lead_id: lead.clone(),
                        kind: *kind,
                        on: starts_on,
                    },
                )
                .await?;
            responses += 1;
        }
    }
    let profiles = [
        (Sector::Commercial, Province::Gauteng, 7),
        (Sector::Residential, Province::WesternCape, 3),
    ];
    for (lead, (sector, province, grade)) in leads.iter().zip(profiles) {
        commands
            .profile_lead(
                &rep,
                ProfileLeadInput {
                    lead_id: lead.clone(),
                    sector: Some(sector),
                    province: Some(province),
                    cidb_grade: Some(grade),
                },
            )
            .await?;
    }
    Ok(responses)
}
