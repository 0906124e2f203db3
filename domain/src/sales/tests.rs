//! Given/when/then tests of the opportunity aggregate, and properties over any
//! sequence of commands.

use cqrs_es::test::TestFramework;
use cqrs_es::Aggregate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::identity::LeadSource;
use crate::values::{Identifier, Name, Reason};

type Given = TestFramework<Opportunity>;

const LEAD: &str = "0190c7a2-5d1e-7b3a-9f00-1234567890ab";

fn open_with(estimated_value: Option<Decimal>) -> OpportunityCommand {
    OpportunityCommand::OpenFromLead {
        lead_id: Identifier::parse("leadId", LEAD).expect("id"),
        account_id: Identifier::parse("accountId", "acc-1").expect("id"),
        contact_id: Identifier::parse("contactId", "con-1").expect("id"),
        name: Name::parse("name", " Mahlangu Developments ").expect("name"),
        estimated_value,
        owner: Name::parse("owner", "rep-1").expect("owner"),
        source: LeadSource::TenderBulletin,
        probability: 10,
    }
}

fn open() -> OpportunityCommand {
    open_with(Some(dec!(4500000)))
}

fn opened() -> OpportunityEvent {
    OpportunityEvent::OpportunityOpened {
        lead_id: LEAD.into(),
        account_id: "acc-1".into(),
        contact_id: "con-1".into(),
        name: "Mahlangu Developments".into(),
        owner: "rep-1".into(),
        source: LeadSource::TenderBulletin,
        estimated_value: Some(dec!(4500000.00)),
        stage: Stage::Qualification,
        probability: 10,
    }
}

fn moved(from: Stage, to: Stage) -> OpportunityEvent {
    OpportunityEvent::OpportunityStageMoved {
        from,
        to,
        probability: to.default_probability(),
    }
}

fn move_to(stage: Stage) -> OpportunityCommand {
    OpportunityCommand::MoveStage {
        stage,
        probability: stage.default_probability(),
        owned_by: None,
    }
}

fn lose(owned_by: Option<&str>) -> OpportunityCommand {
    OpportunityCommand::Lose {
        reason: Reason::parse("reason", "priced 12% above the winner").expect("reason"),
        competitor: Name::parse_optional("competitor", Some("Bokamoso Builders")).expect("name"),
        owned_by: owned_by.map(String::from),
    }
}

#[test]
fn opens_at_qualification_with_its_probability() {
    Given::with(())
        .given_no_previous_events()
        .when(open())
        .then_expect_events(vec![opened()]);
}

#[test]
fn the_estimate_is_kept_in_cents_and_checked() {
    let mut opportunity = Opportunity::default();
    let Ok(OpportunityEvent::OpportunityOpened {
        estimated_value, ..
    }) = opportunity.decide(open_with(Some(dec!(12.5))))
    else {
        panic!("opens");
    };
    assert_eq!(estimated_value.map(|v| v.to_string()), Some("12.50".into()));
    assert_eq!(
        opportunity.decide(open_with(Some(dec!(-1)))),
        Err(SalesError::InvalidEstimate("-1".into()))
    );
    assert!(opportunity.decide(open_with(Some(dec!(0.001)))).is_err());
    assert!(opportunity.decide(open_with(None)).is_ok());
    opportunity.apply(opened());
    assert!(opportunity.exists());
}

#[test]
fn refuses_to_open_twice() {
    Given::with(())
        .given(vec![opened()])
        .when(open())
        .then_expect_error(SalesError::AlreadyOpen);
}

#[test]
fn moves_forward_and_back_between_open_stages() {
    Given::with(())
        .given(vec![opened()])
        .when(move_to(Stage::Tender))
        .then_expect_events(vec![moved(Stage::Qualification, Stage::Tender)]);
    // A re-issued tender: negotiation falls back to tender.
    Given::with(())
        .given(vec![
            opened(),
            moved(Stage::Qualification, Stage::Negotiation),
        ])
        .when(move_to(Stage::Tender))
        .then_expect_events(vec![moved(Stage::Negotiation, Stage::Tender)]);
}

#[test]
fn refuses_to_move_to_the_stage_it_is_in() {
    Given::with(())
        .given(vec![opened()])
        .when(move_to(Stage::Qualification))
        .then_expect_error(SalesError::AlreadyInStage(Stage::Qualification));
}

#[test]
fn won_and_lost_have_their_own_commands() {
    for stage in [Stage::Won, Stage::Lost] {
        Given::with(())
            .given(vec![opened()])
            .when(move_to(stage))
            .then_expect_error(SalesError::NotAnOpenStage(stage));
    }
}

#[test]
fn wins_and_loses_from_an_open_stage() {
    Given::with(())
        .given(vec![opened(), moved(Stage::Qualification, Stage::Tender)])
        .when(OpportunityCommand::Win { owned_by: None })
        .then_expect_events(vec![OpportunityEvent::OpportunityWon {}]);
    Given::with(())
        .given(vec![opened()])
        .when(lose(Some("rep-1")))
        .then_expect_events(vec![OpportunityEvent::OpportunityLost {
            reason: "priced 12% above the winner".into(),
            competitor: Some("Bokamoso Builders".into()),
        }]);
}

#[test]
fn a_closed_opportunity_cannot_change() {
    let won = vec![opened(), OpportunityEvent::OpportunityWon {}];
    Given::with(())
        .given(won.clone())
        .when(move_to(Stage::Negotiation))
        .then_expect_error(SalesError::Closed(Stage::Won));
    Given::with(())
        .given(won)
        .when(lose(None))
        .then_expect_error(SalesError::Closed(Stage::Won));
    let lost = vec![
        opened(),
        OpportunityEvent::OpportunityLost {
            reason: "no budget".into(),
            competitor: None,
        },
    ];
    Given::with(())
        .given(lost)
        .when(OpportunityCommand::Win { owned_by: None })
        .then_expect_error(SalesError::Closed(Stage::Lost));
}

