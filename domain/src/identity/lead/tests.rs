//! Given/when/then tests of the lead aggregate, and its conversion property.

use std::str::FromStr;

use cqrs_es::test::TestFramework;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::values::{Problem, ValueError};

type LeadTest = TestFramework<Lead>;

fn capture() -> LeadCommand {
    LeadCommand::CaptureLead {
        company_name: " Mahlangu Developments ".into(),
        contact_first_name: "Nomsa".into(),
        contact_last_name: "Mahlangu".into(),
        email: Some("Nomsa@Mahlangu.co.za".into()),
        phone: None,
        source: LeadSource::TenderBulletin,
        estimated_value: Some(Decimal::from_str("4500000").expect("decimal")),
        owner: "rep-1".into(),
    }
}

fn captured() -> LeadEvent {
    LeadEvent::LeadCaptured {
        company_name: "Mahlangu Developments".into(),
        contact_first_name: "Nomsa".into(),
        contact_last_name: "Mahlangu".into(),
        email: Some("nomsa@mahlangu.co.za".into()),
        phone: None,
        source: LeadSource::TenderBulletin,
        estimated_value: Some(Decimal::from_str("4500000.00").expect("decimal")),
        owner: "rep-1".into(),
    }
}

fn convert(owned_by: Option<&str>) -> LeadCommand {
    LeadCommand::ConvertLead {
        account_id: "acc-1".into(),
        contact_id: "con-1".into(),
        owned_by: owned_by.map(str::to_string),
    }
}

fn converted() -> LeadEvent {
    LeadEvent::LeadConverted {
        account_id: "acc-1".into(),
        contact_id: "con-1".into(),
        opportunity: Opportunity {
            company_name: "Mahlangu Developments".into(),
            contact_name: "Nomsa Mahlangu".into(),
            source: LeadSource::TenderBulletin,
            estimated_value: Some(Decimal::from_str("4500000.00").expect("decimal")),
            owner: "rep-1".into(),
        },
    }
}

#[test]
fn captures_a_lead_with_a_value_in_cents() {
    LeadTest::with(())
        .given_no_previous_events()
        .when(capture())
        .then_expect_events(vec![captured()]);
}

#[test]
fn refuses_a_lead_that_cannot_be_reached() {
    let mut command = capture();
    if let LeadCommand::CaptureLead { email, .. } = &mut command {
        *email = None;
    }
    LeadTest::with(())
        .given_no_previous_events()
        .when(command)
        .then_expect_error(IdentityError::LeadUnreachable);
}

#[test]
fn refuses_a_fractional_cent() {
    let mut command = capture();
    if let LeadCommand::CaptureLead {
        estimated_value, ..
    } = &mut command
    {
        *estimated_value = Some(Decimal::from_str("10.005").expect("decimal"));
    }
    LeadTest::with(())
        .given_no_previous_events()
        .when(command)
        .then_expect_error(IdentityError::InvalidRandAmount("10.005".into()));
}

#[test]
fn refuses_to_capture_twice() {
    LeadTest::with(())
        .given(vec![captured()])
        .when(capture())
        .then_expect_error(IdentityError::LeadAlreadyExists);
}

#[test]
fn qualifies_a_new_lead_once() {
    LeadTest::with(())
        .given(vec![captured()])
        .when(LeadCommand::QualifyLead { owned_by: None })
        .then_expect_events(vec![LeadEvent::LeadQualified {}]);
    LeadTest::with(())
        .given(vec![captured(), LeadEvent::LeadQualified {}])
        .when(LeadCommand::QualifyLead { owned_by: None })
        .then_expect_error(IdentityError::LeadNotNew(LeadStatus::Qualified));
}

#[test]
fn another_reps_lead_does_not_exist_for_a_rep() {
    LeadTest::with(())
        .given(vec![captured()])
        .when(LeadCommand::QualifyLead {
            owned_by: Some("rep-2".into()),
        })
        .then_expect_error(IdentityError::LeadNotFound);
    LeadTest::with(())
        .given(vec![captured()])
        .when(LeadCommand::QualifyLead {
            owned_by: Some("rep-1".into()),
        })
        .then_expect_events(vec![LeadEvent::LeadQualified {}]);
}

