//! Given/when/then tests of the contact aggregate: at least one refusal per command.

use super::*;
use cqrs_es::test::TestFramework;

/// A directory that knows exactly one account, in the given status.
struct OneAccount(AccountStatus);

#[async_trait]
impl AccountDirectory for OneAccount {
    async fn account_status(&self, id: &str) -> Result<Option<AccountStatus>, String> {
        Ok((id == "acc-1").then_some(self.0))
    }
}

fn services(status: AccountStatus) -> ContactServices {
    ContactServices::new(Arc::new(OneAccount(status)))
}

fn create(account_id: &str) -> ContactCommand {
    ContactCommand::CreateContact {
        account_id: account_id.into(),
        first_name: " Thandi ".into(),
        last_name: "Nkosi".into(),
        email: Some("Thandi@Ubuntu.co.za".into()),
        phone: Some("+27 82 555 0101".into()),
        job_title: None,
    }
}

fn created() -> ContactEvent {
    ContactEvent::ContactCreated {
        account_id: "acc-1".into(),
        first_name: "Thandi".into(),
        last_name: "Nkosi".into(),
        email: Some("thandi@ubuntu.co.za".into()),
        phone: Some("+27 82 555 0101".into()),
        job_title: None,
    }
}

#[test]
fn creates_a_contact_at_an_active_account() {
    TestFramework::<Contact>::with(services(AccountStatus::Active))
        .given_no_previous_events()
        .when(create("acc-1"))
        .then_expect_events(vec![created()]);
}

#[test]
fn refuses_a_contact_at_an_unknown_account() {
    TestFramework::<Contact>::with(services(AccountStatus::Active))
        .given_no_previous_events()
        .when(create("acc-404"))
        .then_expect_error(IdentityError::AccountNotFound);
}

#[test]
fn refuses_a_contact_at_an_archived_account() {
    TestFramework::<Contact>::with(services(AccountStatus::Archived))
        .given_no_previous_events()
        .when(create("acc-1"))
        .then_expect_error(IdentityError::AccountArchived);
}

#[test]
fn refuses_a_bad_email() {
    let mut command = create("acc-1");
    if let ContactCommand::CreateContact { email, .. } = &mut command {
        *email = Some("not-an-address".into());
    }
    TestFramework::<Contact>::with(services(AccountStatus::Active))
        .given_no_previous_events()
        .when(command)
        .then_expect_error(IdentityError::InvalidEmail("not-an-address".into()));
}

#[test]
fn refuses_to_create_twice() {
    TestFramework::<Contact>::with(services(AccountStatus::Active))
        .given(vec![created()])
        .when(create("acc-1"))
        .then_expect_error(IdentityError::ContactAlreadyExists);
}

#[test]
fn updates_details_and_refuses_a_no_op() {
    let update = |job: &str| ContactCommand::UpdateContactDetails {
        first_name: "Thandi".into(),
        last_name: "Nkosi".into(),
        email: Some("thandi@ubuntu.co.za".into()),
        phone: Some("+27 82 555 0101".into()),
        job_title: Some(job.into()).filter(|j: &String| !j.is_empty()),
    };
    TestFramework::<Contact>::with(services(AccountStatus::Active))
        .given(vec![created()])
        .when(update("Quantity Surveyor"))
        .then_expect_events(vec![ContactEvent::ContactDetailsUpdated {
            first_name: "Thandi".into(),
            last_name: "Nkosi".into(),
            email: Some("thandi@ubuntu.co.za".into()),
            phone: Some("+27 82 555 0101".into()),
            job_title: Some("Quantity Surveyor".into()),
        }]);
    TestFramework::<Contact>::with(services(AccountStatus::Active))
        .given(vec![created()])
        .when(update(""))
        .then_expect_error(IdentityError::NothingChanged);
}

#[test]
fn refuses_to_update_an_unknown_contact() {
    TestFramework::<Contact>::with(services(AccountStatus::Active))
        .given_no_previous_events()
        .when(ContactCommand::UpdateContactDetails {
            first_name: "A".into(),
            last_name: "B".into(),
            email: None,
            phone: None,
            job_title: None,
        })
        .then_expect_error(IdentityError::ContactNotFound);
}

