use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::scoring::{score, LeadFacts, LeadScoring, ScoringRules, SetScoringRules};
use super::*;
use crate::finance::Rand;
use crate::sales::SalesError;
use crate::values::{Name, Reason};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 2, d).expect("date")
}

fn planned() -> Campaign {
    let mut campaign = Campaign::default();
    let terms = CampaignTerms {
        name: Name::parse("name", "Build Expo 2027").expect("name"),
        channel: Channel::TradeShow,
        budget: Rand::cents(4_000_000),
        starts_on: day(10),
        ends_on: day(12),
        segment: Segment::default(),
    };
    for e in campaign
        .decide(CampaignCommand::Plan(terms))
        .expect("planned")
    {
        cqrs_es::Aggregate::apply(&mut campaign, e);
    }
    campaign
}

fn respond(lead: &str, kind: ResponseKind, on: u32) -> CampaignCommand {
    CampaignCommand::RecordResponse {
        lead_id: lead.into(),
        kind,
        on: day(on),
    }
}

#[test]
fn the_first_response_attributes_a_lead_and_a_site_visit_counts_once() {
    let mut campaign = planned();
    let first = campaign
        .decide(respond("lead-1", ResponseKind::Responded, 10))
        .expect("recorded");
    assert!(matches!(
        first[0],
        CampaignEvent::CampaignResponseRecorded {
            attributed: true,
            ..
        }
    ));
    for e in first {
        cqrs_es::Aggregate::apply(&mut campaign, e);
    }
    let visit = campaign
        .decide(respond("lead-1", ResponseKind::SiteVisitBooked, 11))
        .expect("recorded");
    assert!(matches!(
        visit[0],
        CampaignEvent::CampaignResponseRecorded {
            attributed: false,
            ..
        }
    ));
    for e in visit {
        cqrs_es::Aggregate::apply(&mut campaign, e);
    }
    assert_eq!(
        campaign.decide(respond("lead-1", ResponseKind::SiteVisitBooked, 12)),
        Ok(Vec::new())
    );
    assert_eq!(campaign.leads(), 1);
    assert_eq!(
        campaign.decide(respond("lead-2", ResponseKind::Responded, 9)),
        Err(SalesError::ResponseBeforeStart(day(10)))
    );
}

#[test]
fn a_campaign_refuses_a_backward_period_and_a_closed_one_takes_nothing() {
    let backwards = CampaignTerms {
        name: Name::parse("name", "Radio").expect("name"),
        channel: Channel::Radio,
        budget: Rand::cents(100),
        starts_on: day(12),
        ends_on: day(10),
        segment: Segment::default(),
    };
    assert_eq!(
        Campaign::default().decide(CampaignCommand::Plan(backwards)),
        Err(SalesError::CampaignPeriod {
            starts_on: day(12),
            ends_on: day(10)
        })
    );
    let mut campaign = planned();
    for e in campaign
        .decide(CampaignCommand::Close { on: day(13) })
        .expect("closed")
    {
        cqrs_es::Aggregate::apply(&mut campaign, e);
    }
    let spend = CampaignCommand::RecordSpend {
        amount: Rand::cents(100),
        note: Reason::parse("note", "stand").expect("note"),
        on: day(13),
    };
    assert_eq!(campaign.decide(spend), Err(SalesError::CampaignClosed));
    assert_eq!(
        Campaign::default().decide(respond("l", ResponseKind::Responded, 10)),
        Err(SalesError::CampaignNotFound)
    );
}

#[test]
fn a_segment_keeps_out_only_what_it_knows_does_not_fit() {
    let segment = Segment {
        sectors: vec![Sector::Commercial],
        provinces: vec![Province::Gauteng, Province::WesternCape],
        min_cidb_grade: Some(CidbGrade::new(5).expect("grade")),
    };
    let g = |n| Some(CidbGrade::new(n).expect("grade"));
    assert!(segment.includes(Some(Sector::Commercial), Some(Province::Gauteng), g(6)));
    assert!(segment.includes(None, None, None));
    assert!(!segment.includes(Some(Sector::Mining), None, None));
    assert!(!segment.includes(None, Some(Province::Limpopo), None));
    assert!(!segment.includes(None, None, g(3)));
    assert_eq!(CidbGrade::new(10), Err(SalesError::CidbGrade(10)));
}