#[test]
fn an_unopened_opportunity_does_not_exist() {
    for command in [
        move_to(Stage::Tender),
        OpportunityCommand::Win { owned_by: None },
        lose(None),
    ] {
        Given::with(())
            .given_no_previous_events()
            .when(command)
            .then_expect_error(SalesError::OpportunityNotFound);
    }
}

#[test]
fn someone_elses_opportunity_does_not_exist_for_an_owner_only_caller() {
    Given::with(())
        .given(vec![opened()])
        .when(OpportunityCommand::MoveStage {
            stage: Stage::SiteVisit,
            probability: 25,
            owned_by: Some("rep-2".into()),
        })
        .then_expect_error(SalesError::OpportunityNotFound);
    Given::with(())
        .given(vec![opened()])
        .when(OpportunityCommand::Win {
            owned_by: Some("rep-1".into()),
        })
        .then_expect_events(vec![OpportunityEvent::OpportunityWon {}]);
}

#[test]
fn refusals_are_not_found_or_rejected() {
    use crate::refusal::{Refusal, RefusalKind};
    assert_eq!(
        SalesError::OpportunityNotFound.kind(),
        RefusalKind::NotFound
    );
    for e in [
        SalesError::AlreadyOpen,
        SalesError::NotAnOpenStage(Stage::Won),
        SalesError::AlreadyInStage(Stage::Tender),
        SalesError::Closed(Stage::Lost),
        SalesError::InvalidEstimate("-1".into()),
    ] {
        assert_eq!(e.kind(), RefusalKind::Rejected, "{e}");
    }
    assert_eq!(
        SalesError::NotAnOpenStage(Stage::Won).to_string(),
        "stage: an opportunity becomes WON by winning or losing it, not by moving its stage"
    );
}

#[test]
fn events_are_externally_tagged_with_amounts_as_strings() {
    let json = serde_json::to_value(opened()).expect("json");
    assert_eq!(json["OpportunityOpened"]["estimated_value"], "4500000.00");
    assert_eq!(json["OpportunityOpened"]["stage"], "QUALIFICATION");
    assert_eq!(json["OpportunityOpened"]["source"], "TENDER_BULLETIN");
    assert_eq!(
        serde_json::to_value(OpportunityEvent::OpportunityWon {}).expect("json"),
        serde_json::json!({ "OpportunityWon": {} })
    );
    use cqrs_es::DomainEvent;
    assert_eq!(opened().event_type(), "OpportunityOpened");
    assert_eq!(opened().event_version(), "1");
}

fn any_stage() -> impl Strategy<Value = Stage> {
    proptest::sample::select(Stage::ALL.to_vec())
}

fn any_command() -> impl Strategy<Value = OpportunityCommand> {
    let owner = proptest::option::of(prop_oneof![Just("rep-1"), Just("rep-2")]);
    prop_oneof![
        4 => (any_stage(), owner.clone()).prop_map(|(stage, o)| OpportunityCommand::MoveStage {
            stage,
            probability: stage.default_probability(),
            owned_by: o.map(String::from),
        }),
        1 => owner.clone().prop_map(|o| OpportunityCommand::Win { owned_by: o.map(String::from) }),
        1 => owner.clone().prop_map(|o| lose(o)),
        1 => owner.prop_map(|o| OpportunityCommand::SetForecast {
            expected_close: chrono::NaiveDate::from_ymd_opt(2027, 3, 31).expect("date"),
            estimated_value: Some(Decimal::new(250_000_000, 2)),
            owned_by: o.map(String::from),
        }),
        1 => Just(open()),
    ]
}

proptest! {
    /// Whatever is asked, in whatever order: the opportunity opens at most once, every
    /// probability is its stage's default, each move starts where the last ended, and
    /// once won or lost nothing more is recorded.
    #[test]
    fn any_sequence_keeps_the_pipeline_rules(
        starts_open in any::<bool>(),
        asks in proptest::collection::vec(any_command(), 0..25),
    ) {
        let mut opportunity = Opportunity::default();
        if starts_open {
            opportunity.apply(opened());
        }
        for command in asks {
            let before = opportunity.clone();
            let Ok(event) = opportunity.decide(command) else {
                continue;
            };
            prop_assert!(!before.stage().is_closed(), "a closed opportunity changed: {:?}", event);
            match &event {
                OpportunityEvent::OpportunityOpened { stage, probability, .. } => {
                    prop_assert!(!before.exists());
                    prop_assert_eq!(*probability, stage.default_probability());
                }
                OpportunityEvent::OpportunityStageMoved { from, to, probability } => {
                    prop_assert!(before.exists());
                    prop_assert_eq!(*from, before.stage());
                    prop_assert_ne!(from, to);
                    prop_assert!(to.is_open());
                    prop_assert_eq!(*probability, to.default_probability());
                }
                OpportunityEvent::OpportunityWon {}
                | OpportunityEvent::OpportunityLost { .. }
                | OpportunityEvent::OpportunityForecastSet { .. } => {
                    prop_assert!(before.exists());
                }
            }
            opportunity.apply(event);
        }
    }

    /// Any estimate is refused or kept exactly, non-negative with two decimal places.
    #[test]
    fn accepted_estimates_are_exact_cents(units in -1_000i64..10_000_000_000, scale in 0u32..5) {
        let given = Decimal::new(units, scale);
        if let Ok(Some(v)) = checked_estimate(Some(given)) {
            prop_assert!(!v.is_sign_negative() || v.is_zero());
            prop_assert_eq!(v.scale(), 2);
            prop_assert_eq!(v, given);
        }
    }
}
