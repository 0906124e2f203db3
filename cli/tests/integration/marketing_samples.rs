//! One sample of every marketing event (campaigns, lead profiles, scoring rules), for
//! the contract test (`contracts.rs`) — kept apart from `event_samples.rs`, which holds
//! the older domains'.

use chrono::NaiveDate;
use constructos_domain::finance::Rand;
use constructos_domain::sales::marketing::scoring::{ScoringEvent, ScoringRules};
use constructos_domain::sales::marketing::{
    CampaignEvent, Channel, CidbGrade, LeadProfileEvent, Province, ResponseKind, Sector, Segment,
};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 2, d).expect("date")
}

const LEAD: &str = "0190c7a2-5d1e-7b3a-9f00-1234567890ab";

/// Every campaign event.
pub fn campaign_samples() -> Vec<CampaignEvent> {
    let samples = vec![
        CampaignEvent::CampaignPlanned {
            name: "Build Expo 2027".into(),
            channel: Channel::TradeShow,
            budget: Rand::cents(4_000_000),
            starts_on: day(10),
            ends_on: day(12),
            segment: Segment {
                sectors: vec![Sector::Infrastructure],
                provinces: vec![Province::Gauteng],
                min_cidb_grade: CidbGrade::new(5).ok(),
            },
        },
        CampaignEvent::CampaignPlanned {
            name: "Radio spots".into(),
            channel: Channel::Radio,
            budget: Rand::cents(0),
            starts_on: day(1),
            ends_on: day(28),
            segment: Segment::default(),
        },
        CampaignEvent::CampaignSpendRecorded {
            amount: Rand::cents(3_000_000),
            note: "Stand and brochures".into(),
            on: day(1),
        },
        CampaignEvent::CampaignResponseRecorded {
            lead_id: LEAD.into(),
            kind: ResponseKind::SiteVisitBooked,
            on: day(11),
            attributed: true,
        },
        CampaignEvent::CampaignClosed { on: day(13) },
    ];
    for sample in &samples {
        match sample {
            CampaignEvent::CampaignPlanned { .. }
            | CampaignEvent::CampaignSpendRecorded { .. }
            | CampaignEvent::CampaignResponseRecorded { .. }
            | CampaignEvent::CampaignClosed { .. } => {}
        }
    }
    samples
}

/// Every lead-profile event.
pub fn lead_profile_samples() -> Vec<LeadProfileEvent> {
    vec![
        LeadProfileEvent::LeadProfiled {
            sector: Some(Sector::Commercial),
            province: Some(Province::KwazuluNatal),
            cidb_grade: CidbGrade::new(7).ok(),
        },
        LeadProfileEvent::LeadProfiled {
            sector: None,
            province: None,
            cidb_grade: None,
        },
    ]
}

/// Every scoring-rules event.
pub fn scoring_samples() -> Vec<ScoringEvent> {
    vec![ScoringEvent::LeadScoringRulesSet {
        version: 1,
        rules: ScoringRules::default(),
    }]
}