#[test]
fn a_score_is_explained_factor_by_factor() {
    let facts = LeadFacts {
        sector: Some(Sector::Infrastructure),
        province: Some(Province::Gauteng),
        cidb_grade: Some(CidbGrade::new(7).expect("grade")),
        estimated_value: Some(Decimal::from(4_500_000)),
        responses: 6,
        site_visit_booked: true,
    };
    let s = score(&facts, &ScoringRules::default());
    let points: Vec<(&str, i32)> = s
        .factors
        .iter()
        .map(|f| (f.factor.as_str(), f.points))
        .collect();
    assert_eq!(
        points,
        vec![
            ("SECTOR", 20),
            ("PROVINCE", 15),
            ("CIDB_GRADE", 20),
            ("PROJECT_SIZE", 10),
            ("CAMPAIGN_RESPONSES", 20),
            ("SITE_VISIT", 25),
        ]
    );
    assert_eq!(s.total, 110);
    assert_eq!(
        s.factors[2].explanation,
        "CIDB grade 7 is in the band from grade 6: 20"
    );
    assert_eq!(
        s.factors[4].explanation,
        "6 campaign responses, 4 counted (at most 4) × 5"
    );
    let nothing = score(&LeadFacts::default(), &ScoringRules::default());
    assert_eq!(nothing.total, 0);
    assert_eq!(nothing.factors[0].explanation, "no sector recorded");
}

#[test]
fn rules_are_checked_and_versioned_and_the_same_rules_change_nothing() {
    let scoring = LeadScoring::default();
    let mut rules = ScoringRules::default();
    assert_eq!(
        scoring.decide(SetScoringRules {
            rules: rules.clone()
        }),
        Ok(Vec::new())
    );
    rules.site_visit_booked = 30;
    assert_eq!(
        scoring
            .decide(SetScoringRules {
                rules: rules.clone()
            })
            .expect("set")
            .len(),
        1
    );
    rules.per_response = 500;
    assert!(matches!(
        scoring.decide(SetScoringRules { rules }),
        Err(SalesError::ScoringRule(_))
    ));
    let mut unordered = ScoringRules::default();
    unordered.cidb_grades.reverse();
    assert!(unordered.check().is_err());
}

#[test]
fn a_profile_recorded_again_as_it_stands_records_nothing() {
    let mut profile = LeadProfile::default();
    let ask = ProfileLead {
        sector: Some(Sector::Commercial),
        province: None,
        cidb_grade: None,
    };
    let events = profile.decide(ask.clone());
    assert_eq!(events.len(), 1);
    for e in events {
        cqrs_es::Aggregate::apply(&mut profile, e);
    }
    assert!(profile.decide(ask).is_empty());
}

fn any_sector() -> impl Strategy<Value = Option<Sector>> {
    prop_oneof![
        Just(None),
        Just(Some(Sector::Residential)),
        Just(Some(Sector::Commercial)),
        Just(Some(Sector::Infrastructure)),
        Just(Some(Sector::Other)),
    ]
}

proptest! {
    /// The total is the sum of its factors; one more response never lowers a score
    /// (with non-negative points), and past the cap changes nothing.
    #[test]
    fn the_total_is_the_sum_of_the_factors(
        sector in any_sector(),
        grade in proptest::option::of(1i64..=9),
        value in proptest::option::of(0i64..50_000_000),
        responses in 0u32..20,
        visit in any::<bool>(),
    ) {
        let rules = ScoringRules::default();
        let facts = LeadFacts {
            sector,
            province: Some(Province::Limpopo),
            cidb_grade: grade.map(|g| CidbGrade::new(g).expect("grade")),
            estimated_value: value.map(Decimal::from),
            responses,
            site_visit_booked: visit,
        };
        let s = score(&facts, &rules);
        prop_assert_eq!(s.factors.len(), 6);
        prop_assert_eq!(s.total, s.factors.iter().map(|f| f.points).sum::<i32>());
        let more = score(&LeadFacts { responses: responses + 1, ..facts.clone() }, &rules);
        prop_assert!(more.total >= s.total);
        if responses >= rules.max_responses {
            prop_assert_eq!(more.total, s.total);
        }
    }
}