#[test]
fn disqualifies_with_a_reason() {
    LeadTest::with(())
        .given(vec![captured()])
        .when(LeadCommand::DisqualifyLead {
            reason: " budget cut ".into(),
            owned_by: None,
        })
        .then_expect_events(vec![LeadEvent::LeadDisqualified {
            reason: "budget cut".into(),
        }]);
    LeadTest::with(())
        .given(vec![captured()])
        .when(LeadCommand::DisqualifyLead {
            reason: "  ".into(),
            owned_by: None,
        })
        .then_expect_error(IdentityError::Invalid(ValueError::new(
            "reason",
            Problem::Required,
        )));
}

#[test]
fn converts_a_qualified_lead_once_and_a_retry_changes_nothing() {
    LeadTest::with(())
        .given(vec![captured(), LeadEvent::LeadQualified {}])
        .when(convert(Some("rep-1")))
        .then_expect_events(vec![converted()]);
    LeadTest::with(())
        .given(vec![captured(), LeadEvent::LeadQualified {}, converted()])
        .when(LeadCommand::ConvertLead {
            account_id: "acc-2".into(),
            contact_id: "con-2".into(),
            owned_by: None,
        })
        .then_expect_events(vec![]);
}

#[test]
fn refuses_to_convert_an_unqualified_or_disqualified_lead() {
    LeadTest::with(())
        .given(vec![captured()])
        .when(convert(None))
        .then_expect_error(IdentityError::LeadNotQualified(LeadStatus::New));
    LeadTest::with(())
        .given(vec![
            captured(),
            LeadEvent::LeadDisqualified {
                reason: "no budget".into(),
            },
        ])
        .when(convert(None))
        .then_expect_error(IdentityError::LeadNotQualified(LeadStatus::Disqualified));
}

#[test]
fn refuses_to_disqualify_a_converted_lead() {
    LeadTest::with(())
        .given(vec![captured(), LeadEvent::LeadQualified {}, converted()])
        .when(LeadCommand::DisqualifyLead {
            reason: "changed mind".into(),
            owned_by: None,
        })
        .then_expect_error(IdentityError::LeadClosed(LeadStatus::Converted));
}

#[test]
fn the_conversion_remembers_what_to_create() {
    let mut lead = Lead::default();
    for e in [captured(), LeadEvent::LeadQualified {}, converted()] {
        lead.apply(e);
    }
    let conversion = lead.conversion().expect("converted");
    assert_eq!(
        (
            conversion.account_id.as_str(),
            conversion.contact_id.as_str()
        ),
        ("acc-1", "con-1")
    );
    assert_eq!(conversion.company_name, "Mahlangu Developments");
    assert_eq!(lead.status(), LeadStatus::Converted);
}

fn any_command() -> impl Strategy<Value = LeadCommand> {
    prop_oneof![
        Just(capture()),
        Just(LeadCommand::QualifyLead { owned_by: None }),
        Just(LeadCommand::DisqualifyLead {
            reason: "no".into(),
            owned_by: None
        }),
        "[a-c]".prop_map(|id| LeadCommand::ConvertLead {
            account_id: format!("acc-{id}"),
            contact_id: format!("con-{id}"),
            owned_by: None,
        }),
        Just(convert(Some("rep-2"))),
    ]
}

proptest! {
    /// Whatever commands arrive in whatever order, a lead converts at most once, and
    /// the ids it converted to never change afterwards.
    #[test]
    fn a_lead_converts_at_most_once(commands in proptest::collection::vec(any_command(), 0..16)) {
        let mut lead = Lead::default();
        let mut conversions = 0;
        let mut first_ids = None;
        for command in commands {
            if let Ok(events) = lead.decide(command) {
                for event in events {
                    if let LeadEvent::LeadConverted { account_id, contact_id, .. } = &event {
                        conversions += 1;
                        first_ids.get_or_insert((account_id.clone(), contact_id.clone()));
                    }
                    lead.apply(event);
                }
            }
            if let Some((account_id, contact_id)) = &first_ids {
                let now = lead.conversion().expect("still converted");
                prop_assert_eq!(&now.account_id, account_id);
                prop_assert_eq!(&now.contact_id, contact_id);
                prop_assert_eq!(lead.status(), LeadStatus::Converted);
            }
        }
        prop_assert!(conversions <= 1);
    }
}