fn on(d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 4, d).expect("date")
}

fn contact_test() -> TestFramework<Contact> {
    TestFramework::<Contact>::with(services(AccountStatus::Active))
}

#[test]
fn records_roles_as_a_set_and_refuses_an_unchanged_set() {
    contact_test()
        .given(vec![created()])
        .when(ContactCommand::ChangeContactRoles {
            roles: vec![
                ContactRole::SiteAgent,
                ContactRole::Director,
                ContactRole::SiteAgent,
            ],
        })
        .then_expect_events(vec![ContactEvent::ContactRolesChanged {
            roles: vec![ContactRole::Director, ContactRole::SiteAgent],
        }]);
    contact_test()
        .given(vec![created()])
        .when(ContactCommand::ChangeContactRoles { roles: vec![] })
        .then_expect_error(IdentityError::NothingChanged);
}

#[test]
fn refuses_roles_for_an_unknown_contact() {
    contact_test()
        .given_no_previous_events()
        .when(ContactCommand::ChangeContactRoles {
            roles: vec![ContactRole::QuantitySurveyor],
        })
        .then_expect_error(IdentityError::ContactNotFound);
}

#[test]
fn changes_preferences_and_refuses_a_preferred_channel_that_is_not_allowed() {
    let prefs = CommunicationPreferences {
        email: true,
        phone: false,
        sms: false,
        whatsapp: true,
        preferred_channel: Some(Channel::Whatsapp),
    };
    contact_test()
        .given(vec![created()])
        .when(ContactCommand::ChangeCommunicationPreferences { preferences: prefs })
        .then_expect_events(vec![ContactEvent::ContactCommunicationPreferencesChanged {
            email: true,
            phone: false,
            sms: false,
            whatsapp: true,
            preferred_channel: Some(Channel::Whatsapp),
        }]);
    contact_test()
        .given(vec![created()])
        .when(ContactCommand::ChangeCommunicationPreferences {
            preferences: CommunicationPreferences {
                preferred_channel: Some(Channel::Sms),
                ..prefs
            },
        })
        .then_expect_error(IdentityError::PreferredChannelNotAllowed(Channel::Sms));
}

#[test]
fn records_consent_on_its_business_date() {
    contact_test()
        .given(vec![created()])
        .when(ContactCommand::RecordPopiaConsent {
            given: true,
            on: on(1),
        })
        .then_expect_events(vec![ContactEvent::ContactPopiaConsentGiven {
            given_on: on(1),
        }]);
    contact_test()
        .given(vec![
            created(),
            ContactEvent::ContactPopiaConsentGiven { given_on: on(1) },
        ])
        .when(ContactCommand::RecordPopiaConsent {
            given: false,
            on: on(9),
        })
        .then_expect_events(vec![ContactEvent::ContactPopiaConsentWithdrawn {
            withdrawn_on: on(9),
        }]);
}

#[test]
fn refuses_unchanged_or_backdated_consent() {
    let given = || {
        vec![
            created(),
            ContactEvent::ContactPopiaConsentGiven { given_on: on(5) },
        ]
    };
    contact_test()
        .given(given())
        .when(ContactCommand::RecordPopiaConsent {
            given: true,
            on: on(6),
        })
        .then_expect_error(IdentityError::ConsentUnchanged(true));
    contact_test()
        .given(given())
        .when(ContactCommand::RecordPopiaConsent {
            given: false,
            on: on(4),
        })
        .then_expect_error(IdentityError::ConsentDateOutOfOrder(on(5)));
}

#[test]
fn withdrawing_consent_turns_marketing_channels_off() {
    let mut contact = Contact::default();
    contact.apply(created());
    assert!(contact.marketing_channels().is_empty(), "no consent yet");
    contact.apply(ContactEvent::ContactPopiaConsentGiven { given_on: on(1) });
    assert_eq!(contact.marketing_channels(), Channel::ALL.to_vec());
    contact.apply(ContactEvent::ContactPopiaConsentWithdrawn {
        withdrawn_on: on(2),
    });
    assert!(contact.marketing_channels().is_empty());
    assert_eq!(contact.consent(), PopiaConsent::Withdrawn(on(2)));
}
